import DLintCore

/// DL3055: a `hash` label of the schema holds a git commit hash.
struct InvalidHashLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3055", name: "invalid-hash-label", severity: .warning,
        summary: "A label the label schema types as hash is not a git commit hash"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .hash, isValid: Self.isCommitHash) { key, value in
            "Label '\(key)' is not a git commit hash: '\(value)'"
        }
    }

    /// Lower-case hexadecimal, as git prints it: an abbreviated (7 to 39 digits) or full SHA-1
    /// name (40), or a SHA-256 one (64).
    static func isCommitHash(_ text: String) -> Bool {
        let count = text.utf8.count
        guard (7...40).contains(count) || count == 64 else { return false }
        return text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
