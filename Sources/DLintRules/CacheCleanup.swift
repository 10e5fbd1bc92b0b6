import DLintCore

/// How one package manager leaves a cache in a layer, and what keeps it out. The rules of the
/// "cache cleanup in the same RUN" family (DL3009, DL3019, DL3042, DL3032, DL3040, DL3036,
/// DL3060) are each one of these tables run through `check(_:)`.
///
/// A later RUN cannot shrink an earlier layer, so a RUN that fills the cache must also empty it,
/// avoid it (a flag or a variable), or keep it in a cache/tmpfs mount. Stages whose layers do
/// not ship in the final image (see `DockerfileModel.stagesWhoseLayersShip`) are exempt.
struct PackageManagerCache: Sendable {
    /// A command that empties the cache: one of `programs` whose positional arguments start with
    /// `words` (`yum clean all`, `yarn cache clean`).
    struct Cleanup: Sendable {
        let programs: Set<String>
        let words: [String]
    }

    /// The programs, by base name without a version suffix (`pip3.12` is `pip`, `dnf5` is `dnf`).
    /// Also matched as a Python module: `python3 -m pip`.
    let programs: Set<String>
    /// Subcommands that fill the cache.
    let triggers: Set<String>
    /// True when the program run with no subcommand fills the cache (`yarn`).
    let triggersWithoutSubcommand: Bool
    /// Options that make the command not use the cache (`--no-cache`, `--no-cache-dir`).
    let avoidingFlags: Set<String>
    /// An environment variable that, set to a truthy value, disables the cache.
    let avoidingVariable: String?
    /// Where the cache lives.
    let cacheDirectories: [String]
    /// Where the cache lives relative to a home directory (`.cache/pip`): a mount or `rm` of a
    /// path ending in it (or in its first component) counts, whatever the home directory is.
    let homeCacheDirectory: String?
    /// A variable or option that moves the cache (`PIP_CACHE_DIR`, `--cache-folder`): a mount
    /// over the directory it names counts.
    let cacheDirectoryVariable: String?
    let cacheDirectoryOption: String?
    /// Commands that empty the cache, besides an `rm` of a cache directory.
    let cleanups: [Cleanup]
    /// True when each offending command is reported (the fix is per command: a flag); false when
    /// one cleanup at the end fixes them all, so only the first offending command is reported.
    let reportsEachCommand: Bool

    /// An offending command: the range to report (program word through subcommand) and how it
    /// was written, e.g. `apt-get update` or `python3 -m pip install`.
    struct Offense {
        let range: Range<Int>
        let command: String
        /// The program by base name (`microdnf`, `dnf`).
        let program: String
    }

    /// The commands of the file that fill this manager's cache and leave it in a layer that ships.
    func check(_ context: RuleContext) -> [Offense] {
        let model = context.model
        let shipping = model.stagesWhoseLayersShip
        var offenses: [Offense] = []
        for run in model.runs {
            guard let stage = model.states[run.instructionIndex].stageIndex, shipping.contains(stage) else { continue }
            offenses += check(run, variables: model.states[run.instructionIndex].variables)
        }
        return offenses
    }

    private func check(_ run: RunInstruction, variables: VariableScope) -> [Offense] {
        if let avoidingVariable, case .known(let value) = variables[avoidingVariable], Self.isTruthy(value) { return [] }
        let commands = run.commands
        var offenses: [Offense] = []
        for (index, command) in commands.enumerated() {
            guard let invocation = PackageInvocation(command), programs.contains(invocation.program),
                  isTrigger(invocation) else { continue }
            if invocation.arguments.contains(where: { word in
                guard let value = word.literalValue else { return false }
                return avoidingFlags.contains(value) || avoidingFlags.contains { value.hasPrefix($0 + "=") }
            }) { continue }
            let assigned = Self.assignments(before: index, in: commands)
            if let avoidingVariable, let value = assigned[avoidingVariable], Self.isTruthy(value) { continue }
            if keptInMount(run.mounts, invocation: invocation, assigned: assigned, variables: variables) { continue }
            if commands[(index + 1)...].contains(where: isCleanup) { continue }
            if !reportsEachCommand && !offenses.isEmpty { continue }
            let end = invocation.subcommand?.range.upperBound ?? invocation.name.range.upperBound
            offenses.append(Offense(
                range: command.source.fileRange(of: invocation.name.range.lowerBound..<end),
                command: invocation.description,
                program: invocation.program
            ))
        }
        return offenses
    }

