// The RUNs declared by `ONBUILD RUN`, which run in the builds of child images.

extension DockerfileModel {
    /// Each `ONBUILD RUN` trigger, parsed as a RUN with the state of the stage that declares it
    /// (its shell is the best guess for the child build's). The `instructionIndex` is the
    /// `ONBUILD`'s. Parsed on each call: triggers are rare.
    public var triggerRuns: [RunInstruction] {
        instructions.indices.compactMap { index in
            guard let trigger = instructions[index].trigger, trigger.kind == .run else { return nil }
            return RunInstruction(instructionIndex: index, instruction: trigger, state: states[index], tree: tree)
        }
    }
}
