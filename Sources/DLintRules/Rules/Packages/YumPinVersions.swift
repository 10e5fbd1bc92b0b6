import DLintCore

/// DL3033: pin the versions of the packages `yum install` installs (`tomcat-9.0.1`), and the
/// streams of the modules `yum module install` enables (`nodejs:18`).
struct YumPinVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3033", name: "pin-yum-versions", severity: .warning,
        summary: "Specify version with yum install"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["yum"]).flatMap(RpmVersions.findings)
    }
}
