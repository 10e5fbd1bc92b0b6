import DLintCore

/// DL3032: run yum clean all in the RUN that installs with yum, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct YumCleanAll: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3032", name: "yum-clean-all", severity: .warning,
        summary: "Run yum clean all in the RUN that installs with yum"
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.yum.check(context).map { offense in
            Finding("'\(offense.command)' leaves the yum cache in the layer: run 'yum clean all' later in the same RUN", at: offense.range)
        }
    }
}
