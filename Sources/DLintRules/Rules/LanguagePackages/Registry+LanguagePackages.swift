import DLintCore

extension RuleRegistry {
    /// Language package managers (pip, npm, gem, go): version pins.
    static let languagePackageRules: [any Rule] = [
        PinPipVersions(), PinNpmVersions(), PinGemVersions(), PinGoVersions(),
    ]
}
