import DLintCore

/// DL3060: run yarn cache clean in the RUN that runs yarn install, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct YarnCacheClean: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3060", name: "yarn-cache-clean", severity: .info,
        summary: "Run yarn cache clean in the RUN that runs yarn install",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.yarn.check(context).map { offense in
            Finding("'\(offense.command)' leaves the yarn cache in the layer: run 'yarn cache clean' later in the same RUN", at: offense.range,
                    fix: Self.fix(offense, in: context.tree))
        }
    }

    /// Appends `yarn cache clean`. None when the command moved its cache (`--cache-folder`,
    /// `YARN_CACHE_FOLDER=… yarn`): a plain `yarn cache clean` would empty another folder.
    static func fix(_ offense: PackageManagerCache.Offense, in tree: SyntaxTree) -> Fix? {
        guard !offense.invocation.hasOption("--cache-folder"),
              !offense.shellCommand.command.assignments.contains(where: { $0.name == "YARN_CACHE_FOLDER" }),
              !offense.invocation.arguments.contains(where: { $0.literalValue?.hasPrefix("YARN_CACHE_FOLDER=") ?? false })
        else { return nil }
        let name = PackageManagerCache.programName(offense)
        return PackageManagerCache.appendFix(offense, cleanup: ["\(name) cache clean"], in: tree)
    }
}
