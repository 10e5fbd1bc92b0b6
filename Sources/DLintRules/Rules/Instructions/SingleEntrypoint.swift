import DLintCore

/// DL4004: only the last ENTRYPOINT of a stage takes effect.
struct SingleEntrypoint: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4004", name: "single-entrypoint", severity: .error,
        summary: "Multiple ENTRYPOINT instructions found: only the last ENTRYPOINT takes effect"
    )

    func check(_ context: RuleContext) -> [Finding] {
        RepeatedInstruction.findings(of: .entrypoint, in: context)
    }
}
