import DLintCore

/// DL3018: pin the versions of the packages `apk add` installs (`curl=8.5.0-r0`, `curl~8.5`).
struct ApkPinVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3018", name: "pin-apk-versions", severity: .warning,
        summary: "Pin versions in apk add"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["apk"])
            .filter { $0.action == "add" }
            .flatMap { command in
                // Written once per command, not once per package.
                let label = command.label
                return command.unpinnedOperands(isPinned: Self.isPinned).map { word, packages in
                    Finding(
                        "Pin the version of \(PinMessage.quoted(packages)): '\(label) \(packages[0])=<version>'",
                        at: command.shellCommand.fileRange(of: word)
                    )
                }
            }
    }

    /// `curl=8.5.0-r0`, `curl~8.5`, `curl>8`, `curl<9`, or an `.apk` file.
    static func isPinned(_ package: String) -> Bool {
        package.containsASCIICharacter(in: "=~<>") || package.hasSuffix(".apk")
    }
}
