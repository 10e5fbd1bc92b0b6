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
        // Every operand of every install comes here: ASCII names (nearly all) are read on their
        // bytes, where each byte is a character; others by characters, as below.
        let bytes = package.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")), bytes.index(after: equals) < bytes.endIndex { return true }
            return bytes.contains(UInt8(ascii: "/")) || bytes.suffix(4).elementsEqual(".deb".utf8) || bytes.last == UInt8(ascii: "-")
        }
        if let equals = package.firstIndex(of: "="), package.index(after: equals) < package.endIndex { return true }
        return package.contains("/") || package.hasSuffix(".deb") || package.hasSuffix("-")
    }
}

/// Message pieces the pinning rules share.
enum PinMessage {
    /// `'curl'`, or `'curl', 'git'` for a variable that holds several packages.
    /// At most three are named: a variable can hold dozens.
    static func quoted(_ packages: [String]) -> String {
        // Nearly always one package: no array of quoted names is made for it.
        if packages.count == 1 { return "'" + packages[0] + "'" }
        let named = packages.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return packages.count > 3 ? named + " and \(packages.count - 3) more" : named
    }
}
