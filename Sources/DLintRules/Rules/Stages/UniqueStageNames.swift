import DLintCore

/// DL3024: two stages with the same name (BuildKit compares them lower-cased).
struct UniqueStageNames: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3024", name: "unique-stage-names", severity: .error,
        summary: "FROM aliases (stage names) must be unique",
        aliases: ["DuplicateStageName"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        var firstUse: [String: Stage] = [:]
        var findings: [Finding] = []
        for stage in context.model.stages {
            guard let name = stage.name, let normalized = stage.normalizedName else { continue }
            if let first = firstUse[normalized], let firstName = first.name {
                let line = context.tree.location(of: firstName.range.lowerBound).line
                let same = firstName.text == name.text ? "" : " ('\(firstName.text)')"
                findings.append(Finding(
                    "Stage name '\(name.text)' is already used by stage \(first.index)\(same) on line \(line)",
                    at: name.range
                ))
            } else {
                firstUse[normalized] = stage
            }
        }
        return findings
    }
}
