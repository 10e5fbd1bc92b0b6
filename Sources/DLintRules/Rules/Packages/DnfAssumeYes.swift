import DLintCore

/// DL3038: `dnf install` (dnf5, microdnf, or another command that asks for confirmation)
/// without `-y`.
struct DnfAssumeYes: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3038", name: "dnf-assume-yes", severity: .warning,
        summary: "Use the -y switch with dnf install",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        RpmVersions.assumeYesFindings(SystemPackageCommand.all(in: context.model, programs: ["dnf", "microdnf"]))
    }
}
