import DLintCore

/// DL3032: run yum clean all in the RUN that installs with yum, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct YumCleanAll: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3032", name: "yum-clean-all", severity: .warning,
        summary: "Run yum clean all in the RUN that installs with yum",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.yum.check(context).map { offense in
            Finding("'\(offense.command)' leaves the yum cache in the layer: run 'yum clean all' later in the same RUN", at: offense.range,
                    fix: Self.fix(offense, in: context.tree))
        }
    }

    /// Appends `yum clean all && rm -rf /var/cache/yum` (`clean all` leaves the directory's
    /// skeleton and some repository data). None with `--installroot`: the cache is elsewhere.
    static func fix(_ offense: PackageManagerCache.Offense, in tree: SyntaxTree) -> Fix? {
        guard !offense.invocation.hasOption("--installroot") else { return nil }
        let name = PackageManagerCache.programName(offense)
        return PackageManagerCache.appendFix(offense, cleanup: ["\(name) clean all", "rm -rf /var/cache/yum"], in: tree)
    }
}
