import DLintCore

/// DL1001: ignores belong in the configuration file, where they are reviewed in one place,
/// rather than in comments spread over Dockerfiles. Off unless given a severity.
struct NoInlineIgnore: Rule {
    let descriptor = RuleDescriptor(
        code: "DL1001", name: "no-inline-ignore", severity: .info,
        summary: "An inline ignore pragma; keep ignores in the configuration file (off by default)"
    )

    func check(_ context: RuleContext) -> [Finding] {
        // hadolint's `ignore` severity: the rule runs only when the configuration names it.
        guard context.settings.configuredSeverities.contains(descriptor.code) else { return [] }
        return Suppressions.pragmaComments(in: context.tree).map { pragma in
            let text = context.tree.text(of: pragma.range)
            return Finding("Inline ignore pragma '\(text)': configure ignores in the configuration file instead", at: pragma.range)
        }
    }
}
