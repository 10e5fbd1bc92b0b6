import DLintCore

extension RuleRegistry {
    static let cacheCleanupRules: [any Rule] = []
}
