import DLintCore

extension RuleRegistry {
    /// Commands in RUN: what does not belong in a build, cd, wget/curl, pipefail, layer count.
    static let commandRules: [any Rule] = [
        PointlessCommands(), UseWorkdir(), UseraddLogInit(), WgetProgress(), ConsecutiveRuns(),
        WgetOrCurl(), UseShellInstruction(), Pipefail(), KeywordAsCommand(),
    ]
}
