import DLintCore
import DockerfileSyntax

/// Where the lint phase's CPU time goes: building the tree and model, each rule's `check`, and
/// the engine's bookkeeping (suppressions, severities, ordering).
///
/// The loop is `Linter.lint`'s, replicated over the public API so that a clock can sit around
/// every `check`. A fact the model computes lazily (`ModelFacts`) is charged to the first rule
/// that asks for it in each file, so a rule early in the registry can look dearer than it is.
/// Not replicated: the Linter's rewriting of fixes inside exec-form RUNs (internal to DLintCore,
/// and only for files that have such RUNs).
struct PerRuleProfile: Sendable, Codable {
    struct RuleCost: Sendable, Codable {
        let code: String
        let name: String
        let cpuSeconds: Double
        let findings: Int
    }

    let files: Int
    let bytes: Int
    /// Parsing, the model and the inline suppressions (with their diagnostics).
    let modelCPUSeconds: Double
    /// Applying suppressions and severities to the findings, and sorting them.
    let engineCPUSeconds: Double
    /// Diagnostics left after suppressions, syntax diagnostics included: `Linter.lint`'s count.
    let diagnostics: Int
    let rules: [RuleCost]

    var totalCPUSeconds: Double { modelCPUSeconds + engineCPUSeconds + rules.reduce(0) { $0 + $1.cpuSeconds } }

    static func measure(sources: [[UInt8]]) -> PerRuleProfile {
        let rules = BenchRules.rules
        let configuration = BenchRules.configuration
        let catalog = BenchRules.linter.catalog
        var ruleSeconds = [Double](repeating: 0, count: rules.count)
        var ruleFindings = [Int](repeating: 0, count: rules.count)
        var modelSeconds = 0.0
        var engineSeconds = 0.0
        var diagnosticCount = 0

        for source in sources {
            var started = Clocks.threadCPU()
            let tree = SyntaxTree(parsing: source)
            let model = DockerfileModel(
                tree: tree, buildArguments: configuration.settings.buildArguments, target: configuration.settings.target
            )
            let suppressions = configuration.honoursInlineIgnores ? Suppressions(tree: tree, catalog: catalog) : nil
            // As the Linter does: syntax diagnostics and pragma problems go through the same filter.
            var diagnostics: [Diagnostic] = tree.diagnostics.map {
                Diagnostic(code: $0.code.rawValue, name: $0.code.name, severity: $0.severity, message: $0.message, range: $0.range)
            }
            let unknownCode = EngineDiagnostics.unknownRuleCode
            diagnostics += (suppressions?.problems ?? []).map {
                Diagnostic(code: unknownCode.code, name: unknownCode.name, severity: unknownCode.severity, message: $0.message, range: $0.range)
            }
            var now = Clocks.threadCPU()
            modelSeconds += now - started

            for (index, rule) in rules.enumerated() {
                let descriptor = rule.descriptor
                if configuration.ignored.contains(descriptor.code) || suppressions?.global.contains(descriptor.code) == true { continue }
                if !descriptor.enabledByDefault, !configuration.enabled.contains(descriptor.code),
                   configuration.severities[descriptor.code] == nil, configuration.ruleOptions[descriptor.code] == nil,
                   suppressions?.enabled.contains(descriptor.code) != true { continue }
                let context = RuleContext(
                    model: model, options: configuration.ruleOptions[descriptor.code] ?? RuleOptions(), settings: configuration.settings
                )
                started = now
                let findings = rule.check(context)
                now = Clocks.threadCPU()
                ruleSeconds[index] += now - started
                ruleFindings[index] += findings.count
                for finding in findings {
                    diagnostics.append(Diagnostic(
                        code: descriptor.code, name: descriptor.name, severity: descriptor.severity,
                        message: finding.message, range: finding.range, fix: finding.fix
                    ))
                }
            }

            started = now
            let kept = diagnostics.compactMap { diagnostic -> Diagnostic? in
                if configuration.ignored.contains(diagnostic.code) { return nil }
                if let suppressions, suppressions.suppresses(diagnostic.code, at: diagnostic.range.lowerBound, in: tree) { return nil }
                if let severity = configuration.severities[diagnostic.code] {
                    return Diagnostic(
                        code: diagnostic.code, name: diagnostic.name, severity: severity, message: diagnostic.message,
                        range: diagnostic.range, fix: diagnostic.fix
                    )
                }
                return diagnostic
            }
            let sorted = kept.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
            engineSeconds += Clocks.threadCPU() - started
            diagnosticCount += sorted.count
        }

        return PerRuleProfile(
            files: sources.count, bytes: sources.reduce(0) { $0 + $1.count },
            modelCPUSeconds: modelSeconds, engineCPUSeconds: engineSeconds, diagnostics: diagnosticCount,
            rules: rules.indices.map {
                RuleCost(code: rules[$0].descriptor.code, name: rules[$0].descriptor.name, cpuSeconds: ruleSeconds[$0], findings: ruleFindings[$0])
            }
        )
    }
}
