import DLintCore

/// DL3049: every label of the schema is set on each image the file builds. An image is a stage
/// no other stage builds on or copies from; it carries the labels of its own stage and of the
/// stages it is built `FROM`.
struct MissingLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3049", name: "missing-label", severity: .info,
        summary: "An image lacks a label the label schema requires"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let required = context.settings.labelSchema.keys.sorted()
        let model = context.model
        guard !required.isEmpty, !model.stages.isEmpty else { return [] }

        var keysByStage = Array(repeating: Set<String>(), count: model.stages.count)
        var hasUnknownKey = Array(repeating: false, count: model.stages.count)
        for entry in ImageLabels.entries(in: model) where !entry.isTrigger {
            guard let stage = model.states[entry.instructionIndex].stageIndex else { continue }
            if let key = entry.key { keysByStage[stage].insert(key) } else { hasUnknownKey[stage] = true }
        }
        let intermediate = Set(model.stages.flatMap(\.dependencies))

        var findings: [Finding] = []
        for stage in model.stages where !intermediate.contains(stage.index) {
            let chain = model.stageChain(from: stage.index)
            // A key the file does not fix may be the required one: say nothing.
            guard !chain.contains(where: { hasUnknownKey[$0] }) else { continue }
            let present = chain.reduce(into: Set<String>()) { $0.formUnion(keysByStage[$1]) }
            let place = model.stages.count > 1 ? stage.name.map { " in stage '\($0.text)'" } ?? " in stage \(stage.index)" : ""
            let keyword = model.instructions[stage.fromIndex].keyword.range
            for label in required where !present.contains(label) {
                findings.append(Finding("Label '\(label)' is missing\(place)", at: keyword))
            }
        }
        return findings
    }
}
