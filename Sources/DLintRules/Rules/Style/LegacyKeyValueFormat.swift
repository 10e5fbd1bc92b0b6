import DLintCore

/// DX1012: `ENV key value` and `LABEL key value` are the legacy, whitespace-separated forms.
struct LegacyKeyValueFormat: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1012", name: "legacy-key-value-format", severity: .warning,
        summary: "Use KEY=value in ENV and LABEL", aliases: ["LegacyKeyValueFormat"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let escape = context.tree.escapeCharacter
        return context.model.instructions.compactMap { instruction in
            guard instruction.kind == .env || instruction.kind == .label,
                  case .keyValues(let pairs) = instruction.arguments,
                  let pair = pairs.first, pair.separator == .whitespace else { return nil }
            return Finding(
                "'\(instruction.keyword.text.uppercased()) \(pair.key.text) \(pair.value.text)' uses the legacy format: write \(pair.key.text)=value",
                at: pair.key.range, fix: Self.fix(pair, escape: escape)
            )
        }
    }

    /// The legacy value is the rest of the line. It becomes `KEY=value` when it is one word, or
    /// `KEY="the value"` when it holds blanks; values with quotes or escapes are left to a person,
    /// because quoting them again could change what they mean.
    static func fix(_ pair: KeyValuePair, escape: UInt8) -> Fix? {
        let value = pair.value.text
        let separator = pair.key.range.upperBound..<pair.value.range.lowerBound
        let escapeCharacter = Character(UnicodeScalar(escape))
        let hasBlanks: Bool, isQuotedWhole: Bool, hasQuoteOrEscape: Bool
        let bytes = value.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII, as nearly every value is: the same tests on the bytes (each byte a character
            // but CR LF, which none of the tests matches either way) without walking characters.
            hasBlanks = bytes.contains { $0 == 0x20 || $0 == 0x09 }
            isQuotedWhole = bytes.count >= 2 && bytes.first == UInt8(ascii: "\"") && bytes.last == UInt8(ascii: "\"")
                && !bytes.dropFirst().dropLast().contains { $0 == UInt8(ascii: "\"") || $0 == escape }
            hasQuoteOrEscape = bytes.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == escape }
        } else {
            hasBlanks = value.contains { $0 == " " || $0 == "\t" }
            isQuotedWhole = value.count >= 2 && value.first == "\"" && value.last == "\""
                && !value.dropFirst().dropLast().contains { $0 == "\"" || $0 == escapeCharacter }
            hasQuoteOrEscape = value.contains { "\"'".contains($0) || $0 == escapeCharacter }
        }
        if isQuotedWhole || (!hasBlanks && !hasQuoteOrEscape) {
            return Fix(title: "Write \(pair.key.text)=\(value)", applicability: .safe, edits: [TextEdit(range: separator, replacement: "=")])
        }
        guard !hasQuoteOrEscape else { return nil }
        return Fix(
            title: "Write \(pair.key.text)=\"\(value)\"", applicability: .safe,
            edits: [
                TextEdit(range: separator, replacement: "=\""),
                TextEdit(range: pair.value.range.upperBound..<pair.value.range.upperBound, replacement: "\""),
            ]
        )
    }
}
