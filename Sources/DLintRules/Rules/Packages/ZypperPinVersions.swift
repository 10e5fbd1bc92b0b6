import DLintCore

/// DL3037: pin the versions of the packages `zypper install` installs (`tomcat=9.0.39`,
/// `'tomcat>=9.0'`).
struct ZypperPinVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3037", name: "pin-zypper-versions", severity: .warning,
        summary: "Specify version with zypper install"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["zypper"])
            .filter { $0.action == "install" && Self.installsPackages($0) }
            .flatMap { command in
                command.unpinnedOperands(isPinned: Self.isPinned).map { word, packages in
                    Finding(
                        "Specify the version of \(PinMessage.quoted(packages)): '\(command.label) \(packages[0])=<version>'",
                        at: command.shellCommand.fileRange(of: word)
                    )
                }
            }
    }

    /// `-t pattern`, `-t patch`, `-t product`: no version to pin.
    static func installsPackages(_ command: SystemPackageCommand) -> Bool {
        command.values(of: "type", short: "t").allSatisfy { $0 == "package" }
    }

    /// `tomcat=9.0.39`, `tomcat>=9.0`, `tomcat<10`, or an `.rpm` file.
    static func isPinned(_ package: String) -> Bool {
        package.containsASCIICharacter(in: "=<>") || package.hasSuffix(".rpm")
    }
}
