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
            // In ASCII, `=` is a character of its own: the split is found on the bytes.
            if field.utf8.allSatisfy({ $0 < 0x80 }) {
                let utf8 = field.utf8
                if let equals = utf8.firstIndex(of: UInt8(ascii: "=")) {
                    options[field[..<equals].lowercased()] = String(field[utf8.index(after: equals)...])
                } else {
                    options[field.lowercased()] = "true"
                }
                continue
            }
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
        if value.utf8.allSatisfy({ $0 < 0x80 }) { return asciiFields(value) }
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

    /// `fields` on the bytes, for the usual all-ASCII value (each byte is then a character).
    private static func asciiFields(_ value: String) -> [String] {
        var fields: [String] = []
        var quoted = false
        var current: [UInt8] = []
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: ","), !quoted {
                if !current.isEmpty { fields.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { fields.append(String(decoding: current, as: UTF8.self)) }
        return fields
    }

    /// True when this cache mount covers `directory` (the mount target is it or a parent of it).
    public func caches(_ directory: String) -> Bool {
        guard type == "cache", let target else { return false }
        return Self.path(target, contains: directory)
    }
}

/// A shell script in a Dockerfile, and how its offsets map to file offsets.
public struct ShellScriptSource: Sendable {
    /// The script, its text and its mapping, shared: every command and shell event of a RUN
    /// holds its source, and a copy is then one reference, not a syntax tree and two arrays.
    private final class Content: Sendable {
        let script: ShellScript
        let simpleCommands: [SimpleCommand]
        let text: [UInt8]
        let mapping: Mapping

        init(script: ShellScript, text: [UInt8], mapping: Mapping) {
            self.script = script
            self.simpleCommands = script.simpleCommands
            self.text = text
            self.mapping = mapping
        }
    }

    private let content: Content
    public var script: ShellScript { content.script }
    /// `script.simpleCommands`, walked once: the model and several rules read them.
    public var simpleCommands: [SimpleCommand] { content.simpleCommands }
    /// The text the script was parsed from.
    public var text: [UInt8] { content.text }
    /// The shell that reads the script (see `ShellDialect`): a heredoc's shebang, the program a
    /// heredoc is fed to (`RUN bash <<EOF`), a shell pragma, or the RUN's shell.
    public internal(set) var dialect: ShellDialect
    /// True when `dialect` is `sh` because the script runs `/bin/sh`, whose flavor is the image's.
    var followsSystemShell: Bool
    /// What `/bin/sh` is where the script runs; `sh -c` payloads inside it get it.
    var systemShell: ShellFlavor
    private var mapping: Mapping { content.mapping }

    enum Mapping: Sendable {
        /// Shell-form RUN text: offsets in the instruction's logical line, shifted.
        case logicalLine(LogicalLine, offset: Int)
        /// A heredoc body: contiguous in the file from `fileStart`.
        case contiguous(fileStart: Int)
        /// The decoded value of a JSON string (exec form `["sh", "-c", "…"]`): each decoded byte
        /// comes from the logical bytes `starts[i]..<ends[i]` (one byte, or a whole escape such as
        /// `\"` or `\u00e9`, which every byte it decodes to maps to).
        case jsonString(LogicalLine, starts: [Int], ends: [Int], closingQuote: Int)
    }

    init(text: [UInt8], mapping: Mapping, dialect: ShellDialect = .sh(.posix), followsSystemShell: Bool = true, systemShell: ShellFlavor = .posix) {
        self.content = Content(script: ShellParser.parse(text), text: text, mapping: mapping)
        self.dialect = dialect
        self.followsSystemShell = followsSystemShell
        self.systemShell = systemShell
    }

    /// True when the script is a JSON string of an exec-form RUN: an edit inside it must write
    /// JSON escapes (`\"`, `\\`, `\n`); the linter writes a fix's quotes that way, and drops a fix
    /// that would need more (see `ExecFormScripts.swift`).
    public var isJSONString: Bool {
        if case .jsonString = mapping { return true }
        return false
    }

