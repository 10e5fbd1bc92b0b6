import DLintCore

/// SC2115: `rm -rf "$dir/"…` deletes from `/` when `dir` is empty or unset.
struct RmVariablePath: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2115", name: "rm-variable-path", severity: .warning,
        summary: "Use \"${var:?}\" to ensure an rm -r path never expands to one under /",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "$")) {
            for event in context.model.shellEvents(of: run) {
                // First the word (a variable in it), then its command: most words hold none.
                guard case .word(let use) = event, use.role == .argument, Self.holdsParameter(use.word), let command = use.command,
                      let invocation = command.effectiveCommand, let name = invocation.commandName,
                      PathText.basename(name) == "rm",
                      invocation.arguments.contains(where: Self.isRecursiveFlag),
                      let (parameter, rest) = Self.leadingVariable(of: use.word) else { continue }
                let replacement = "${\(parameter.name):?}"
                findings.append(Finding(
                    "Use \"\(replacement)\" to ensure this never expands to \(rest)",
                    at: use.source.fileRange(of: use.word.range),
                    fix: Fix(title: "Use `\(replacement)`", applicability: .unsafe, edits: [
                        TextEdit(range: use.source.fileRange(of: parameter.range), replacement: replacement),
                    ])
                ))
            }
        }
        return findings
    }

    /// A `$name` at the top of the word or in a double-quoted part of it: what `leadingVariable`
    /// needs first, tested without flattening the word.
    static func holdsParameter(_ word: Word) -> Bool {
        word.parts.contains { part in
            switch part {
            case .parameter: true
            case .doubleQuoted(let inner, _): inner.contains { if case .parameter = $0 { true } else { false } }
            default: false
            }
        }
    }

    static func isRecursiveFlag(_ word: Word) -> Bool {
        guard let value = word.literalValue else { return false }
        if value == "--recursive" { return true }
        return value.hasPrefix("-") && !value.hasPrefix("--") && (value.contains("r") || value.contains("R"))
    }

    /// `$dir/…`, `"$dir/…"`, `"${dir}"/…`: a plain variable then a `/`; the path it would be with
    /// the variable empty.
    static func leadingVariable(of word: Word) -> (ParameterExpansion, String)? {
        var flat: [WordPart] = []
        for part in word.parts {
            if case .doubleQuoted(let inner, _) = part { flat += inner } else { flat.append(part) }
        }
        guard flat.count >= 2, case .parameter(let parameter) = flat[0], parameter.op == nil, !parameter.isLength,
              !parameter.isIndirect, isShellName(parameter.name) else { return nil }
        var rest = ""
        for part in flat.dropFirst() {
            switch part {
            case .literal(let text, _), .singleQuoted(let text, _), .escaped(let text, _): rest += text
            default: rest += "…"
            }
        }
        return rest.hasBytePrefix("/") ? (parameter, rest) : nil
    }
}