    private func isTrigger(_ invocation: PackageInvocation) -> Bool {
        guard let subcommand = invocation.positionals.first else {
            // `yarn --version` and `yarn --help` install nothing.
            let informational: Set<String> = ["--version", "-v", "-V", "--help", "-h"]
            return triggersWithoutSubcommand && !invocation.arguments.contains { $0.literalValue.map(informational.contains) ?? false }
        }
        return subcommand.literalValue.map(triggers.contains) ?? false
    }

    /// `rm` of a cache directory (or a parent, or its contents), or a cleanup command.
    private func isCleanup(_ command: ShellCommand) -> Bool {
        guard let invocation = PackageInvocation(command) else { return false }
        if invocation.program == "rm" {
            return invocation.arguments.contains { word in
                guard let text = word.literalValue ?? word.text(in: command.source.text).nilIfEmpty,
                      !text.hasPrefix("-") else { return false }
                return covers(Self.removedDirectory(text))
            }
        }
        let positionals = invocation.positionals.map(\.literalValue)
        return cleanups.contains { cleanup in
            cleanup.programs.contains(invocation.program)
                && positionals.count >= cleanup.words.count
                && zip(positionals, cleanup.words).allSatisfy { $0 == $1 }
        }
    }

    /// True when removing `path` (a directory) removes the cache.
    private func covers(_ path: String) -> Bool {
        guard path != "/", !path.isEmpty else { return false }
        if path.hasPrefix("/"), cacheDirectories.contains(where: { Mount.path(path, contains: $0) }) { return true }
        return coversHomeCache(path)
    }

    /// `~/.cache/pip`, `$HOME/.cache`, `/home/app/.cache/pip`.
    private func coversHomeCache(_ path: String) -> Bool {
        guard let homeCacheDirectory else { return false }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        let components = homeCacheDirectory.split(separator: "/")
        return components.indices.contains { count in
            let tail = "/" + components[...count].joined(separator: "/")
            return trimmed.hasSuffix(tail) || trimmed == String(tail.dropFirst())
        }
    }

    private func keptInMount(_ mounts: [Mount], invocation: PackageInvocation, assigned: [String: String], variables: VariableScope) -> Bool {
        var directories = cacheDirectories
        if let cacheDirectoryVariable {
            if let value = assigned[cacheDirectoryVariable] {
                directories.append(value)
            } else if case .known(let value) = variables[cacheDirectoryVariable] {
                directories.append(value)
            }
        }
        if let cacheDirectoryOption, let value = invocation.optionValue(cacheDirectoryOption) {
            directories.append(value)
        }
        return mounts.contains { mount in
            guard mount.type == "cache" || mount.type == "tmpfs", let target = mount.target else { return false }
            return directories.contains { $0.hasPrefix("/") && mount.keepsOutOfLayer($0) } || coversHomeCache(target)
        }
    }

    /// `/var/lib/apt/lists/*`, `/var/lib/apt/lists*` and `/var/lib/apt/lists/` all remove the
    /// directory's contents.
    static func removedDirectory(_ operand: String) -> String {
        var path = operand
        while path.hasSuffix("*") || (path.hasSuffix("/") && path.count > 1) { path.removeLast() }
        return path
    }

    /// Variables the RUN sets before a command: `export NAME=value`, `NAME=value;`, and the
    /// command's own prefix assignments or `env NAME=value` operands.
    static func assignments(before index: Int, in commands: [ShellCommand]) -> [String: String] {
        var result: [String: String] = [:]
        func record(_ text: String) {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return }
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        for (position, command) in commands[...index].enumerated() {
            let simple = command.command
            let isTarget = position == index
            if isTarget || simple.words.isEmpty {
                for assignment in simple.assignments {
                    result[assignment.name] = assignment.value?.literalValue ?? (assignment.value == nil ? "" : nil)
                }
            }
            let words = simple.words.map(\.literalValue)
            guard let name = words.first ?? nil else { continue }
            if !isTarget, ["export", "declare", "typeset", "readonly"].contains(name) {
                for case let word? in words.dropFirst() { record(word) }
            }
            if isTarget {
                // `env A=1 sudo -E pip ...`: operands of `env` up to the real command.
                for case let word? in words where word.contains("=") && !word.hasPrefix("-") { record(word) }
            }
        }
        return result
    }

