import DLintCore

/// DX1001: users and groups should have ids the Dockerfile fixes, so that file ownership on
/// volumes and `runAsUser`/`runAsNonRoot` policies do not depend on the order packages were
/// installed in, or on the base image's version.
struct ExplicitUIDGID: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1001", name: "explicit-uid-gid", severity: .warning,
        summary: "Create users and groups with explicit numeric ids, and run the image as a user whose id is fixed",
        fixable: true
    )

    /// The first ids the fix hands out, unless configured (`uid:` and `gid:` options).
    static let defaultFirstID = 10001

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let creations = model.accountCreations
        let hostGroups = creations.map { Self.hostGroupReason($0, in: model) }
        let plan = Self.plan(creations, in: model, options: context.options, hostGroups: hostGroups)
        var findings: [Finding] = []
        for (position, creation) in creations.enumerated() where creation.id == nil {
            guard !model.states[creation.instructionIndex].isWindows else { continue }
            let what = creation.kind == .user ? "user" : "group"
            let option = switch (creation.tool, creation.kind) {
            case ("useradd", _): "-u/--uid"
            case ("groupadd", _): "-g/--gid"
            case ("adduser", .user): "-u (BusyBox) or --uid (Debian)"
            case ("adduser", .group): "--gid"
            default: "-g (BusyBox) or --gid (Debian)"
            }
            let named = creation.name.map { " '\($0)'" } ?? ""
            let system = creation.isSystem ? "system " : ""
            if let reason = hostGroups[position] {
                findings.append(Finding(
                    "'\(creation.tool)' creates the \(system)group\(named) without an explicit id: pass the host's id for it with \(option) (\(reason), so no id is invented)",
                    at: creation.toolRange
                ))
                continue
            }
            findings.append(Finding(
                "'\(creation.tool)' creates the \(system)\(what)\(named) without an explicit id: pass one with \(option)",
                at: creation.toolRange,
                fix: plan[position].flatMap { Self.fix(creation, id: $0, model: model) }
            ))
        }

        // The last USER of the final stage is DL3066's (numeric-user), which reports any name
        // there; this rule speaks only of a final user set in a stage the final one is built FROM,
        // which DL3066 (like hadolint) does not look at. One token, one finding.
        if let index = model.finalImageUserInstruction, let stage = model.stage(ofInstruction: index), !stage.isWindows,
           stage.index != model.finalStage?.index,
           let value = model.userValue(at: index), let user = value.user, !value.userIsNumeric, user != "root", !user.isEmpty {
            let created = model.accountCreations(before: index).contains { $0.kind == .user && $0.name == user }
            // A user created in the file without an id is reported at its creation.
            if !created {
                let stageName = stage.name.map { "'\($0.text)'" } ?? String(stage.index)
                findings.append(Finding(
                    "The image runs as user '\(user)', set in stage \(stageName), whose id this Dockerfile never fixes: use a numeric USER, or create the user with an explicit id",
                    at: value.userRange
                ))
            }
        }
        return findings
    }

    // MARK: - Fix

    /// Adds the planned id in the tool's spelling after the tool's name. A `USER` naming the
    /// user keeps the name: it becomes a number only by DL3066's fix, once the file itself fixes
    /// the id (after this fix is applied, it does).
    static func fix(_ creation: AccountCreation, id: Int, model: DockerfileModel) -> Fix? {
        guard let option = spelling(of: creation, in: model) else { return nil }
        let end = creation.toolRange.upperBound
        let what = creation.kind == .user ? "user" : "group"
        let named = creation.name.map { " '\($0)'" } ?? ""
        return Fix(title: "Give the \(what)\(named) the id \(id) with `\(option) \(id)`", applicability: .unsafe,
                   edits: [TextEdit(range: end..<end, replacement: " \(option) \(id)")])
    }

    // MARK: - Groups whose id is the host's

    /// Groups whose id must be the host's: `docker` (it owns the Docker socket bind-mounted from
    /// the host) and any group a later `chown`/`chgrp` hands a device or a socket to.
    static let hostGroupNames: Set<String> = ["docker"]

    /// Why the group's id must come from the host, or nil.
    static func hostGroupReason(_ creation: AccountCreation, in model: DockerfileModel) -> String? {
        guard creation.kind == .group, let name = creation.name else { return nil }
        if hostGroupNames.contains(name) { return "the '\(name)' group must have the gid of the host's Docker socket" }
        for run in model.runs where run.instructionIndex >= creation.instructionIndex {
            for command in run.commands {
                guard let invocation = command.command.effectiveCommand, let program = invocation.commandName else { continue }
                let tool = PathText.basename(program)
                guard tool == "chown" || tool == "chgrp" else { continue }
                let operands = invocation.arguments.compactMap(\.literalValue).filter { !$0.hasPrefix("-") }
                guard let owner = operands.first else { continue }
                let group = tool == "chgrp" ? owner : owner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init)
                guard group == name, let path = operands.dropFirst().first(where: isHostPath) else { continue }
                return "a later '\(tool)' hands it '\(path)', which comes from the host"
            }
        }
        return nil
    }

    static func isHostPath(_ path: String) -> Bool {
        // A run-time directory such as /run/mysqld is the image's own (created by a mkdir just
        // before): only devices and sockets come from the host.
        path.hasPrefix("/dev/") || path.hasSuffix(".sock")
    }

    enum Flavor { case debian, busybox, redHat }

    /// The option that sets the id: shadow-utils' `useradd -u` and `groupadd -g`; Debian's
    /// `adduser --uid`, `addgroup --gid`; BusyBox's `adduser -u`, `addgroup -g`; Red Hat's
    /// `adduser` is `useradd`. The distribution comes from the base image or the package
    /// manager the stage uses, else from the options the command already has.
    static func spelling(of creation: AccountCreation, in model: DockerfileModel) -> String? {
        switch creation.tool {
        case "useradd": return "-u"
        case "groupadd": return "-g"
        default: break
        }
        let isUser = creation.kind == .user
        if creation.tool == "adduser", !isUser { return "--gid" } // Debian's `adduser --group`
        let found: Flavor? = creation.stageIndex.flatMap { Self.flavor(ofStage: $0, in: model) }
        switch found {
        case .debian: return isUser ? "--uid" : "--gid"
        case .busybox: return isUser ? "-u" : "-g"
        case .redHat: return isUser ? "-u" : nil
        case nil:
            if creation.usesLongOptions { return isUser ? "--uid" : "--gid" }
            if creation.usesShortOptions { return isUser ? "-u" : "-g" }
            return nil
        }
    }

    static func flavor(ofStage stageIndex: Int, in model: DockerfileModel) -> Flavor? {
        let chain = model.stageChain(from: stageIndex)
        for index in chain {
            let image = model.stages[index].baseImage
            let name = PathText.basename(image.repository).lowercased()
            let tag = (image.tag ?? "").lowercased()
            if ["alpine", "busybox"].contains(name) || tag.contains("alpine") { return .busybox }
            if ["debian", "ubuntu"].contains(name)
                || ["bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal"].contains(where: tag.contains) { return .debian }
            if ["fedora", "centos", "rockylinux", "almalinux", "ubi8", "ubi9", "ubi", "ubi-minimal", "ubi8-minimal", "ubi9-minimal",
                "amazonlinux", "oraclelinux", "rhel"].contains(name) { return .redHat }
        }
        let programs = Set(model.runs.filter { run in
            model.states[run.instructionIndex].stageIndex.map(chain.contains) ?? false
        }.flatMap { $0.commands.compactMap { $0.command.effectiveCommand?.commandName } })
        if programs.contains("apk") { return .busybox }
        if !programs.isDisjoint(with: ["apt-get", "apt", "dpkg"]) { return .debian }
        if !programs.isDisjoint(with: ["dnf", "yum", "microdnf"]) { return .redHat }
        return nil
    }

    /// An id for every creation without one, in file order: free in the file (no explicit id,
    /// `USER` or `--chown` uses it), from the configured first ids. A user whose primary group
    /// has a known or planned id gets that number when it is free as a user id.
    static func plan(_ creations: [AccountCreation], in model: DockerfileModel, options: RuleOptions, hostGroups: [String?]) -> [Int?] {
        func firstID(_ key: String) -> Int {
            guard let value = options.integer(key), value > 0, value < 2_000_000_000 else { return defaultFirstID }
            return value
        }
        let firstUID = firstID("uid"), firstGID = firstID("gid")
        var usedUIDs: Set<Int> = [], usedGIDs: Set<Int> = []
        for creation in creations {
            if case .number(let id) = creation.id {
                if creation.kind == .user { usedUIDs.insert(id) } else { usedGIDs.insert(id) }
            }
            if let group = creation.primaryGroup, let id = Int(group) { usedGIDs.insert(id) }
        }
        func record(_ spec: String?) {
            guard let spec else { return }
            let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if let uid = Int(parts[0]) { usedUIDs.insert(uid) }
            if parts.count > 1, let gid = Int(parts[1]) { usedGIDs.insert(gid) }
        }
        for (index, instruction) in model.instructions.enumerated() {
            if let value = model.userValue(at: index) { record(value.user.map { $0 + (value.group.map { ":" + $0 } ?? "") }) }
            for flag in instruction.flags where flag.hasName("chown") { record(flag.value) }
        }
        func free(from start: Int) -> Int {
            var id = start
            while usedUIDs.contains(id) || usedGIDs.contains(id) { id += 1 }
            return id
        }

        var plan: [Int?] = Array(repeating: nil, count: creations.count)
        for (position, creation) in creations.enumerated() where creation.id == nil {
            guard !model.states[creation.instructionIndex].isWindows else { continue }
            if creation.kind == .group {
                if hostGroups[position] != nil { continue }
                let id = free(from: firstGID)
                usedGIDs.insert(id)
                plan[position] = id
                continue
            }
            var groupID: Int?
            if let group = creation.primaryGroup {
                if let id = Int(group) {
                    groupID = id
                } else {
                    // Outside any stage, the groups created outside any stage.
                    let chain: [Int?] = creation.stageIndex.map { model.stageChain(from: $0) } ?? [nil]
                    if let earlier = creations[..<position].lastIndex(where: { other in
                        other.kind == .group && other.name == group && chain.contains(other.stageIndex)
                    }) {
                        if case .number(let id) = creations[earlier].id { groupID = id } else { groupID = plan[earlier] }
                    }
                }
            }
            let id: Int
            if let groupID, !usedUIDs.contains(groupID) {
                id = groupID
            } else {
                id = free(from: firstUID)
            }
            usedUIDs.insert(id)
            if creation.createsOwnGroup { usedGIDs.insert(id) }
            plan[position] = id
        }
        return plan
    }
}