    /// The file bytes of a range of the script (continuations inside it included).
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        switch mapping {
        case .logicalLine(let line, let offset):
            return line.fileRange(of: (range.lowerBound + offset)..<(range.upperBound + offset))
        case .contiguous(let fileStart):
            return (range.lowerBound + fileStart)..<(range.upperBound + fileStart)
        case .jsonString(let line, let starts, let ends, let closingQuote):
            let lower = range.lowerBound < starts.count ? starts[max(range.lowerBound, 0)] : closingQuote
            guard !range.isEmpty else { return line.fileRange(of: lower..<lower) }
            let upper = range.upperBound <= ends.count ? ends[range.upperBound - 1] : closingQuote
            return line.fileRange(of: lower..<max(lower, upper))
        }
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// Every simple command, with those inside `sh -c '...'` strings parsed too; each knows the
    /// dialect it runs in (a `bash -c` payload's is bash).
    public var commands: [ShellCommand] {
        var result: [ShellCommand] = []
        collect(simpleCommands, dialect: dialect, followsSystemShell: followsSystemShell, into: &result, depth: 0)
        return result
    }

    private func collect(_ simpleCommands: [SimpleCommand], dialect: ShellDialect, followsSystemShell: Bool, into result: inout [ShellCommand], depth: Int) {
        for command in simpleCommands {
            result.append(ShellCommand(command: command, source: self, dialect: dialect, followsSystemShell: followsSystemShell))
            if depth < 3, let payload = command.shellCommandString,
               let nested = ShellParser.parseCommandString(payload, in: text) {
                let program = command.effectiveCommand?.commandName ?? "sh"
                let nestedDialect = ShellDialect.program(program, systemShell: systemShell) ?? .unknown
                collect(nested.simpleCommands, dialect: nestedDialect, followsSystemShell: PathText.basename(program) == "sh", into: &result, depth: depth + 1)
            }
        }
    }

    /// Gives `sh` scripts the flavor of `/bin/sh` found once the stage is read (its package manager).
    mutating func adopt(systemShell flavor: ShellFlavor) {
        systemShell = flavor
        if followsSystemShell { dialect = .sh(flavor) }
    }
}

/// A simple command and the script it belongs to, for rules that report on it.
public struct ShellCommand: Sendable {
    /// The fields live in one shared box: rules walk every command of every RUN, and a copy of
    /// the command is then a single reference, not a copy of its words, script and invocation.
    private final class Storage: Sendable {
        let command: SimpleCommand
        let source: ShellScriptSource
        let packageInvocation: PackageInvocation?
        let dialect: ShellDialect
        let followsSystemShell: Bool

        init(command: SimpleCommand, source: ShellScriptSource, packageInvocation: PackageInvocation?, dialect: ShellDialect, followsSystemShell: Bool) {
            self.command = command
            self.source = source
            self.packageInvocation = packageInvocation
            self.dialect = dialect
            self.followsSystemShell = followsSystemShell
        }
    }

    private var storage: Storage

    public var command: SimpleCommand { storage.command }
    public var source: ShellScriptSource { storage.source }
    /// The command read as a package-manager invocation, once, when the model is built.
    public var packageInvocation: PackageInvocation? { storage.packageInvocation }
    /// The shell that runs the command: its script's, or for a command inside a `bash -c '…'`
    /// payload, that shell's.
    public internal(set) var dialect: ShellDialect {
        get { storage.dialect }
        set { storage = Storage(command: command, source: source, packageInvocation: packageInvocation, dialect: newValue, followsSystemShell: followsSystemShell) }
    }
    var followsSystemShell: Bool { storage.followsSystemShell }

