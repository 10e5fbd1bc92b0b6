import DLintCore

/// DL3034: a zypper command that asks for confirmation, without `-n` (`--non-interactive`).
struct ZypperNonInteractive: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3034", name: "zypper-non-interactive", severity: .warning,
        summary: "Use the non-interactive switch with zypper",
        fixable: true
    )

    /// Actions that ask before changing packages.
    static let promptingActions: Set<String> = [
        "install", "remove", "source-install", "patch", "update", "dist-upgrade", "install-new-recommends", "verify",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: ["zypper"])
            .filter { Self.promptingActions.contains($0.action) && !Self.isNonInteractive($0) }
            .map { command in
                Finding(
                    "'\(command.label)' without -n waits for a confirmation the build cannot give: use 'zypper -n \(command.action)'",
                    at: command.range,
                    fix: command.insertion("-n", after: command.invocation.name, title: "Add -n to '\(command.label)'", applicability: .safe)
                )
            }
    }

    private static let nonInteractiveLong: Set<String> = ["non-interactive", "no-confirm"]
    private static let nonInteractiveShort: Set<Character> = ["y"]

    /// The global `-n`/`--non-interactive` (before the subcommand: after it, `-n` is `--name`),
    /// `--non-interactive` anywhere, or the command's `-y`/`--no-confirm`.
    static func isNonInteractive(_ command: SystemPackageCommand) -> Bool {
        if command.hasOption(long: nonInteractiveLong, short: nonInteractiveShort) { return true }
        guard let subcommand = command.actionWords.first else { return false }
        return command.invocation.arguments.contains { word in
            guard word.range.lowerBound < subcommand.range.lowerBound, let value = word.literalValue,
                  value.hasPrefix("-"), !value.hasPrefix("--") else { return false }
            return value.dropFirst().contains("n")
        }
    }
}
