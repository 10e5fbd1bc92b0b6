import DLintCore

/// DX1006: the `# syntax=` directive pins a frontend older than a feature the file uses.
struct OutdatedSyntaxDirective: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1006", name: "outdated-syntax-directive", severity: .warning,
        summary: "The '# syntax' directive must name a frontend that supports the features the file uses"
    )

    func check(_ context: RuleContext) -> [Finding] {
        guard let directive = context.tree.directive("syntax") else { return [] }
        let frontend = SyntaxFrontend(directive.value)
        let missing = context.model.frontendFeatureUses.filter { frontend.supports($0.feature) == false }
        // One finding: the feature that needs the newest version (the first such one in the file).
        guard let worst = missing.max(by: { lhs, rhs in
            Self.needed(lhs.feature, labs: frontend.labs) < Self.needed(rhs.feature, labs: frontend.labs)
                || (Self.needed(lhs.feature, labs: frontend.labs) == Self.needed(rhs.feature, labs: frontend.labs)
                    && lhs.range.lowerBound > rhs.range.lowerBound)
        }) else { return [] }
        let feature = worst.feature
        var needed = feature.minimumTag(labs: frontend.labs)
        if !frontend.labs, let labs = feature.labs, labs < feature.stable { needed += " (or \(feature.minimumTag(labs: true)))" }
        let line = context.tree.location(of: worst.range.lowerBound).line
        return [Finding("'# syntax=\(directive.value)' is older than \(needed), required by \(worst.description) on line \(line)", at: directive.valueRange)]
    }

    /// The version the file must name for the feature, on the directive's channel.
    static func needed(_ feature: FrontendFeature, labs: Bool) -> FrontendVersion {
        if labs, let first = feature.labs, first < feature.stable { return first }
        return feature.stable
    }
}
