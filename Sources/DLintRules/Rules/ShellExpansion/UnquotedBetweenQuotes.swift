import DLintCore

/// SC2026: `'var='value';'`: a word right after a single-quoted string, outside the quotes —
/// usually single quotes meant to be nested inside single quotes, which ends the first string.
struct UnquotedBetweenQuotes: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2026", name: "unquoted-between-quotes", severity: .info,
        summary: "This word is outside of quotes: did you intend to 'nest '\"'single quotes'\"' instead'?"
    )

    /// Where ShellCheck's unquoted literal ends: its quotable, glob and brace characters.
    private static let literalEnd: Set<Character> = [
        "|", "&", ";", "<", ">", "(", ")", "\\", " ", "'", "\t", "\n", "\r", "\u{A0}", "\"", "$", "`",
        "[", "{", "}", "?", "*", "@", "!", "+", "\u{201C}", "\u{201D}", "\u{2033}", "\u{2036}", "\u{2018}", "\u{2019}",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "'")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.isReadAsShellCheckReadsIt(keptBeforeParseError: false) else { continue }
                let parts = use.word.parts
                for (index, part) in parts.enumerated().dropLast() {
                    guard case .singleQuoted = part, let (text, range) = Self.literal(after: index, in: parts),
                          !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
                    findings.append(Finding(
                        "'\(text)' is outside of quotes: did you intend to 'nest '\"'single quotes'\"' instead'?",
                        at: use.source.fileRange(of: range)
                    ))
                }
            }
        }
        return findings
    }

    /// ShellCheck's literal token after the part at `index`: unquoted text and escaped characters
    /// up to the first character that ends a literal, and its range.
    static func literal(after index: Int, in parts: [WordPart]) -> (String, Range<Int>)? {
        var text = ""
        var range: Range<Int>?
        for part in parts[(index + 1)...] {
            switch part {
            case .literal(let value, let partRange):
                var length = 0
                for character in value {
                    if literalEnd.contains(character) { break }
                    text.append(character)
                    length += character.utf8.count
                }
                let end = partRange.lowerBound + length
                range = (range?.lowerBound ?? partRange.lowerBound)..<end
                if length < value.utf8.count { return range.map { (text, $0) } }
            case .escaped(let value, let partRange):
                text += value
                range = (range?.lowerBound ?? partRange.lowerBound)..<partRange.upperBound
            default:
                return range.map { (text, $0) }
            }
        }
        return range.map { (text, $0) }
    }
}
