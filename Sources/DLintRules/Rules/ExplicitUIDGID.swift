import DLintCore

/// DX1001: users and groups should have ids the Dockerfile fixes, so that file ownership on
/// volumes and `runAsUser`/`runAsNonRoot` policies do not depend on the order packages were
/// installed in, or on the base image's version.
struct ExplicitUIDGID: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1001", name: "explicit-uid-gid", severity: .warning,
        summary: "Create users and groups with explicit numeric ids, and run the image as a user whose id is fixed"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for creation in model.accountCreations where creation.id == nil {
            guard let stage = creation.stageIndex, !model.stages[stage].isWindows else { continue }
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
            findings.append(Finding(
                "'\(creation.tool)' creates the \(system)\(what)\(named) without an explicit id: pass one with \(option)",
                at: creation.toolRange
            ))
        }

        if let index = model.finalImageUserInstruction, let stage = model.stage(ofInstruction: index), !stage.isWindows,
           let value = model.userValue(at: index), let user = value.user, !value.userIsNumeric, user != "root", !user.isEmpty {
            let created = model.accountCreations(before: index).contains { $0.kind == .user && $0.name == user }
            // A user created in the file without an id is reported at its creation.
            if !created {
                findings.append(Finding(
                    "The image runs as user '\(user)', whose id this Dockerfile never fixes: use a numeric USER, or create the user with an explicit id",
                    at: value.userRange
                ))
            }
        }
        return findings
    }
}