    init(command: SimpleCommand, source: ShellScriptSource, dialect: ShellDialect, followsSystemShell: Bool) {
        storage = Storage(command: command, source: source, packageInvocation: PackageInvocation(command), dialect: dialect, followsSystemShell: followsSystemShell)
    }

    mutating func adopt(systemShell flavor: ShellFlavor) {
        var adopted = source
        adopted.adopt(systemShell: flavor)
        storage = Storage(
            command: command, source: adopted, packageInvocation: packageInvocation,
            dialect: followsSystemShell ? .sh(flavor) : dialect, followsSystemShell: followsSystemShell
        )
    }

    /// The command run, looking through wrappers such as `env`, `nice` or `sudo` when asked.
    public var name: String? { command.name?.literalValue }

    /// Literal values of the arguments (nil for an argument with an expansion).
    public var arguments: [String?] { command.arguments.map(\.literalValue) }

    public func fileRange(of word: Word) -> Range<Int> { source.fileRange(of: word.range) }
    public var fileRange: Range<Int> { source.fileRange(of: command.range) }
}

/// A `RUN` instruction with its mounts and the shell scripts it runs.
///
/// The fields live in one shared box: every rule walks `model.runs`, and copying a RUN is then
/// one reference instead of a dozen arrays and strings.
public struct RunInstruction: Sendable {
    /// The stored fields; the properties below document them.
    struct Fields: Sendable {
        let instructionIndex: Int
        let instruction: Instruction
        let isOnbuildTrigger: Bool
        let state: InstructionState
        let mounts: [Mount]
        let shell: [String]
        var dialect: ShellDialect
        /// True when `dialect` is `sh` because the line runs `/bin/sh` (see `adopt`).
        var followsSystemShell: Bool
        var scripts: [ShellScriptSource]
        var commands: [ShellCommand]
        let commandScriptIndices: [Int]
        let execScriptElement: TextSpan?

