import DLintCore

/// DL3012: only the last HEALTHCHECK of a stage takes effect.
struct SingleHealthcheck: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3012", name: "single-healthcheck", severity: .error,
        summary: "Multiple HEALTHCHECK instructions"
    )

    func check(_ context: RuleContext) -> [Finding] {
        RepeatedInstruction.findings(of: .healthcheck, in: context)
    }
}
