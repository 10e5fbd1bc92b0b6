import DLintCore

/// SC2154: a lower-case variable the RUN reads but nothing assigns: not the RUN's shell, not an
/// `ARG` or `ENV` in scope, not the build's automatic arguments, not the shell. ShellCheck leaves
/// all-upper-case names alone by default (they are usually environment variables); so does dlint.
struct UnassignedVariable: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2154", name: "unassigned-variable", severity: .warning,
        summary: "A variable is referenced but not assigned"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for checked in context.model.variableCheckedRuns {
            let (build, usage) = (checked.build, checked.usage)
            guard usage.hasParameterExpansion else { continue }
            var reported: Set<String> = []
            for event in checked.events {
                guard case .word(let use) = event else { continue }
                for reference in use.word.parameterReferences where !reference.isGuarded {
                    let name = reference.baseName
                    guard isShellName(name), name.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }), !usage.assigned.contains(name),
                          !build.defines(name), !reported.contains(name) else { continue }
                    reported.insert(name)
                    findings.append(Finding(
                        "'\(name)' is referenced but not assigned (no ARG, ENV or assignment in this RUN sets it)",
                        at: use.source.fileRange(of: reference.parameter.range)
                    ))
                }
            }
        }
        return findings
    }
}
