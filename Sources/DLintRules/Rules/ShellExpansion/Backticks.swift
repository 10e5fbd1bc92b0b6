import DLintCore

/// SC2006: `` `cmd` `` instead of `$(cmd)`.
struct Backticks: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2006", name: "backticks", severity: .style,
        summary: "Use $(...) notation instead of legacy backticks",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "`")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event else { continue }
                Self.collect(use.word.parts, source: use.source, into: &findings)
            }
        }
        return findings
    }

    private static func collect(_ parts: [WordPart], source: ShellScriptSource, into findings: inout [Finding]) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _):
                collect(inner, source: source, into: &findings)
            case .parameter(let parameter):
                if let argument = parameter.argument { collect(argument.parts, source: source, into: &findings) }
            case .commandSubstitution(let substitution) where substitution.isBackquoted:
                let text = source.string(substitution.range)
                findings.append(Finding(
                    "Use $(...) instead of the legacy backticks of '\(UnquotedCommandSubstitution.abbreviated(text))'",
                    at: source.fileRange(of: substitution.range), fix: fix(substitution, text: text, source: source)
                ))
            default:
                break
            }
        }
    }

    /// Replaces the two backticks. Nil when the content has a backslash (inside backticks `\$`,
    /// `` \` `` and `\\` are unescaped first, so the text would need rewriting), a `#` (a comment
    /// would swallow the closing parenthesis) or no closing backtick.
    private static func fix(_ substitution: CommandSubstitution, text: String, source: ShellScriptSource) -> Fix? {
        let range = substitution.range
        guard range.count >= 2, text.hasPrefix("`"), text.hasSuffix("`"),
              !text.dropFirst().dropLast().contains(where: { $0 == "\\" || $0 == "#" || $0 == "`" }) else { return nil }
        let open = source.fileRange(of: range.lowerBound..<(range.lowerBound + 1))
        let close = source.fileRange(of: (range.upperBound - 1)..<range.upperBound)
        guard open.count == 1, close.count == 1 else { return nil }
        return Fix(title: "Use `$(…)`", applicability: .safe, edits: [
            TextEdit(range: open, replacement: "$("), TextEdit(range: close, replacement: ")"),
        ])
    }
}
