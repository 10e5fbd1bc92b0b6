import DLintCore

extension RuleRegistry {
    /// System package managers (apt, apk, yum, dnf, zypper): pins and non-interactive options.
    static let osPackageRules: [any Rule] = [
        AptPinVersions(), AptGetAssumeYes(), AptNoInstallRecommends(), NoApt(), ApkPinVersions(),
        YumAssumeYes(), YumPinVersions(), ZypperNonInteractive(), NoZypperDistUpgrade(), ZypperPinVersions(),
        DnfAssumeYes(), DnfPinVersions(),
    ]
}
