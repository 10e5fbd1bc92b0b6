import DLintCore

/// DL3002: the final image runs as root because the last `USER` that applies to it says so.
/// Only the final stage (with the stages it is built `FROM`) makes the image; a builder stage
/// may well stay root.
struct FinalUserNotRoot: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3002", name: "final-user-not-root", severity: .warning,
        summary: "Last USER should not be root"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard let stage = model.finalStage, !stage.isWindows, let index = model.finalImageUserInstruction,
              let value = model.userValue(at: index), let user = value.user, Self.isRoot(user) else { return [] }
        let written = value.text.text
        let shown = written == (value.group.map { "\(user):\($0)" } ?? user) ? "'\(written)'" : "'\(written)' (resolves to '\(user)')"
        return [Finding(
            "The final image runs as root: its last USER is \(shown); switch to an unprivileged user at the end",
            at: value.userRange
        )]
    }

    /// `root` or uid 0, whatever the group.
    static func isRoot(_ user: String) -> Bool {
        user == "root" || (!user.isEmpty && user.allSatisfy { $0 == "0" })
    }
}
