import DLintCore

/// SC2164: a `cd` whose failure nobody looks at lets the RUN go on in the wrong directory.
struct CdWithoutExit: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2164", name: "cd-without-exit", severity: .warning,
        summary: "Use 'cd … || exit' in case cd fails",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(running: ["cd", "pushd", "popd"]) where !script.errexit {
            ShellWalker(script: script).forEachPipeline { pipeline, place in
                for command in pipeline.commands {
                    guard case .simple(let simple) = command, let name = simple.commandName,
                          ["cd", "pushd", "popd"].contains(name) else { continue }
                    // ShellCheck's exceptions: a directory that always exists (`/`, `..`, `../..`,
                    // `.`), `pushd -n`/`popd -n`; dlint's: a `cd` whose status is the RUN's, which
                    // fails the build anyway.
                    if simple.arguments.count == 1, let only = simple.arguments.first?.literalValue, Self.alwaysExists(only) { continue }
                    if name != "cd", simple.allFlags.contains(where: { $0.flag == "n" }) { continue }
                    let isLast = command.range == pipeline.commands.last?.range
                    if place.isCondition { continue }
                    if place.isRunStatus && isLast { continue }
                    let text = script.text(simple.range)
                    findings.append(Finding(
                        "Use '\(name) … || exit' in case '\(text)' fails",
                        at: script.fileRange(simple.range),
                        fix: pipeline.commands.count == 1 && !pipeline.isNegated ? Self.fix(simple, place, script) : nil
                    ))
                }
            }
        }
        return findings
    }

    /// `/`, `.`, `..`, `../..`, `./`: ShellCheck's `^/*((\.|\.\.)/+)*(\.|\.\.)?$`.
    static func alwaysExists(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// `cd DIR` → `cd DIR || exit`; after `&&`, `{ cd DIR || exit; }` so that a failure of the
    /// commands before it does not run `exit` where it did not stop the RUN before.
    static func fix(_ command: SimpleCommand, _ place: CommandPlace, _ script: CheckedScript) -> Fix? {
        guard !place.isAsynchronous else { return nil }
        // `|| exit` after an unclosed `$(` would go inside it, and the `cd` would still end there.
        if command.words.contains(where: { $0.range.upperBound == command.range.upperBound && $0.endsInUnclosedSubstitution }) { return nil }
        let range = script.fileRange(command.range)
        if place.followsAnd {
            return Fix(title: "Add `|| exit` in a group", applicability: .safe, edits: [
                TextEdit(range: range.lowerBound..<range.lowerBound, replacement: "{ "),
                TextEdit(range: range.upperBound..<range.upperBound, replacement: " || exit; }"),
            ])
        }
        return Fix(title: "Add `|| exit`", applicability: .safe, edits: [
            TextEdit(range: range.upperBound..<range.upperBound, replacement: " || exit"),
        ])
    }
}
