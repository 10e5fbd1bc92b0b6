import DLintCore

/// DL3036: run zypper clean in the RUN that installs with zypper, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct ZypperClean: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3036", name: "zypper-clean", severity: .warning,
        summary: "Run zypper clean in the RUN that installs with zypper",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.zypper.check(context).map { offense in
            Finding("'\(offense.command)' leaves the zypper cache in the layer: run 'zypper clean' later in the same RUN", at: offense.range,
                    fix: Self.fix(offense, in: context.tree))
        }
    }

    /// Appends `zypper clean --all` (packages and metadata). None with `--root`: the cache is
    /// elsewhere.
    static func fix(_ offense: PackageManagerCache.Offense, in tree: SyntaxTree) -> Fix? {
        guard !offense.invocation.hasOption("--root"), !offense.invocation.hasOption("-R") else { return nil }
        let name = PackageManagerCache.programName(offense)
        return PackageManagerCache.appendFix(offense, cleanup: ["\(name) clean --all"], in: tree)
    }
}
