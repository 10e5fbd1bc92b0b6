import DLintCore

/// DX1102: a `FROM` that uses a variable no global `ARG` declares and BuildKit does not predefine
/// (BuildKit's `UndefinedArgInFrom`): it expands to nothing.
struct UndefinedArgInFrom: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1102", name: "undefined-arg-in-from", severity: .warning,
        summary: "Declare the ARGs a FROM uses before the first FROM", aliases: ["UndefinedArgInFrom"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = context.tree.escapeCharacter
        var declared = Set(PredefinedArguments.platform)
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() {
            // The global ARGs, those before the first FROM; a FROM sees the ones above it.
            if instruction.kind == .arg, model.states[index].stageIndex == nil, case .declarations(let declarations) = instruction.arguments {
                declared.formUnion(declarations.map(\.name.text))
                continue
            }
            guard let clause = instruction.fromClause else { continue }
            var spans = [clause.image]
            if let platform = clause.platform { spans.append(platform.word) }
            for span in spans {
                for reference in VariableReferences.find(in: span, of: instruction, escape: escape) where !declared.contains(reference.name) {
                    let suggestion = Suggestion.nearest(to: reference.name, in: Array(declared)).map { " (did you mean '\($0)'?)" } ?? ""
                    findings.append(Finding("FROM uses '\(reference.name)', which no ARG before the first FROM declares\(suggestion)", at: reference.range))
                }
            }
        }
        return findings
    }
}
