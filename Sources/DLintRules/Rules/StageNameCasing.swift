import DLintCore

/// DX1005: a stage name with upper-case letters (BuildKit's `StageNameCasing`).
struct StageNameCasing: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1005", name: "stage-name-casing", severity: .warning,
        summary: "Stage names should be lowercase",
        aliases: ["StageNameCasing"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.stages.compactMap { stage in
            guard let name = stage.name, name.text != name.text.lowercased() else { return nil }
            return Finding("Stage name '\(name.text)' should be lowercase ('\(name.text.lowercased())')", at: name.range)
        }
    }
}
