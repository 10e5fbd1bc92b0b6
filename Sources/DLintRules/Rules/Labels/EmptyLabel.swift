import DLintCore

/// DL3051: a label of the schema is set to the empty string.
struct EmptyLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3051", name: "empty-label", severity: .warning,
        summary: "A label of the label schema is empty"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let schema = context.settings.labelSchema
        guard !schema.isEmpty else { return [] }
        return ImageLabels.entries(in: context.model).compactMap { entry in
            guard let key = entry.key, schema[key] != nil, entry.value == "" else { return nil }
            // The value may be zero bytes wide (`key=`): the finding covers the whole pair.
            return Finding("Label '\(key)' is empty", at: entry.pair.range)
        }
    }
}
