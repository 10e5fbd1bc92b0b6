import DLintCore

/// How yum and dnf name a version: `name-version[-release][.arch]`, with an optional epoch
/// (`openssl-1:1.1.1k`), and a module stream as `module:stream`.
enum RpmVersions {
    /// True when the package names a version or is a file: after the first `-`, every
    /// `-`-separated part is made of version characters and one starts with a digit
    /// (`tomcat-9.0.1`, `gcc-c++-1.1.1`, but not `rpm-sign` nor `python3-devel`), or an `.rpm`.
    static func isPinned(_ package: String) -> Bool {
        if package.hasSuffix(".rpm") { return true }
        let parts = package.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return false }
        let versionParts = parts.dropFirst()
        return versionParts.allSatisfy { part in part.allSatisfy(isVersionCharacter) }
            && versionParts.contains { $0.first?.isASCII == true && $0.first?.isNumber == true }
    }

    private static func isVersionCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._~^:+".contains(character))
    }

    /// Operands no version applies to: groups (`@development`), file provides and local files
    /// by path (`/usr/bin/which`, `./x.rpm` ends in `.rpm` anyway), URLs.
    static func isVersionless(_ operand: String) -> Bool {
        (operand.hasPrefix("@") && !operand.contains(":")) || operand.hasBytePrefix("/") || operand.hasPrefix("./") || operand.contains("://")
    }

    /// The findings of DL3033 or DL3041 for one command: each unpinned package of an install,
    /// each module without a stream of a module install. Group installs have nothing to pin.
    static func findings(_ command: SystemPackageCommand) -> [Finding] {
        let isModule = command.action == "module install"
        guard command.action == "install" || isModule else { return [] }
        return command.unpinnedOperands { operand in
            if isVersionless(operand) { return true }
            return isModule || operand.hasPrefix("@") ? operand.contains(":") : isPinned(operand)
        }.map { word, packages in
            let message = isModule || packages[0].hasPrefix("@")
                ? "Specify the stream of module \(PinMessage.quoted(packages)): '\(command.label) \(packages[0]):<stream>'"
                : "Specify the version of \(PinMessage.quoted(packages)): '\(command.label) \(packages[0])-<version>'"
            return Finding(message, at: command.shellCommand.fileRange(of: word))
        }
    }

    /// The findings of DL3030 or DL3038: commands that ask for confirmation, without -y.
    static func assumeYesFindings(_ commands: [SystemPackageCommand]) -> [Finding] {
        commands.filter { promptingActions.contains($0.action) && !assumesYes($0) }.map { command in
            Finding(
                "'\(command.label)' without -y waits for a confirmation the build cannot give: use '\(command.label) -y'",
                at: command.range,
                fix: command.insertionFix("-y", title: "Add -y to '\(command.label)'", applicability: .safe)
            )
        }
    }

    /// Actions that ask before changing packages.
    static let promptingActions: Set<String> = [
        "install", "reinstall", "upgrade", "upgrade-minimal", "remove", "autoremove", "downgrade", "distro-sync",
        "swap", "group install", "group upgrade", "group remove", "module install", "module enable",
        "module disable", "module reset", "module remove", "module switch-to", "module update",
    ]

    private static let assumeYesLong: Set<String> = ["assumeyes", "yes"]
    private static let assumeYesShort: Set<Character> = ["y"]

    /// `-y`, `--assumeyes`, `--setopt=assumeyes=1` (also `True`).
    static func assumesYes(_ command: SystemPackageCommand) -> Bool {
        command.hasOption(long: assumeYesLong, short: assumeYesShort)
            || command.values(of: "setopt", short: nil).contains { setting in
                let lowered = String(setting.lowercased().filter { $0 != " " })
                return ["assumeyes=1", "assumeyes=true", "assumeyes=yes"].contains(lowered)
            }
    }
}
