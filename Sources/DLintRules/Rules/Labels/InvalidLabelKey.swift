import DLintCore

/// DL3048: label keys follow Docker's guidelines: lower-case reverse-DNS names outside the
/// namespaces Docker reserves.
struct InvalidLabelKey: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3048", name: "invalid-label-key", severity: .style,
        summary: "Label keys are lower-case letters, digits, dots and dashes, outside Docker's reserved namespaces"
    )

    static let reservedNamespaces = ["com.docker.", "io.docker.", "org.dockerproject."]

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.entries(in: context.model).compactMap { entry in
            guard let key = entry.key, let problem = Self.problem(with: key) else { return nil }
            return Finding("Label key '\(key)' is invalid: \(problem)", at: entry.pair.key.range)
        }
    }

    /// What is wrong with a key, or nil when it is valid.
    static func problem(with key: String) -> String? {
        func isLowercaseLetter(_ character: Character) -> Bool { ("a"..."z").contains(character) }
        func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
        guard let first = key.first, let last = key.last else { return "it is empty" }
        if let namespace = reservedNamespaces.first(where: key.hasPrefix) {
            return "the namespace '\(namespace.dropLast())' is reserved by Docker"
        }
        if let character = key.first(where: { !isLowercaseLetter($0) && !isDigit($0) && $0 != "." && $0 != "-" }) {
            return "'\(character)' is not allowed (use lower-case letters, digits, '.' and '-')"
        }
        if !isLowercaseLetter(first) { return "it must start with a lower-case letter" }
        if !isLowercaseLetter(last) && !isDigit(last) { return "it must end with a lower-case letter or a digit" }
        if key.contains("..") || key.contains("--") { return "it has consecutive separators" }
        return nil
    }
}
