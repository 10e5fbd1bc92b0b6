import DLintCore

/// Variables set inside a subshell and read after it, where the value set is lost: the facts
/// behind SC2030 and SC2031, from one walk of a script in source order.
struct SubshellModifications {
    /// Why code runs in a subshell.
    enum Cause: String, Sendable {
        case group = "(..) group"
        case pipeline = "pipeline"
        case expansion = "$(..) expansion"
    }

    struct Assignment: Sendable {
        let name: String
        let range: Range<Int>
        /// The subshells it runs in, outermost first (each by a number unique in the script).
        let scopes: [Int]
        let causes: [Cause]
    }

    /// An assignment inside a subshell and a later read outside it, with no assignment in between.
    struct LostChange: Sendable {
        let assignment: Assignment
        let cause: Cause
        let reference: Range<Int>
        let name: String
    }

    private(set) var lost: [LostChange] = []
    private var lastAssignment: [String: Assignment] = [:]
    private var scopes: [Int] = []
    private var causes: [Cause] = []
    private var nextScope = 0
    private var depth = 0

    init(_ script: ShellScript) {
        list(script.body)
    }

    /// A cheap test before the walk: the RUN sets a variable somewhere (an assignment without a
    /// command, `export`, `read` …, a `for` loop, `${NAME:=…}`). Most RUNs do not, and then nothing is lost.
    static func maySetVariables(_ run: RunInstruction) -> Bool {
        let sets = run.commands.contains { command in
            (command.command.words.isEmpty && !command.command.assignments.isEmpty)
                || command.command.commandName.map(setters.contains) == true
        }
        // `${NAME:=default}` assigns too.
        return sets || run.scripts.contains { source in
            ShellCheckScripts.mentionsFor(source.text) || source.text.withUnsafeBufferPointer { text in
                text.indices.dropLast().contains { text[$0] == UInt8(ascii: ":") && text[$0 + 1] == UInt8(ascii: "=") }
            }
        }
    }

    private static let setters: Set<String> = ["export", "readonly", "local", "declare", "typeset", "read"]

    /// The lost changes of every script that may set variables, found once for SC2030 and SC2031.
    static func lostChanges(in model: DockerfileModel) -> [(script: CheckedScript, lost: [LostChange])] {
        model.facts.value(LostChangesFact.self) {
            // A change is lost to a later `$name`: a RUN without a `$` loses none.
            zip(model.runs, model.runScriptBytes).flatMap { run, bytes in
                bytes.contains(UInt8(ascii: "$")) && maySetVariables(run) ? ShellCheckScripts.scripts(of: run) : []
            }.map { script in (script, SubshellModifications(script.script).lost) }
        }
    }

    private enum LostChangesFact: ModelFactKey { typealias Value = [(script: CheckedScript, lost: [LostChange])] }

    private mutating func enter(_ cause: Cause) {
        nextScope += 1
        scopes.append(nextScope)
        causes.append(cause)
    }

    private mutating func leave() {
        scopes.removeLast()
        causes.removeLast()
    }

    private mutating func assign(_ name: String, _ range: Range<Int>) {
        lastAssignment[name] = Assignment(name: name, range: range, scopes: scopes, causes: causes)
    }

    private mutating func reference(_ name: String, _ range: Range<Int>) {
        guard let assignment = lastAssignment[name] else { return }
        // Lost when the assignment ran in a subshell this reference is not in.
        guard !scopes.starts(with: assignment.scopes) else { return }
        let index = zip(assignment.scopes, scopes).prefix { $0 == $1 }.count
        lost.append(LostChange(assignment: assignment, cause: assignment.causes[index], reference: range, name: name))
    }

    private mutating func list(_ list: CommandList) {
        guard depth < ShellParser.maximumNestingDepth else { return }
        depth += 1
        defer { depth -= 1 }
        for item in list.items {
            for pipeline in item.andOr.pipelines {
                let isPipe = pipeline.commands.count > 1
                for command in pipeline.commands {
                    if isPipe { enter(.pipeline) }
                    self.command(command)
                    if isPipe { leave() }
                }
            }
        }
    }

