import DLintCore

extension RuleRegistry {
    static let stageRules: [any Rule] = []
}
