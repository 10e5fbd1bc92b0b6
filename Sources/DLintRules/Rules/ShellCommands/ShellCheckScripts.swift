import DLintCore

/// A shell script a RUN runs, as ShellCheck would see it: the RUN's own line, a heredoc it runs,
/// or the string of an `sh -c '…'` inside one of those (parsed on its own, as the inner shell
/// reads it).
struct CheckedScript: Sendable {
    let script: ShellScript
    /// The RUN script the ranges point into (a nested `sh -c` string's ranges do too).
    let source: ShellScriptSource
    /// True for the RUN's line and its heredocs: the status of their last command is the RUN's
    /// status, so a failure there fails the build. False for `sh -c` strings.
    let isRunScript: Bool
    /// The shell running it was started with `-e`/`-o errexit` (SHELL, an exec-form shell's
    /// options, `sh -ec '…'`).
    let shellSetsErrexit: Bool

    /// `set -e` holds: from the shell's options, or the script runs `set -e` (anywhere, as
    /// ShellCheck's `hasSetE` reads it). Computed on demand: only a few checks ask.
    var errexit: Bool { shellSetsErrexit || ShellCheckScripts.setsErrexit(script) }

    func fileRange(_ range: Range<Int>) -> Range<Int> { source.fileRange(of: source.withoutCarriageReturn(range)) }
    func fileRange(of word: Word) -> Range<Int> { fileRange(word.range) }
    func text(_ range: Range<Int>) -> String { source.string(source.withoutCarriageReturn(range)) }
}

extension ShellScriptSource {
    /// The range without the carriage returns that end it: in a heredoc of a CRLF file the shell
    /// parser keeps the `\r` in the last word of a line, where an edit must not go after it.
    func withoutCarriageReturn(_ range: Range<Int>) -> Range<Int> {
        let clamped = range.clamped(to: 0..<text.count)
        var upper = clamped.upperBound
        while upper > clamped.lowerBound, text[upper - 1] == 0x0D { upper -= 1 }
        return clamped.lowerBound..<upper
    }
}

enum ShellCheckScripts {
    /// Every script of a RUN, `sh -c` strings included (three levels deep, as the model's
    /// commands); none for a RUN whose shell is not a POSIX shell.
    static func scripts(of run: RunInstruction) -> [CheckedScript] {
        guard runsPOSIXShell(run) else { return [] }
        let shellErrexit = optionsSetErrexit(run.shell.dropFirst().map(Optional.some))
        var result = run.scripts.map { CheckedScript(script: $0.script, source: $0, isRunScript: true, shellSetsErrexit: shellErrexit) }
        // The model's commands include those of `sh -c` strings (three levels deep), each with
        // the RUN script its ranges point into: parse the strings they run.
        for command in run.commands {
            guard let payload = command.command.shellCommandString,
                  let nested = ShellParser.parseCommandString(payload, in: command.source.text),
                  let invocation = command.command.effectiveCommand else { continue }
            // The shell's own options, up to the string: `sh -ec '…'`, `bash -o errexit -c '…'`.
            let options = invocation.arguments.prefix { $0.range != payload.range }.map(\.literalValue)
            result.append(CheckedScript(script: nested, source: command.source, isRunScript: false, shellSetsErrexit: optionsSetErrexit(options)))
        }
        return result
    }

    /// The simple commands of a RUN's scripts, `sh -c` strings included, as the model holds them
    /// (nothing parsed again); none for a RUN whose shell is not a POSIX shell.
    static func commands(of run: RunInstruction) -> [ShellCommand] {
        runsPOSIXShell(run) ? run.commands : []
    }

    /// `for` followed by a blank somewhere: there may be a `for` loop.
    static func mentionsFor(_ text: [UInt8]) -> Bool {
        guard text.count > 3 else { return false }
        for index in 0..<(text.count - 3) where text[index] == UInt8(ascii: "f") && text[index + 1] == UInt8(ascii: "o")
            && text[index + 2] == UInt8(ascii: "r") && (text[index + 3] == 0x20 || text[index + 3] == 0x09) {
            return true
        }
        return false
    }

    /// The programs `effectiveCommand` looks through.
    static let wrappers: Set<String> = [
        "sudo", "doas", "env", "nice", "nohup", "time", "exec", "command", "stdbuf", "xargs", "timeout", "setsid", "ionice",
    ]

