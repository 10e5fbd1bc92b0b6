import DLintCore

/// SC1001: `\o` outside quotes, where the backslash does nothing (`o` is not special), so the
/// shell passes a plain `o`; usually a regex or path escape (`grep \s`, `sed s/\//x/`) meant
/// for the program, which it never gets.
struct MeaninglessEscape: Rule {
    let descriptor = RuleDescriptor(
        code: "SC1001", name: "meaningless-escape", severity: .info,
        summary: "This \\o will be a regular 'o' in this context"
    )

    /// Characters a backslash escapes with a purpose, or harmlessly, outside quotes (ShellCheck's
    /// `quotableChars` and the glob and brace characters); `\n`, `\t` and `\r` are SC1012.
    static let purposeful: Set<Character> = [
        "|", "&", ";", "<", ">", "(", ")", "\\", " ", "'", "\t", "\n", "\r", "\u{A0}", "\u{200B}", "\"", "$", "`",
        "?", "*", "@", "!", "+", "[", "]", "{", "}", ".", ",", "~", "#", "n", "t", "r",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "\\")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.isReadAsShellCheckReadsIt(keptBeforeParseError: false) else { continue }
                for part in use.word.parts {
                    guard case .escaped(let character, let range) = part, let escaped = character.first,
                          character.count == 1, !Self.purposeful.contains(escaped) else { continue }
                    findings.append(Finding(
                        "This \\\(character) will be a regular '\(character)' in this context",
                        at: use.source.fileRange(of: range)
                    ))
                }
            }
        }
        return findings
    }
}
