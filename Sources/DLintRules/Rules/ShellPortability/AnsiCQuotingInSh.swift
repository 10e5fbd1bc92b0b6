import DLintCore

/// SC3003: `$'…'` (ANSI-C quoting) is bash's, and POSIX.1-2024's, but not every `/bin/sh` has
/// it. dash (0.5.12, Debian 12) and BusyBox ash do, as ShellCheck says; a POSIX sh dlint cannot
/// tell may not.
struct AnsiCQuotingInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3003", name: "ansi-c-quoting-in-sh", severity: .warning,
        summary: "In POSIX sh, $'..' is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for sh in context.model.portabilityCommands where sh.flavor == .posix {
            let simple = sh.command.command
            let words = simple.words + simple.assignments.compactMap(\.value) + simple.redirections.compactMap(\.target)
            for word in words {
                for part in word.parts {
                    guard case .ansiCQuoted(_, let range) = part else { continue }
                    findings.append(Finding(sh.flavor.message("$'..'"), at: sh.command.source.fileRange(of: range)))
                }
            }
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
