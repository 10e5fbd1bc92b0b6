import DLintCore

// The shell scripts of a RUN read once in source order, as the expansion, quoting and variable
// checks (SC2086, SC2046, SC2034, SC2154 …) need them: each word with the role that decides
// whether the shell splits and globs its unquoted expansions, and each variable assignment.
// `sh -c '…'` payloads are read in their own parse, so `$VAR` inside the single quotes is judged
// where the inner shell expands it.

/// Where a word sits in a command.
enum ShellWordRole: Sendable, Hashable {
    case commandName
    /// An operand of a command: split and globbed when unquoted.
    case argument
    /// `NAME=value` before a command or alone: never split.
    case assignmentValue
    /// `export NAME=value`, `local NAME=value` …: not split in bash; split in POSIX sh, which
    /// reads the operand as an ordinary word (ShellCheck's view for `#!/bin/sh`).
    case declarationOperand
    /// The words of `for x in …`: splitting is usually what is wanted.
    case loopWords
    /// The subject and patterns of `case`: never split.
    case casePattern
    /// A redirection's file.
    case redirectionTarget
    /// The word of `<<<`.
    case hereString
    /// An operand of `[[ … ]]`: never split.
    case testExpression
}

/// A class, like `ShellAssignmentUse`: a RUN yields thousands of events and a dozen rules walk
/// them, so copying an event must be one reference, not a copy of its word, command and script.
final class ShellWordUse: Sendable {
    let word: Word
    let role: ShellWordRole
    /// The simple command the word belongs to, when it belongs to one.
    let command: SimpleCommand?
    let source: ShellScriptSource
    /// Where the first syntax error of `source`'s script is, if it has one: found once per script,
    /// not once per word by each rule that asks (`isReadAsShellCheckReadsIt`).
    let firstParseError: Int?

    init(word: Word, role: ShellWordRole, command: SimpleCommand?, source: ShellScriptSource, firstParseError: Int?) {
        self.word = word
        self.role = role
        self.command = command
        self.source = source
        self.firstParseError = firstParseError
    }
}

final class ShellAssignmentUse: Sendable {
    enum Kind: Sendable, Hashable {
        /// `NAME=value` alone: sets a shell variable.
        case plain
        /// `NAME=value cmd`: only the command's environment.
        case commandEnvironment
        /// `export`, `local`, `declare`, `typeset`, `readonly` (the command's name).
        case declaration(String)
        /// `read NAME`.
        case read
        /// `for NAME in …`.
        case loop
    }

    let name: String
    /// The name's bytes in the script.
    let nameRange: Range<Int>
    /// The value (for a declaration operand, the whole `NAME=value` word); nil when empty.
    let value: Word?
    let kind: Kind
    let command: SimpleCommand?
    let source: ShellScriptSource
    /// Inside an `if`, `case` or loop body: the assignment may not happen.
    let isConditional: Bool

    init(name: String, nameRange: Range<Int>, value: Word?, kind: Kind, command: SimpleCommand?, source: ShellScriptSource, isConditional: Bool = false) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
        self.kind = kind
        self.command = command
        self.source = source
        self.isConditional = isConditional
    }
}

enum ShellEvent: Sendable {
    case word(ShellWordUse)
    case assignment(ShellAssignmentUse)
    /// `export NAME`, `declare -x NAME`: the variable reaches the commands run after.
    case exported(String)
    /// The body of a here-document whose delimiter is unquoted (expansions happen in it).
    case heredocBody(String)
    /// `set -a`, `source`, `.`, `eval`: the script may read any variable.
    case readsAllVariables
}

/// The shell a RUN's scripts are written for, as far as these checks care.
enum ShellExpansionDialect: Sendable {
    case posix
    case bash

    /// From the model's dialect of the RUN (its SHELL, pragma or exec-form program): bash, ksh and
    /// zsh do not split a `$var` in `[[ ]]` and know arrays; every `sh` does neither.
    static func of(_ run: RunInstruction) -> ShellExpansionDialect {
        switch run.dialect {
        case .bash, .ksh, .zsh: .bash
        default: .posix
        }
    }

