import DLintCore

/// DX1004: without a `# syntax=` directive the build uses whatever Dockerfile frontend the
/// builder happens to embed.
struct MissingSyntaxDirective: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1004", name: "missing-syntax-directive", severity: .info,
        summary: "Pin the Dockerfile frontend with a '# syntax=docker/dockerfile:1' directive"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let tree = context.tree
        guard tree.directive("syntax") == nil, !tree.instructions.isEmpty, tree.lineTable.lineCount > 0 else { return [] }
        // Windows images are built by the classic builder, which ignores the directive.
        guard !context.model.stages.isEmpty, !context.model.stages.allSatisfy(\.isWindows) else { return [] }
        // The directive goes above the first line: underline that line (nothing when it is blank).
        let firstLine = tree.lineTable.contentRange(ofLine: 1)
        let range = firstLine.isEmpty ? 0..<0 : firstLine
        let advice = "Add a '# syntax=docker/dockerfile:1' directive"
        // The newest feature the file uses, if any, says why it matters here.
        let uses = context.model.frontendFeatureUses
        guard let newest = uses.max(by: { $0.feature.stable < $1.feature.stable }) else {
            return [Finding("\(advice) to build with the latest stable Dockerfile frontend", at: range)]
        }
        let line = tree.location(of: newest.range.lowerBound).line
        return [Finding("\(advice): Dockerfile frontend \(newest.feature.stable) or newer is required by \(newest.description) on line \(line)", at: range)]
    }
}
