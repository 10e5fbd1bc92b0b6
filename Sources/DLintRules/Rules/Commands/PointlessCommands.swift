import DLintCore

/// DL3001: programs that inspect or control a running system (processes, services, mounts,
/// interactive sessions) do nothing useful while an image is built.
struct PointlessCommands: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3001", name: "pointless-commands", severity: .info,
        summary: "Commands such as ssh, vim, shutdown, service, ps, free, top, kill, mount and ifconfig make no sense in an image build"
    )

    /// hadolint's list, plus `ifconfig` (which its message names) and `nano` (an editor, like vim).
    static let programs: Set<String> = [
        "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim", "ifconfig", "nano",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.runs {
            for command in run.commands {
                guard let program = ProgramRun(command, where: Self.programs.contains) else { continue }
                findings.append(Self.finding(program.program, at: program.nameRange))
            }
            if case .exec(let elements) = run.instruction.arguments, let first = elements.first,
               Self.programs.contains(PathText.basename(first.text)) {
                findings.append(Self.finding(PathText.basename(first.text), at: first.range))
            }
        }
        return findings
    }

    private static func finding(_ program: String, at range: Range<Int>) -> Finding {
        Finding("'\(program)' makes no sense in an image build: there is no running system, terminal or service to act on", at: range)
    }
}
