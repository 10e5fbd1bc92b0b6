import DLintCore

/// SC2034: a variable assigned in a RUN and never used in it. A RUN is its own shell: what it
/// assigns without exporting is gone when it ends, so a later RUN never sees it.
struct UnusedVariable: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2034", name: "unused-variable", severity: .warning,
        summary: "A variable assigned in a RUN is never used in it (export it if a command it runs reads it)"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let variables = BuildVariables.forRuns(of: context.model)
        var findings: [Finding] = []
        for run in context.model.runs where ShellExpansionDialect.checks(run) {
            guard let build = variables[run.instructionIndex] else { continue }
            let events = context.model.shellEvents(of: run)
            let usage = context.model.variableUsage(of: run)
            guard !usage.readsAllVariables else { continue }
            var reported: Set<String> = []
            for event in events {
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

extension DockerfileModel {
    /// What each RUN reads and assigns, found once for SC2034 and SC2154.
    func variableUsage(of run: RunInstruction) -> VariableUsage {
        let all = facts.value(VariableUsageFact.self) {
            Dictionary(runs.filter(ShellExpansionDialect.checks).map { (VariableUsageFact.key($0), VariableUsage(shellEvents(of: $0))) }) { first, _ in first }
        }
        return all[VariableUsageFact.key(run)] ?? VariableUsage(shellEvents(of: run))
    }
}

private enum VariableUsageFact: ModelFactKey {
    typealias Value = [Key: VariableUsage]
    struct Key: Hashable, Sendable { let instructionIndex: Int, isOnbuildTrigger: Bool }
    static func key(_ run: RunInstruction) -> Key { Key(instructionIndex: run.instructionIndex, isOnbuildTrigger: run.isOnbuildTrigger) }
}

/// The variables a RUN reads, wherever it reads them.
struct VariableUsage: Sendable {
    private(set) var referenced: Set<String> = []
    private(set) var assigned: Set<String> = []
    /// `set -a`, `source`, `.`, `eval`: any variable may be read or defined out of sight.
    private(set) var readsAllVariables = false

    init(_ events: [ShellEvent]) {
        for event in events {
            switch event {
            case .word(let use):
                for reference in use.word.parameterReferences { referenced.insert(reference.baseName) }
                referenced.formUnion(use.word.arithmeticNames)
                if let command = use.command, use.role != .commandName {
                    let name = command.commandName
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
}
