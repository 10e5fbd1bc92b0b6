import DLintCore

/// DX1207: an unnamed stage that the final stage does not use, directly or through other
/// stages. BuildKit skips it, and without a name no `--target` can build it either: it is dead
/// code (often a leftover of an edit). Named stages may be build targets, so they are left alone.
struct UnreachableStage: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1207", name: "unreachable-stage", severity: .info,
        summary: "Remove stages that no build target reaches"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard let final = model.finalStage else { return [] }
        var reached: Set<Int> = [final.index]
        var pending = [final.index]
        while let stage = pending.popLast() {
            for dependency in model.stages[stage].dependencies where reached.insert(dependency).inserted { pending.append(dependency) }
        }
        // Stage references whose value is unknown (`--from=$X`) may reach any stage.
        if model.stageReferences.contains(where: { $0.target == .unknown && $0.kind != .baseImage }) { return [] }
        return model.stages.filter { !reached.contains($0.index) && $0.name == nil }.map { stage in
            let from = model.instructions[stage.fromIndex]
            return Finding(
                "Stage \(stage.index) is never used by the final stage and has no name a --target could build, so BuildKit skips it",
                at: from.keyword.range
            )
        }
    }
}
