import DLintCore

/// SC2269: `NAME=$NAME` alone does nothing.
struct SelfAssignment: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2269", name: "self-assignment", severity: .info,
        summary: "This variable is assigned to itself, so the assignment does nothing"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "$")) {
            for event in context.model.shellEvents(of: run) {
                guard case .assignment(let use) = event, use.kind == .plain, let value = use.value,
                      Self.isReference(to: use.name, value.parts) else { continue }
                findings.append(Finding(
                    "'\(use.name)' is assigned to itself, so the assignment does nothing",
                    at: use.source.fileRange(of: use.nameRange.lowerBound..<value.range.upperBound)
                ))
            }
        }
        return findings
    }

    static func isReference(to name: String, _ parts: [WordPart]) -> Bool {
        guard parts.count == 1 else { return false }
        switch parts[0] {
        case .parameter(let p): return p.name == name && p.op == nil && !p.isLength && !p.isIndirect
        case .doubleQuoted(let inner, _): return isReference(to: name, inner)
        default: return false
        }
    }
}
