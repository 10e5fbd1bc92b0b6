import DLintCore

/// DX1003: in a multi-stage file, stages are referred to by name, and every stage that is not the
/// last one has a name.
struct NamedStages: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1003", name: "named-stages", severity: .warning,
        summary: "Name build stages and refer to them by name, not by index"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard model.stages.count > 1 else { return [] }
        var findings: [Finding] = []
        for reference in model.stageReferences where reference.isIndex {
            let written = context.tree.text(of: reference.optionRange)
            switch (reference.kind, reference.target) {
            case (.copyFrom, _):
                // A missing index is copy-from-known-stage's business.
                guard let index = reference.stage else { continue }
                findings.append(Finding(
                    "'\(written)' refers to stage \(index) by its index: name the stage and use its name",
                    at: reference.optionRange
                ))
            case (.mountFrom, _):
                guard let number = reference.value.flatMap({ Int($0) }), number < model.stages.count else { continue }
                findings.append(Finding(
                    "'\(written)' does not refer to stage \(number): BuildKit reads a mount's 'from' as a stage name or an image, never an index; name the stage and use its name",
                    at: reference.optionRange
                ))
            case (.baseImage, _):
                guard let number = reference.value.flatMap({ Int($0) }), number < reference.stageIndex else { continue }
                findings.append(Finding(
                    "'FROM \(written)' does not refer to stage \(number): BuildKit reads it as an image named '\(written)'; name the stage and use its name",
                    at: reference.optionRange
                ))
            default:
                continue
            }
        }
        for stage in model.stages.dropLast() where stage.name == nil {
            guard let clause = model.instructions[stage.fromIndex].fromClause else { continue }
            findings.append(Finding(
                "Stage \(stage.index) ('FROM \(clause.image.text)') has no name: add 'AS <name>'",
                at: clause.image.range
            ))
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
