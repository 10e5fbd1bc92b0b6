import DLintCore

/// SC2005: `echo $(cmd)` prints what `cmd` printed, after word splitting: `cmd` alone says it.
struct UselessEcho: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2005", name: "useless-echo", severity: .style,
        summary: "Useless echo? Instead of 'echo $(cmd)', just use 'cmd'"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands where command.command.commandName == "echo" && command.command.arguments.count == 1 {
            let simple = command.command
            guard let substitution = Self.onlySubstitution(simple.words[1].parts), !Self.readsFile(substitution.script) else { continue }
            findings.append(Finding(
                "Useless echo? Instead of '\(command.text(simple.range))', just run the command",
                at: command.fileRange(simple.range)
            ))
        }
        return findings
    }

    /// `$(…)`, `` `…` `` or either in double quotes, and nothing else.
    static func onlySubstitution(_ parts: [WordPart]) -> CommandSubstitution? {
        guard parts.count == 1 else { return nil }
        switch parts[0] {
        case .commandSubstitution(let substitution): return substitution
        case .doubleQuoted(let inner, _): return onlySubstitution(inner)
        default: return nil
        }
    }

    /// `$(< file)`: the shell reads the file, no command runs.
    static func readsFile(_ script: ShellScript) -> Bool {
        guard script.items.count == 1, script.items[0].andOr.pipelines.count == 1,
              script.items[0].andOr.pipelines[0].commands.count == 1,
              case .simple(let simple) = script.items[0].andOr.pipelines[0].commands[0] else { return false }
        return simple.words.isEmpty && simple.assignments.isEmpty && simple.redirections.count == 1 && simple.redirections[0].op == .input
    }
}
