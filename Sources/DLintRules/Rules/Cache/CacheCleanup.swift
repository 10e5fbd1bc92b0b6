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
        /// Where it was found, for the fixes.
        let shellCommand: ShellCommand
        let invocation: PackageInvocation
        let run: RunInstruction
        /// The index in `run.scripts` of the script holding the command (0: the RUN's own line).
        let scriptIndex: Int
        /// The SHELL the RUN line runs with.
        let shell: [String]
    }

    /// The commands of the file that fill this manager's cache and leave it in a layer that ships.
    func check(_ context: RuleContext) -> [Offense] {
        let model = context.model
        let shipping = model.stagesWhoseLayersShip
        var offenses: [Offense] = []
        // Most RUNs run none of the programs: nothing below is worked out for them. The model's
        // index of package commands names the RUNs that do, in file order.
        for (runIndex, commandIndices) in model.packageCommandsByRun(running: programs) {
            let run = model.runs[runIndex]
            // Outside any stage (a fragment without FROM) the stage it is pasted into may ship.
            guard run.state.stageIndex.map(shipping.contains) ?? true else { continue }
            offenses += check(run, commandIndices: commandIndices, variables: run.state.variables, shell: run.shell)
        }
        return offenses
    }

    private func check(_ run: RunInstruction, commandIndices: [Int], variables: VariableScope, shell: [String]) -> [Offense] {
        if let avoidingVariable, case .known(let value) = variables[avoidingVariable], Self.isTruthy(value) { return [] }
        let scriptIndices = run.commandScriptIndices
        let commands = run.commands
        // Each command was read once by the model: later commands are looked at again for every install.
        let invocations = commands.map(\.packageInvocation)
        var offenses: [Offense] = []
        for index in commandIndices {
            // One offense is all a manager fixed by one cleanup reports.
            if !reportsEachCommand && !offenses.isEmpty { break }
            let command = commands[index]
            guard let invocation = invocations[index], isTrigger(invocation) else { continue }
            if invocation.arguments.contains(where: { word in
                guard let value = word.literalValue else { return false }
                return avoidingFlags.contains(value) || avoidingFlags.contains { value.hasPrefix($0 + "=") }
            }) { continue }
            // The RUN's variables matter only to a manager a variable steers (pip, not apt).
            let assigned = avoidingVariable == nil && cacheDirectoryVariable == nil ? [:] : Self.assignments(before: index, in: commands)
            if let avoidingVariable, let value = assigned[avoidingVariable], Self.isTruthy(value) { continue }
            if keptInMount(run.mounts, invocation: invocation, assigned: assigned, variables: variables) { continue }
            if commands.indices[(index + 1)...].contains(where: { isCleanup(invocations[$0], in: commands[$0]) }) { continue }
            let end = invocation.subcommand?.range.upperBound ?? invocation.name.range.upperBound
            offenses.append(Offense(
                range: command.source.fileRange(of: invocation.name.range.lowerBound..<end),
                command: invocation.description,
                program: invocation.program,
                shellCommand: command, invocation: invocation, run: run,
                scriptIndex: scriptIndices[index], shell: shell
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
    private func isCleanup(_ invocation: PackageInvocation?, in command: ShellCommand) -> Bool {
        guard let invocation else { return false }
        if invocation.program == "rm" {
            return invocation.arguments.contains { word in
                guard let text = word.literalValue ?? word.text(in: command.source.text).nilIfEmpty,
                      !text.hasPrefix("-") else { return false }
                return covers(Self.removedDirectory(text))
            }
        }
        let positionals = invocation.positionals
        // The words first: they differ for nearly every command, and are not hashed.
        return cleanups.contains { cleanup in
            positionals.count >= cleanup.words.count
                && zip(positionals, cleanup.words).allSatisfy { $0.literalValue == $1 }
                && cleanup.programs.contains(invocation.program)
        }
    }

    /// True when removing `path` (a directory) removes the cache.
    private func covers(_ path: String) -> Bool {
        guard path != "/", !path.isEmpty else { return false }
        if path.hasBytePrefix("/"), cacheDirectories.contains(where: { Mount.path(path, contains: $0) }) { return true }
        return coversHomeCache(path)
    }

    /// `~/.cache/pip`, `$HOME/.cache`, `/home/app/.cache/pip`.
    private func coversHomeCache(_ path: String) -> Bool {
        guard let homeCacheDirectory else { return false }
        let trimmed = path.hasByteSuffix("/") ? String(path.dropLast()) : path
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
            return directories.contains { $0.hasBytePrefix("/") && mount.keepsOutOfLayer($0) } || coversHomeCache(target)
        }
    }

    /// `/var/lib/apt/lists/*`, `/var/lib/apt/lists*` and `/var/lib/apt/lists/` all remove the
    /// directory's contents.
    static func removedDirectory(_ operand: String) -> String {
        var path = operand
        while path.hasSuffix("*") || (path.hasByteSuffix("/") && path.count > 1) { path.removeLast() }
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
            // The words as they are, not mapped to a new array: most commands are looked at for their name only.
            let words = simple.words
            guard let name = words.first?.literalValue else { continue }
            if !isTarget, ["export", "declare", "typeset", "readonly"].contains(name) {
                for word in words.dropFirst() { if let value = word.literalValue { record(value) } }
            }
            if isTarget {
                // `env A=1 sudo -E pip ...`: operands of `env` up to the real command.
                for word in words {
                    if let value = word.literalValue, value.contains("="), !value.hasPrefix("-") { record(value) }
                }
            }
        }
        return result
    }

    static func isTruthy(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
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

// MARK: - Fixes

extension PackageManagerCache {
    /// `apk add --no-cache`, `pip install --no-cache-dir`: the option inserted right after the
    /// subcommand word, wherever that word is (continued line, `sh -c` string, heredoc).
    static func flagFix(_ offense: Offense, flag: String) -> Fix? {
        guard let subcommand = offense.invocation.subcommand else { return nil }
        let end = offense.shellCommand.fileRange(of: subcommand).upperBound
        return Fix(
            title: "Add \(flag) to '\(offense.command)'", applicability: .unsafe,
            edits: [TextEdit(range: end..<end, replacement: " \(flag)")]
        )
    }

    /// The program as written (`yum`, `/usr/bin/dnf`, `microdnf`) when it is a plain word, else
    /// its base name.
    static func programName(_ offense: Offense) -> String {
        let plain = offense.invocation.name.literalValue.flatMap { text in
            text.allSatisfy { $0.isLetter || $0.isNumber || "_./+-".contains($0) } && !text.isEmpty ? text : nil
        }
        return plain ?? offense.program
    }

    /// Appends `cleanup` (one or more commands) to the end of the script holding the offending
    /// command, so that it runs after it and only when the RUN would have succeeded. See
    /// `CleanupAppender`. Nil when that cannot be done for sure.
    static func appendFix(_ offense: Offense, cleanup: [String], in tree: SyntaxTree) -> Fix? {
        guard let privilege = privilegePrefix(offense) else { return nil }
        let commands = cleanup.map { privilege + $0 }
        let script = offense.run.scripts[offense.scriptIndex]
        // `run.scripts[0]` is the RUN's own line; the others are heredoc bodies.
        let isLine = offense.scriptIndex == 0
        let appender = CleanupAppender(
            file: tree.source, script: script,
            escape: isLine ? tree.escapeCharacter : UInt8(ascii: "\\"),
            shellErrexit: isLine && shellSetsErrexit(offense.shell)
        )
        guard let edit = appender.edit(appending: commands) else { return nil }
        let shown = commands.joined(separator: " && ")
        return Fix(title: "Append '\(shown)' to the RUN", applicability: .unsafe, edits: [edit])
    }

    /// `sudo ` when the offending command (or the `sh -c` holding it) ran through a plain `sudo`
    /// (or `doas`): the cleanup needs the same privileges. Nil when it ran as another user
    /// (`sudo -u app`): the cleanup would not reach that user's cache.
    private static func privilegePrefix(_ offense: Offense) -> String? {
        let target = offense.shellCommand.command.range
        let outer = offense.shellCommand.source.simpleCommands.filter {
            $0.range.lowerBound <= target.lowerBound && target.upperBound <= $0.range.upperBound
        }
        var prefix = ""
        for command in outer + [offense.shellCommand.command] {
            var words = command.words[...]
            while let first = words.first?.literalValue, first == "env" || first == "nice" || first == "nohup" || first == "time" {
                words = words.dropFirst()
                while let word = words.first?.literalValue, word.hasPrefix("-") || word.contains("=") { words = words.dropFirst() }
            }
            guard let first = words.first?.literalValue, first == "sudo" || first == "doas" else { continue }
            let harmless: Set<String> = ["-E", "-H", "-n", "--preserve-env", "--non-interactive", "-S"]
            for word in words.dropFirst() {
                guard let value = word.literalValue, value.hasPrefix("-") else { break }
                if !harmless.contains(value) { return nil }
            }
            prefix = first + " "
        }
        return prefix
    }

    /// `SHELL ["/bin/bash", "-e", "-c"]`, `["/bin/sh", "-exc"]`, `[..., "-o", "errexit", "-c"]`.
    static func shellSetsErrexit(_ shell: [String]) -> Bool {
        var errexit = false
        var arguments = shell.dropFirst()[...]
        while let argument = arguments.first {
            arguments = arguments.dropFirst()
            if argument == "-o" || argument == "+o" {
                if arguments.first == "errexit" { errexit = argument == "-o" }
                arguments = arguments.dropFirst()
            } else if argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.contains("e") {
                errexit = true
            }
        }
        return errexit
    }
}

/// Appends commands at the end of a shell script in the layout the script uses.
///
/// The cleanup goes after the script's last and-or list, joined with `&&`: `a; b || c && rm …`
/// is `a; (b || c) && rm …`, so the cleanup runs only when the RUN would have succeeded, and the
/// RUN's exit status is unchanged when it fails. Joining with `;` instead would make a RUN whose
/// last command fails succeed; that form is used only when `set -e` (or the SHELL's `-e`) is in
/// effect and the commands are separated by `;` (or newlines in a heredoc), where the two mean the
/// same. A script with a background job (`&`) gets nothing: the cleanup could run before the job
/// fills the cache.
///
/// Layouts, from the operator before the script's last command and that command:
/// - `    && cmd` on a continuation line (operator leading): a new line `    && cleanup`;
/// - `cmd && \` then `    cmd` (operator trailing), likewise `cmd; \`: ` && \` (or `; \`) and a
///   new line `    cleanup`;
/// - commands on separate lines of a heredoc with `set -e`: a new line;
/// - anything else: ` && cleanup` on the line of the last command.
/// New lines copy the escape character, the blanks around it, the line ending and the indentation
/// of the continuation lines they follow. The edit is inserted just after the last command (or its
/// `;`), so a trailing comment, continued comment lines, and a dangling `\` stay after it.
struct CleanupAppender {
    let file: [UInt8]
    let script: ShellScriptSource
    /// The escape character that continues lines in this script (the Dockerfile's for the RUN
    /// line, `\` in a heredoc body).
    let escape: UInt8
    /// The shell runs with `-e`.
    let shellErrexit: Bool

    private static let blanks: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t")]

    func edit(appending commands: [String]) -> TextEdit? {
        let parsed = script.script
        guard parsed.diagnostics.isEmpty, let last = parsed.items.last,
              !parsed.items.contains(where: \.isAsynchronous),
              let lastPipeline = last.andOr.pipelines.last, let lastCommand = lastPipeline.commands.last else { return nil }
        if case .functionDefinition = lastCommand { return nil }
        if case .error = lastCommand { return nil }
        guard trailingTextIsInert(after: last.andOr.range.upperBound) else { return nil }

        let items = parsed.items
        let errexit = errexitBefore(items.dropLast())
        // The operator before the last pipeline: `&&`/`||` in the last item, or the previous item's separator.
        enum Before { case andOr(Range<Int>, previousEnd: Int), separator(ListSeparator, previousEnd: Int), none }
        let before: Before
        if last.andOr.pipelines.count > 1, let op = last.andOr.operators.last {
            before = .andOr(op.range, previousEnd: last.andOr.pipelines[last.andOr.pipelines.count - 2].range.upperBound)
        } else if items.count > 1, let separator = items[items.count - 2].separator {
            before = .separator(separator, previousEnd: items[items.count - 2].range.upperBound)
        } else {
            before = .none
        }
        var semicolonStyle = false
        if case .separator(let separator, _) = before, separator.kind != .ampersand, errexit, !lastPipeline.isNegated {
            semicolonStyle = true
        }
        let anchor = script.fileRange(of: last.andOr.range).upperBound
        let ownSeparator = last.separator.flatMap { $0.kind == .semicolon ? script.fileRange(of: $0.range) : nil }
        let pipelineStart = script.fileRange(of: lastPipeline.range).lowerBound
        let lineStart = Self.lineStart(of: pipelineStart, in: file)

        func inline() -> TextEdit {
            if semicolonStyle {
                if let ownSeparator {
                    return insert(at: ownSeparator.upperBound, " " + commands.joined(separator: "; "))
                }
                return insert(at: anchor, "; " + commands.joined(separator: "; "))
            }
            return insert(at: anchor, " && " + commands.joined(separator: " && "))
        }

        let opRange: Range<Int>
        let previousEnd: Int
        let isOperatorAndOr: Bool
        switch before {
        case .none:
            return inline()
        case .separator(let separator, _) where separator.kind == .newline:
            // Heredoc lines: one more line, after the last command's line (its comment included).
            guard semicolonStyle, isBlank(lineStart..<pipelineStart),
                  let (end, ending) = Self.lineEnd(of: anchor, in: file) else { return inline() }
            let indent = text(lineStart..<pipelineStart)
            return insert(at: end, commands.map { ending + indent + $0 }.joined())
        case .separator(let separator, let end):
            (opRange, previousEnd, isOperatorAndOr) = (separator.range, end, false)
        case .andOr(let range, let end):
            (opRange, previousEnd, isOperatorAndOr) = (range, end, true)
        }
        let op = script.fileRange(of: opRange)
        let previous = script.fileRange(of: (previousEnd - 1)..<previousEnd).upperBound
        if op.lowerBound >= lineStart, lineStart > 0, isBlank(lineStart..<op.lowerBound), isBlank(op.upperBound..<pipelineStart) {
            // Leading operator: `    && cmd`.
            guard !semicolonStyle, isOperatorAndOr,
                  let (gap, continuation) = continuation(endingLineBefore: lineStart) else { return inline() }
            let joiner = gap + continuation + text(lineStart..<op.lowerBound) + "&&" + text(op.upperBound..<pipelineStart)
            return insert(at: anchor, joiner + commands.joined(separator: joiner))
        }
        if op.upperBound < lineStart, isBlank(lineStart..<pipelineStart),
           let escapeAt = escapeEndingLine(after: op.upperBound) {
            // Trailing operator: `cmd && \` or `cmd; \`, then `    cmd`.
            let after = text(op.upperBound..<escapeAt) + text(escapeAt..<Self.nextLineStart(after: escapeAt, in: file)) + text(lineStart..<pipelineStart)
            if semicolonStyle {
                let joiner = ";" + after
                if let ownSeparator {
                    return insert(at: ownSeparator.upperBound, after + commands.joined(separator: joiner))
                }
                return insert(at: anchor, joiner + commands.joined(separator: joiner))
            }
            let spaceBefore = isOperatorAndOr && previous <= op.lowerBound && isBlank(previous..<op.lowerBound) ? text(previous..<op.lowerBound) : " "
            let joiner = spaceBefore + "&&" + after
            return insert(at: anchor, joiner + commands.joined(separator: joiner))
        }
        return inline()
    }

    private func insert(at offset: Int, _ text: String) -> TextEdit {
        TextEdit(range: offset..<offset, replacement: text)
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: file[range], as: UTF8.self)
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        range.lowerBound <= range.upperBound && file[range].allSatisfy(Self.blanks.contains)
    }

    /// After the last and-or list, only its `;`, blanks, line breaks and comments.
    private func trailingTextIsInert(after end: Int) -> Bool {
        let bytes = script.text
        var index = end
        var sawSeparator = false
        while index < bytes.count {
            let byte = bytes[index]
            if Self.blanks.contains(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if byte == UInt8(ascii: ";"), !sawSeparator {
                sawSeparator = true
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else {
                return false
            }
        }
        return true
    }

    /// `set -e` (`-eux`, `-o errexit`) run at top level before the last item, or the SHELL's `-e`.
    private func errexitBefore(_ items: ArraySlice<ListItem>) -> Bool {
        var errexit = shellErrexit
        for item in items {
            for pipeline in item.andOr.pipelines {
                guard pipeline.commands.count == 1, case .simple(let command) = pipeline.commands[0],
                      command.commandName == "set" else { continue }
                var arguments = command.arguments.map(\.literalValue)[...]
                while let argument = arguments.first {
                    arguments = arguments.dropFirst()
                    guard let argument else { continue }
                    if argument == "-o" || argument == "+o" {
                        if arguments.first == "errexit" { errexit = argument == "-o" }
                        arguments = arguments.dropFirst()
                    } else if argument.hasPrefix("--") {
                        break
                    } else if argument.hasPrefix("-"), argument.contains("e") {
                        errexit = true
                    } else if argument.hasPrefix("+"), argument.contains("e") {
                        errexit = false
                    }
                }
            }
        }
        return errexit
    }

    /// The blanks before the escape ending the nearest line above `lineStart` that is neither
    /// blank nor a comment, and the text from that escape to the end of its line (line ending included).
    private func continuation(endingLineBefore lineStart: Int) -> (String, String)? {
        var end = lineStart
        while end > 0 {
            let start = Self.lineStart(of: end - 1, in: file)
            var contentEnd = end
            while contentEnd > start, file[contentEnd - 1] == UInt8(ascii: "\n") || file[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let content = file[start..<contentEnd]
            let firstNonBlank = content.firstIndex { !Self.blanks.contains($0) }
            if let firstNonBlank, file[firstNonBlank] != UInt8(ascii: "#") {
                guard let lastNonBlank = content.lastIndex(where: { !Self.blanks.contains($0) }),
                      file[lastNonBlank] == escape else { return nil }
                var gapStart = lastNonBlank
                while gapStart > start, Self.blanks.contains(file[gapStart - 1]) { gapStart -= 1 }
                return (text(gapStart..<lastNonBlank), text(lastNonBlank..<end))
            }
            end = start
        }
        return nil
    }

    /// The offset of the escape character that ends the line `offset` is on, when only blanks
    /// surround it.
    private func escapeEndingLine(after offset: Int) -> Int? {
        var index = offset
        while index < file.count, Self.blanks.contains(file[index]) { index += 1 }
        guard index < file.count, file[index] == escape else { return nil }
        var after = index + 1
        while after < file.count, Self.blanks.contains(file[after]) { after += 1 }
        guard after < file.count, file[after] == UInt8(ascii: "\n") || file[after] == UInt8(ascii: "\r") else { return nil }
        return index
    }

    static func lineStart(of offset: Int, in file: [UInt8]) -> Int {
        var index = offset
        while index > 0, file[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }

    static func nextLineStart(after offset: Int, in file: [UInt8]) -> Int {
        var index = offset
        while index < file.count, file[index] != UInt8(ascii: "\n") { index += 1 }
        return min(index + 1, file.count)
    }

    /// Where the line holding `offset` ends (before its line ending), and that line ending.
    static func lineEnd(of offset: Int, in file: [UInt8]) -> (Int, String)? {
        var index = offset
        while index < file.count, file[index] != UInt8(ascii: "\n") { index += 1 }
        guard index < file.count else { return nil }
        if index > 0, file[index - 1] == UInt8(ascii: "\r") { return (index - 1, "\r\n") }
        return (index, "\n")
    }
}