    /// The one place that decides whether a RUN is POSIX shell for these checks (the model's
    /// shell-dialect fact replaces it when it exists): PowerShell and cmd RUNs, and Windows
    /// images, are not checked.
    /// The model's dialect of the RUN: sh, bash, ksh or zsh, not on a Windows image.
    private static func runsPOSIXShell(_ run: RunInstruction) -> Bool {
        run.dialect.isPOSIXFamily && !run.state.isWindows
    }

    /// `-e`, `-eux`, `-o errexit` among a shell's or `set`'s options.
    static func optionsSetErrexit(_ options: [String?]) -> Bool {
        var previousWasO = false
        for option in options {
            guard let option else { previousWasO = false; continue }
            if previousWasO, option == "errexit" { return true }
            previousWasO = option == "-o"
            if option.hasPrefix("-"), !option.hasPrefix("--"), option.dropFirst().contains("e") { return true }
        }
        return false
    }

    /// A `set -e` (`set -eux`, `set -o errexit`) as a statement of the script's top level, in
    /// an `&&`/`||` list or a `{ …; }` group there: where RUN scripts have it. (ShellCheck looks
    /// anywhere; a `set -e` inside an `if` or a loop body is not counted here.)
    static func setsErrexit(_ script: ShellScript) -> Bool {
        func sets(_ list: CommandList) -> Bool {
            list.items.contains { item in
                item.andOr.pipelines.contains { pipeline in
                    pipeline.commands.contains { command in
                        switch command {
                        case .simple(let simple):
                            return simple.commandName == "set" && optionsSetErrexit(simple.arguments.map(\.literalValue))
                        case .braceGroup(let group):
                            return sets(group.body)
                        default:
                            return false
                        }
                    }
                }
            }
        }
        return sets(script.body)
    }
}

/// Where a command sits, for the checks that ask whether its status is looked at.
struct CommandPlace {
    /// Its status decides something: it is left of `&&`/`||`, in an `if`/`while`/`until`
    /// condition, or anywhere inside one of those (as ShellCheck's `isCondition`).
    var isCondition: Bool
    /// Its status is the RUN's: the last command of a RUN script's last list item (a failure
    /// there fails the build whatever the shell options).
    var isRunStatus: Bool
    /// The pipeline follows `&&` in its and-or list.
    var followsAnd = false
    /// The and-or list runs in the background (`… &`).
    var isAsynchronous = false
}

/// The kind of a list of statements, for checks about sequences.
enum StatementListKind {
    /// A script's top level.
    case script
    case subshell
    case braceGroup
    case functionBody
    /// A loop body.
    case loopBody
    /// The condition of a `while`/`until`.
    case loopCondition
    case ifCondition
    case ifBody
    case caseBody
}

/// Walks a script with the context the SC checks need, into compound commands and command
/// substitutions.
struct ShellWalker {
    let script: CheckedScript

    /// Every simple command with its place.
    func forEachSimpleCommand(_ visit: (SimpleCommand, CommandPlace) -> Void) {
        withoutActuallyEscaping(visit) { visit in
            var walker = Walk(visitCommand: visit)
            walker.list(script.script.body, CommandPlace(isCondition: false, isRunStatus: script.isRunScript))
        }
    }

    /// Every list of statements (the script, group and loop bodies, conditions …) with its kind
    /// and the place of the command it belongs to.
    func forEachList(_ visit: (CommandList, StatementListKind, CommandPlace) -> Void) {
        withoutActuallyEscaping(visit) { visit in
            var walker = Walk(visitList: visit)
            walker.list(script.script.body, CommandPlace(isCondition: false, isRunStatus: false), kind: .script)
        }
    }

    /// Every pipeline (a single command is a pipeline of one), with its place.
    func forEachPipeline(_ visit: (Pipeline, CommandPlace) -> Void) {
        withoutActuallyEscaping(visit) { visit in
            var walker = Walk(visitPipeline: visit)
            walker.list(script.script.body, CommandPlace(isCondition: false, isRunStatus: script.isRunScript))
        }
    }

    private struct Walk {
        var visitCommand: ((SimpleCommand, CommandPlace) -> Void)?
        var visitList: ((CommandList, StatementListKind, CommandPlace) -> Void)?
        var visitPipeline: ((Pipeline, CommandPlace) -> Void)?
        var depth = 0

        init(visitCommand: ((SimpleCommand, CommandPlace) -> Void)? = nil, visitList: ((CommandList, StatementListKind, CommandPlace) -> Void)? = nil,
             visitPipeline: ((Pipeline, CommandPlace) -> Void)? = nil) {
            self.visitCommand = visitCommand
            self.visitList = visitList
            self.visitPipeline = visitPipeline
        }

