import DLintCore

/// Helpers that write replacement text in the file's own style.
enum FixText {
    /// `text` in the case style of `keyword` as written (`RUN`, `run`, `Run`).
    static func matchingCase(_ text: String, of keyword: String) -> String {
        if keyword == keyword.lowercased() { return text.lowercased() }
        if keyword == keyword.uppercased() { return text.uppercased() }
        return text.prefix(1).uppercased() + text.dropFirst().lowercased()
    }

    /// A double-quoted Dockerfile word whose value is `value` literally: quotes, the escape
    /// character and `$` are escaped with the file's escape character.
    static func quoted(_ value: String, escape: UInt8) -> String {
        let escapeCharacter = Character(UnicodeScalar(escape))
        var output = "\""
        for character in value {
            if character == "\"" || character == "$" || character == escapeCharacter { output.append(escapeCharacter) }
            output.append(character)
        }
        return output + "\""
    }
}
