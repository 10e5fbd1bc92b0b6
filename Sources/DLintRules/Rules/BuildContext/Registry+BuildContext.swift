import DLintCore

extension RuleRegistry {
    static let buildContextRules: [any Rule] = [
        CacheFriendlyCopyOrder(), MissingSyntaxDirective(), OutdatedSyntaxDirective(),
    ]
}
