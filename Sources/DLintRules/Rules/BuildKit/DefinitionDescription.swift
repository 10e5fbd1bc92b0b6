import DLintCore

/// DX1108: a comment right above `FROM ... AS name` or `ARG name` that does not start with the
/// name, so `docker build --call=outline` shows it as the description of something else
/// (BuildKit's experimental `InvalidDefinitionDescription`; off by default here too).
struct DefinitionDescription: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1108", name: "definition-description", severity: .style,
        summary: "Start a comment right above FROM AS or ARG with the stage or argument name",
        aliases: ["InvalidDefinitionDescription"], enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        let tree = context.tree
        let lines = tree.lineTable
        var findings: [Finding] = []
        var previousEnd = 0
        for instruction in tree.instructions {
            defer { previousEnd = instruction.fullRange.upperBound }
            let names: [String]
            let keyword: String
            switch (instruction.kind, instruction.arguments) {
            case (.from, _):
                guard let name = instruction.fromClause?.stageName?.text else { continue }
                names = [name, name.lowercased()]
                keyword = "FROM"
            case (.arg, .declarations(let declarations)):
                names = declarations.map(\.name.text)
                keyword = "ARG"
            default:
                continue
            }
            // BuildKit takes the comment on the line just above; a blank line or an empty `#` ends it.
            let line = lines.line(containing: instruction.keyword.range.lowerBound)
            guard line > 1 else { continue }
            var content = lines.contentRange(ofLine: line - 1)
            guard content.lowerBound >= previousEnd else { continue }
            while content.lowerBound < content.upperBound, [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(tree.source[content.lowerBound]) {
                content = (content.lowerBound + 1)..<content.upperBound
            }
            guard content.lowerBound < content.upperBound, tree.source[content.lowerBound] == UInt8(ascii: "#"),
                  !tree.directives.contains(where: { $0.range.overlaps(content) }) else { continue }
            let text = String(tree.text(of: (content.lowerBound + 1)..<content.upperBound).drop { $0 == " " || $0 == "\t" })
            guard !text.isEmpty else { continue }
            let firstWord = String(text.split(separator: " ", omittingEmptySubsequences: false).first ?? "")
            guard !names.contains(firstWord) else { continue }
            let example = names.count == 1 || keyword == "FROM" ? names[0] : "<arg_key>"
            findings.append(Finding("The comment above \(keyword) reads as its description: start it with '\(example)' ('# \(example) <description>') or put a blank line between", at: content))
        }
        return findings
    }
}
