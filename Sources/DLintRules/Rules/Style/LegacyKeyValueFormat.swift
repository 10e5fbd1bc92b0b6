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
        let hasBlanks = value.contains { $0 == " " || $0 == "\t" }
        let isQuotedWhole = value.count >= 2 && value.first == "\"" && value.last == "\""
            && !value.dropFirst().dropLast().contains { $0 == "\"" || $0 == escapeCharacter }
        if isQuotedWhole || (!hasBlanks && !value.contains { "\"'".contains($0) || $0 == escapeCharacter }) {
            return Fix(title: "Write \(pair.key.text)=\(value)", applicability: .safe, edits: [TextEdit(range: separator, replacement: "=")])
        }
        guard !value.contains(where: { "\"'".contains($0) || $0 == escapeCharacter }) else { return nil }
        return Fix(
            title: "Write \(pair.key.text)=\"\(value)\"", applicability: .safe,
            edits: [
                TextEdit(range: separator, replacement: "=\""),
                TextEdit(range: pair.value.range.upperBound..<pair.value.range.upperBound, replacement: "\""),
            ]
        )
    }
}
