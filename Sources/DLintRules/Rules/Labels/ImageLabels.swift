import DLintCore

/// One `key=value` of a `LABEL`, or of an `ONBUILD LABEL`, with quotes removed and variables
/// resolved where the file fixes their values.
struct LabelEntry {
    let instructionIndex: Int
    let pair: KeyValuePair
    /// Nil when the key uses a variable whose value is not known.
    let key: String?
    /// Nil when the value uses a variable whose value is not known.
    let value: String?
    /// True for `ONBUILD LABEL`: it labels the images built from this one, not this one.
    let isTrigger: Bool
}

/// The labels a file sets, read once per rule from the model.
enum ImageLabels {
    static func entries(in model: DockerfileModel) -> [LabelEntry] {
        let escape = Character(UnicodeScalar(model.tree.escapeCharacter))
        // A trigger's variables take their values in the child build, which this file cannot see:
        // only literal text is judged there.
        let childBuildScope = VariableScope()
        var entries: [LabelEntry] = []
        for (index, instruction) in model.instructions.enumerated() {
            let label: Instruction
            let isTrigger: Bool
            if instruction.kind == .label {
                (label, isTrigger) = (instruction, false)
            } else if let trigger = instruction.trigger, trigger.kind == .label {
                (label, isTrigger) = (trigger, true)
            } else {
                continue
            }
            guard case .keyValues(let pairs) = label.arguments else { continue }
            let scope = isTrigger ? childBuildScope : model.states[index].variables
            for pair in pairs {
                entries.append(LabelEntry(
                    instructionIndex: index, pair: pair,
                    key: scope.expand(pair.key.text, escape: escape),
                    value: scope.expand(pair.value.text, escape: escape),
                    isTrigger: isTrigger
                ))
            }
        }
        return entries
    }

    /// Findings for the schema labels of `type` whose value is set, known and not `isValid`.
    /// Empty values are left to DL3051, so one empty label is reported once.
    static func invalidValues(
        _ context: RuleContext, type: LabelType, isValid: (String) -> Bool, message: (_ key: String, _ value: String) -> String
    ) -> [Finding] {
        let schema = context.settings.labelSchema
        guard schema.values.contains(type) else { return [] }
        return entries(in: context.model).compactMap { entry in
            guard let key = entry.key, schema[key] == type, let value = entry.value, !value.isEmpty,
                  !isValid(value) else { return nil }
            return Finding(message(key, value), at: entry.pair.value.range)
        }
    }
}
