import DLintCore

/// SC2230: `which` is an external program that differs between systems (and is missing from
/// some images); `command -v` is the shell's own lookup.
struct WhichCommand: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2230", name: "which-command", severity: .style,
        summary: "which is non-standard: use builtin 'command -v' instead",
        fixable: true, enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands(mayRun: ["which"]) {
            let simple = command.command
            guard let invocation = simple.effectiveCommand, invocation.commandName == "which" else { continue }
            let range = command.fileRange(trimmedOf: invocation.name)
            // `command` is a builtin: not behind sudo or env; and `which -a` has no counterpart.
            let fixable = invocation.wrappers.isEmpty && !invocation.arguments.isEmpty
                && invocation.arguments.allSatisfy { !($0.literalValue ?? "").hasPrefix("-") }
            findings.append(Finding(
                "which is non-standard: use builtin 'command -v' instead",
                at: range,
                fix: fixable ? Fix(title: "Replace `which` with `command -v`", applicability: .unsafe, edits: [
                    TextEdit(range: range, replacement: "command -v"),
                ]) : nil
            ))
        }
        return findings
    }
}
