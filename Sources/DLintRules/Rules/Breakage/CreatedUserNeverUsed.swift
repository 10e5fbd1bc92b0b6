import DLintCore

/// DX1208: the final stage creates a user (`useradd`, `adduser`) but no `USER` after it switches
/// to it, so the container still runs as root: the account was made for nothing. Files that drop
/// privileges at run time (`gosu`, `su-exec`, `setpriv`, `runuser`, `chpst`, `s6-setuidgid`,
/// `su -c`) or in the daemon's own configuration cannot be seen, so a file that names such a tool
/// is left alone, and so are system accounts (`-r`, `--system`), which daemons switch to
/// themselves, and images with an ENTRYPOINT (an entrypoint script usually drops privileges).
struct CreatedUserNeverUsed: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1208", name: "created-user-never-used", severity: .warning,
        summary: "Switch to the user the final stage creates"
    )

    static let privilegeDroppers: [String] = ["gosu", "su-exec", "setpriv", "runuser", "chpst", "s6-setuidgid", "su ", "sudo -u", "setuidgid"]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard let final = model.finalStage, !final.isWindows else { return [] }
        let source = context.tree.text(of: 0..<context.tree.source.count)
        guard !Self.privilegeDroppers.contains(where: { source.contains($0) }) else { return [] }
        let chain = model.stageChain(from: final.index)
        guard !chain.contains(where: { model.stages[$0].instructionIndices.contains { model.instructions[$0].kind == .entrypoint } }) else { return [] }
        let laterUser = final.instructionIndices.last { model.instructions[$0].kind == .user }
        var findings: [Finding] = []
        for creation in model.accountCreations where creation.kind == .user && !creation.isOnbuildTrigger && !creation.isSystem {
            guard creation.stageIndex == final.index, let name = creation.name,
                  laterUser.map({ $0 < creation.instructionIndex }) ?? true else { continue }
            // The USER that comes before the creation (or none) is what the image runs as.
            let word = creation.command.command.arguments.last { $0.literalValue == name }
            let range = word.map { creation.command.fileRange(of: $0) } ?? creation.toolRange
            findings.append(Finding(
                "User '\(name)' is created in the final stage but no USER instruction after it switches to it, so the container still runs as \(laterUser == nil ? "the base image's user (root unless it sets one)" : "the earlier USER")",
                at: range
            ))
        }
        return findings
    }
}
