import DLintCore

/// DL3035: `zypper dist-upgrade` in a RUN: it moves the base image to whatever the repositories
/// hold now, which a tag of the base image already decides.
struct NoZypperDistUpgrade: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3035", name: "no-zypper-dist-upgrade", severity: .warning,
        summary: "Do not use zypper dist-upgrade"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["zypper"])
            .filter { $0.action == "dist-upgrade" }
            .map { command in
                Finding("Do not use '\(command.label)': it upgrades the base image's distribution at build time; use a newer base image tag", at: command.range)
            }
    }
}
