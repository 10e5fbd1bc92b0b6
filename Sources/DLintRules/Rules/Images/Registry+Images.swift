import DLintCore

extension RuleRegistry {
    /// Base images and stages: tags, registries, platforms, the image's final user.
    static let imageRules: [any Rule] = [
        FinalUserNotRoot(), TaggedImage(), NoLatestTag(), TrustedRegistry(), NoPlatformFlag(), FinalUserSet(),
        NoRootFilesystemCopy(),
    ]
}