    /// False for RUNs these checks skip: Windows images, PowerShell or cmd, no script.
    static func checks(_ run: RunInstruction) -> Bool {
        !run.state.isWindows && run.dialect.isPOSIXFamily && !run.scripts.isEmpty
    }
}

extension DockerfileModel {
    /// The events of every script of a RUN of this model, in source order: walked once per RUN
    /// and shared by the rules of the family.
    func shellEvents(of run: RunInstruction) -> [ShellEvent] {
        let all = facts.value(ShellEventsFact.self) {
            Dictionary(runs.map { (ShellEventsFact.key($0), $0.walkShellEvents()) }) { first, _ in first }
        }
        return all[ShellEventsFact.key(run)] ?? run.walkShellEvents()
    }
}

extension DockerfileModel {
    /// The RUNs the family checks (`ShellExpansionDialect.checks`) whose scripts hold one of
    /// `markers`: a rule whose findings need a `$`, a backquote or a backslash skips the others
    /// without walking their events.
    func expansionCheckedRuns(mentioning markers: UInt8...) -> [RunInstruction] {
        zip(runs, runScriptBytes).compactMap { run, bytes in
            ShellExpansionDialect.checks(run) && markers.contains(where: bytes.contains) ? run : nil
        }
    }
}

private enum ShellEventsFact: ModelFactKey {
    typealias Value = [Key: [ShellEvent]]
    struct Key: Hashable, Sendable { let instructionIndex: Int, isOnbuildTrigger: Bool }
    static func key(_ run: RunInstruction) -> Key { Key(instructionIndex: run.instructionIndex, isOnbuildTrigger: run.isOnbuildTrigger) }
}

extension RunInstruction {
    /// The events of every script of the RUN, in source order.
    fileprivate func walkShellEvents() -> [ShellEvent] {
        var collector = ShellEventCollector()
        for source in scripts {
            collector.source = source
            collector.walk(source.script.body, depth: 0)
        }
        // `RUN cat > file <<EOF`: the Dockerfile heredoc is the body of the shell's here-document.
        if scripts.count == 1 {
            for heredoc in instruction.heredocs where heredoc.expands { collector.events.append(.heredocBody(heredoc.body)) }
        }
        return collector.events
    }
}

/// Commands whose `NAME=value` operands assign variables.
let declarationCommands: Set<String> = ["export", "local", "declare", "typeset", "readonly"]

private struct ShellEventCollector {
    var events: [ShellEvent] = []
    var source: ShellScriptSource! {
        didSet { firstParseError = source.script.diagnostics.map(\.range.lowerBound).min() }
    }
    var firstParseError: Int?
    var conditionalDepth = 0

    mutating func conditionally(_ body: (inout ShellEventCollector) -> Void) {
        conditionalDepth += 1
        body(&self)
        conditionalDepth -= 1
    }

    mutating func walk(_ list: CommandList, depth: Int) {
        for item in list.items {
            for pipeline in item.andOr.pipelines {
                for command in pipeline.commands { walk(command, depth: depth) }
            }
        }
    }

