import DLintCore

/// SC1007: `NAME= value cmd` sets `NAME` to the empty string for `value`, run as a command; a
/// space after `=` is usually a typo for `NAME=value`. `IFS= read` and other empty assignments
/// before a command name that is a known program are the idiom, not the typo, and are left alone
/// when the variable is `IFS`.
struct SpaceAfterEquals: Rule {
    let descriptor = RuleDescriptor(
        code: "SC1007", name: "space-after-equals", severity: .warning,
        summary: "Remove the space after = if trying to assign a value (for an empty string, use NAME='')"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "=")) {
            for event in context.model.shellEvents(of: run) {
                guard case .assignment(let use) = event, use.value == nil, use.name != "IFS",
                      let command = use.command,
                      let assignment = command.assignments.first(where: { $0.nameRange == use.nameRange }),
                      !assignment.isAppend else { continue }
                let end = assignment.range.upperBound
                let text = use.source.text
                guard end < text.count, text[end] == UInt8(ascii: " ") || text[end] == UInt8(ascii: "\t"),
                      command.words.contains(where: { $0.range.lowerBound > end })
                        || command.assignments.contains(where: { $0.range.lowerBound > end }) else { continue }
                findings.append(Finding(
                    "Remove the space after '\(use.name)=' if trying to assign a value (for an empty string, use \(use.name)='')",
                    at: use.source.fileRange(of: assignment.range.lowerBound..<(end + 1))
                ))
            }
        }
        return findings
    }
}
