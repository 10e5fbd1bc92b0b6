import DLintCore

/// SC1003: `'it\'s'`: a backslash does not escape inside single quotes, so the `'` after it
/// ends the string. The `'\''` idiom (close, escaped quote, reopen) is how it is done.
struct EscapedSingleQuote: Rule {
    let descriptor = RuleDescriptor(
        code: "SC1003", name: "escaped-single-quote", severity: .info,
        summary: "Want to escape a single quote? echo 'This is how it'\\''s done'"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "\\")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.isReadAsShellCheckReadsIt(keptBeforeParseError: true) else { continue }
                for part in use.word.parts {
                    guard case .singleQuoted(let content, let range) = part, content.hasSuffix("\\"),
                          range.count >= 2 else { continue }
                    // The backslash and the quote that closes the string.
                    findings.append(Finding(
                        "Want to escape a single quote? echo 'This is how it'\\''s done' (the \\' here ends the string)",
                        at: use.source.fileRange(of: (range.upperBound - 2)..<range.upperBound)
                    ))
                }
            }
        }
        return findings
    }
}
