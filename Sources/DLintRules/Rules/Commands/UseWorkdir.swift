import DLintCore

/// DL3003: `cd` in a RUN changes the directory for that RUN only; WORKDIR says where the
/// following instructions run, visibly.
struct UseWorkdir: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3003", name: "use-workdir", severity: .warning,
        summary: "Use WORKDIR to switch to a directory",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for run in model.runs {
            let isTrigger = model.instructions[run.instructionIndex].kind == .onbuild
            for command in run.commands where command.command.commandName == "cd" {
                guard let word = command.command.name else { continue }
                let fix = isTrigger ? nil : Self.fix(run, command, model: model)
                findings.append(Finding("Use WORKDIR to switch to a directory instead of 'cd'", at: command.fileRange(of: word), fix: fix))
            }
            if case .exec(let elements) = run.instruction.arguments, let first = elements.first, first.text == "cd" {
                findings.append(Finding("Use WORKDIR to switch to a directory instead of 'cd'", at: first.range))
            }
        }
        return findings
    }

    /// `RUN cd DIR && rest` → `WORKDIR DIR` and `RUN rest`, when the `cd` is the first command
    /// of the RUN's shell-form text, the start of an `&&` list, with one literal path that is
    /// absolute or relative to a directory the file fixes, and no heredoc, no relative mount
    /// target and no comment line in the removed text.
    static func fix(_ run: RunInstruction, _ command: ShellCommand, model: DockerfileModel) -> Fix? {
        guard run.instruction.heredocs.isEmpty, let script = run.scripts.first,
              let item = script.script.items.first,
              item.andOr.pipelines.count > 1, item.andOr.operators.first?.kind == .and,
              let firstPipeline = item.andOr.pipelines.first, firstPipeline.commands.count == 1, !firstPipeline.isNegated,
              case .simple(let simple) = firstPipeline.commands[0], simple.range == command.command.range,
              simple.assignments.isEmpty, simple.redirections.isEmpty, simple.words.count == 2,
              let path = simple.words[1].literalValue, !path.isEmpty, !path.hasPrefix("-"), path != "~" && !path.hasPrefix("~/"),
              path.allSatisfy({ !" \t\n\r$\\\"'`".contains($0) }),
              run.mounts.allSatisfy({ ($0.target ?? "/").hasBytePrefix("/") })
        else { return nil }
        let state = model.states[run.instructionIndex]
        guard state.usesPOSIXShell, !(model.stage(ofInstruction: run.instructionIndex)?.isWindows ?? true) else { return nil }
        let directory: String
        if path.hasBytePrefix("/") {
            directory = path
        } else if let base = state.workingDirectory.knownPath {
            directory = WorkingDirectory.path(base).changed(to: path).knownPath ?? base
        } else {
            return nil
        }
        // Remove `cd DIR && ` up to the next command; only blanks and continuations in between.
        let tree = model.tree
        let removed = script.fileRange(of: simple.range.lowerBound..<item.andOr.pipelines[1].range.lowerBound)
        let escape = tree.escapeCharacter
        let gap = tree.source[script.fileRange(of: simple.words[1].range).upperBound..<removed.upperBound]
        let operatorRange = script.fileRange(of: item.andOr.operators[0].range)
        for offset in gap.indices where !operatorRange.contains(offset) {
            guard [0x20, 0x09, 0x0A, 0x0D, escape].contains(tree.source[offset]) else { return nil }
        }
        let place = run.instruction.insertionPoint(in: tree)
        let workdir = place.indentation + "WORKDIR \(directory)" + place.lineEnding
        return Fix(
            title: "Move `cd \(path)` into `WORKDIR \(directory)`", applicability: .unsafe,
            edits: [
                TextEdit(range: place.offset..<place.offset, replacement: workdir),
                TextEdit(range: removed, replacement: ""),
            ]
        )
    }
}
