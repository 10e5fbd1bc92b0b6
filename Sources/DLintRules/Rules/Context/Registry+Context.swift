import DLintCore

extension RuleRegistry {
    static let contextRules: [any Rule] = [MissingCopySource(), UnignoredSensitiveFiles()]
}