    mutating func walk(_ command: Command, depth: Int) {
        switch command {
        case .simple(let simple):
            walkSimple(simple, depth: depth)
            return
        case .subshell(let c):
            walk(c.body, depth: depth)
        case .braceGroup(let c):
            walk(c.body, depth: depth)
        case .ifClause(let c):
            conditionally { collector in
                for branch in c.branches {
                    collector.walk(branch.condition, depth: depth)
                    collector.walk(branch.body, depth: depth)
                }
                if let elseBody = c.elseBody { collector.walk(elseBody, depth: depth) }
            }
        case .forClause(let c):
            for word in c.words ?? [] { walk(word, role: .loopWords, command: nil, depth: depth) }
            events.append(.assignment(ShellAssignmentUse(
                name: c.variable, nameRange: c.variableRange, value: nil, kind: .loop, command: nil, source: source)))
            conditionally { $0.walk(c.body, depth: depth) }
        case .whileClause(let c):
            walk(c.condition, depth: depth)
            conditionally { $0.walk(c.body, depth: depth) }
        case .caseClause(let c):
            walk(c.subject, role: .casePattern, command: nil, depth: depth)
            for item in c.items {
                for pattern in item.patterns { walk(pattern, role: .casePattern, command: nil, depth: depth) }
                conditionally { $0.walk(item.body, depth: depth) }
            }
        case .functionDefinition(let c):
            walk(c.body, depth: depth)
            return
        case .error:
            return
        }
        walk(command.redirections, command: nil, depth: depth)
    }

    mutating func walk(_ redirections: [Redirection], command: SimpleCommand?, depth: Int) {
        for redirection in redirections {
            if let document = redirection.hereDocument {
                if !document.isQuoted {
                    let range = document.bodyRange.clamped(to: 0..<source.text.count)
                    events.append(.heredocBody(String(decoding: source.text[range], as: UTF8.self)))
                }
                continue
            }
            guard let target = redirection.target else { continue }
            walk(target, role: redirection.op == .hereString ? .hereString : .redirectionTarget, command: command, depth: depth)
        }
    }

    mutating func walkSimple(_ command: SimpleCommand, depth: Int) {
        for assignment in command.assignments {
            if let value = assignment.value { walk(value, role: .assignmentValue, command: command, depth: depth) }
            events.append(.assignment(ShellAssignmentUse(
                name: assignment.name, nameRange: assignment.nameRange, value: assignment.value,
                kind: command.words.isEmpty ? .plain : .commandEnvironment, command: command, source: source,
                isConditional: conditionalDepth > 0)))
        }
        let words = command.words
        let name = words.first?.literalValue.map(PathText.basename)
        // Told once per command, not once per word: a switch compares short strings, cheaper
        // than hashing the name into two sets.
        let kind = name.map(Self.variableCommandKind) ?? .other
        let isDeclaration = kind == .declaration
        let isTest = name == "[["
        for (index, word) in words.enumerated() {
            let role: ShellWordRole
            if index == 0 {
                role = .commandName
            } else if isTest {
                role = .testExpression
            } else if isDeclaration, Self.assignedName(in: word) != nil {
                role = .declarationOperand
            } else {
                role = .argument
            }
            walk(word, role: role, command: command, depth: depth)
        }
        if let name, kind != .other { recordCommand(name, command, isDeclaration: isDeclaration) }
        walk(command.redirections, command: command, depth: depth)
        // `sh -c '…'`: the payload is a script of its own.
        if depth < 3, let payload = command.shellCommandString,
           let nested = ShellParser.parseCommandString(payload, in: source.text) {
            walk(nested.body, depth: depth + 1)
        }
    }

    enum VariableCommandKind { case declaration, variables, other }

