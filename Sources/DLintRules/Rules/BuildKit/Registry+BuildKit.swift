import DLintCore

extension RuleRegistry {
    /// BuildKit's build checks (`docker build --check`) that no hadolint rule means.
    static let buildKitRules: [any Rule] = []
}
