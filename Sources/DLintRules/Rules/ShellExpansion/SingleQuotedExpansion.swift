import DLintCore

/// SC2016: `'$HOME'` or `` '`pwd`' `` in single quotes, where nothing expands, given to a command
/// that does not expand it itself.
struct SingleQuotedExpansion: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2016", name: "single-quoted-expansion", severity: .info,
        summary: "Expressions don't expand in single quotes: use double quotes for that"
    )

    /// Programs that read `$…` in their own language or run the string as a script (ShellCheck's
    /// list, plus every POSIX shell and `su -c`, `runuser`).
    static let expandingPrograms: Set<String> = [
        "trap", "sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "ssh", "eval", "xprop", "alias", "sudo", "su", "runuser",
        "docker", "podman", "oc", "dpkg-query", "jq", "yq", "rename", "rg", "unset", "envsubst", "busybox", "expect",
        "make", "powershell", "pwsh",
    ]
    /// Assignments whose value is expanded later by the shell itself.
    static let expandedLater: Set<String> = ["PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND"]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "'")) {
            for event in context.model.shellEvents(of: run) {
                switch event {
                case .word(let use):
                    // The program is looked at only for a word that has such a part: most have none.
                    var programChecked = false
                    for part in use.word.parts {
                        guard case .singleQuoted(let content, let range) = part, Self.looksLikeExpansion(content) else { continue }
                        if !programChecked {
                            guard !isExpandedByProgram(use) else { break }
                            programChecked = true
                        }
                        findings.append(Finding(
                            "Expressions don't expand in single quotes: use double quotes for '\(UnquotedCommandSubstitution.abbreviated(content))'",
                            at: use.source.fileRange(of: range)
                        ))
                    }
                default:
                    break
                }
            }
        }
        return findings
    }

    private func isExpandedByProgram(_ use: ShellWordUse) -> Bool {
        if use.role == .assignmentValue, let command = use.command,
           command.assignments.contains(where: { $0.value?.range == use.word.range && Self.expandedLater.contains($0.name) }) {
            return true
        }
        guard let command = use.command, let name = command.effectiveCommand?.commandName ?? command.commandName else { return false }
        var program = PathText.basename(name)
        if program == "find", let exec = command.words.firstIndex(where: { ["-exec", "-execdir"].contains($0.literalValue) }),
           exec + 1 < command.words.count, let run = command.words[exec + 1].literalValue {
            program = PathText.basename(run)
        }
        if program == "git", command.words.dropFirst().first?.literalValue == "filter-branch" { return true }
        if Self.expandingPrograms.contains(program) || program.hasSuffix("awk") || program.hasPrefix("perl") { return true }
        if program == "sed" {
            let content = use.word.parts.compactMap { if case .singleQuoted(let s, _) = $0 { s } else { nil } }.joined()
            return Self.isSedAddress(content)
        }
        // `[ -v 'name[$i]' ]`.
        if program == "[" || program == "test", command.words.contains(where: { $0.literalValue == "-v" }) { return true }
        return false
    }

    /// `$` followed by `{`, `(`, a digit, a letter or `_`; or a backtick pair with content.
    static func looksLikeExpansion(_ content: String) -> Bool {
        let bytes = Array(content.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "$"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "{") || next == UInt8(ascii: "(") || next == UInt8(ascii: "_")
                    || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || ((next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")) {
                    return true
                }
            }
            if byte == UInt8(ascii: "`"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "`"),
               bytes[(index + 1)...].contains(UInt8(ascii: "`")) {
                return true
            }
        }
        return false
    }

    /// sed's `$` address and commands (`$d`, `$p`, `${…}` blocks): ShellCheck's exception.
    static func isSedAddress(_ content: String) -> Bool {
        let bytes = Array(content.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "$") && index + 1 < bytes.count {
            let next = bytes[index + 1]
            guard "{dpsaic".utf8.contains(next) else { continue }
            if index + 2 >= bytes.count { return true }
            let after = bytes[index + 2] | 0x20
            if !(after >= UInt8(ascii: "a") && after <= UInt8(ascii: "z")) { return true }
        }
        return false
    }
}
