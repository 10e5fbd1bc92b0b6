import DLintCore

/// SC2038: `find | xargs` splits file names at blanks and quotes; `-print0 | xargs -0` (or
/// `find -exec … +`) passes any name.
struct FindXargsWithoutNull: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2038", name: "find-xargs-without-null", severity: .warning,
        summary: "Use -print0/-0 or -exec + to allow for non-alphanumeric filenames"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(containing: "xargs") {
            ShellWalker(script: script).forEachPipeline { pipeline, _ in
                let commands = pipeline.commands.map { command -> SimpleCommand? in
                    if case .simple(let simple) = command { simple } else { nil }
                }
                for index in commands.indices.dropLast() {
                    guard let find = commands[index], let xargs = commands[index + 1],
                          let findInvocation = find.effectiveCommand, findInvocation.commandName.map(PathText.basename) == "find",
                          xargs.baseName == "xargs" || xargs.effectiveCommand?.wrappers.contains("xargs") == true else { continue }
                    let words = (xargs.words + find.words).compactMap(\.literalValue)
                    let separatesWithNull = words.contains { word in
                        let name = word.drop { $0 == "-" }
                        return (word.hasPrefix("-") && word.contains("0")) || name.hasPrefix("null") || name.hasPrefix("print0")
                            || name.hasPrefix("printf")
                    }
                    if separatesWithNull { continue }
                    findings.append(Finding(
                        "Use -print0/-0 or -exec + to allow for non-alphanumeric filenames",
                        at: script.fileRange(of: findInvocation.name)
                    ))
                }
            }
        }
        return findings
    }
}