        init(
            instructionIndex: Int, instruction: Instruction, state: InstructionState, tree: SyntaxTree, isOnbuildTrigger: Bool = false,
            dialectContext: DialectContext = DialectContext(systemShell: .posix)
        ) {
            self.instructionIndex = instructionIndex
            self.instruction = instruction
            self.isOnbuildTrigger = isOnbuildTrigger
            self.state = state
            self.mounts = instruction.flags.filter { $0.hasName("mount") }.map(Mount.init)
            let line = instruction.logicalLine
            let system = dialectContext.systemShell
            var scripts: [ShellScriptSource] = []
            // The commands of `scripts[0]` when they were needed early.
            var lineCommands: [ShellCommand]?
            switch instruction.arguments {
            case .shell(let text) where state.usesPOSIXShell:
                self.shell = state.shell
                self.execScriptElement = nil
                let (dialect, follows) = RunInstruction.dialect(ofShell: state.shell, context: dialectContext)
                let lineScript = ShellScriptSource(
                    text: Array(line.bytes[text.logicalRange]),
                    mapping: .logicalLine(line, offset: text.logicalRange.lowerBound),
                    dialect: dialect, followsSystemShell: follows, systemShell: system
                )
                scripts = [lineScript]
                lineCommands = lineScript.commands
                // `RUN <<EOF` runs each heredoc as a script; so does `RUN sh <<EOF` (or bash ...).
                // The program is the first literal word: looked for only when there are heredocs.
                if !instruction.heredocs.isEmpty {
                    let program = lineCommands?.first?.command.words.lazy.compactMap(\.literalValue).first
                    if program.map(RunInstruction.isPOSIXShell) ?? true {
                        for heredoc in instruction.heredocs {
                            let body = Array(tree.source[heredoc.bodyRange])
                            // `RUN <<EOF` runs a script with a shebang as a file (its own interpreter), one
                            // without it with the SHELL; `RUN bash <<EOF` feeds it to bash.
                            var scriptDialect = (dialect, follows)
                            if let program {
                                scriptDialect = (ShellDialect.program(program, systemShell: system) ?? .unknown, PathText.basename(program) == "sh")
                            } else if let shebang = ShellDialect.shebang(of: body, systemShell: system) {
                                scriptDialect = (shebang, shebang == .sh(system) && RunInstruction.shebangProgram(body) == "sh")
                            }
                            scripts.append(ShellScriptSource(
                                text: body,
                                mapping: .contiguous(fileStart: heredoc.bodyRange.lowerBound),
                                dialect: scriptDialect.0, followsSystemShell: scriptDialect.1, systemShell: system
                            ))
                        }
                    }
                }
                self.dialect = dialect
                self.followsSystemShell = follows
            case .exec(let elements):
                // Exec form runs no shell, unless the program is one: `["/bin/sh", "-c", "…"]`.
                let values = elements.map(\.text)
                if let scriptIndex = RunInstruction.commandStringIndex(values),
                   let script = ShellScriptSource(jsonString: elements[scriptIndex], in: line) {
                    self.shell = Array(values[..<scriptIndex])
                    self.execScriptElement = elements[scriptIndex]
                    let (dialect, follows) = RunInstruction.dialect(ofShell: self.shell, context: dialectContext)
                    var parsed = script
                    parsed.dialect = dialect
                    parsed.followsSystemShell = follows
                    parsed.systemShell = system
                    scripts = [parsed]
                    self.dialect = dialect
                    self.followsSystemShell = follows
                } else {
                    self.shell = []
                    self.execScriptElement = nil
                    self.dialect = .unknown
                    self.followsSystemShell = false
                }
            default:
                self.shell = state.shell
                self.execScriptElement = nil
                (self.dialect, self.followsSystemShell) = RunInstruction.dialect(ofShell: state.shell, context: dialectContext)
            }
            self.scripts = scripts
            if scripts.count == 1 {
                // The usual RUN, one script: its commands are the RUN's, with nothing to join.
                let commands = lineCommands ?? scripts[0].commands
                self.commands = commands
                self.commandScriptIndices = Array(repeating: 0, count: commands.count)
            } else {
                let perScript = scripts.indices.map { index in index == 0 ? lineCommands ?? scripts[0].commands : scripts[index].commands }
                self.commands = perScript.flatMap { $0 }
                self.commandScriptIndices = perScript.enumerated().flatMap { index, commands in commands.map { _ in index } }
            }
        }
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The index in `SyntaxTree.instructions`: the `RUN`, or the `ONBUILD` that wraps it.
    public var instructionIndex: Int { box.fields.instructionIndex }

    /// The `RUN` itself (for a trigger, the instruction inside the `ONBUILD`).
    public var instruction: Instruction { box.fields.instruction }

    /// True for `ONBUILD RUN …`: it runs in every image built `FROM` this one, right after that
    /// `FROM`, not in this stage. Its layers ship wherever this stage's image does (see
    /// `DockerfileModel.layersShip(ofInstruction:)`).
    public var isOnbuildTrigger: Bool { box.fields.isOnbuildTrigger }

    /// The state the RUN runs with: `DockerfileModel.states[instructionIndex]` for a RUN; for a
    /// trigger, the state at the end of its stage (what the child image starts from) after the
    /// triggers before it, without the stage's ARGs.
    public var state: InstructionState { box.fields.state }

    public var mounts: [Mount] { box.fields.mounts }

    /// The program and options that run the RUN's own line: the SHELL (`["/bin/sh", "-c"]`) for
    /// shell form, the array up to the script for an exec-form shell (`["sh", "-eux", "-c"]`),
    /// empty for another exec form.
    public var shell: [String] { box.fields.shell }

    /// The shell that reads the RUN's own line (its SHELL, or the exec form's program), or the
    /// shell a `# hadolint shell=…` / `# dlint shell=…` pragma names; `.unknown` for an exec
    /// form that runs no shell. Heredocs and `sh -c` payloads may differ: see
    /// `ShellScriptSource.dialect` and `ShellCommand.dialect`.
    public var dialect: ShellDialect { box.fields.dialect }

