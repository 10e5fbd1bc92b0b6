@_exported import ShellSyntax

/// A `RUN --mount=...` option, e.g. `type=cache,target=/var/cache/apt,sharing=locked`.
public struct Mount: Sendable, Hashable {
    /// `bind` when not given, as in BuildKit.
    public let type: String
    public let target: String?
    public let source: String?
    /// A stage or image to mount from.
    public let from: String?
    public let options: [String: String]
    public let flag: InstructionFlag

    init(_ flag: InstructionFlag) {
        var options: [String: String] = [:]
        for field in Self.fields(flag.value ?? "") {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            options[parts[0].lowercased()] = parts.count > 1 ? String(parts[1]) : "true"
        }
        self.options = options
        self.type = options["type"]?.lowercased() ?? "bind"
        self.target = options["target"] ?? options["dst"] ?? options["destination"]
        self.source = options["source"] ?? options["src"]
        self.from = options["from"]
        self.flag = flag
    }

    /// BuildKit reads the value as one CSV record: commas separate fields outside double quotes.
    private static func fields(_ value: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields.filter { !$0.isEmpty }
    }

    /// True when this cache mount covers `directory` (the mount target is it or a parent of it).
    public func caches(_ directory: String) -> Bool {
        guard type == "cache", let target else { return false }
        return Self.path(target, contains: directory)
    }
}

/// A shell script in a Dockerfile, and how its offsets map to file offsets.
public struct ShellScriptSource: Sendable {
    public let script: ShellScript
    /// The text the script was parsed from.
    public let text: [UInt8]
    private let mapping: Mapping

    enum Mapping: Sendable {
        /// Shell-form RUN text: offsets in the instruction's logical line, shifted.
        case logicalLine(LogicalLine, offset: Int)
        /// A heredoc body: contiguous in the file from `fileStart`.
        case contiguous(fileStart: Int)
    }

    init(text: [UInt8], mapping: Mapping) {
        self.text = text
        self.mapping = mapping
        self.script = ShellParser.parse(text)
    }

    /// The file bytes of a range of the script (continuations inside it included).
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        switch mapping {
        case .logicalLine(let line, let offset):
            return line.fileRange(of: (range.lowerBound + offset)..<(range.upperBound + offset))
        case .contiguous(let fileStart):
            return (range.lowerBound + fileStart)..<(range.upperBound + fileStart)
        }
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// Every simple command, with those inside `sh -c '...'` strings parsed too.
    public var commands: [ShellCommand] {
        var result: [ShellCommand] = []
        collect(script, into: &result, depth: 0)
        return result
    }

    private func collect(_ script: ShellScript, into result: inout [ShellCommand], depth: Int) {
        for command in script.simpleCommands {
            result.append(ShellCommand(command: command, source: self))
            if depth < 3, let payload = command.shellCommandString,
               let nested = ShellParser.parseCommandString(payload, in: text) {
                collect(nested, into: &result, depth: depth + 1)
            }
        }
    }
}

/// A simple command and the script it belongs to, for rules that report on it.
public struct ShellCommand: Sendable {
    public let command: SimpleCommand
    public let source: ShellScriptSource
    /// The command read as a package-manager invocation, once, when the model is built.
    public let packageInvocation: PackageInvocation?

    init(command: SimpleCommand, source: ShellScriptSource) {
        self.command = command
        self.source = source
        self.packageInvocation = PackageInvocation(command)
    }

    /// The command run, looking through wrappers such as `env`, `nice` or `sudo` when asked.
    public var name: String? { command.name?.literalValue }

    /// Literal values of the arguments (nil for an argument with an expansion).
    public var arguments: [String?] { command.arguments.map(\.literalValue) }

    public func fileRange(of word: Word) -> Range<Int> { source.fileRange(of: word.range) }
    public var fileRange: Range<Int> { source.fileRange(of: command.range) }
}

/// A `RUN` instruction with its mounts and the shell scripts it runs.
public struct RunInstruction: Sendable {
    public let instructionIndex: Int
    public let instruction: Instruction
    public let mounts: [Mount]
    /// Empty for exec form and for shells other than POSIX sh (PowerShell, cmd).
    public let scripts: [ShellScriptSource]
    /// Every simple command of every script, in order, `sh -c` payloads included; computed once,
    /// since most rules ask for it.
    public let commands: [ShellCommand]
    /// For each of `commands`, the index in `scripts` of the script it belongs to.
    public let commandScriptIndices: [Int]

    init(instructionIndex: Int, instruction: Instruction, state: InstructionState, tree: SyntaxTree) {
        self.instructionIndex = instructionIndex
        self.instruction = instruction
        self.mounts = instruction.flags.filter { $0.name == "mount" }.map(Mount.init)
        guard state.usesPOSIXShell, case .shell(let text) = instruction.arguments else {
            self.scripts = []
            self.commands = []
            self.commandScriptIndices = []
            return
        }
        let line = instruction.logicalLine
        let lineScript = ShellScriptSource(
            text: Array(line.bytes[text.logicalRange]),
            mapping: .logicalLine(line, offset: text.logicalRange.lowerBound)
        )
        var scripts = [lineScript]
        // `RUN <<EOF` runs each heredoc as a script; so does `RUN sh <<EOF` (or bash ...).
        let words = lineScript.script.simpleCommands.first?.words.compactMap(\.literalValue) ?? []
        let runsHeredocsAsScripts = words.isEmpty
            || ["sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash"].contains(words[0])
        if runsHeredocsAsScripts {
            for heredoc in instruction.heredocs {
                scripts.append(ShellScriptSource(
                    text: Array(tree.source[heredoc.bodyRange]),
                    mapping: .contiguous(fileStart: heredoc.bodyRange.lowerBound)
                ))
            }
        }
        self.scripts = scripts
        let perScript = scripts.map(\.commands)
        self.commands = perScript.flatMap { $0 }
        self.commandScriptIndices = perScript.enumerated().flatMap { index, commands in commands.map { _ in index } }
    }

    /// The cache mounts of this RUN.
    public var cacheMounts: [Mount] { mounts.filter { $0.type == "cache" } }
}
