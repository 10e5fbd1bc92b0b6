import DLintCore

extension RuleRegistry {
    /// Image labels: hadolint's label-schema and strict-labels checks (DL3048–DL3058).
    static let labelRules: [any Rule] = []
}
