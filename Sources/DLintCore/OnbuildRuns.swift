extension DockerfileModel {
    /// The `ONBUILD RUN` triggers of the file, read as RUNs (with the SHELL in effect where the
    /// `ONBUILD` is written). Not part of `runs`: they run in images built `FROM` this one, where
    /// this file's stages, `USER` and `ARG`s no longer apply. Parsed on each call: few files have any.
    public var onbuildRuns: [RunInstruction] {
        tree.instructions.indices.compactMap { index in
            guard let trigger = tree.instructions[index].trigger, trigger.kind == .run else { return nil }
            return RunInstruction(instructionIndex: index, instruction: trigger, state: states[index], tree: tree)
        }
    }
}
