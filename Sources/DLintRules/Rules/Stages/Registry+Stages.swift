import DLintCore

extension RuleRegistry {
    static let stageRules: [any Rule] = [
        NamedStages(), UniqueStageNames(), StageNameCasing(), CopyFromKnownStage(), CopyFromOwnStage(),
    ]
}
