import DLintCore

/// DL3058: an `email` label of the schema holds an RFC 5322 mailbox: `user@example.com`, or
/// `Display Name <user@example.com>` as `maintainer` labels are often written.
struct InvalidEmailLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3058", name: "invalid-email-label", severity: .warning,
        summary: "A label the label schema types as email is not an email address"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .email, isValid: Self.isMailbox) { key, value in
            "Label '\(key)' is not an email address: '\(value)'"
        }
    }

    /// RFC 5322 `mailbox`: an `addr-spec`, or one in angle brackets after an optional display name.
    static func isMailbox(_ text: String) -> Bool {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return isAddress(Substring(text)) }
        var name = text[..<open].drop { $0 == " " || $0 == "\t" }
        while name.last == " " || name.last == "\t" { name.removeLast() }
        let address = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return (name.isEmpty || isDisplayName(name)) && isAddress(address)
    }

    /// `local-part "@" domain`: a dot-atom or a quoted string, then host name labels or a
    /// bracketed literal.
    static func isAddress(_ text: Substring) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard isDotAtom(local) || isQuotedString(local), local.utf8.count <= 64 else { return false }
        if domain.hasPrefix("[") && domain.hasSuffix("]") && domain.count > 2 {
            return domain.dropFirst().dropLast().allSatisfy { $0.isASCII && !$0.isWhitespace && !"[]\\".contains($0) }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return domain.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0 == "-" || $0.isLetter || $0.isNumber }
        }
    }

    /// Printable ASCII other than specials, and any non-ASCII character (RFC 6532).
    private static func isAtomText(_ character: Character) -> Bool {
        guard character.isASCII else { return !character.isWhitespace }
        return character.isLetter || character.isNumber || "!#$%&'*+-/=?^_`{|}~".contains(character)
    }

    private static func isDotAtom(_ text: Substring) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAtomText) }
    }

    private static func isQuotedString(_ text: Substring) -> Bool {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return false }
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" || (character.isASCII && character.isNewline) { return false }
        }
        return !escaped
    }

    /// A phrase: words of atom text or quoted strings, with the dots RFC 5322 still accepts
    /// (`John Q. Public`).
    private static func isDisplayName(_ text: Substring) -> Bool {
        if isQuotedString(text) { return true }
        return text.allSatisfy { isAtomText($0) || $0 == " " || $0 == "\t" || $0 == "." }
    }
}
