import DLintCore

/// SC3043: `local` is not POSIX. dash and BusyBox ash have it (ShellCheck does not warn for
/// them either); plain POSIX sh does not promise it.
struct LocalInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3043", name: "local-in-sh", severity: .warning,
        summary: "In POSIX sh, 'local' is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.portabilityCommands.compactMap { sh in
            guard sh.flavor == .posix, sh.name == "local", let word = sh.words.first else { return nil }
            return Finding(sh.flavor.message("'local'"), at: sh.fileRange(of: word))
        }
    }
}
