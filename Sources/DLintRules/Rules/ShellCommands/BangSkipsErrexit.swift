import DLintCore

/// SC2251: under `set -e`, a `! cmd` statement never stops the script, whatever `cmd` returns:
/// the `!` meant as "fail when cmd succeeds" does nothing.
struct BangSkipsErrexit: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2251", name: "bang-skips-errexit", severity: .info,
        summary: "This ! is not on a condition and skips errors",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(containing: "! ") where script.errexit {
            ShellWalker(script: script).forEachList { list, kind, place in
                if place.isCondition { return }
                // The statements whose status is not the list's own (ShellCheck's
                // `getNonReturningCommands`): the last one of a script, subshell, function body
                // or condition gives the status, so its `!` means something.
                let items: ArraySlice<ListItem>
                switch kind {
                case .script, .subshell, .functionBody, .loopCondition, .ifCondition: items = list.items.dropLast()
                case .braceGroup, .loopBody, .ifBody, .caseBody: items = list.items[...]
                }
                for item in items where item.andOr.pipelines.count == 1 {
                    guard let bang = item.andOr.pipelines[0].bang else { continue }
                    findings.append(Finding(
                        "This ! is not on a condition and skips errors: use '&& exit 1' instead, or check $?",
                        at: script.fileRange(bang),
                        fix: Self.fix(item, bang: bang, script)
                    ))
                }
            }
        }
        return findings
    }

    /// `! cmd` → `cmd && exit 1`: the RUN now fails when `cmd` succeeds, as the `!` meant.
    static func fix(_ item: ListItem, bang: Range<Int>, _ script: CheckedScript) -> Fix? {
        let pipeline = item.andOr.pipelines[0]
        guard !item.isAsynchronous, let first = pipeline.commands.first else { return nil }
        let removed = script.fileRange(bang.lowerBound..<first.range.lowerBound)
        let end = script.fileRange(pipeline.range).upperBound
        return Fix(title: "Replace `!` with `&& exit 1`", applicability: .unsafe, edits: [
            TextEdit(range: removed, replacement: ""),
            TextEdit(range: end..<end, replacement: " && exit 1"),
        ])
    }
}
