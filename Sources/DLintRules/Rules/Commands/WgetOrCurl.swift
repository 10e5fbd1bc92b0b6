import DLintCore

/// DL4001: a stage that downloads with both wget and curl installs and maintains two tools
/// for one job.
struct WgetOrCurl: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4001", name: "wget-or-curl", severity: .warning,
        summary: "Either use wget or curl but not both"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        // hadolint's scope: each stage on its own (not the stages it is built FROM), and the
        // ONBUILD triggers of a stage apart from its RUNs, as they run in another build.
        for isTrigger in [false, true] {
            var seen: [Int?: [String: Range<Int>]] = [:]
            for run in model.runs where run.isOnbuildTrigger == isTrigger {
                let stage = model.states[run.instructionIndex].stageIndex
                for (program, range) in Self.downloads(in: run) {
                    seen[stage, default: [:]][program] = seen[stage]?[program] ?? range
                    guard seen[stage]?.count == 2 else { continue }
                    let other = program == "curl" ? "wget" : "curl"
                    let line = context.tree.location(of: seen[stage]![other]!.lowerBound).line
                    findings.append(Finding(
                        "'\(program)' in a stage that also uses '\(other)' (line \(line)): use one of them",
                        at: range
                    ))
                    break
                }
            }
        }
        return findings
    }

    /// The `curl` and `wget` programs a RUN runs, in order, exec form included.
    static func downloads(in run: RunInstruction) -> [(String, Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        for command in run.commands {
            if let program = ProgramRun(command, where: { $0 == "curl" || $0 == "wget" }) {
                found.append((program.program, program.nameRange))
            }
        }
        if case .exec(let elements) = run.instruction.arguments, let first = elements.first {
            let program = PathText.basename(first.text)
            if program == "curl" || program == "wget" { found.append((program, first.range)) }
        }
        return found
    }
}
