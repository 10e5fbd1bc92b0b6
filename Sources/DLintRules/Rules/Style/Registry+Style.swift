import DLintCore

extension RuleRegistry {
    /// Rules about how the file is written, all with safe fixes.
    static let styleRules: [any Rule] = [InstructionCasing(), MaintainerDeprecated(), FromAsCasing(), LegacyKeyValueFormat()]
}
