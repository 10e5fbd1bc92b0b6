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
        var findings: [Finding] = []
        for (index, transfer, isTrigger) in FileTransfer.all(in: model) {
            let state = model.states[index]
            // A variable whose value is unknown may well hold an absolute path: say nothing.
            guard let destination = transfer.value(of: transfer.destination, in: state.variables, escape: escape),
                  !AbsoluteWorkdir.isAbsolute(destination) else { continue }
            let workdirIsSet = isTrigger
                ? Self.triggerSeesWorkdir(model, onbuildIndex: index)
                : state.workingDirectory != .baseImage
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
    /// WORKDIR this stage ends with. True when this stage (or one it is built on) sets a WORKDIR,
    /// or an earlier `ONBUILD WORKDIR` does.
    static func triggerSeesWorkdir(_ model: DockerfileModel, onbuildIndex: Int) -> Bool {
        guard let stage = model.stage(ofInstruction: onbuildIndex) else {
            return model.instructions[..<onbuildIndex].contains { $0.kind == .workdir || $0.trigger?.kind == .workdir }
        }
        return model.stageChain(from: stage.index).contains { chained in
            model.stages[chained].instructionIndices.contains { index in
                let instruction = model.instructions[index]
                return instruction.kind == .workdir
                    || (instruction.trigger?.kind == .workdir && (chained != stage.index || index < onbuildIndex))
            }
        }
    }
}
