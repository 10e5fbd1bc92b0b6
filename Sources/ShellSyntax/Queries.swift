// Traversals and helpers that lint rules use.

extension ShellScript {
    /// Visits every command, compound ones included, in source order
    /// (pre-order), descending into bodies, function definitions and the
    /// command substitutions inside any word.
    public func forEachCommand(_ visit: (Command) -> Void) {
        withoutActuallyEscaping(visit) { visit in
            CommandWalker(visit: visit).walk(body)
        }
    }

    /// Every simple command anywhere in the script, in source order.
    public var simpleCommands: [SimpleCommand] {
        var result: [SimpleCommand] = []
        forEachCommand { command in
            if case .simple(let simple) = command { result.append(simple) }
        }
        return result
    }
}

private struct CommandWalker {
    let visit: (Command) -> Void

    func walk(_ list: CommandList) {
        for item in list.items {
            for pipeline in item.andOr.pipelines {
                for command in pipeline.commands { walk(command) }
            }
        }
    }

    func walk(_ command: Command) {
        visit(command)
        switch command {
        case .simple(let c):
            if c.assignments.isEmpty && c.redirections.isEmpty {
                // The usual case, without building and sorting a merged list for every command.
                for word in c.words { walk(word) }
                return
            }
            // Only a word with an expansion can hold a command: most commands have none, and need
            // no merged list.
            guard c.words.contains(where: \.hasExpansion) || c.assignments.contains(where: { $0.value?.hasExpansion == true })
                || c.redirections.contains(where: { $0.target?.hasExpansion == true }) else { return }
            // Assignments, words and redirections interleave in the source.
            let words = c.assignments.compactMap(\.value) + c.words + c.redirections.compactMap(\.target)
            for word in words.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) { walk(word) }
            return
        case .subshell(let c):
            walk(c.body)
        case .braceGroup(let c):
            walk(c.body)
        case .ifClause(let c):
            for branch in c.branches {
                walk(branch.condition)
                walk(branch.body)
            }
            if let elseBody = c.elseBody { walk(elseBody) }
        case .forClause(let c):
            for word in c.words ?? [] { walk(word) }
            walk(c.body)
        case .whileClause(let c):
            walk(c.condition)
            walk(c.body)
        case .caseClause(let c):
            walk(c.subject)
            for item in c.items {
                for pattern in item.patterns { walk(pattern) }
                walk(item.body)
            }
        case .functionDefinition(let c):
            walk(c.body)
            return
        case .error:
            return
        }
        for redirection in command.redirections {
            if let target = redirection.target { walk(target) }
        }
    }

    func walk(_ word: Word) {
        // A word without expansions (most are) holds no command substitution.
        guard word.hasExpansion else { return }
        walk(word.parts)
    }

    func walk(_ parts: [WordPart]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                walk(inner)
            case .parameter(let p):
                if let argument = p.argument { walk(argument) }
            case .commandSubstitution(let c):
                walk(c.script.body)
            case .literal, .escaped, .singleQuoted, .ansiCQuoted, .arithmetic:
                break
            }
        }
    }
}

/// A command name and its arguments, after skipping wrappers.
public struct CommandInvocation: Sendable {
    /// The fields, in one shared box: rules ask every command for its invocation, and a copy is
    /// then one reference instead of a word and two arrays.
    private final class Storage: Sendable {
        let name: Word
        let arguments: [Word]
        let wrappers: [String]

        init(name: Word, arguments: [Word], wrappers: [String]) {
            self.name = name
            self.arguments = arguments
            self.wrappers = wrappers
        }
    }

    private let storage: Storage

    public init(name: Word, arguments: [Word], wrappers: [String]) {
        storage = Storage(name: name, arguments: arguments, wrappers: wrappers)
    }

    public var name: Word { storage.name }
    public var arguments: [Word] { storage.arguments }
    /// Wrapper commands skipped to get here, outermost first (e.g. `["sudo"]`).
    public var wrappers: [String] { storage.wrappers }

    public var commandName: String? { name.literalValue }
}

extension SimpleCommand {
    /// The literal command name, nil when absent or computed at run time.
    public var commandName: String? { name?.literalValue }

    /// Commands that run their operands as another command.
    static let wrapperOptionsWithValue: [String: Set<String>] = [
        "sudo": ["-u", "-g", "-U", "-C", "-D", "-h", "-p", "-r", "-t", "-T", "--user", "--group"],
        "doas": ["-u", "-C"],
        "env": ["-u", "-C", "-S", "--unset", "--chdir"],
        "nice": ["-n", "--adjustment"],
        "nohup": [],
        "time": ["-f", "-o"],
        "exec": ["-a"],
        "command": [],
        "stdbuf": ["-i", "-o", "-e"],
        "xargs": ["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args",
                  "--max-procs", "--max-chars", "--process-slot-var"],
        "timeout": ["-k", "-s", "--kill-after", "--signal"],
        "setsid": [],
        "ionice": ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"],
    ]

