import DLintCore

/// SC2034: a variable assigned in a RUN and never used in it. A RUN is its own shell: what it
/// assigns without exporting is gone when it ends, so a later RUN never sees it.
struct UnusedVariable: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2034", name: "unused-variable", severity: .warning,
        summary: "A variable assigned in a RUN is never used in it (export it if a command it runs reads it)"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for checked in context.model.variableCheckedRuns {
            let (build, usage) = (checked.build, checked.usage)
            var reported: Set<String> = []
            for event in checked.events {
                guard case .assignment(let assignment) = event, Self.keepsValue(assignment.kind),
                      !usage.referenced.contains(assignment.name), !reported.contains(assignment.name),
                      assignment.name != "_", !build.defines(assignment.name) else { continue }
                reported.insert(assignment.name)
                findings.append(Finding(
                    "'\(assignment.name)' is assigned but never used in this RUN (a variable does not outlive its RUN; export it if a command reads it)",
                    at: assignment.source.fileRange(of: assignment.nameRange)
                ))
            }
        }
        return findings
    }

    /// Assignments that set a shell variable (not the environment of one command, not `export`).
    static func keepsValue(_ kind: ShellAssignmentUse.Kind) -> Bool {
        switch kind {
        case .plain, .read, .loop: true
        case .declaration(let command): command != "export"
        case .commandEnvironment: false
        }
    }
}

/// A RUN that SC2034 and SC2154 judge: a POSIX-family script whose variables can be told
/// (no `set -a`, `source` or `eval`), with the build's variables in scope and its events.
/// A class: both rules iterate the one shared list, which then copies references only.
final class VariableCheckedRun: Sendable {
    let build: BuildVariables
    let events: [ShellEvent]
    let usage: VariableUsage

    init(build: BuildVariables, events: [ShellEvent], usage: VariableUsage) {
        self.build = build
        self.events = events
        self.usage = usage
    }
}

extension DockerfileModel {
    /// The RUNs SC2034 and SC2154 judge, with what each reads and assigns, found once for both.
    var variableCheckedRuns: [VariableCheckedRun] {
        facts.value(VariableCheckedRunsFact.self) {
            let variables = BuildVariables.forRuns(of: self)
            return runs.filter(ShellExpansionDialect.checks).compactMap { run in
                guard let build = variables[run.instructionIndex] else { return nil }
                let events = shellEvents(of: run)
                let usage = VariableUsage(events)
                return usage.readsAllVariables ? nil : VariableCheckedRun(build: build, events: events, usage: usage)
            }
        }
    }
}

private enum VariableCheckedRunsFact: ModelFactKey { typealias Value = [VariableCheckedRun] }

/// The variables a RUN reads, wherever it reads them.
struct VariableUsage: Sendable {
    private(set) var referenced: Set<String> = []
    private(set) var assigned: Set<String> = []
    /// `set -a`, `source`, `.`, `eval`: any variable may be read or defined out of sight.
    private(set) var readsAllVariables = false
    /// A word of the RUN holds a `$name` or `${name…}` (SC2154 has nothing to say without one).
    private(set) var hasParameterExpansion = false

    init(_ events: [ShellEvent]) {
        for event in events {
            switch event {
            case .word(let use):
                insertReferencedNames(use.word.parts)
                // `trap`, `test`, `[` and `[[` start with `t` or `[` (the cases below): other
                // commands are not compared with each.
                if let command = use.command, use.role != .commandName, let name = command.commandName,
                   name.utf8.first == UInt8(ascii: "t") || name.utf8.first == UInt8(ascii: "[") {
                    // `trap 'echo $x' EXIT` and `[ -v x ]` read variables.
                    if name == "trap" {
                        for part in use.word.parts { if case .singleQuoted(let text, _) = part { referenced.formUnion(identifiers(in: text, afterDollarOnly: true)) } }
                    }
                    if name == "[" || name == "test" || name == "[[", let index = command.words.firstIndex(where: { $0.range == use.word.range }),
                       index > 0, command.words[index - 1].literalValue == "-v", let value = use.word.literalValue {
                        referenced.insert(String(value.prefix { $0 != "[" }))
                    }
                }
            case .assignment(let assignment):
                assigned.insert(assignment.name)
            case .exported(let name):
                referenced.insert(name)
            case .heredocBody(let text):
                referenced.formUnion(identifiers(in: text, afterDollarOnly: true))
            case .readsAllVariables:
                readsAllVariables = true
            }
        }
    }

    /// The names of `Word.parameterReferences` and `Word.arithmeticNames` in one walk, inserted
    /// as they are found: most words hold neither, and then no array is made for them.
    private mutating func insertReferencedNames(_ parts: [WordPart]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                insertReferencedNames(inner)
            case .parameter(let parameter):
                hasParameterExpansion = true
                referenced.insert(parameter.name.withoutSubscript)
                if let argument = parameter.argument { insertReferencedNames(argument.parts) }
            case .arithmetic(let expression, _):
                referenced.formUnion(identifiers(in: expression))
            default:
                break
            }
        }
    }
}
