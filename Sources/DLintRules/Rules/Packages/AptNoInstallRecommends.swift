import DLintCore

/// DL3015: `apt-get install` without `--no-install-recommends` also installs the packages the
/// requested ones recommend, which an image rarely needs.
struct AptNoInstallRecommends: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3015", name: "apt-no-install-recommends", severity: .info,
        summary: "Avoid additional packages by specifying --no-install-recommends",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let configured = AptConfiguration.written(AptConfiguration.noRecommends, in: model)
        var findings: [Finding] = []
        for command in SystemPackageCommand.all(in: model, programs: SystemPackageCommand.aptPrograms)
        where command.action == "install" && !Self.skipsRecommends(command) && !configured(command.runIndex, command.commandIndex) {
            let option = command.program == "aptitude" ? "--without-recommends" : "--no-install-recommends"
            findings.append(Finding(
                "'\(command.label)' without \(option) also installs recommended packages: use '\(command.label) \(option)'",
                at: command.range,
                fix: command.insertionFix(option, title: "Add \(option) to '\(command.label)'", applicability: .unsafe)
            ))
        }
        return findings
    }

    // Built once: every apt install asks.
    private static let skippingLong: Set<String> = ["no-install-recommends", "without-recommends"]
    private static let aptitudeSkippingShort: Set<Character> = ["R"]

    /// `--no-install-recommends`, `--install-recommends=false`, `-o APT::Install-Recommends=false`
    /// (or `0`), and aptitude's `-R`/`--without-recommends`.
    static func skipsRecommends(_ command: SystemPackageCommand) -> Bool {
        if command.hasOption(long: skippingLong, short: command.program == "aptitude" ? aptitudeSkippingShort : []) {
            return true
        }
        if command.values(of: "install-recommends", short: nil).contains(where: { ["false", "0", "no", "off"].contains($0.lowercased()) }) {
            return true
        }
        return command.values(of: "option", short: "o").contains { AptConfiguration.contains(AptConfiguration.noRecommends, in: $0) }
    }
}
