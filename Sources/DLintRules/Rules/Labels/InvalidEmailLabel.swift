import DLintCore

/// DL3058: an `email` label of the schema holds RFC 5322 mailboxes: `user@example.com`, or
/// `Display Name <user@example.com>` as `maintainer` labels are often written, several of them
/// separated by commas, with `(comments)`.
struct InvalidEmailLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3058", name: "invalid-email-label", severity: .warning,
        summary: "A label the label schema types as email is not an email address"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .email, isValid: Self.isMailboxList) { key, value in
            "Label '\(key)' is not an email address: '\(value)'"
        }
    }

    /// RFC 5322 `mailbox-list`: mailboxes separated by commas outside quotes and angle brackets,
    /// `(comments)` outside quotes ignored.
    static func isMailboxList(_ text: String) -> Bool {
        var mailboxes: [String] = [""]
        var inQuotes = false, inAngles = false, escaped = false, commentDepth = 0
        for character in text {
            if escaped { escaped = false; mailboxes[mailboxes.count - 1].append(character); continue }
            if inQuotes {
                if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
                mailboxes[mailboxes.count - 1].append(character)
                continue
            }
            if commentDepth > 0 {
                if character == "(" { commentDepth += 1 } else if character == ")" { commentDepth -= 1 }
                continue
            }
            switch character {
            case "(": commentDepth = 1; continue
            case ")": return false
            case "\"": inQuotes = true
            case "<": inAngles = true
            case ">": inAngles = false
            case "," where !inAngles: mailboxes.append(""); continue
            default: break
            }
            mailboxes[mailboxes.count - 1].append(character)
        }
        guard !inQuotes, commentDepth == 0 else { return false }
        return mailboxes.allSatisfy { mailbox in
            var trimmed = Substring(mailbox).drop { $0 == " " || $0 == "\t" }
            while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
            return isMailbox(String(trimmed))
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
