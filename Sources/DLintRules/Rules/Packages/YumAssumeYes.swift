import DLintCore

/// DL3030: `yum install` (or another yum command that asks for confirmation) without `-y`.
struct YumAssumeYes: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3030", name: "yum-assume-yes", severity: .warning,
        summary: "Use the -y switch with yum install",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        RpmVersions.assumeYesFindings(SystemPackageCommand.all(in: context.model, programs: ["yum"]))
    }
}