        /// `place.isRunStatus` says whether the list's last command gives the RUN's status.
        mutating func list(_ list: CommandList, _ place: CommandPlace, kind: StatementListKind = .script, lastIsCondition: Bool = false) {
            guard depth < ShellParser.maximumNestingDepth else { return }
            depth += 1
            defer { depth -= 1 }
            visitList?(list, kind, place)
            for (index, item) in list.items.enumerated() {
                let isLast = index == list.items.count - 1
                var itemPlace = place
                itemPlace.isRunStatus = place.isRunStatus && isLast && !item.isAsynchronous
                if lastIsCondition && isLast { itemPlace.isCondition = true }
                let pipelines = item.andOr.pipelines
                for (position, pipeline) in pipelines.enumerated() {
                    var pipelinePlace = itemPlace
                    if position < pipelines.count - 1 {
                        pipelinePlace.isCondition = true
                        pipelinePlace.isRunStatus = false
                    }
                    if pipeline.isNegated { pipelinePlace.isRunStatus = false }
                    pipelinePlace.followsAnd = position > 0 && item.andOr.operators[position - 1].kind == .and
                    pipelinePlace.isAsynchronous = item.isAsynchronous
                    visitPipeline?(pipeline, pipelinePlace)
                    for (commandIndex, command) in pipeline.commands.enumerated() {
                        var commandPlace = pipelinePlace
                        if commandIndex < pipeline.commands.count - 1 { commandPlace.isRunStatus = false }
                        self.command(command, commandPlace)
                    }
                }
            }
        }

        mutating func command(_ command: Command, _ place: CommandPlace) {
            let inner = CommandPlace(isCondition: place.isCondition, isRunStatus: false)
            var place = place
            place.followsAnd = false
            place.isAsynchronous = false
            switch command {
            case .simple(let simple):
                visitCommand?(simple, place)
                // In this order, without joining them into a new array for each command.
                for assignment in simple.assignments { if let value = assignment.value { word(value.parts, inner) } }
                for word in simple.words { self.word(word.parts, inner) }
                for redirection in simple.redirections { if let target = redirection.target { word(target.parts, inner) } }
            case .subshell(let c):
                list(c.body, place, kind: .subshell)
            case .braceGroup(let c):
                list(c.body, place, kind: .braceGroup)
            case .ifClause(let c):
                for branch in c.branches {
                    list(branch.condition, inner, kind: .ifCondition, lastIsCondition: true)
                    list(branch.body, place, kind: .ifBody)
                }
                if let elseBody = c.elseBody { list(elseBody, place, kind: .ifBody) }
            case .forClause(let c):
                for word in c.words ?? [] { self.word(word.parts, inner) }
                list(c.body, inner, kind: .loopBody)
            case .whileClause(let c):
                list(c.condition, inner, kind: .loopCondition, lastIsCondition: true)
                list(c.body, inner, kind: .loopBody)
            case .caseClause(let c):
                self.word(c.subject.parts, inner)
                for item in c.items { list(item.body, place, kind: .caseBody) }
            case .functionDefinition(let c):
                // A function body runs where it is called, not here.
                let body = CommandPlace(isCondition: false, isRunStatus: false)
                switch c.body {
                case .braceGroup(let group): list(group.body, body, kind: .functionBody)
                case .subshell(let group): list(group.body, body, kind: .functionBody)
                default: self.command(c.body, body)
                }
            case .error:
                break
            }
            if case .simple = command { return }
            for redirection in command.redirections {
                if let target = redirection.target { word(target.parts, inner) }
            }
        }

        mutating func word(_ parts: [WordPart], _ place: CommandPlace) {
            for part in parts {
                switch part {
                case .doubleQuoted(let inner, _):
                    word(inner, place)
                case .parameter(let parameter):
                    if let argument = parameter.argument { word(argument.parts, place) }
                case .commandSubstitution(let substitution):
                    list(substitution.script.body, place, kind: .subshell)
                default:
                    break
                }
            }
        }
    }
}

extension SimpleCommand {
    /// The command's name without its directory (`find` for `/usr/bin/find`), when literal.
    var baseName: String? {
        guard let name = commandName else { return nil }
        return PathText.basename(name)
    }

