import DLintCore

/// SC2046: an unquoted `$(…)` or backtick substitution where the shell splits and globs its output.
struct UnquotedCommandSubstitution: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2046", name: "unquoted-command-substitution", severity: .warning,
        summary: "Quote command substitutions to prevent word splitting",
        fixable: true
    )

    /// Commands whose output is meant to be split (ShellCheck's list).
    static let splitOutput: Set<String> = ["seq", "pgrep"]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "$"), UInt8(ascii: "`")) {
            let dialect = ShellExpansionDialect.of(run)
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.role.splits(in: dialect) else { continue }
                for part in use.word.parts {
                    guard case .commandSubstitution(let substitution) = part, !substitution.script.items.isEmpty else { continue }
                    let program = substitution.script.simpleCommands.first?.commandName
                    if let program, Self.splitOutput.contains(PathText.basename(program)) { continue }
                    let text = use.source.string(substitution.range)
                    // Without its `)` the closing quote would land inside the substitution, where it
                    // opens a string instead of closing one (and every nesting level would put its
                    // quote at the same offset, one level per rewriter round).
                    let fix = substitution.isClosed
                        ? Fix(title: "Quote the command substitution", applicability: .unsafe, edits: use.source.quoting(substitution.range))
                        : nil
                    findings.append(Finding(
                        "Quote '\(Self.abbreviated(text))' to prevent word splitting",
                        at: use.source.fileRange(of: substitution.range), fix: fix
                    ))
                }
            }
        }
        return findings
    }

    /// A long substitution shown by its start.
    static func abbreviated(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return oneLine.count > 40 ? String(oneLine.prefix(37)) + "…" : oneLine
    }
}
