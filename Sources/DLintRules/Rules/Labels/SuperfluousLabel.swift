import DLintCore

/// DL3050: with `strict-labels`, only the labels of the schema may be set.
struct SuperfluousLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3050", name: "superfluous-label", severity: .info,
        summary: "With strict labels, a label outside the label schema"
    )

    func check(_ context: RuleContext) -> [Finding] {
        guard context.settings.strictLabels else { return [] }
        let schema = context.settings.labelSchema
        return ImageLabels.entries(in: context.model).compactMap { entry in
            guard let key = entry.key, schema[key] == nil else { return nil }
            return Finding("Label '\(key)' is not in the label schema (strict labels)", at: entry.pair.key.range)
        }
    }
}
