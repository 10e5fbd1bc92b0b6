import DLintCore

/// DL3009: delete the apt lists in the RUN that runs apt-get update, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct DeleteAptLists: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3009", name: "delete-apt-lists", severity: .info,
        summary: "Delete the apt lists in the RUN that runs apt-get update",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.apt.check(context).map { offense in
            Finding("'\(offense.command)' fills /var/lib/apt/lists: delete the lists with 'rm -rf /var/lib/apt/lists/*' later in the same RUN", at: offense.range,
                    fix: PackageManagerCache.appendFix(offense, cleanup: ["rm -rf /var/lib/apt/lists/*"], in: context.tree))
        }
    }
}