    /// The shell scripts: the RUN line (shell form, or the `-c` string of an exec-form POSIX
    /// shell: `["/bin/sh", "-c", "…"]`), then heredocs it runs. Empty for other exec forms and for
    /// shells other than POSIX sh (PowerShell, cmd).
    public var scripts: [ShellScriptSource] { box.fields.scripts }

    /// Every simple command of every script, in order, `sh -c` payloads included; computed once,
    /// since most rules ask for it.
    public var commands: [ShellCommand] { box.fields.commands }

    /// For each of `commands`, the index in `scripts` of the script it belongs to.
    public var commandScriptIndices: [Int] { box.fields.commandScriptIndices }

    /// The JSON string holding the script of an exec-form shell.
    var execScriptElement: TextSpan? { box.fields.execScriptElement }

    init(
        instructionIndex: Int, instruction: Instruction, state: InstructionState, tree: SyntaxTree, isOnbuildTrigger: Bool = false,
        dialectContext: DialectContext = DialectContext(systemShell: .posix)
    ) {
        box = Box(Fields(
            instructionIndex: instructionIndex, instruction: instruction, state: state, tree: tree,
            isOnbuildTrigger: isOnbuildTrigger, dialectContext: dialectContext
        ))
    }

    /// The cache mounts of this RUN.
    public var cacheMounts: [Mount] { mounts.filter { $0.type == "cache" } }

    /// The dialect of the script a command (one of `commands`) belongs to.
    public func scriptDialect(ofCommandAt position: Int) -> ShellDialect {
        scripts[commandScriptIndices[position]].dialect
    }

    /// The dialect of a shell (`["/bin/bash", "-o", "pipefail", "-c"]`, `["/usr/bin/env", "bash",
    /// "-c"]`), or the pragma's; and whether it is `sh` because it runs `/bin/sh`.
    static func dialect(ofShell shell: [String], context: DialectContext) -> (ShellDialect, Bool) {
        var program = shell.first ?? ""
        if let pragma = context.pragma {
            program = pragma
        } else if PathText.basename(program) == "env" {
            program = shell.dropFirst().first { !$0.hasPrefix("-") && !$0.contains("=") } ?? ""
        } else if PathText.basename(program) == "busybox" {
            return (.sh(.ash), false)
        }
        guard let dialect = ShellDialect.program(program, systemShell: context.systemShell) else { return (.unknown, false) }
        return (dialect, PathText.basename(program) == "sh")
    }

