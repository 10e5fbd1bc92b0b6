import DLintCore

/// SC2028: `echo 'a\nb'`: whether echo turns `\n` into a line break depends on the shell (dash's
/// does, bash's does not without `-e`); printf does it everywhere.
struct EchoEscapes: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2028", name: "echo-escapes", severity: .info,
        summary: "echo may not expand escape sequences: use printf"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "\\")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.role == .argument, let command = use.command,
                      let name = command.commandName, PathText.basename(name) == "echo",
                      !command.arguments.contains(where: { ($0.literalValue ?? "").hasPrefix("-") && ($0.literalValue ?? "").contains("e") }),
                      Self.hasEscape(Self.literalText(use.word.parts)) else { continue }
                findings.append(Finding(
                    "echo may not expand the escape sequences of '\(UnquotedCommandSubstitution.abbreviated(use.source.string(use.word.range)))': use printf",
                    at: use.source.fileRange(of: use.word.range)
                ))
            }
        }
        return findings
    }

    /// The text echo receives, expansions left out.
    static func literalText(_ parts: [WordPart]) -> String {
        parts.map { part in
            switch part {
            case .literal(let text, _), .singleQuoted(let text, _), .escaped(let text, _): text
            case .doubleQuoted(let inner, _): literalText(inner)
            default: ""
            }
        }.joined()
    }

    static func hasEscape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "\\") && "rnt".utf8.contains(bytes[$0 + 1]) }
    }
}
