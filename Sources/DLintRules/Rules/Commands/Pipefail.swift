import DLintCore

/// DL4006: a pipeline's status is its last command's, so `curl … | tar x` succeeds when the
/// download fails, unless the shell runs with `pipefail`.
struct Pipefail: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4006", name: "pipefail", severity: .warning,
        summary: "Set the SHELL option -o pipefail before RUN with a pipe in it",
        fixable: true
    )

    static let pipefailShell = #"SHELL ["/bin/bash", "-o", "pipefail", "-c"]"#
    static let defaultShell = ["/bin/sh", "-c"]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        // One fix per stage or per SHELL: it covers the RUNs that follow.
        var stagesFixed: Set<Int> = []
        var shellsFixed: Set<Int> = []
        for (run, bytes) in zip(model.runs, model.runScriptBytes) {
            let state = model.states[run.instructionIndex]
            guard state.usesPOSIXShell else { continue }
            if case .exec(let elements) = run.instruction.arguments {
                if let finding = Self.checkExecForm(elements) { findings.append(finding) }
                continue
            }
            guard bytes.contains(UInt8(ascii: "|")),
                  let unprotected = Self.unprotectedPipe(in: run, shell: state.shell) else { continue }
            var fix: Fix?
            if unprotected.shellWouldCoverAny, let stage = state.stageIndex {
                let lastShell = model.stages[stage].instructionIndices.last {
                    $0 < run.instructionIndex && model.instructions[$0].kind == .shell
                }
                // Decided once: the first RUN that could carry the fix gets it, or none does.
                if let shellIndex = lastShell {
                    if shellsFixed.insert(shellIndex).inserted {
                        fix = Self.addPipefail(to: model.instructions[shellIndex], stage: stage, model: model)
                    }
                } else if state.shell == Self.defaultShell, stagesFixed.insert(stage).inserted,
                          BaseSystem.of(stage: stage, in: model)?.hasBash == true {
                    fix = Self.insertShell(before: run, tree: context.tree)
                }
            }
            findings.append(Finding(Self.message(unprotected.left, newShell: !unprotected.shellWouldCover), at: unprotected.range, fix: fix))
        }
        return findings
    }

    static func message(_ left: String?, newShell: Bool) -> String {
        let program = left.map { "'\($0)'" } ?? "a command before the pipe"
        let advice = newShell
            ? "run that shell with -o pipefail, or 'set -o pipefail' first in its script"
            : "set SHELL with -o pipefail, or 'set -o pipefail' first"
        return "Pipe without pipefail: a failure of \(program) is ignored; \(advice)"
    }

    /// `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` on a line of its own before the RUN.
    static func insertShell(before run: RunInstruction, tree: SyntaxTree) -> Fix {
        let place = run.instruction.insertionPoint(in: tree)
        return Fix(
            title: "Insert `\(pipefailShell)` before the stage's first RUN with a pipe",
            applicability: .unsafe,
            edits: [TextEdit(range: place.offset..<place.offset, replacement: place.indentation + pipefailShell + place.lineEnding)]
        )
    }

    /// `SHELL ["/bin/bash", "-c"]` → `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, for bash, zsh
    /// and ash, and for `sh` on Alpine and BusyBox (ash). Written with the SHELL's own separator.
    static func addPipefail(to shell: Instruction, stage: Int, model: DockerfileModel) -> Fix? {
        guard case .exec(let words) = shell.arguments, words.count >= 2 else { return nil }
        let program = PathText.basename(words[0].text)
        guard ["bash", "zsh", "ash"].contains(program)
                || (program == "sh" && BaseSystem.of(stage: stage, in: model) == .busybox) else { return nil }
        let separator = String(decoding: model.tree.source[words[0].range.upperBound..<words[1].range.lowerBound], as: UTF8.self)
        guard separator.allSatisfy({ $0 == "," || $0 == " " || $0 == "\t" }) else { return nil }
        let start = words[1].range.lowerBound
        return Fix(
            title: "Add `-o pipefail` to the SHELL",
            applicability: .unsafe,
            edits: [TextEdit(range: start..<start, replacement: "\"-o\"" + separator + "\"pipefail\"" + separator)]
        )
    }

    /// The first pipe of a RUN that runs without `pipefail`, with the command on its left, and
    /// whether a `SHELL` with `-o pipefail` would cover it, or any of the RUN's pipes (not those
    /// in a `sh -c` string, a shell fed a heredoc, or a heredoc with its own `#!` line, which
    /// run another shell).
    static func unprotectedPipe(in run: RunInstruction, shell: [String]) -> (range: Range<Int>, left: String?, shellWouldCover: Bool, shellWouldCoverAny: Bool)? {
        let fromShell = ShellOptions.pipefail(in: shell.dropFirst().map { Optional($0) }) ?? false
        var found: [(range: Range<Int>, left: String?, shellWouldCover: Bool)] = []
        let lineWords = run.commandScriptIndices.first == 0 ? run.commands[0].command.words : []
        for (index, script) in run.scripts.enumerated() {
            var initial = fromShell
            var covered = true
            if index > 0 {
                if !lineWords.isEmpty {
                    // `RUN bash -o pipefail <<EOF`: the heredoc is that shell's standard input.
                    initial = ShellOptions.pipefail(in: lineWords.dropFirst().map(\.literalValue)) ?? false
                    covered = false
                } else if index - 1 < run.instruction.heredocs.count,
                          let shebang = ShellOptions.shebang(run.instruction.heredocs[index - 1].body) {
                    // BuildKit runs a heredoc with a `#!` line as a file, without SHELL.
                    initial = ShellOptions.pipefail(in: shebang.dropFirst().map { Optional($0) }) ?? false
                    covered = false
                }
            }
            var walker = PipeWalker(source: script)
            walker.walk(script.script.body, pipefail: initial, covered: covered)
            found += walker.unprotected
        }
        guard let first = found.first else { return nil }
        return (first.range, first.left, first.shellWouldCover, found.contains { $0.shellWouldCover })
    }

    /// `RUN ["bash", "-c", "a | b"]`: exec form ignores SHELL, the shell's own options count.
    static func checkExecForm(_ elements: [TextSpan]) -> Finding? {
        guard let program = elements.first.map({ PathText.basename($0.text) }), ShellOptions.shells.contains(program),
              let flag = elements.indices.dropFirst().first(where: { elements[$0].text.hasPrefix("-") && elements[$0].text.contains("c") && !elements[$0].text.hasPrefix("--") }),
              flag + 1 < elements.count else { return nil }
        let payload = elements[flag + 1]
        let initial = ShellOptions.pipefail(in: elements[1...flag].map { Optional($0.text) }) ?? false
        let script = ShellParser.parse(payload.text)
        var walker = PipeWalker(source: nil)
        walker.walk(script.body, pipefail: initial, covered: false)
        guard let found = walker.unprotected.first else { return nil }
        return Finding(message(found.left, newShell: true), at: payload.range)
    }
}