    static func isTruthy(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}

/// A package-manager command: its program (after wrappers, by base name without version), and
/// its arguments, with the positional ones (the subcommand first) picked out.
struct PackageInvocation {
    /// The command word (`apt-get`, `/usr/local/bin/pip3`, or `python3` for `python3 -m pip`).
    let name: Word
    /// `pip` for `pip3.12`, `/opt/venv/bin/pip` and `python3 -m pip`.
    let program: String
    let description: String
    /// The arguments after the program (after the module for `python -m`).
    let arguments: [Word]
    /// The arguments that are not options nor option values; the first is the subcommand.
    let positionals: [Word]

    var subcommand: Word? { positionals.first }

    /// Options that take a value, common to the managers of the family.
    static let optionsWithValue: Set<String> = [
        // apt-get
        "-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release",
        // apk
        "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
        // pip
        "-r", "--requirement", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "--proxy", "--log", "--timeout", "--retries", "--trusted-host", "--cert", "--client-cert",
        "--exists-action", "--target", "--prefix", "--python", "--constraint", "--upgrade-strategy",
        // yum, dnf, zypper
        "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-x", "--exclude",
        "--repo", "--repofrompath", "--config", "-R", "--from",
        // yarn
        "--cache-folder", "--modules-folder", "--cwd", "--network-timeout", "--mutex",
    ]

    init?(_ command: ShellCommand) {
        guard let invocation = command.command.effectiveCommand, let nameText = invocation.commandName else { return nil }
        var program = Self.baseProgram(nameText)
        var arguments = invocation.arguments[...]
        var description = nameText
        if program == "python" {
            // `python3 -m pip ...`, `python -u -mpip ...`
            var module: String?
            while let word = arguments.first, let value = word.literalValue, value.hasPrefix("-") {
                arguments = arguments.dropFirst()
                if value == "-m" {
                    module = arguments.first?.literalValue
                    arguments = arguments.dropFirst()
                    break
                } else if value.hasPrefix("-m") {
                    module = String(value.dropFirst(2))
                    break
                }
            }
            guard let module else { return nil }
            program = Self.baseProgram(module)
            description += " -m \(module)"
        }
        var positionals: [Word] = []
        var rest = arguments
        while let word = rest.first {
            rest = rest.dropFirst()
            guard let value = word.literalValue else {
                positionals.append(word)
                continue
            }
            if value == "--" {
                positionals += rest
                break
            }
            if value.hasPrefix("-") && value.count > 1 {
                if Self.optionsWithValue.contains(value) { rest = rest.dropFirst() }
                continue
            }
            positionals.append(word)
        }
        self.name = invocation.name
        self.program = program
        self.arguments = Array(arguments)
        self.positionals = positionals
        if let subcommand = positionals.first?.literalValue { description += " \(subcommand)" }
        self.description = description
    }

