import DLintCore

extension RuleRegistry {
    /// Package-manager caches must be cleaned in the RUN that fills them (`PackageManagerCache`).
    static let cacheCleanupRules: [any Rule] = [
        DeleteAptLists(), ApkNoCache(), PipNoCacheDir(), YumCleanAll(), DnfCleanAll(), ZypperClean(), YarnCacheClean(),
        PackageCacheMounts(),
    ]
}