    /// `declarationCommands`, the other commands that read or define variables (`recordCommand`'s
    /// cases), or neither.
    static func variableCommandKind(_ name: String) -> VariableCommandKind {
        // Told apart by the first byte first: a `switch` over strings compares the name with
        // each case in turn, and nearly every command is none of them.
        switch name.utf8.first {
        case UInt8(ascii: "e"), UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "t"), UInt8(ascii: "r"),
             UInt8(ascii: "s"), UInt8(ascii: "."):
            break
        default:
            return .other
        }
        switch name {
        case "export", "local", "declare", "typeset", "readonly": return .declaration
        case "read", "set", "source", ".", "eval": return .variables
        default: return .other
        }
    }

    /// Assignments and exports made by builtins; `name` is one of `variableCommandKind`'s.
    mutating func recordCommand(_ name: String, _ command: SimpleCommand, isDeclaration: Bool) {
        let arguments = Array(command.words.dropFirst())
        switch name {
        case _ where isDeclaration:
            let flags = Set(arguments.compactMap(\.literalValue).filter { $0.hasPrefix("-") }.flatMap { $0.dropFirst() })
            let exports = name == "export" || flags.contains("x")
            for word in arguments {
                if let assigned = Self.assignedName(in: word) {
                    events.append(.assignment(ShellAssignmentUse(
                        name: assigned.name, nameRange: assigned.range, value: word, kind: .declaration(name),
                        command: command, source: source)))
                    if exports { events.append(.exported(assigned.name)) }
                } else if exports, let value = word.literalValue, !value.hasPrefix("-") {
                    events.append(.exported(value))
                }
            }
        case "read":
            var index = 0
            while index < arguments.count {
                guard let value = arguments[index].literalValue else { index += 1; continue }
                if value.hasPrefix("-") {
                    // Options with a value: -p prompt, -d delim, -n/-N count, -t timeout, -u fd, -i text.
                    if let last = value.last, value.count == 2 || !value.hasPrefix("--"), "pdnNtui".contains(last) { index += 1 }
                    if value.hasSuffix("a") { index += 1; if index < arguments.count { recordRead(arguments[index], command) } }
                } else {
                    recordRead(arguments[index], command)
                }
                index += 1
            }
        case "set":
            if arguments.contains(where: { guard let v = $0.literalValue else { return false }
                return v == "allexport" || (v.hasPrefix("-") && !v.hasPrefix("--") && v.contains("a")) }) {
                events.append(.readsAllVariables)
            }
        case "source", ".", "eval":
            events.append(.readsAllVariables)
        default:
            break
        }
    }

    mutating func recordRead(_ word: Word, _ command: SimpleCommand) {
        guard let value = word.literalValue, isShellName(value) else { return }
        events.append(.assignment(ShellAssignmentUse(
            name: value, nameRange: word.range, value: nil, kind: .read, command: command, source: source)))
    }

    /// `NAME=…` (or `NAME+=…`) at the start of a word: the name and its bytes.
    static func assignedName(in word: Word) -> (name: String, range: Range<Int>)? {
        guard case .literal(let text, let range)? = word.parts.first,
              let equals = text.firstIndex(of: "=") else { return nil }
        var name = String(text[..<equals])
        if name.hasSuffix("+") { name.removeLast() }
        guard isShellName(name) else { return nil }
        return (name, range.lowerBound..<(range.lowerBound + name.utf8.count))
    }

    mutating func walk(_ word: Word, role: ShellWordRole, command: SimpleCommand?, depth: Int) {
        events.append(.word(ShellWordUse(word: word, role: role, command: command, source: source, firstParseError: firstParseError)))
        walkSubstitutions(word.parts, depth: depth)
    }

    mutating func walkSubstitutions(_ parts: [WordPart], depth: Int) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                walkSubstitutions(inner, depth: depth)
            case .parameter(let p):
                if let argument = p.argument { walkSubstitutions(argument.parts, depth: depth) }
            case .commandSubstitution(let c):
                walk(c.script.body, depth: depth)
            default:
                break
            }
        }
    }
}

extension String {
    /// The text before its first `[` (`arr[0]` → `arr`). Nearly every name has no subscript: one
    /// byte scan then returns the string itself, without stepping through its characters.
    var withoutSubscript: String {
        guard utf8.contains(UInt8(ascii: "[")) else { return self }
        return String(prefix { $0 != "[" })
    }
}

func isShellName(_ text: String) -> Bool {
    guard let first = text.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") else { return false }
    return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
}

// MARK: - References

/// A `$name` or `${name…}` in a word, at any depth of quoting, with whether it is quoted.
struct ParameterReference {
    let parameter: ParameterExpansion
    let isQuoted: Bool

    /// The variable's name without a subscript (`arr[0]` → `arr`).
    var baseName: String { parameter.name.withoutSubscript }

