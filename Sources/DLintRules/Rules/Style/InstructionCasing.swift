import DLintCore

/// DX1010: instruction keywords in upper case, the convention every Dockerfile reader expects.
struct InstructionCasing: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1010", name: "instruction-casing", severity: .style,
        summary: "Write instruction keywords in upper case", aliases: ["ConsistentInstructionCasing"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.instructions.flatMap { instruction in
            ([instruction] + (instruction.trigger.map { [$0] } ?? [])).compactMap { instruction -> Finding? in
                let keyword = instruction.keyword
                guard instruction.kind != .unknown, keyword.text != keyword.text.uppercased() else { return nil }
                let upper = keyword.text.uppercased()
                return Finding(
                    "Instruction keyword '\(keyword.text)' is not upper case", at: keyword.range,
                    fix: Fix(title: "Write '\(upper)'", applicability: .safe, edits: [TextEdit(range: keyword.range, replacement: upper)])
                )
            }
        }
    }
}
