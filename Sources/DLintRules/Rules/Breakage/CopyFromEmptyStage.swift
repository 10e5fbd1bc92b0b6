import DLintCore

/// DX1205: `COPY --from` a stage that holds no files: it is built `FROM scratch` (directly or
/// through its parents) and nothing in that chain adds any, so every source is "not found". A
/// stage that is nothing but `FROM scratch AS name` is left alone: it is the usual placeholder
/// for a named build context (`--build-context name=dir`, Bake `contexts`), which replaces it.
struct CopyFromEmptyStage: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1205", name: "copy-from-empty-stage", severity: .error,
        summary: "Do not COPY --from a stage that produces no files"
    )

    /// Instructions that put files into a stage.
    static let producingKinds: Set<InstructionKind> = [.copy, .add, .run, .workdir]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for reference in model.stageReferences where reference.kind == .copyFrom || reference.kind == .mountFrom {
            guard case .earlierStage(let index) = reference.target else { continue }
            let chain = model.stageChain(from: index)
            guard let root = chain.last, model.stages[root].baseImage.isScratch else { continue }
            let producesFiles = chain.contains { stage in
                model.stages[stage].instructionIndices.contains { Self.producingKinds.contains(model.instructions[$0].kind) }
            }
            let isPlaceholder = chain.allSatisfy { model.stages[$0].instructionIndices.count == 1 }
            guard !producesFiles, !isPlaceholder else { continue }
            let name = model.stages[index].name?.text ?? String(index)
            findings.append(Finding(
                "Stage '\(name)' is built FROM scratch and adds no files, so there is nothing to copy from it",
                at: reference.valueRange
            ))
        }
        return findings
    }
}
