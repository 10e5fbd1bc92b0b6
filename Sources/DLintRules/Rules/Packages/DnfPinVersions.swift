import DLintCore

/// DL3041: pin the versions of the packages `dnf install` (dnf5, microdnf) installs
/// (`tomcat-9.0.1`), and the streams of the modules `dnf module install` enables (`nodejs:18`).
struct DnfPinVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3041", name: "pin-dnf-versions", severity: .warning,
        summary: "Specify version with dnf install"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["dnf", "microdnf"]).flatMap(RpmVersions.findings)
    }
}
