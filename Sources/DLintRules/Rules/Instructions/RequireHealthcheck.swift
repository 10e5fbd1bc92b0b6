import DLintCore

/// DL3057: an image meant to run should say how to tell that it is healthy. Off by default, as
/// in hadolint: many images are run by orchestrators with their own probes.
struct RequireHealthcheck: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3057", name: "require-healthcheck", severity: .info,
        summary: "HEALTHCHECK instruction missing",
        enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        // Stages another stage builds on or copies from are steps; the others are images to run.
        let used = Set(model.stages.flatMap(\.dependencies))
        // Per stage: whether it or a stage it is built on (earlier in the file) has a HEALTHCHECK.
        var hasHealthcheck: [Bool] = []
        for stage in model.stages {
            let own = stage.instructionIndices.contains { model.instructions[$0].kind == .healthcheck }
            hasHealthcheck.append(own || (stage.parentStage.map { hasHealthcheck[$0] } ?? false))
        }
        return model.stages.filter { !used.contains($0.index) && !hasHealthcheck[$0.index] }.map { stage in
            let from = model.instructions[stage.fromIndex]
            let image = from.fromClause?.image.text ?? ""
            return Finding("The image built FROM '\(image)' has no HEALTHCHECK", at: from.keyword.range)
        }
    }
}
