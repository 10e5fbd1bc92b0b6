import DLintCore

/// DL3040: run dnf clean all in the RUN that installs with dnf, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct DnfCleanAll: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3040", name: "dnf-clean-all", severity: .warning,
        summary: "Run dnf clean all in the RUN that installs with dnf",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.dnf.check(context).map { offense in
            Finding("'\(offense.command)' leaves the dnf cache in the layer: run '\(offense.program) clean all' later in the same RUN", at: offense.range,
                    fix: Self.fix(offense, in: context.tree))
        }
    }

    /// Appends `dnf clean all` (or `microdnf clean all`, the program as written). None with
    /// `--installroot`: the cache is elsewhere.
    static func fix(_ offense: PackageManagerCache.Offense, in tree: SyntaxTree) -> Fix? {
        guard !offense.invocation.hasOption("--installroot") else { return nil }
        let name = PackageManagerCache.programName(offense)
        return PackageManagerCache.appendFix(offense, cleanup: ["\(name) clean all"], in: tree)
    }
}
