import DLintCore

/// SC2317: commands after an unconditional `exit`, `return` or `exec cmd` in the same list never
/// run.
struct UnreachableCommand: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2317", name: "unreachable-command", severity: .info,
        summary: "Command appears to be unreachable: check usage (or ignore if invoked indirectly)"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(running: ["exit", "return", "exec"]) {
            ShellWalker(script: script).forEachList { list, _, _ in
                guard let end = list.items.firstIndex(where: Self.leaves), end + 1 < list.items.count else { return }
                let unreachable = list.items[(end + 1)...]
                guard let first = unreachable.first, let last = unreachable.last else { return }
                findings.append(Finding(
                    "Command appears to be unreachable after '\(script.text(list.items[end].range))': check usage (or ignore if invoked indirectly)",
                    at: script.fileRange(first.range.lowerBound..<last.range.upperBound)
                ))
            }
        }
        return findings
    }

    /// A statement that always leaves the list: a lone `exit`, `return` or `exec` with a command.
    static func leaves(_ item: ListItem) -> Bool {
        guard !item.isAsynchronous, item.andOr.pipelines.count == 1, item.andOr.pipelines[0].commands.count == 1,
              !item.andOr.pipelines[0].isNegated,
              case .simple(let simple) = item.andOr.pipelines[0].commands[0], let name = simple.commandName else { return false }
        switch name {
        case "exit", "return": return true
        case "exec": return simple.words.count > 1
        default: return false
        }
    }
}