/// Finds the pipelines that run without `pipefail`, following `set -o pipefail` and
/// `set +o pipefail` in the order the shell runs them.
struct PipeWalker {
    /// The script, to map ranges to file bytes; nil for a script not from the file (exec form).
    let source: ShellScriptSource?
    var unprotected: [(range: Range<Int>, left: String?, shellWouldCover: Bool)] = []

    init(source: ShellScriptSource?) {
        self.source = source
    }

    mutating func walk(_ list: CommandList, pipefail: Bool, covered: Bool) {
        var state = pipefail
        walk(list, pipefail: &state, covered: covered)
    }

    /// `pipefail` changes with the `set` commands the list runs in the current shell.
    mutating func walk(_ list: CommandList, pipefail: inout Bool, covered: Bool) {
        for item in list.items {
            for pipeline in item.andOr.pipelines {
                if pipeline.commands.count > 1, !pipefail, let pipe = pipeline.operators.first {
                    var left: String?
                    if case .simple(let simple) = pipeline.commands[0] {
                        left = simple.effectiveCommand?.commandName.map(PathText.basename)
                    }
                    unprotected.append((source?.fileRange(of: pipe.range) ?? pipe.range, left, covered))
                }
                for command in pipeline.commands {
                    if pipeline.commands.count > 1 {
                        // Each side of a pipe runs in a subshell: its `set` stays there.
                        var copy = pipefail
                        walk(command, pipefail: &copy, covered: covered)
                    } else {
                        walk(command, pipefail: &pipefail, covered: covered)
                    }
                }
            }
        }
    }

