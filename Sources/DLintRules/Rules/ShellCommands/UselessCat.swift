import DLintCore

/// SC2002: `cat file | cmd` runs a process to do what `cmd < file` (or `cmd file`) does.
struct UselessCat: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2002", name: "useless-cat", severity: .style,
        summary: "Useless cat: consider 'cmd < file | ..' or 'cmd file | ..' instead",
        enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.model.checkedScripts(running: ["cat"]) {
            ShellWalker(script: script).forEachPipeline { pipeline, _ in
                guard pipeline.commands.count > 1, case .simple(let cat) = pipeline.commands[0], cat.baseName == "cat",
                      cat.arguments.count == 1, let file = cat.arguments.first,
                      !file.mayBecomeSeveralArguments, !(file.literalValue ?? "").hasPrefix("-") else { return }
                findings.append(Finding(
                    "Useless cat: consider 'cmd < \(script.text(file.range)) | ..' or 'cmd \(script.text(file.range)) | ..' instead",
                    at: script.fileRange(cat.range)
                ))
            }
        }
        return findings
    }
}
