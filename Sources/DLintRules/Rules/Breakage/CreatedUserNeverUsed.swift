import DLintCore

/// DX1208: the final image (its stage or a stage it is built FROM) creates a user (`useradd`, `adduser`) but no `USER` after it switches
/// to it, so the container still runs as root: the account was made for nothing. Files that drop
/// privileges at run time (`gosu`, `su-exec`, `setpriv`, `runuser`, `chpst`, `s6-setuidgid`,
/// `su -c`) or in the daemon's own configuration cannot be seen, so a file that names such a tool
/// is left alone, and so are system accounts (`-r`, `--system`), which daemons switch to
/// themselves, and images whose ENTRYPOINT is a script (which usually drops privileges).
struct CreatedUserNeverUsed: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1208", name: "created-user-never-used", severity: .warning,
        summary: "Switch to the user the final stage creates"
    )

    static let privilegeDroppers: [String] = ["gosu", "su-exec", "setpriv", "runuser", "chpst", "s6-setuidgid", "su ", "sudo -u", "setuidgid"]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard let final = model.finalStage, !final.isWindows else { return [] }
        // The final image is the final stage and the stages it is built FROM: a user created in
        // one of them is in its /etc/passwd (one made in a COPY --from stage is not).
        let chain = Set(model.stageChain(from: final.index))
        // The cheap question first: most files create no such user.
        guard model.accountCreations.contains(where: { creation in
            creation.kind == .user && !creation.isOnbuildTrigger && !creation.isSystem && creation.stageIndex.map(chain.contains) == true
        }) else { return [] }
        guard !Self.privilegeDroppers.contains(where: { ByteSearch.contains(Array($0.utf8), in: context.tree.source) }) else { return [] }
        let entrypoints = chain.flatMap { model.stages[$0].instructionIndices.filter { model.instructions[$0].kind == .entrypoint } }
        guard !entrypoints.contains(where: { Self.runsScript(model.instructions[$0]) }) else { return [] }
        let lastUser = model.finalImageUserInstruction
        var findings: [Finding] = []
        for creation in model.accountCreations where creation.kind == .user && !creation.isOnbuildTrigger && !creation.isSystem {
            guard let stage = creation.stageIndex, chain.contains(stage), let name = creation.name else { continue }
            // A USER after the creation decides (DL3002 judges a root one).
            if let lastUser, lastUser > creation.instructionIndex { continue }
            let word = creation.command.command.arguments.last { $0.literalValue == name }
            let range = word.map { creation.command.fileRange(of: $0) } ?? creation.toolRange
            let place = stage == final.index ? "the final stage" : "a stage the final image is built on"
            findings.append(Finding(
                "User '\(name)' is created in \(place) but no USER instruction after it switches to it, so the container still runs as \(lastUser == nil ? "the base image's user (root unless it sets one)" : "the earlier USER")",
                at: range
            ))
        }
        return findings
    }

    /// An ENTRYPOINT that runs a script (`docker-entrypoint.sh`, `/entrypoint`): such scripts
    /// usually switch users themselves, out of the linter's sight.
    static func runsScript(_ instruction: Instruction) -> Bool {
        let program: String
        switch instruction.arguments {
        case .exec(let words): program = words.first?.text ?? ""
        case .shell(let text): program = String(text.text.split(separator: " ").first ?? "")
        default: return false
        }
        let lowered = program.lowercased()
        return lowered.hasSuffix(".sh") || lowered.contains("entrypoint") || lowered.contains("init") || lowered.hasSuffix("start")
    }
}
