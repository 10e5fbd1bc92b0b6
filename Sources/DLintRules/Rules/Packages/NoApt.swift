import DLintCore

/// DL3027: `apt` in a RUN. apt is the interactive front end: its output and behaviour may change
/// between releases (it warns so itself); scripts use apt-get and apt-cache.
struct NoApt: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3027", name: "no-apt", severity: .warning,
        summary: "Do not use apt in scripts: use apt-get or apt-cache",
        fixable: true
    )

    /// apt's subcommands that apt-get has, under the same name.
    static let aptGetActions: Set<String> = [
        "install", "reinstall", "remove", "purge", "autoremove", "auto-remove", "autopurge", "update",
        "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "satisfy", "clean", "autoclean",
        "auto-clean", "distclean", "dist-clean", "source", "download", "changelog",
    ]
    /// apt's subcommands that apt-cache has.
    static let aptCacheActions: Set<String> = ["search", "show", "policy", "depends", "rdepends", "showsrc", "madison"]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.runs {
            for shellCommand in run.commands {
                guard let invocation = shellCommand.packageInvocation, invocation.program == "apt" else { continue }
                let action = invocation.subcommand?.literalValue
                let replacement = action.flatMap { action in
                    Self.aptGetActions.contains(action) ? "apt-get" : Self.aptCacheActions.contains(action) ? "apt-cache" : nil
                }
                findings.append(Finding(
                    "Do not use 'apt' in scripts, its command-line interface is not stable: use '\(replacement ?? "apt-get")'" + (replacement == nil ? " or 'apt-cache'" : ""),
                    at: shellCommand.fileRange(of: invocation.name),
                    fix: replacement.flatMap { Self.fix(invocation, shellCommand, run, to: $0) }
                ))
            }
        }
        return findings
    }

    /// `apt` → `apt-get` (or `apt-cache`), `/usr/bin/apt` → `/usr/bin/apt-get`: the suffix appended
    /// to a plain, unquoted name word.
    static func fix(_ invocation: PackageInvocation, _ command: ShellCommand, _ run: RunInstruction, to replacement: String) -> Fix? {
        if case .exec = run.instruction.arguments { return nil }
        guard let name = invocation.name.literalValue, !invocation.name.isQuoted,
              name == "apt" || name.hasSuffix("/apt") else { return nil }
        let end = command.fileRange(of: invocation.name).upperBound
        let suffix = String(replacement.dropFirst(3))
        return Fix(title: "Use '\(replacement)' instead of 'apt'", applicability: .unsafe,
                   edits: [TextEdit(range: end..<end, replacement: suffix)])
    }
}
