import DLintCore

/// DL3060: run yarn cache clean in the RUN that runs yarn install, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct YarnCacheClean: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3060", name: "yarn-cache-clean", severity: .info,
        summary: "Run yarn cache clean in the RUN that runs yarn install"
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.yarn.check(context).map { offense in
            Finding("'\(offense.command)' leaves the yarn cache in the layer: run 'yarn cache clean' later in the same RUN", at: offense.range)
        }
    }
}