    /// `${x:-…}`, `${x:=…}`, `${x:?…}`, `${x:+…}` and their unset-only forms: the script expects
    /// the variable may be unset.
    var isGuarded: Bool {
        guard let op = parameter.op else { return false }
        switch op {
        case .useDefault, .useDefaultIfUnset, .assignDefault, .assignDefaultIfUnset, .errorIfNullOrUnset, .errorIfUnset,
             .useAlternative, .useAlternativeIfSet:
            return true
        default:
            return false
        }
    }
}

extension Word {
    /// Every parameter expansion in the word, inside quotes and operator arguments too (not in
    /// command substitutions, which are scripts of their own).
    var parameterReferences: [ParameterReference] {
        var result: [ParameterReference] = []
        Self.collect(parts, quoted: false, into: &result)
        return result
    }

    private static func collect(_ parts: [WordPart], quoted: Bool, into result: inout [ParameterReference]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                collect(inner, quoted: true, into: &result)
            case .parameter(let p):
                result.append(ParameterReference(parameter: p, isQuoted: quoted))
                if let argument = p.argument { collect(argument.parts, quoted: quoted, into: &result) }
            default:
                break
            }
        }
    }

    /// Names used in the word's arithmetic expansions (`$((count + 1))` uses `count`).
    var arithmeticNames: [String] {
        var names: [String] = []
        Self.collectArithmetic(parts, into: &names)
        return names
    }

    private static func collectArithmetic(_ parts: [WordPart], into names: inout [String]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _): collectArithmetic(inner, into: &names)
            case .parameter(let p): if let argument = p.argument { collectArithmetic(argument.parts, into: &names) }
            case .arithmetic(let expression, _): names += identifiers(in: expression)
            default: break
            }
        }
    }
}

/// Identifiers in arithmetic or here-document text: `$name`, `${name`, and (for arithmetic) bare names.
func identifiers(in text: String, afterDollarOnly: Bool = false) -> [String] {
    var names: [String] = []
    let bytes = Array(text.utf8)
    var index = 0
    func isNameByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
    while index < bytes.count {
        let byte = bytes[index]
        var start = index
        if afterDollarOnly {
            guard byte == UInt8(ascii: "$") else { index += 1; continue }
            start = index + 1
            if start < bytes.count, bytes[start] == UInt8(ascii: "{") { start += 1 }
        } else if !isNameByte(byte) || (index > 0 && isNameByte(bytes[index - 1])) {
            index += 1
            continue
        }
        var end = start
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        if end > start, !(bytes[start] >= UInt8(ascii: "0") && bytes[start] <= UInt8(ascii: "9")) {
            names.append(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        index = max(end, index + 1)
    }
    return names
}

// MARK: - Fix helpers

extension CommandSubstitution {
    /// Whether the `)` or closing backquote is there: the substitution's range then ends one byte
    /// after its script's; an unterminated one runs to the end of the text with its script.
    var isClosed: Bool { range.upperBound > script.range.upperBound }
}

extension Word {
    /// Whether the word ends inside a `$(` or backquote that is never closed: text inserted at
    /// its end lands inside that substitution, not after the word.
    var endsInUnclosedSubstitution: Bool { Self.endsInUnclosedSubstitution(parts) }

    private static func endsInUnclosedSubstitution(_ parts: [WordPart]) -> Bool {
        switch parts.last {
        case .commandSubstitution(let substitution): !substitution.isClosed
        case .doubleQuoted(let inner, _): endsInUnclosedSubstitution(inner)
        default: false
        }
    }
}

extension ShellScriptSource {
    /// Edits wrapping `range` in double quotes.
    func quoting(_ range: Range<Int>) -> [TextEdit] {
        let file = fileRange(of: range)
        return [TextEdit(range: file.lowerBound..<file.lowerBound, replacement: "\""),
                TextEdit(range: file.upperBound..<file.upperBound, replacement: "\"")]
    }

}
