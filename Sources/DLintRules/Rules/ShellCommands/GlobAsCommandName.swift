import DLintCore

/// SC2211: an unquoted glob as the command name runs whatever file happens to match first.
struct GlobAsCommandName: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2211", name: "glob-as-command-name", severity: .warning,
        summary: "This is a glob used as a command name: was it supposed to be in ${..}, array, or is it missing quoting?"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands(inRunsMentioning: UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "[")) {
            let simple = command.command
            guard let name = simple.name, name.hasUnquotedGlob else { continue }
            findings.append(Finding(
                "'\(command.text(name.range))' is a glob used as a command name: was it supposed to be in ${..}, array, or is it missing quoting?",
                at: command.fileRange(trimmedOf: name)
            ))
        }
        return findings
    }
}
