import DLintCore
import DLintRules
import DockerfileSyntax

/// One measured stage of dlint's work; each includes the ones before it.
enum Phase: String, CaseIterable, Sendable, Codable {
    /// `SyntaxTree(parsing:)`.
    case parse
    /// The tree and the semantic model (`DockerfileModel`), shell parsing of RUNs included.
    case model
    /// `Linter.lint` with every rule, those off by default too.
    case lint
    /// `Rewriter.fix` with safe and unsafe fixes, in memory: lint, apply, re-lint until stable.
    case fix

    /// What `items` counts in the results of this phase (it also keeps the work from being
    /// optimised away).
    var itemsMeaning: String {
        switch self {
        case .parse: "syntax diagnostics"
        case .model: "stages + RUNs"
        case .lint: "findings"
        case .fix: "files changed"
        }
    }
}

/// Every rule, with those off by default switched on through the configuration, as a user's
/// `enable:` list would.
enum BenchRules {
    static let rules: [any Rule] = RuleRegistry.rules

    static let configuration: Configuration = {
        var configuration = Configuration()
        configuration.enabled = Set(rules.map(\.descriptor).filter { !$0.enabledByDefault }.map(\.code))
        return configuration
    }()

    static let linter = Linter(rules: rules)
}

/// What one phase did over the files, as measured inside the process that ran it.
struct PhaseMeasurement: Sendable, Codable {
    let phase: Phase
    let files: Int
    let bytes: Int
    let wallSeconds: Double
    let cpuSeconds: Double
    let items: Int
}

/// Runs a phase over sources already in memory; the clocks cover the work only.
enum PhaseRunner {
    static func measure(_ phase: Phase, sources: [[UInt8]]) -> PhaseMeasurement {
        // Built before the clocks start: the registry's and the configuration's one-off set-up
        // is start-up cost, not per-byte cost.
        let linter = BenchRules.linter
        let configuration = BenchRules.configuration
        let rewriter = Rewriter(linter: linter)

        let wallStart = Clocks.wall()
        let cpuStart = Clocks.processCPU()
        var items = 0
        switch phase {
        case .parse:
            for source in sources { items += SyntaxTree(parsing: source).diagnostics.count }
        case .model:
            for source in sources {
                let model = DockerfileModel(tree: SyntaxTree(parsing: source))
                items += model.stages.count + model.runs.count
            }
        case .lint:
            for source in sources { items += linter.lint(source, configuration: configuration).diagnostics.count }
        case .fix:
            for source in sources where rewriter.fix(source, configuration: configuration, applying: [.safe, .unsafe]).changed {
                items += 1
            }
        }
        return PhaseMeasurement(
            phase: phase, files: sources.count, bytes: sources.reduce(0) { $0 + $1.count },
            wallSeconds: Clocks.wall() - wallStart, cpuSeconds: Clocks.processCPU() - cpuStart, items: items
        )
    }
}
