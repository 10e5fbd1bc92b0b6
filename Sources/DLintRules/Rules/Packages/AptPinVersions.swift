import DLintCore

/// DL3008: pin the versions of the packages `apt-get install` installs (`curl=7.88.1-10`), so a
/// rebuild installs what was tested. `apt install` and `aptitude install` are read the same way.
struct AptPinVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3008", name: "pin-apt-versions", severity: .warning,
        summary: "Pin versions in apt-get install"
    )

    func check(_ context: RuleContext) -> [Finding] {
        SystemPackageCommand.all(in: context.model, programs: SystemPackageCommand.aptPrograms)
            .filter { $0.action == "install" }
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

    /// `curl=7.88.1-10`, `curl=7.88*`, a release (`curl/bookworm-backports`), a `.deb` file, or a
    /// package to remove (`curl-`).
    static func isPinned(_ package: String) -> Bool {
        if let equals = package.firstIndex(of: "="), package.index(after: equals) < package.endIndex { return true }
        return package.contains("/") || package.hasSuffix(".deb") || package.hasSuffix("-")
    }
}

/// Message pieces the pinning rules share.
enum PinMessage {
    /// `'curl'`, or `'curl', 'git'` for a variable that holds several packages.
    /// At most three are named: a variable can hold dozens.
    static func quoted(_ packages: [String]) -> String {
        let named = packages.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return packages.count > 3 ? named + " and \(packages.count - 3) more" : named
    }
}