    private mutating func command(_ command: Command) {
        switch command {
        case .simple(let simple):
            for assignment in simple.assignments {
                if let value = assignment.value { word(value) }
            }
            for word in simple.words { self.word(word) }
            for redirection in simple.redirections {
                if let target = redirection.target { word(target) }
            }
            // Only a command without a command word sets variables in the shell itself.
            if simple.words.isEmpty {
                for assignment in simple.assignments { assign(assignment.name, assignment.nameRange) }
            } else if let name = simple.commandName {
                assignments(by: name, simple)
            }
            return
        case .subshell(let group):
            enter(.group)
            list(group.body)
            leave()
        case .braceGroup(let group):
            list(group.body)
        case .ifClause(let clause):
            for branch in clause.branches {
                list(branch.condition)
                list(branch.body)
            }
            if let elseBody = clause.elseBody { list(elseBody) }
        case .forClause(let loop):
            for word in loop.words ?? [] { self.word(word) }
            assign(loop.variable, loop.variableRange)
            list(loop.body)
        case .whileClause(let loop):
            list(loop.condition)
            list(loop.body)
        case .caseClause(let clause):
            word(clause.subject)
            for item in clause.items { list(item.body) }
        case .functionDefinition, .error:
            // A function body runs where it is called; its order is not the source's.
            return
        }
        for redirection in command.redirections {
            if let target = redirection.target { word(target) }
        }
    }

    /// `export x=1`, `readonly x=1`, `local x`, `read a b`.
    private mutating func assignments(by name: String, _ simple: SimpleCommand) {
        switch name {
        case "export", "readonly", "local", "declare", "typeset":
            for word in simple.arguments {
                guard let value = word.literalValue, !value.hasPrefix("-"), let equals = value.firstIndex(of: "=") else { continue }
                assign(String(value[..<equals]), word.range)
            }
        case "read":
            let names = ReadWithoutRaw.variables(simple)
            for word in simple.arguments {
                if let value = word.literalValue, names.contains(value) { assign(value, word.range) }
            }
        default:
            break
        }
    }

    private mutating func word(_ word: Word) {
        parts(word.parts)
    }

    private mutating func parts(_ parts: [WordPart]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                self.parts(inner)
            case .parameter(let parameter):
                if let argument = parameter.argument { word(argument) }
                reference(parameter.name, parameter.range)
                if parameter.op == .assignDefault || parameter.op == .assignDefaultIfUnset { assign(parameter.name, parameter.range) }
            case .commandSubstitution(let substitution):
                enter(.expansion)
                list(substitution.script.body)
                leave()
            default:
                break
            }
        }
    }
}

/// SC2030: a variable set in a subshell (a pipeline's commands, `( … )`, `$( … )`) and read
/// after it: the value set there is gone.
struct SubshellAssignment: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2030", name: "subshell-assignment", severity: .info,
        summary: "Modification of a variable is local to the subshell it is made in"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (script, lost) in SubshellModifications.lostChanges(in: context.model) {
            var seen: Set<Range<Int>> = []
            for change in lost where seen.insert(change.assignment.range).inserted {
                findings.append(Finding(
                    "Modification of '\(change.name)' is local (to subshell caused by \(change.cause.rawValue))",
                    at: script.fileRange(change.assignment.range)
                ))
            }
        }
        return findings
    }
}

/// SC2031: a read of a variable whose last assignment was in a subshell that has ended.
struct SubshellChangeLost: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2031", name: "subshell-change-lost", severity: .info,
        summary: "A variable was modified in a subshell: that change might be lost"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (script, lost) in SubshellModifications.lostChanges(in: context.model) {
            for change in lost {
                findings.append(Finding(
                    "'\(change.name)' was modified in a subshell: that change might be lost",
                    at: script.fileRange(change.reference)
                ))
            }
        }
        return findings
    }
}