    /// `sh` for `#!/bin/sh -e`, `bash` for `#!/usr/bin/env bash`.
    private static func shebangProgram(_ body: [UInt8]) -> String? {
        let end = body.firstIndex(of: 0x0A) ?? body.count
        guard end >= 2 else { return nil }
        let words = String(decoding: body[2..<end], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        let program = PathText.basename(words.first ?? "") == "env" ? words.dropFirst().first { !$0.hasPrefix("-") && !$0.contains("=") } : words.first
        return program.map(PathText.basename)
    }

    /// Gives the `sh` scripts of the RUN the flavor of `/bin/sh` the stage turned out to have.
    mutating func adopt(systemShell flavor: ShellFlavor) {
        var fields = box.fields
        if fields.followsSystemShell { fields.dialect = .sh(flavor) }
        for index in fields.scripts.indices { fields.scripts[index].adopt(systemShell: flavor) }
        for index in fields.commands.indices { fields.commands[index].adopt(systemShell: flavor) }
        box = Box(fields)
    }

    private static let posixShells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"]

    /// `sh`, `/bin/bash`, `/usr/bin/dash` …
    static func isPOSIXShell(_ program: String) -> Bool {
        posixShells.contains(PathText.basename(program))
    }

    /// For an exec form that runs a POSIX shell with a command string (`["sh", "-c", "…"]`,
    /// `["bash", "-eux", "-o", "pipefail", "-c", "…"]`, `["/usr/bin/env", "bash", "-c", "…"]`):
    /// the index of the string. Options come before it as the shell reads them: `-c` may be
    /// grouped (`-ec`), `-o`/`-O` take a value, `--` ends them; the words after the string are
    /// `$0`, `$1` ….
    static func commandStringIndex(_ values: [String]) -> Int? {
        var index = 0
        if let first = values.first, PathText.basename(first) == "env" {
            index = 1
            while index < values.count, values[index].contains("="), !values[index].hasPrefix("-") { index += 1 }
        }
        guard index < values.count, isPOSIXShell(values[index]) else { return nil }
        index += 1
        var sawC = false
        while index < values.count {
            let value = values[index]
            if ["-o", "+o", "-O", "+O"].contains(value) {
                index += 2
            } else if value == "--" {
                index += 1
                break
            } else if value.hasPrefix("--") {
                index += 1
            } else if value.count > 1, value.hasPrefix("-") || value.hasPrefix("+") {
                if value.hasPrefix("-"), value.contains("c") { sawC = true }
                // `-eo pipefail`: each `o`/`O` in a group takes the next word as its value.
                index += 1 + value.dropFirst().filter { $0 == "o" || $0 == "O" }.count
            } else {
                break
            }
        }
        return sawC && index < values.count ? index : nil
    }
}

extension ShellScriptSource {
    /// The shell script in a JSON string of an exec form, decoded as BuildKit's JSON reader does,
    /// each decoded byte mapped back to the bytes it was written as. Nil when the decoding does not
    /// give the element's value (it always does for an array the parser accepted).
    init?(jsonString element: TextSpan, in line: LogicalLine) {
        let bytes = line.bytes
        let range = element.logicalRange
        guard range.count >= 2, range.upperBound <= bytes.count, bytes[range.lowerBound] == UInt8(ascii: "\""),
              bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let end = range.upperBound - 1
        var text: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        text.reserveCapacity(range.count)
        func append(_ decoded: [UInt8], from start: Int, to stop: Int) {
            text.append(contentsOf: decoded)
            starts.append(contentsOf: repeatElement(start, count: decoded.count))
            ends.append(contentsOf: repeatElement(stop, count: decoded.count))
        }
        func hex4(at index: Int) -> UInt32? {
            guard index + 4 <= end else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
        var index = range.lowerBound + 1
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                append([byte], from: index, to: index + 1)
                index += 1
                continue
            }
            guard index + 1 < end else { return nil }
            let escaped = bytes[index + 1]
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): append([escaped], from: index, to: index + 2)
            case UInt8(ascii: "b"): append([0x08], from: index, to: index + 2)
            case UInt8(ascii: "f"): append([0x0C], from: index, to: index + 2)
            case UInt8(ascii: "n"): append([0x0A], from: index, to: index + 2)
            case UInt8(ascii: "r"): append([0x0D], from: index, to: index + 2)
            case UInt8(ascii: "t"): append([0x09], from: index, to: index + 2)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: index + 2) else { return nil }
                var stop = index + 6
                // A UTF-16 surrogate pair is one character, written as two escapes.
                if (0xD800..<0xDC00).contains(scalar), stop + 1 < end, bytes[stop] == UInt8(ascii: "\\"),
                   bytes[stop + 1] == UInt8(ascii: "u"), let low = hex4(at: stop + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    stop += 6
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                append(Array(String(character).utf8), from: index, to: stop)
                index = stop
                continue
            default:
                return nil
            }
            index += 2
        }
        guard String(decoding: text, as: UTF8.self) == element.text else { return nil }
        self.init(text: text, mapping: .jsonString(line, starts: starts, ends: ends, closingQuote: end))
    }
}
