import DLintCore
import Testing

@Suite("ShellCheck's positions mapped back into the Dockerfile")
struct ShellCheckBridgeTests {
    private func model(_ text: String) -> DockerfileModel {
        DockerfileModel(tree: SyntaxTree(parsing: Array(text.utf8)))
    }

    @Test("scripts get a shell per dialect and export lines for the RUN's variables after the shebang")
    func scripts() {
        let scripts = model("""
            FROM alpine
            ARG A=1
            ENV B=2
            RUN echo "$A"
            RUN <<EOF
            #!/bin/bash
            echo "$B"
            EOF
            SHELL ["pwsh", "-c"]
            RUN Write-Host x

            """).shellCheckScripts
        #expect(scripts.map(\.shell) == ["busybox", "bash"])
        let text = scripts.map { String(decoding: $0.text, as: UTF8.self) }
        #expect(text[0].hasPrefix("export A=1\nexport ALL_PROXY=1\n"))
        #expect(text[0].hasSuffix("export no_proxy=1\necho \"$A\""))
        #expect(text[1].hasPrefix("#!/bin/bash\nexport A=1\n"))
    }

    @Test("lines and columns through continuations, header lines, characters and heredoc data")
    func positions() throws {
        let text = "FROM debian\nRUN a; \\\n    é $x; \\\n    b <<EOF\nbody $y\nEOF\n"
        let tree = SyntaxTree(parsing: Array(text.utf8))
        let script = try #require(DockerfileModel(tree: tree).shellCheckScripts.first)
        let header = String(decoding: script.text, as: UTF8.self).split(separator: "\n").prefix { $0.hasPrefix("export ") }.count
        func located(_ line: Int, _ column: Int, _ endColumn: Int) -> String? {
            script.fileRange(line: line + header, column: column, endLine: line + header, endColumn: endColumn).map {
                String(decoding: tree.source[$0], as: UTF8.self)
            }
        }
        // Logical line 1 is `a;     é $x;     b <<EOF` (continuations removed).
        let logical = String(decoding: script.text, as: UTF8.self).split(separator: "\n")[header]
        let column = logical.distance(from: logical.startIndex, to: logical.firstIndex(of: "$")!) + 1
        #expect(located(1, column, column + 2) == "$x")
        #expect(located(2, 6, 8) == "$y")
        #expect(script.fileRange(line: 1, column: 1, endLine: 1, endColumn: 2) == nil, "inside the export lines")
    }

    @Test("findings merge with native ones, pragmas and configuration")
    func merging() throws {
        let text = "FROM debian\n# hadolint ignore=SC2154\nRUN source /x && echo $a\nRUN echo $b\n"
        let linter = Linter(rules: [])
        let result = linter.lint(Array(text.utf8))
        let scripts = result.model.shellCheckScripts
        let header = String(decoding: scripts[0].text, as: UTF8.self).split(separator: "\n").count - 1
        let comments: [(script: ShellCheckScript, comment: ShellCheckComment)] = [
            (scripts[0], ShellCheckComment(line: header + 1, column: 18, endLine: header + 1, endColumn: 20, level: "warning", code: 2154, message: "a is referenced but not assigned.")),
            (scripts[0], ShellCheckComment(line: header + 1, column: 18, endLine: header + 1, endColumn: 20, level: "info", code: 2086, message: "Double quote")),
            (scripts[1], ShellCheckComment(line: header + 1, column: 6, endLine: header + 1, endColumn: 8, level: "style", code: 2086, message: "Double quote")),
        ]
        var configuration = Configuration()
        configuration.severities["SC2086"] = .warning
        let merged = result.adding(shellCheck: comments, configuration: configuration, catalog: linter.catalog)
        let found = merged.diagnostics.map { "\(tree(merged).location(of: $0.range.lowerBound).line):\(tree(merged).location(of: $0.range.lowerBound).column) \($0.code) \($0.severity.rawValue)" }
        #expect(found == ["3:22 SC2086 warning", "4:10 SC2086 warning"])
    }

    private func tree(_ result: LintResult) -> SyntaxTree { result.tree }
}