    /// For each first byte, the lengths of the wrappers' names that start with it, as bits
    /// (`sudo`: bit 4 of the entry for `s`). Every command is asked whether it is a wrapper, and
    /// this tells most of them apart (`apt-get`, `curl`, `rm`) without hashing their name.
    private static let wrapperNameLengths: [UInt32] = wrapperOptionsWithValue.keys.reduce(into: Array(repeating: 0, count: 256)) {
        lengths, name in lengths[Int(name.utf8.first!)] |= 1 << name.utf8.count
    }

    private static func mayBeWrapper(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let first = utf8.first, utf8.count < 32 else { return false }
        return wrapperNameLengths[Int(first)] & (1 << utf8.count) != 0
    }

    /// Operands a wrapper takes before the command it runs (`timeout 10 cmd`).
    static let wrapperLeadingOperands: [String: Int] = ["timeout": 1]

    /// The command actually run, looking through `sudo`, `env`, `nice`,
    /// `nohup`, `time`, `exec`, `command`, `doas`, `stdbuf`, `xargs`,
    /// `timeout` (and its duration), `setsid` and `ionice` with their
    /// options (and `env`'s `NAME=value` operands). Nil when there is no
    /// command word, or a wrapper's operand is not literal.
    static func effectiveCommand(of words: [Word]) -> CommandInvocation? {
        var remaining = ArraySlice(words)
        var wrappers: [String] = []
        while let first = remaining.first {
            guard let name = first.literalValue, Self.mayBeWrapper(name),
                  let optionsWithValue = Self.wrapperOptionsWithValue[name], remaining.count > 1 else { break }
            var rest = remaining.dropFirst()
            while let word = rest.first, let value = word.literalValue,
                  value.hasPrefix("-") || (name == "env" && value.contains("=")) {
                rest = rest.dropFirst()
                if value == "--" { break }
                if optionsWithValue.contains(value) { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst(Self.wrapperLeadingOperands[name] ?? 0)
            // `timeout 10`, `nice -n 5` alone: the wrapper is the command.
            guard let next = rest.first else { break }
            guard next.literalValue != nil else { return nil }
            wrappers.append(name)
            remaining = rest
        }
        guard let name = remaining.first else { return nil }
        return CommandInvocation(name: name, arguments: Array(remaining.dropFirst()), wrappers: wrappers)
    }

    static let shells: Set<String> = [
        "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh",
        "/bin/sh", "/bin/bash", "/bin/dash", "/bin/ash", "/bin/zsh", "/bin/ksh",
        "/usr/bin/sh", "/usr/bin/bash",
    ]

    /// For `sh -c 'script'`, `bash -euxc "script"`, `sudo bash -o pipefail -c …`:
    /// the word holding the script. Nil for other commands or a script file.
    /// Pass it to `ShellParser.parseCommandString(_:in:)`.
    /// Read once, when the command is made (see `Command.swift`): the model, the walkers and
    /// several rules ask it of every command.
    public var shellCommandString: Word? { storedShellCommandString }

    static func shellCommandString(of effectiveCommand: CommandInvocation?) -> Word? {
        // Every shell's name ends in `sh`: most commands are told apart without hashing the name.
        guard let invocation = effectiveCommand, let name = invocation.commandName,
              name.utf8.last == UInt8(ascii: "h"), Self.shells.contains(name) else { return nil }
        var sawC = false
        var arguments = invocation.arguments[...]
        while let word = arguments.first {
            arguments = arguments.dropFirst()
            guard let value = word.literalValue else { return sawC ? word : nil }
            if value == "-o" || value == "+o" || value == "-O" || value == "+O" {
                arguments = arguments.dropFirst()
            } else if value == "--" {
                return sawC ? arguments.first : nil
            } else if value.hasPrefix("--") {
                continue
            } else if value.count > 1 && (value.hasPrefix("-") || value.hasPrefix("+")) {
                if value.hasPrefix("-") && value.contains("c") { sawC = true }
            } else {
                return sawC ? word : nil
            }
        }
        return nil
    }
}

extension Word {
    /// The word's source text. `source` must be the input the word's ranges
    /// refer to.
    public func text(in source: [UInt8]) -> String {
        String(decoding: source[range.clamped(to: 0..<source.count)], as: UTF8.self)
    }
}
