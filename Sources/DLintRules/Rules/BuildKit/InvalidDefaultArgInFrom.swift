import DLintCore

/// DX1103: a `FROM` whose image, with every global `ARG` at its default, is empty or no valid
/// reference, so the build fails unless `--build-arg` is given (BuildKit's `InvalidDefaultArgInFrom`).
struct InvalidDefaultArgInFrom: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1103", name: "invalid-default-arg-in-from", severity: .warning,
        summary: "Give the ARGs a FROM uses defaults that make a valid image", aliases: ["InvalidDefaultArgInFrom"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = context.tree.escapeCharacter
        return model.stages.compactMap { stage -> Finding? in
            let instruction = model.instructions[stage.fromIndex]
            guard let clause = instruction.fromClause, clause.image.text.contains("$") else { return nil }
            // BuildKit reads an ARG without a default, or no ARG at all, as the empty string.
            var scope = model.globalVariables
            for (name, value) in scope.values where value == .unknown { scope[name] = .known("") }
            for reference in VariableReferences.find(in: clause.image, of: instruction, escape: escape) where scope[reference.name] == nil {
                scope[reference.name] = .known(PredefinedArguments.typicalValue(of: reference.name) ?? "")
            }
            guard let image = scope.expand(clause.image.text, escape: Character(UnicodeScalar(escape))),
                  !ImageReferenceGrammar.isValid(image) else { return nil }
            let shown = image.isEmpty ? "an empty image name" : "'\(image)', which is not a valid image reference"
            return Finding("With its ARG defaults, '\(clause.image.text)' gives \(shown)", at: clause.image.range)
        }
    }
}