    /// The value of `--option value` or `--option=value`.
    func optionValue(_ option: String) -> String? {
        for (index, word) in arguments.enumerated() {
            guard let value = word.literalValue else { continue }
            if value == option, index + 1 < arguments.count { return arguments[index + 1].literalValue }
            if value.hasPrefix(option + "=") { return String(value.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// `/usr/bin/pip3.12` is `pip`, `dnf-3` and `dnf5` are `dnf`, `python3.11` is `python`.
    static func baseProgram(_ name: String) -> String {
        var base = Substring(name.split(separator: "/").last ?? Substring(name))
        while let last = base.last, last.isNumber || last == "." || last == "-" { base = base.dropLast() }
        return base.isEmpty ? name : String(base)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension PackageManagerCache {
    static let apt = PackageManagerCache(
        programs: ["apt-get", "apt"],
        triggers: ["update"], triggersWithoutSubcommand: false,
        avoidingFlags: [], avoidingVariable: nil,
        cacheDirectories: ["/var/lib/apt/lists"], homeCacheDirectory: nil,
        cacheDirectoryVariable: nil, cacheDirectoryOption: nil,
        cleanups: [Cleanup(programs: ["apt-get", "apt"], words: ["dist-clean"]),
                   Cleanup(programs: ["apt-get", "apt"], words: ["distclean"])],
        reportsEachCommand: false
    )

    static let apk = PackageManagerCache(
        programs: ["apk"],
        triggers: ["add"], triggersWithoutSubcommand: false,
        avoidingFlags: ["--no-cache", "--no-network"], avoidingVariable: nil,
        cacheDirectories: ["/var/cache/apk"], homeCacheDirectory: nil,
        cacheDirectoryVariable: nil, cacheDirectoryOption: nil,
        cleanups: [],
        reportsEachCommand: true
    )

    static let pip = PackageManagerCache(
        programs: ["pip"],
        triggers: ["install"], triggersWithoutSubcommand: false,
        avoidingFlags: ["--no-cache-dir"], avoidingVariable: "PIP_NO_CACHE_DIR",
        cacheDirectories: ["/root/.cache/pip"], homeCacheDirectory: ".cache/pip",
        cacheDirectoryVariable: "PIP_CACHE_DIR", cacheDirectoryOption: "--cache-dir",
        cleanups: [Cleanup(programs: ["pip"], words: ["cache", "purge"])],
        reportsEachCommand: true
    )

    /// yum and dnf are one program on RHEL 8 and later, so each accepts the other's cleanup.
    private static let rpmCleanups = [Cleanup(programs: ["yum", "dnf", "microdnf"], words: ["clean", "all"])]

    static let yum = PackageManagerCache(
        programs: ["yum"],
        triggers: ["install", "groupinstall", "localinstall", "reinstall", "update", "upgrade"],
        triggersWithoutSubcommand: false,
        avoidingFlags: [], avoidingVariable: nil,
        cacheDirectories: ["/var/cache/yum"], homeCacheDirectory: nil,
        cacheDirectoryVariable: nil, cacheDirectoryOption: nil,
        cleanups: rpmCleanups,
        reportsEachCommand: false
    )

    static let dnf = PackageManagerCache(
        programs: ["dnf", "microdnf"],
        triggers: ["install", "groupinstall", "localinstall", "reinstall", "update", "upgrade"],
        triggersWithoutSubcommand: false,
        avoidingFlags: [], avoidingVariable: nil,
        cacheDirectories: ["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"], homeCacheDirectory: nil,
        cacheDirectoryVariable: nil, cacheDirectoryOption: nil,
        cleanups: rpmCleanups,
        reportsEachCommand: false
    )

    static let zypper = PackageManagerCache(
        programs: ["zypper"],
        triggers: ["install", "in", "update", "up", "dist-upgrade", "dup", "patch"],
        triggersWithoutSubcommand: false,
        avoidingFlags: [], avoidingVariable: nil,
        cacheDirectories: ["/var/cache/zypp"], homeCacheDirectory: nil,
        cacheDirectoryVariable: nil, cacheDirectoryOption: nil,
        cleanups: [Cleanup(programs: ["zypper"], words: ["clean"]), Cleanup(programs: ["zypper"], words: ["cc"])],
        reportsEachCommand: false
    )

    static let yarn = PackageManagerCache(
        programs: ["yarn"],
        triggers: ["install", "add"], triggersWithoutSubcommand: true,
        avoidingFlags: [], avoidingVariable: nil,
        cacheDirectories: ["/usr/local/share/.cache/yarn"], homeCacheDirectory: ".cache/yarn",
        cacheDirectoryVariable: "YARN_CACHE_FOLDER", cacheDirectoryOption: "--cache-folder",
        cleanups: [Cleanup(programs: ["yarn"], words: ["cache", "clean"])],
        reportsEachCommand: false
    )
}
