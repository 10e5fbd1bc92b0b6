import DLintCore

/// DX1101: a stage named `scratch` or `context`, names BuildKit keeps for the empty image and the
/// build context (BuildKit's `ReservedStageName`).
struct ReservedStageName: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1101", name: "reserved-stage-name", severity: .warning,
        summary: "Do not name a stage scratch or context", aliases: ["ReservedStageName"]
    )

    static let reservedNames: Set<String> = ["scratch", "context"]

    func check(_ context: RuleContext) -> [Finding] {
        context.model.stages.compactMap { stage in
            guard let name = stage.name, let normalized = stage.normalizedName, Self.reservedNames.contains(normalized) else { return nil }
            return Finding("Stage name '\(name.text)' is reserved: BuildKit reads '\(normalized)' as the \(normalized == "scratch" ? "empty image" : "build context"), not as this stage", at: name.range)
        }
    }
}
