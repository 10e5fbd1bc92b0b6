import DLintCore

/// SC2012: the output of `ls` piped into another command is parsed as file names, which breaks
/// on blanks, newlines and unprintable characters; `find` or a glob gives the names as they are.
struct LsForFilenames: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2012", name: "ls-for-filenames", severity: .info,
        summary: "Use find instead of ls to better handle non-alphanumeric filenames"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(running: ["ls"]) {
            ShellWalker(script: script).forEachPipeline { pipeline, _ in
                let names = pipeline.commands.map { command -> String? in
                    guard case .simple(let simple) = command, let invocation = simple.effectiveCommand,
                          !invocation.wrappers.contains("xargs") else { return nil }
                    return invocation.commandName.map(PathText.basename)
                }
                // ShellCheck reports `ls | grep` and `ls | xargs` under their own codes (SC2010,
                // SC2011) and then not this one.
                let hasOwnCode = names.indices.dropLast().contains { index in
                    guard names[index] == "ls", case .simple(let next) = pipeline.commands[index + 1] else { return false }
                    return next.baseName == "grep" || next.baseName == "xargs" || next.effectiveCommand?.commandName == "grep"
                }
                if hasOwnCode { return }
                for index in names.indices.dropLast() where names[index] == "ls" {
                    guard case .simple(let ls) = pipeline.commands[index], let invocation = ls.effectiveCommand else { continue }
                    // `-N` (literal names) is ShellCheck's exception.
                    let literalNames = invocation.arguments.contains { word in
                        guard let value = word.literalValue else { return false }
                        return value.hasPrefix("-") && value.contains("N")
                    }
                    if literalNames { continue }
                    findings.append(Finding(
                        "Use find instead of ls to better handle non-alphanumeric filenames",
                        at: script.fileRange(of: invocation.name)
                    ))
                }
            }
        }
        return findings
    }
}
