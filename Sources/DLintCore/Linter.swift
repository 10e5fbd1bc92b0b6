/// Lints one file with a set of rules: parse, build the model, run the rules, then apply
/// suppressions and configured severities.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let catalog: RuleCatalog
    /// Each rule's descriptor, read once: the loop below asks for it for every rule of every file.
    private let descriptors: [RuleDescriptor]

    public init(rules: [any Rule]) {
        self.rules = rules
        self.descriptors = rules.map(\.descriptor)
        self.catalog = RuleCatalog(RuleCatalog.builtIn + descriptors)
    }

    public func lint(_ source: [UInt8], configuration: Configuration = Configuration()) -> LintResult {
        let tree = SyntaxTree(parsing: source)
        let model = DockerfileModel(tree: tree, buildArguments: configuration.settings.buildArguments, target: configuration.settings.target)
        let suppressions = configuration.honoursInlineIgnores ? Suppressions(tree: tree, catalog: catalog) : nil

        var diagnostics: [Diagnostic] = tree.diagnostics.map { diagnostic in
            Diagnostic(code: diagnostic.code.rawValue, name: diagnostic.code.name, severity: diagnostic.severity, message: diagnostic.message, range: diagnostic.range)
        }
        let unknownCode = EngineDiagnostics.unknownRuleCode
        diagnostics += (suppressions?.problems ?? []).map {
            Diagnostic(code: unknownCode.code, name: unknownCode.name, severity: unknownCode.severity, message: $0.message, range: $0.range)
        }
        // Edits inside an exec-form RUN's JSON string must be written as JSON.
        let execFormRegions = model.execFormScriptRegions
        let file = RuleContext.FileContext(model: model, settings: configuration.settings)
        for (rule, descriptor) in zip(rules, descriptors) {
            if configuration.ignored.contains(descriptor.code) || suppressions?.global.contains(descriptor.code) == true { continue }
            // A rule off by default runs once the configuration names it (`enable:`, a severity or
            // options) or a `# check=experimental=` directive asks for it.
            if !descriptor.enabledByDefault, !configuration.enabled.contains(descriptor.code),
               configuration.severities[descriptor.code] == nil, configuration.ruleOptions[descriptor.code] == nil,
               suppressions?.enabled.contains(descriptor.code) != true { continue }
            let context = RuleContext(file: file, options: configuration.ruleOptions[descriptor.code] ?? RuleOptions())
            for finding in rule.check(context) {
                let fix = execFormRegions.isEmpty ? finding.fix : finding.fix.flatMap { DockerfileModel.adjusted($0, regions: execFormRegions) }
                diagnostics.append(Diagnostic(code: descriptor.code, name: descriptor.name, severity: descriptor.severity, message: finding.message, range: finding.range, fix: fix))
            }
        }

        let kept = diagnostics.compactMap { diagnostic -> Diagnostic? in
            if configuration.ignored.contains(diagnostic.code) { return nil }
            if let suppressions, suppressions.suppresses(diagnostic.code, at: diagnostic.range.lowerBound, in: tree) { return nil }
            if let severity = configuration.severities[diagnostic.code] { return diagnostic.with(severity: severity) }
            return diagnostic
        }
        let sorted = kept.enumerated().sorted { lhs, rhs in
            (lhs.element.range.lowerBound, lhs.offset) < (rhs.element.range.lowerBound, rhs.offset)
        }.map(\.element)
        return LintResult(tree: tree, model: model, diagnostics: sorted)
    }
}

public struct LintResult: Sendable {
    public let tree: SyntaxTree
    public let model: DockerfileModel
    /// In file order.
    public let diagnostics: [Diagnostic]

    public init(tree: SyntaxTree, model: DockerfileModel, diagnostics: [Diagnostic]) {
        self.tree = tree
        self.model = model
        self.diagnostics = diagnostics
    }
}
