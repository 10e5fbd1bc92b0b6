import DLintCore

/// DL3059: two RUNs in a row that each run a single command, with the same flags, could be one
/// RUN and one layer.
struct ConsecutiveRuns: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3059", name: "consecutive-runs", severity: .info,
        summary: "Multiple consecutive RUN instructions: consider consolidation"
    )

    /// The option that limits the rule to the stages whose layers end up in the built image.
    static let shippedStagesOption = "only-shipped-stages"

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let onlyShipped = context.options.boolean(Self.shippedStagesOption) ?? false
        let shipped = onlyShipped ? model.stagesWhoseLayersShip : []
        var runsByIndex: [Int: RunInstruction] = [:]
        for run in model.runs where !run.isOnbuildTrigger { runsByIndex[run.instructionIndex] = run }

        var findings: [Finding] = []
        // The previous instruction when it is a single-command RUN (comments are not instructions).
        var previous: (index: Int, flags: [String])?
        for (index, instruction) in model.instructions.enumerated() {
            guard let run = runsByIndex[index] else {
                previous = nil
                continue
            }
            let flags = instruction.flags.map(\.text).sorted()
            guard Self.runsAtMostOneCommand(run, state: model.states[index]) else {
                previous = nil
                continue
            }
            if let earlier = previous, earlier.flags == flags,
               !onlyShipped || (model.states[index].stageIndex.map(shipped.contains) ?? false) {
                let line = context.tree.location(of: model.instructions[earlier.index].keyword.range.lowerBound).line
                findings.append(Finding(
                    "Multiple consecutive RUN instructions: consider merging this one with the RUN on line \(line)",
                    at: instruction.keyword.range
                ))
            }
            previous = (index, flags)
        }
        return findings
    }

    /// Whether a RUN runs one command or none, as hadolint counts them (ShellCheck's simple
    /// commands): every simple command with a name, those inside `$(…)` and compound commands
    /// included, not `[ … ]` and `[[ … ]]` tests, nor the commands of `sh -c` strings. An
    /// exec-form RUN runs one. PowerShell and cmd text is counted as hadolint does, read as POSIX
    /// shell (`;`, `&&` and `|` separate commands in all three). The count stops at the second
    /// command: most RUNs run many.
    static func runsAtMostOneCommand(_ run: RunInstruction, state: InstructionState) -> Bool {
        if run.instruction.isExecForm { return true }
        var commandLists = run.scripts.map(\.simpleCommands)
        if !state.usesPOSIXShell, case .shell(let text) = run.instruction.arguments {
            commandLists = [ShellParser.parse(text.text).simpleCommands]
        }
        var count = 0
        for commands in commandLists {
            for command in commands {
                guard let name = command.name else { continue }
                let literal = name.literalValue
                if literal != "[" && literal != "[[" { count += 1 }
                if count > 1 { return false }
            }
        }
        return true
    }
}
