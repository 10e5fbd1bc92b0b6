import DLintCore

/// DL1001: ignores belong in the configuration file, where they are reviewed in one place,
/// rather than in comments spread over Dockerfiles. Off by default, as in hadolint.
struct NoInlineIgnore: Rule {
    let descriptor = RuleDescriptor(
        code: "DL1001", name: "no-inline-ignore", severity: .info,
        summary: "An inline ignore pragma; keep ignores in the configuration file",
        enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        Suppressions.pragmaComments(in: context.tree).map { pragma in
            let text = context.tree.text(of: pragma.range)
            return Finding("Inline ignore pragma '\(text)': configure ignores in the configuration file instead", at: pragma.range)
        }
    }
}
