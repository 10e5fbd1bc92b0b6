import DLintCore

/// DL4005: replacing `/bin/sh` with a link to another shell changes the shell of every later
/// RUN behind the reader's back, and the image's `/bin/sh` for everything that runs in it.
struct UseShellInstruction: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4005", name: "use-shell-instruction", severity: .warning,
        summary: "Use SHELL to change the default shell"
    )

    static let shellPaths: Set<String> = ["/bin/sh", "/usr/bin/sh"]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.runs {
            for command in run.commands {
                guard let ln = ProgramRun(command, where: { $0 == "ln" }),
                      let destination = Self.linkDestination(ln.arguments) else { continue }
                findings.append(Finding(
                    "'ln' replaces '\(destination.value)': use SHELL to change the shell RUN uses",
                    at: command.fileRange(of: destination.word)
                ))
            }
        }
        return findings
    }

    /// The operand that names the link when it is `/bin/sh` (or `/usr/bin/sh`): the last operand
    /// (`ln -sf /bin/bash /bin/sh`), or the directory of `-t DIR` never is.
    static func linkDestination(_ arguments: [Word]) -> (word: Word, value: String)? {
        var operands: [Word] = []
        var endOfOptions = false
        var remaining = arguments[...]
        while let word = remaining.popFirst() {
            let value = word.literalValue
            if !endOfOptions, let value, value.hasPrefix("-"), value.count > 1 {
                if value == "--" { endOfOptions = true; continue }
                // `-t DIR` / `--target-directory`: the operands are targets, the link is DIR/name.
                if value == "-t" || value.hasPrefix("--target-directory") || (value.hasPrefix("-") && !value.hasPrefix("--") && value.contains("t")) { return nil }
                if value == "-S" || value == "--suffix" { _ = remaining.popFirst() }
                continue
            }
            operands.append(word)
        }
        guard operands.count >= 2, let last = operands.last, let value = last.literalValue,
              shellPaths.contains(value) else { return nil }
        return (last, value)
    }
}