    mutating func walk(_ command: Command, pipefail: inout Bool, covered: Bool) {
        switch command {
        case .simple(let simple):
            // In place, without joining the values and words into a new array for every command.
            for assignment in simple.assignments {
                if let value = assignment.value { walkSubstitutions(value.parts, pipefail: pipefail, covered: covered) }
            }
            for word in simple.words {
                walkSubstitutions(word.parts, pipefail: pipefail, covered: covered)
            }
            if simple.commandName == "set", let setting = ShellOptions.pipefail(in: simple.arguments.map(\.literalValue)) {
                pipefail = setting
            }
            if let source, let payload = simple.shellCommandString,
               let nested = ShellParser.parseCommandString(payload, in: source.text),
               let invocation = simple.effectiveCommand {
                // A new shell: only its own options count.
                let options = invocation.arguments.prefix { $0.range != payload.range }.map(\.literalValue)
                walk(nested.body, pipefail: ShellOptions.pipefail(in: options) ?? false, covered: false)
            }
        case .subshell(let subshell):
            var copy = pipefail
            walk(subshell.body, pipefail: &copy, covered: covered)
        case .braceGroup(let group):
            walk(group.body, pipefail: &pipefail, covered: covered)
        case .ifClause(let clause):
            for branch in clause.branches {
                walk(branch.condition, pipefail: &pipefail, covered: covered)
                walk(branch.body, pipefail: &pipefail, covered: covered)
            }
            if let elseBody = clause.elseBody { walk(elseBody, pipefail: &pipefail, covered: covered) }
        case .forClause(let clause):
            walk(clause.body, pipefail: &pipefail, covered: covered)
        case .whileClause(let clause):
            walk(clause.condition, pipefail: &pipefail, covered: covered)
            walk(clause.body, pipefail: &pipefail, covered: covered)
        case .caseClause(let clause):
            for item in clause.items { walk(item.body, pipefail: &pipefail, covered: covered) }
        case .functionDefinition(let definition):
            var copy = pipefail
            walk(definition.body, pipefail: &copy, covered: covered)
        case .error:
            break
        }
    }

    /// `$(a | b)` runs in a subshell that inherits the options.
    mutating func walkSubstitutions(_ parts: [WordPart], pipefail: Bool, covered: Bool) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                walkSubstitutions(inner, pipefail: pipefail, covered: covered)
            case .parameter(let parameter):
                if let argument = parameter.argument { walkSubstitutions(argument.parts, pipefail: pipefail, covered: covered) }
            case .commandSubstitution(let substitution):
                walk(substitution.script.body, pipefail: pipefail, covered: covered)
            default:
                break
            }
        }
    }
}

/// Reading shell options from `set` arguments, a shell's command line or a `#!` line.
enum ShellOptions {
    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"]

    /// What the words do to `pipefail`: true for `-o pipefail` (also in a cluster such as
    /// `-eo pipefail` or `-euxo pipefail`), false for `+o pipefail`, nil when they do not say.
    static func pipefail(in words: [String?]) -> Bool? {
        var result: Bool?
        var remaining = words[...]
        while let word = remaining.popFirst() {
            guard let value = word, value.count > 1, value.hasPrefix("-") || value.hasPrefix("+"), !value.hasPrefix("--") else { continue }
            guard value.dropFirst().contains("o") else { continue }
            if let name = remaining.first, name == "pipefail" {
                result = value.hasPrefix("-")
                remaining = remaining.dropFirst()
            }
        }
        return result
    }

    /// The words of a heredoc body's `#!` line: `["/bin/bash", "-eo", "pipefail"]`.
    static func shebang(_ body: String) -> [String]? {
        guard body.hasPrefix("#!") else { return nil }
        let line = body.dropFirst(2).prefix { $0 != "\n" && $0 != "\r" }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        return words.isEmpty ? nil : words
    }
}
