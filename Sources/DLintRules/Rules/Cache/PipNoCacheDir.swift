import DLintCore

/// DL3042: use pip install --no-cache-dir, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct PipNoCacheDir: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3042", name: "pip-no-cache-dir", severity: .warning,
        summary: "Use pip install --no-cache-dir",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        PackageManagerCache.pip.check(context).map { offense in
            Finding("'\(offense.command)' keeps downloaded packages in the pip cache: add --no-cache-dir or set PIP_NO_CACHE_DIR=1", at: offense.range,
                    fix: PackageManagerCache.flagFix(offense, flag: "--no-cache-dir"))
        }
    }
}
