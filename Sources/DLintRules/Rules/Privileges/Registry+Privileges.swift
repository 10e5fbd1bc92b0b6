import DLintCore

extension RuleRegistry {
    static let privilegeRules: [any Rule] = [NoSudo(), ExplicitUIDGID(), NumericUser()]
}
