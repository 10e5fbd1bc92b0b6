import DLintCore

/// DL3019: use apk add --no-cache, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct ApkNoCache: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3019", name: "apk-no-cache", severity: .info,
        summary: "Use apk add --no-cache",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.apk.check(context).map { offense in
            Finding("'\(offense.command)' without --no-cache can keep the package index in /var/cache/apk: use 'apk add --no-cache'", at: offense.range,
                    fix: PackageManagerCache.flagFix(offense, flag: "--no-cache"))
        }
    }
}
