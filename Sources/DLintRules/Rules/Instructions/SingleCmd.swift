import DLintCore

/// DL4003: only the last CMD of a stage takes effect.
struct SingleCmd: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4003", name: "single-cmd", severity: .warning,
        summary: "Multiple CMD instructions found: only the last CMD takes effect"
    )

    func check(_ context: RuleContext) -> [Finding] {
        RepeatedInstruction.findings(of: .cmd, in: context)
    }
}
