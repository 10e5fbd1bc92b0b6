import DLintCore

/// DX1011: in `FROM image AS name`, `AS` is written in the case of `FROM`.
struct FromAsCasing: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1011", name: "from-as-casing", severity: .style,
        summary: "Write AS in the same case as FROM", aliases: ["FromAsCasing"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.instructions.compactMap { instruction in
            guard let clause = instruction.fromClause, let asKeyword = clause.asKeyword else { return nil }
            let from = instruction.keyword.text
            let fromIsUpper = from == from.uppercased()
            let fromIsLower = from == from.lowercased()
            let expected = fromIsUpper ? "AS" : fromIsLower ? "as" : nil
            guard let expected, asKeyword.text != expected else { return nil }
            return Finding(
                "'\(asKeyword.text)' does not match the case of '\(from)'", at: asKeyword.range,
                fix: Fix(title: "Write '\(expected)'", applicability: .safe, edits: [TextEdit(range: asKeyword.range, replacement: expected)])
            )
        }
    }
}
