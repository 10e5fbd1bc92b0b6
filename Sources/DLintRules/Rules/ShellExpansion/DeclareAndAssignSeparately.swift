import DLintCore

/// SC2155: `export NAME=$(cmd)` (or `local`, `declare`, `typeset`, `readonly`) returns the
/// status of `export`, not of `cmd`: a failing `cmd` no longer stops `set -e` or an `&&` chain.
struct DeclareAndAssignSeparately: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2155", name: "declare-and-assign-separately", severity: .warning,
        summary: "Declare and assign separately to avoid masking return values"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "$"), UInt8(ascii: "`")) {
            for event in context.model.shellEvents(of: run) {
                guard case .assignment(let assignment) = event, case .declaration(let command) = assignment.kind,
                      let word = assignment.value, Self.hasCommandSubstitution(word.parts) else { continue }
                // `local -r x=$(…)`: the workaround (`local x; x=$(…); local -r x`) is as awkward (ShellCheck).
                if ["local", "declare", "typeset"].contains(command),
                   assignment.command?.words.dropFirst().compactMap(\.literalValue)
                       .contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("r") }) == true { continue }
                findings.append(Finding(
                    "Declare and assign '\(assignment.name)' separately to avoid masking the return value of the command substitution",
                    at: assignment.source.fileRange(of: word.range)
                ))
            }
        }
        return findings
    }

    static func hasCommandSubstitution(_ parts: [WordPart]) -> Bool {
        parts.contains { part in
            switch part {
            case .commandSubstitution: true
            case .doubleQuoted(let inner, _): hasCommandSubstitution(inner)
            default: false
            }
        }
    }
}
