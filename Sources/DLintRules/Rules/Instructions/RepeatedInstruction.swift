import DLintCore

/// CMD, ENTRYPOINT and HEALTHCHECK set one value of the image configuration: in a stage, each
/// replaces the one before, and only the last takes effect.
enum RepeatedInstruction {
    /// A finding on each instruction of `kind` that a later one in the same stage replaces, as
    /// BuildKit's MultipleInstructionsDisallowed reports them (hadolint reports the later ones).
    static func findings(of kind: InstructionKind, in context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        // Instructions before the first FROM (a broken file) are taken as one more stage.
        let beforeFirstStage = 0..<(model.stages.first?.fromIndex ?? model.instructions.count)
        for group in [beforeFirstStage] + model.stages.map(\.instructionIndices) {
            let indices = group.filter { model.instructions[$0].kind == kind }
            for (earlier, later) in zip(indices, indices.dropFirst()) {
                let line = context.tree.location(of: model.instructions[later].range.lowerBound).line
                let keyword = kind.rawValue.uppercased()
                findings.append(Finding(
                    "This \(keyword) has no effect: the \(keyword) on line \(line) replaces it, as only the last \(keyword) of a stage takes effect",
                    at: model.instructions[earlier].range
                ))
            }
        }
        return findings
    }
}
