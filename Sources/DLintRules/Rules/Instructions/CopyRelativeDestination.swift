import DLintCore

/// DL3045: a relative destination is resolved against the WORKDIR, which the file has not set:
/// it is the base image's, which the Dockerfile does not control.
struct CopyRelativeDestination: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3045", name: "copy-relative-destination", severity: .warning,
        summary: "COPY to a relative destination without WORKDIR set"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        let workdirs = StageWorkdirs(model)
        var findings: [Finding] = []
        for (index, transfer, isTrigger) in FileTransfer.all(in: model) {
            let state = model.states[index]
            // A variable whose value is unknown may well hold an absolute path: say nothing.
            guard let destination = transfer.value(of: transfer.destination, in: state.variables, escape: escape),
                  !AbsoluteWorkdir.isAbsolute(destination) else { continue }
            let workdirIsSet = isTrigger ? workdirs.triggerSeesWorkdir(at: index) : state.workingDirectory != .baseImage
            guard !workdirIsSet else { continue }
            let keyword = transfer.instruction.kind.rawValue.uppercased()
            findings.append(Finding(
                "\(keyword) to the relative destination '\(transfer.destination.text)' without a WORKDIR: it depends on the base image's working directory",
                at: transfer.destination.range
            ))
        }
        return findings
    }

    /// An `ONBUILD COPY` runs in the build of a child image, after the triggers before it, in the
    /// WORKDIR this stage ends with. It sees a WORKDIR when this stage (or one it is built on)
    /// sets one, or an earlier `ONBUILD WORKDIR` does.
    struct StageWorkdirs {
        let model: DockerfileModel
        /// Per stage: whether it or a stage it is built on has a WORKDIR, plain or as a trigger.
        let chainHasWorkdir: [Bool]
        let hasPlainWorkdir: [Bool]
        let firstTriggerWorkdir: [Int?]

        init(_ model: DockerfileModel) {
            self.model = model
            var chainHasWorkdir: [Bool] = []
            var hasPlainWorkdir: [Bool] = []
            var firstTriggerWorkdir: [Int?] = []
            for stage in model.stages {
                let plain = stage.instructionIndices.contains { model.instructions[$0].kind == .workdir }
                let trigger = stage.instructionIndices.first { model.instructions[$0].trigger?.kind == .workdir }
                hasPlainWorkdir.append(plain)
                firstTriggerWorkdir.append(trigger)
                // A parent stage comes earlier in the file, so its facts are known already.
                chainHasWorkdir.append(plain || trigger != nil || (stage.parentStage.map { chainHasWorkdir[$0] } ?? false))
            }
            self.chainHasWorkdir = chainHasWorkdir
            self.hasPlainWorkdir = hasPlainWorkdir
            self.firstTriggerWorkdir = firstTriggerWorkdir
        }

        func triggerSeesWorkdir(at index: Int) -> Bool {
            guard let stage = model.states[index].stageIndex else { return false }
            let parentHas = model.stages[stage].parentStage.map { chainHasWorkdir[$0] } ?? false
            return parentHas || hasPlainWorkdir[stage] || (firstTriggerWorkdir[stage].map { $0 < index } ?? false)
        }
    }
}
