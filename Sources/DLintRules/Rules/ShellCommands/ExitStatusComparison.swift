import DLintCore

/// SC2181: `cmd; if [ $? -ne 0 ]` tests the command's status through `$?`, which any command in
/// between (a debugging `echo`) changes; `if ! cmd` tests it directly.
struct ExitStatusComparison: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2181", name: "exit-status-comparison", severity: .style,
        summary: "Check exit code directly with e.g. 'if mycmd;', not indirectly with $?"
    )

    private static let binaryOperators: Set<String> = [
        "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "=", "==", "!=", "<", ">", "=~",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // `$?` is compared: a RUN without a `?` compares none.
        for command in context.model.shellCheckCommands(inRunsMentioning: UInt8(ascii: "?")) {
            let simple = command.command
            // Only a test that is the whole expression: `[ $? -eq 0 || -e x ]` is not rewritten easily.
            guard let test = TestExpression(simple) else { continue }
            let core = Array(test.core)
            guard core.count == 3, let op = core[1].literalValue, Self.binaryOperators.contains(op) else { continue }
            let status: Word
            let forSuccess: Bool
            if core[0].isExitStatus, core[2].literalValue == "0" {
                status = core[0]
                forSuccess = !["-gt", "-ne", "!="].contains(op)
            } else if core[2].isExitStatus, core[0].literalValue == "0" {
                status = core[2]
                forSuccess = !["-ne", "!="].contains(op)
            } else {
                continue
            }
            findings.append(Finding(
                "Check exit code directly with e.g. 'if \(forSuccess ? "" : "! ")mycmd;', not indirectly with '\(command.text(status.range))'",
                at: command.fileRange(trimmedOf: status)
            ))
        }
        return findings
    }
}
