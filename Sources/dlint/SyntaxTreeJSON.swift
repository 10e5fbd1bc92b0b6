import DLintReporters
import DockerfileSyntax

/// The tree as JSON for `dlint debug tree`: top-level leaves and instruction nodes in file
/// order, each instruction with its own leaves.
enum SyntaxTreeJSON {
    static func render(_ tree: SyntaxTree, path: String) -> String {
        var nodes: [String] = []
        var tokenIndex = 0
        for instruction in tree.instructions {
            while tokenIndex < instruction.tokenIndices.lowerBound {
                nodes.append(leaf(tree.tokens[tokenIndex], tree))
                tokenIndex += 1
            }
            let leaves = instruction.tokenIndices.map { leaf(tree.tokens[$0], tree) }
            tokenIndex = instruction.tokenIndices.upperBound
            let start = tree.location(of: instruction.range.lowerBound)
            nodes.append("""
            {"node": "instruction", "kind": \(string(instruction.kind.rawValue)), "keyword": \(string(instruction.keyword.text)), \
            "range": [\(instruction.fullRange.lowerBound), \(instruction.fullRange.upperBound)], "line": \(start.line), \
            "children": [\n      \(leaves.joined(separator: ",\n      "))\n    ]}
            """)
        }
        while tokenIndex < tree.tokens.count {
            nodes.append(leaf(tree.tokens[tokenIndex], tree))
            tokenIndex += 1
        }
        let directives = tree.directives.map {
            "{\"name\": \(string($0.name)), \"value\": \(string($0.value)), \"range\": [\($0.range.lowerBound), \($0.range.upperBound)]}"
        }
        let diagnostics = tree.diagnostics.map {
            "{\"code\": \(string($0.code.rawValue)), \"severity\": \(string($0.severity.rawValue)), \"message\": \(string($0.message)), \"range\": [\($0.range.lowerBound), \($0.range.upperBound)]}"
        }
        return """
        {
          "file": \(string(path)),
          "size": \(tree.source.count),
          "escape": \(string(String(UnicodeScalar(tree.escapeCharacter)))),
          "directives": [\(directives.joined(separator: ", "))],
          "nodes": [
            \(nodes.joined(separator: ",\n    "))
          ],
          "diagnostics": [\(diagnostics.joined(separator: ", "))]
        }

        """
    }

    private static func leaf(_ token: SyntaxToken, _ tree: SyntaxTree) -> String {
        "{\"leaf\": \(string(token.kind.rawValue)), \"range\": [\(token.range.lowerBound), \(token.range.upperBound)], \"text\": \(string(tree.text(of: token.range)))}"
    }

    static func string(_ value: String) -> String {
        JSONLiteral.string(value)
    }
}
