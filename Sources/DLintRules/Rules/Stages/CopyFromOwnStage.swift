import DLintCore

/// DL3023: `COPY --from` (or a `RUN --mount` `from=`) names the stage it is written in.
struct CopyFromOwnStage: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3023", name: "copy-from-own-stage", severity: .error,
        summary: "COPY --from cannot reference its own FROM alias"
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.stageReferences.compactMap { reference in
            // A mount's `from=0` is an image name to BuildKit, not an index: named-stages reports it.
            guard reference.kind != .baseImage, reference.target == .ownStage,
                  !(reference.kind == .mountFrom && reference.isIndex) else { return nil }
            let written = context.tree.text(of: reference.optionRange)
            return Finding(
                "'\(written)' refers to the stage it is written in (stage \(reference.stageIndex)): a stage cannot copy from itself",
                at: reference.valueRange
            )
        }
    }
}
