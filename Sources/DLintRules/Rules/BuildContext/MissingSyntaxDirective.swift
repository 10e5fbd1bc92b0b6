import DLintCore

/// DX1004: without a `# syntax=` directive the build uses whatever Dockerfile frontend the
/// builder happens to embed. Style, not info: most files have no directive, the directive costs a
/// registry pull per build, and at the default failure threshold (info) an info finding would fail
/// nearly every run for something that is not a mistake.
struct MissingSyntaxDirective: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1004", name: "missing-syntax-directive", severity: .style,
        summary: "Pin the Dockerfile frontend with a '# syntax=docker/dockerfile:1' directive",
        fixable: true
    )

    static let directive = "# syntax=docker/dockerfile:1"

    func check(_ context: RuleContext) -> [Finding] {
        let tree = context.tree
        guard tree.directive("syntax") == nil, !tree.instructions.isEmpty, tree.lineTable.lineCount > 0 else { return [] }
        // Windows images are built by the classic builder, which ignores the directive; a file
        // without FROM (a fragment) is not built on its own.
        guard !context.model.stages.isEmpty, !context.model.stages.contains(where: \.isWindows) else { return [] }
        // The directive goes above the first line: underline that line (nothing when it is blank).
        let firstLine = tree.lineTable.contentRange(ofLine: 1)
        let range = firstLine.isEmpty ? 0..<0 : firstLine
        let advice = "Add a '# syntax=docker/dockerfile:1' directive"
        let fix = Self.fix(tree)
        // The newest feature the file uses, if any, says why it matters here.
        let uses = context.model.frontendFeatureUses
        guard let newest = uses.max(by: { $0.feature.stable < $1.feature.stable }) else {
            return [Finding("\(advice) to build with the latest stable Dockerfile frontend", at: range, fix: fix)]
        }
        let line = tree.location(of: newest.range.lowerBound).line
        return [Finding("\(advice): Dockerfile frontend \(newest.feature.stable) or newer is required by \(newest.description) on line \(line)", at: range, fix: fix)]
    }

    /// Inserts the directive as the first line: after a byte order mark, before everything else
    /// (an `escape` or `check` directive stays in the leading directive block), ending with the
    /// first line's own line ending. A file that starts with a `#!` line gets no fix: BuildKit
    /// skips a shebang when it looks for the directive, the parser does not.
    static func fix(_ tree: SyntaxTree) -> Fix? {
        let source = tree.source
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = source.starts(with: bom) ? 3 : 0
        if source[start...].starts(with: Array("#!".utf8)) { return nil }
        let firstLine = tree.lineTable.byteRange(ofLine: 1)
        let lineEnding = source[firstLine].last == UInt8(ascii: "\n")
            ? (firstLine.count >= 2 && source[firstLine.upperBound - 2] == UInt8(ascii: "\r") ? "\r\n" : "\n")
            : "\n"
        return Fix(
            title: "Add '\(directive)' as the first line", applicability: .unsafe,
            edits: [TextEdit(range: start..<start, replacement: directive + lineEnding)]
        )
    }
}
