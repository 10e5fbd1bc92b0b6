import DLintCore

/// SC2103: `cd dir; …; cd ..` comes back only if nothing in between failed or changed
/// directory; a `( subshell )` returns by itself.
struct CdBack: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2103", name: "cd-back", severity: .info,
        summary: "Use a ( subshell ) to avoid having to cd back"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(running: ["cd"]) where !script.errexit {
            ShellWalker(script: script).forEachList { list, _, _ in
                // Statements that are a lone `cd` (not in `&&`/`||` lists).
                let cds: [SimpleCommand] = list.items.compactMap { item in
                    guard item.andOr.pipelines.count == 1, item.andOr.pipelines[0].commands.count == 1,
                          case .simple(let simple) = item.andOr.pipelines[0].commands[0], simple.commandName == "cd" else { return nil }
                    return simple
                }
                for (a, b) in zip(cds, cds.dropFirst()) where Self.goesBack(b) && !Self.goesBack(a) {
                    findings.append(Finding("Use a ( subshell ) to avoid having to cd back", at: script.fileRange(b.range)))
                }
            }
        }
        return findings
    }

    /// `cd ..` or `cd -`.
    static func goesBack(_ cd: SimpleCommand) -> Bool {
        cd.arguments.count == 1 && [".." as String?, "-"].contains(cd.arguments.first?.literalValue)
    }
}
