import DLintCore

/// SC2043: `for x in word` over one plain word runs its body once: usually quoting or a missing
/// `$`, glob or `$(…)`.
struct LoopRunsOnce: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2043", name: "loop-runs-once", severity: .warning,
        summary: "This loop will only ever run once: bad quoting or missing glob/expansion?"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(containing: "for", " in ") {
            script.script.forEachCommand { command in
                guard case .forClause(let loop) = command, let words = loop.words, words.count == 1,
                      words[0].parts.count == 1, case .literal(let text, _) = words[0].parts[0] else { return }
                // A glob or brace expansion may give several words; a comma is SC2042's.
                if text.containsASCIICharacter(in: "*?[{,") { return }
                findings.append(Finding(
                    "This loop will only ever run once, over '\(text)': bad quoting or missing glob/expansion?",
                    at: script.fileRange(of: words[0])
                ))
            }
        }
        return findings
    }
}
