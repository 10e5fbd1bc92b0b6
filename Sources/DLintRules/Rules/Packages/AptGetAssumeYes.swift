import DLintCore

/// DL3014: `apt-get install` (or another apt command that asks for confirmation) without `-y`.
/// A build has no terminal: apt-get reads the answer from an empty standard input and aborts.
struct AptGetAssumeYes: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3014", name: "apt-get-assume-yes", severity: .warning,
        summary: "Use the -y switch with apt-get install",
        fixable: true
    )

    /// Actions that ask before changing packages.
    static let promptingActions: Set<String> = [
        "install", "reinstall", "remove", "purge", "autoremove", "autopurge", "upgrade", "dist-upgrade",
        "full-upgrade", "dselect-upgrade", "build-dep", "satisfy", "safe-upgrade",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let configured = AptConfiguration.written(AptConfiguration.assumeYes, in: model)
        var findings: [Finding] = []
        for command in SystemPackageCommand.all(in: model, programs: SystemPackageCommand.aptPrograms)
        where Self.promptingActions.contains(command.action) && !Self.assumesYes(command) && !configured(command.runIndex, command.commandIndex) {
            findings.append(Finding(
                "'\(command.label)' without -y waits for a confirmation the build cannot give: use '\(command.label) -y'",
                at: command.range,
                fix: command.insertionFix("-y", title: "Add -y to '\(command.label)'", applicability: .safe)
            ))
        }
        return findings
    }

    // Built once: every apt command asks.
    private static let assumeYesLong: Set<String> = ["yes", "assume-yes"]
    private static let assumeYesShort: Set<Character> = ["y"]

    /// `-y`, `--yes`, `--assume-yes`, quiet level 2 (`-qq`, `--quiet --quiet`, `-q=2`, `--quiet=2`: it implies -y),
    /// or `-o APT::Get::Assume-Yes=true`.
    static func assumesYes(_ command: SystemPackageCommand) -> Bool {
        if command.hasOption(long: assumeYesLong, short: assumeYesShort) { return true }
        if command.program != "aptitude" {
            if command.count(of: "q") + command.optionWords.filter({ $0 == "--quiet" }).count >= 2 { return true }
            let quietLevels = command.optionWords.compactMap { word -> Int? in
                for prefix in ["-q=", "--quiet="] where word.hasPrefix(prefix) { return Int(word.dropFirst(prefix.count)) }
                return nil
            }
            if quietLevels.contains(where: { $0 >= 2 }) { return true }
        }
        return command.values(of: "option", short: "o").contains { AptConfiguration.contains(AptConfiguration.assumeYes, in: $0) }
    }
}