    /// Short options in clusters and long option names, up to `--`, as ShellCheck's
    /// `getAllFlags` reads them: `-ra` gives `r` and `a`, `--mode=0755` gives `mode`; with the word
    /// each comes from.
    var allFlags: [(flag: String, word: Word)] {
        var flags: [(String, Word)] = []
        for word in arguments {
            guard let value = word.literalValue else { continue }
            if value == "--" { break }
            if value == "-" { continue }
            if value.hasPrefix("--") {
                flags.append((String(value.dropFirst(2).prefix { $0 != "=" }), word))
            } else if value.hasPrefix("-") {
                for character in value.dropFirst() { flags.append((String(character), word)) }
            }
        }
        return flags
    }
}

extension Word {
    /// True when the word holds an unquoted glob character (`*`, `?`, or a `[…]` class).
    var hasUnquotedGlob: Bool {
        for part in parts {
            guard case .literal(let text, _) = part else { continue }
            if text.contains("*") || text.contains("?") { return true }
            // Asked of every command name: most have no `[` byte, and then no `[` character.
            guard text.containsByte(where: { $0 == UInt8(ascii: "[") }) else { continue }
            if let open = text.firstIndex(of: "["), text[text.index(after: open)...].contains("]") { return true }
        }
        return false
    }

    /// Unquoted expansions or globs: the word may become several arguments, or none.
    var mayBecomeSeveralArguments: Bool {
        hasUnquotedGlob || parts.contains { part in
            switch part {
            case .parameter, .commandSubstitution, .arithmetic: true
            default: false
            }
        }
    }
}

extension DockerfileModel {
    /// The scripts of the RUNs that run one of `programs` (by the model's commands, without
    /// wrappers), for the checks about structure: the others are not walked at all.
    func checkedScripts(running programs: Set<String>) -> [CheckedScript] {
        let byProgram = runIndicesByProgram
        var indices: [Int] = []
        for program in programs { indices += byProgram[program] ?? [] }
        guard !indices.isEmpty else { return [] }
        // In file order, each RUN once.
        return Set(indices).sorted().flatMap { ShellCheckScripts.scripts(of: runs[$0]) }
    }

    /// The scripts of every RUN whose text contains all the `markers` (such as `for ` and ` in `).
    func checkedScripts(containing markers: String...) -> [CheckedScript] {
        let needles = markers.map { Array($0.utf8) }
        return zip(runs, runScriptBytes).flatMap { run, bytes -> [CheckedScript] in
            // The bytes first: most RUNs lack one of them, and then no text is searched.
            guard needles.allSatisfy(bytes.containsAll) else { return [] }
            let mentions = run.scripts.contains { source in needles.allSatisfy { ByteSearch.contains($0, in: source.text) } }
            return mentions ? ShellCheckScripts.scripts(of: run) : []
        }
    }

    /// Every simple command of every POSIX-shell RUN, with the script it is in.
    var shellCheckCommands: [ShellCommand] { runs.flatMap(ShellCheckScripts.commands(of:)) }

    /// `shellCheckCommands` of the RUNs whose scripts hold one of `markers` (see `ScriptBytes`),
    /// in the same order: for a rule whose findings need a glob character or a `$`.
    func shellCheckCommands(inRunsMentioning markers: UInt8...) -> [ShellCommand] {
        zip(runs, runScriptBytes).flatMap { run, bytes in
            markers.contains(where: bytes.contains) ? ShellCheckScripts.commands(of: run) : []
        }
    }

    /// The commands that may run one of `programs`: named so (or by a path ending in it), or
    /// starting with a wrapper (`sudo`, `env` …) that may run it. A cheap test before
    /// `effectiveCommand`.
    func shellCheckCommands(mayRun programs: Set<String>) -> [ShellCommand] {
        // Only the RUNs with a command of such a name (`runIndicesByProgram` has base names
        // too) are filtered: the others would hash each of their commands' names for nothing.
        let byProgram = runIndicesByProgram
        var indices = runIndicesRunningWrappers
        for name in programs { indices += byProgram[name] ?? [] }
        guard !indices.isEmpty else { return [] }
        return Set(indices).sorted().flatMap { index in
            ShellCheckScripts.commands(of: runs[index]).filter { command in
                guard let name = command.command.commandName else { return false }
                if programs.contains(name) || ShellCheckScripts.wrappers.contains(name) { return true }
                return name.contains("/") && programs.contains(PathText.basename(name))
            }
        }
    }
}

extension ShellCommand {
    func fileRange(_ range: Range<Int>) -> Range<Int> { source.fileRange(of: source.withoutCarriageReturn(range)) }
    func fileRange(trimmedOf word: Word) -> Range<Int> { fileRange(word.range) }
    func text(_ range: Range<Int>) -> String { source.string(source.withoutCarriageReturn(range)) }
}
