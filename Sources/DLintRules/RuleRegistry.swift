import DLintCore

/// Every rule dlint has, kept by hand: adding a rule means adding it to its family's list
/// (`Rules/FAMILY/Registry+FAMILY.swift`), adding its `rules/CODE.md` page, and regenerating the
/// embedded pages (see `RulePages`).
public enum RuleRegistry {
    public static let rules: [any Rule] =
        instructionRules + privilegeRules + cacheCleanupRules + stageRules + buildContextRules + styleRules
        + labelRules + imageRules + buildKitRules + osPackageRules + languagePackageRules + commandRules
        + shellExpansionRules
        + shellPortabilityRules
        + contextRules + breakageRules
        + shellCommandRules
        + securityRules

    /// A linter with every rule.
    public static let linter = Linter(rules: rules)

    public static var catalog: RuleCatalog { linter.catalog }

    /// The page `dlint explain` prints for a rule, by any of its spellings.
    public static func page(for spelling: String) -> String? {
        guard let code = catalog.code(for: spelling) else { return nil }
        return RulePages.pages[code]
    }
}
