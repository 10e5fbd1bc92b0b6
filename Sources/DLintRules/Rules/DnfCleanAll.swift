import DLintCore

/// DL3040: run dnf clean all in the RUN that installs with dnf, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct DnfCleanAll: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3040", name: "dnf-clean-all", severity: .warning,
        summary: "Run dnf clean all in the RUN that installs with dnf"
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.dnf.check(context).map { offense in
            Finding("'\(offense.command)' leaves the dnf cache in the layer: run '\(offense.program) clean all' later in the same RUN", at: offense.range)
        }
    }
}
