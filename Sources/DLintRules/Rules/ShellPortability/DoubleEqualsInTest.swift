import DLintCore

/// SC3014: `==` in `[ … ]` or `test` is bash's; POSIX `test` compares strings with `=`. dash
/// fails with "unexpected operator"; BusyBox ash accepts it.
struct DoubleEqualsInTest: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3014", name: "double-equals-in-test", severity: .warning,
        summary: "In POSIX sh, == in place of = is undefined", fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for sh in context.model.portabilityCommands where sh.flavor != .ash {
            guard let name = sh.words.first?.literalValue, name == "[" || name == "test" else { continue }
            var operands = Array(sh.words.dropFirst())
            if name == "[", operands.last?.literalValue == "]" { operands.removeLast() }
            // An operator between two operands (`[ "$a" == b ]`, `[ x == y -a z == w ]`), not an
            // operand that happens to read `==` (`[ "==" ]`, `test -n ==`).
            for (index, word) in operands.enumerated() where word.literalValue == "==" && index > 0 && index + 1 < operands.count {
                let range = sh.fileRange(of: word)
                let fix = word.isQuoted ? nil : Fix(title: "Replace `==` with `=`", applicability: .safe, edits: [TextEdit(range: range, replacement: "=")])
                findings.append(Finding(sh.flavor.message("== in place of ="), at: range, fix: fix))
            }
        }
        return findings
    }
}
