import DLintCore

extension RuleRegistry {
    /// Image labels: hadolint's label-schema and strict-labels checks (DL3048–DL3058), and DL1001
    /// on inline ignore pragmas.
    static let labelRules: [any Rule] = [
        InvalidLabelKey(), MissingLabel(), SuperfluousLabel(), EmptyLabel(), InvalidURLLabel(),
        InvalidRFC3339Label(), InvalidSPDXLabel(), InvalidHashLabel(), InvalidSemverLabel(), InvalidEmailLabel(),
        NoInlineIgnore(),
    ]
}
