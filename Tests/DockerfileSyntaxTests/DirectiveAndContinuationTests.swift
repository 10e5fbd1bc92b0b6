import DockerfileSyntax
import Testing

private func parse(_ text: String) -> SyntaxTree { SyntaxTree(parsing: text) }

private func codes(_ tree: SyntaxTree) -> [String] {
    tree.diagnostics.map { "\($0.code.name)@\(tree.location(of: $0.range.lowerBound))" }
}

@Suite("Parser directives")
struct DirectiveTests {
    @Test func directivesAtTheTop() {
        let tree = parse("# syntax=docker/dockerfile:1.7\n#  ESCAPE = `\n# check=skip=all;error=true\nFROM a\n")
        #expect(tree.directives.map(\.name) == ["syntax", "escape", "check"])
        #expect(tree.directives.map(\.value) == ["docker/dockerfile:1.7", "`", "skip=all;error=true"])
        #expect(tree.escapeCharacter == UInt8(ascii: "`"))
        #expect(tree.describe(tree.directives[1].valueRange) == "2:13 `")
        #expect(tree.tokens.first?.kind == .directive)
        #expect(tree.diagnostics.isEmpty)
    }

    @Test("a comment ends the directives; a later directive is a comment with a warning")
    func afterComment() {
        let tree = parse("# hello\n# escape=`\nFROM a\nRUN x \\\n  y\n")
        #expect(tree.directives.isEmpty)
        #expect(tree.escapeCharacter == UInt8(ascii: "\\"))
        #expect(codes(tree) == ["misplaced-directive@2:1"])
        #expect(BuildKitDump.dump(tree) == "(from \"a\")\n(run \"x   y\")\n")
    }

    @Test("a blank line ends the directives")
    func afterBlankLine() {
        let tree = parse("\n# syntax=x\nFROM a\n")
        #expect(tree.directives.isEmpty)
        #expect(codes(tree) == ["misplaced-directive@2:1"])
    }

    @Test("after an instruction a directive is only a comment")
    func afterInstruction() {
        let tree = parse("FROM a\n# escape=`\nRUN x \\\n y\n")
        #expect(tree.escapeCharacter == UInt8(ascii: "\\"))
        #expect(codes(tree) == ["misplaced-directive@2:1"])
        #expect(tree.instructions.count == 2)
    }

    @Test func unknownDirectiveName() {
        let tree = parse("# foo=bar\n# syntax=x\nFROM a\n")
        #expect(tree.directives.isEmpty)
        #expect(codes(tree) == ["unknown-directive@1:3", "misplaced-directive@2:1"])
    }

    @Test func duplicateAndInvalidDirectives() {
        let tree = parse("# escape=\\\n# escape=`\n# syntax=a\nFROM a\n")
        #expect(codes(tree) == ["invalid-directive@2:1"])
        #expect(tree.escapeCharacter == UInt8(ascii: "\\"))
        let invalid = parse("# escape=x\nFROM a\n")
        #expect(codes(invalid) == ["invalid-directive@1:10"])
    }

    @Test("an ordinary comment of the form key=value in the file is left alone")
    func laterKeyValueComment() {
        #expect(parse("FROM a\n# VERSION=1.2\n").diagnostics.isEmpty)
    }
}

@Suite("Line continuations")
struct ContinuationTests {
    @Test("trailing blanks after the escape, comments and blank lines inside the instruction")
    func triviaInsideContinuation() {
        let text = "FROM a\nRUN one \\  \n# dropped comment\n  two \\\n\n  three\n"
        let tree = parse(text)
        let run = tree.instructions[1]
        guard case .shell(let shell) = run.arguments else {
            Issue.record("expected shell form")
            return
        }
        #expect(shell.text == "one   two   three")
        let kinds = run.tokenIndices.map { tree.tokens[$0].kind }
        #expect(kinds.contains(.continuationComment))
        #expect(kinds.filter { $0 == .lineContinuation }.count == 2)
        #expect(tree.describe(shell.range).hasPrefix("2:5 one"))
        #expect(tree.location(of: run.range.upperBound - 1) == SourceLocation(line: 6, column: 7))
        #expect(codes(tree) == ["empty-continuation-line@5:1"])
        // The word's file pieces skip the continuation and the dropped lines.
        #expect(run.logicalLine.filePieces(of: shell.logicalRange).map { tree.text(of: $0) } == ["one ", "  two ", "  three"])
    }

    @Test("an escaped escape at the end does not continue the line")
    func escapedEscape() {
        let tree = parse("FROM a\nENV C trailing\\\\\nENV D next\n")
        #expect(tree.instructions.count == 3)
    }

    @Test("the backtick escape continues lines and leaves backslashes alone")
    func backtickEscape() {
        let tree = parse("# escape=`\nFROM a\nRUN dir C:\\ `\n  && echo\nCOPY C:\\src C:\\dst\n")
        #expect(BuildKitDump.dump(tree) == "(from \"a\")\n(run \"dir C:\\\\   && echo\")\n(copy \"C:\\\\src\" \"C:\\\\dst\")\n")
    }

    @Test("a file that ends inside a continuation is accepted with an info")
    func continuationAtEndOfFile() {
        let tree = parse("FROM a\nRUN echo \\")
        #expect(BuildKitDump.dump(tree) == "(from \"a\")\n(run \"echo\")\n")
        #expect(codes(tree) == ["continuation-at-end-of-file@2:10"])
        #expect(tree.diagnostics.allSatisfy { $0.severity == .info })
    }

    @Test("CRLF line endings")
    func crlf() {
        let tree = parse("FROM a\r\nRUN x \\\r\n  y\r\n")
        #expect(BuildKitDump.dump(tree) == "(from \"a\")\n(run \"x   y\")\n")
        #expect(tree.tokens.filter { $0.kind == .lineContinuation }.map { tree.text(of: $0.range) } == ["\\\r\n"])
        #expect(tree.tokens.filter { $0.kind == .newline }.map { tree.text(of: $0.range) } == ["\r\n", "\r\n"])
    }
}

@Suite("Source locations")
struct SourceLocationTests {
    @Test("columns count code points, not bytes; a BOM takes no column")
    func columns() {
        let tree = SyntaxTree(parsing: [0xEF, 0xBB, 0xBF] + Array("FROM a\nLABEL k=\"é€😀\" x=1\n".utf8))
        guard case .keyValues(let pairs) = tree.instructions[1].arguments else {
            Issue.record("expected key/value pairs")
            return
        }
        #expect(tree.location(of: tree.instructions[0].keyword.range.lowerBound) == SourceLocation(line: 1, column: 1))
        #expect(tree.location(of: pairs[1].key.range.lowerBound) == SourceLocation(line: 2, column: 15))
    }

    @Test("tabs and CRLF")
    func tabsAndCRLF() {
        let tree = parse("FROM a\r\n\tRUN\tx\r\n")
        #expect(tree.location(of: tree.instructions[1].keyword.range.lowerBound) == SourceLocation(line: 2, column: 2))
        #expect(tree.lineTable.lineCount == 2)
        #expect(tree.text(of: tree.lineTable.contentRange(ofLine: 2)) == "\tRUN\tx")
    }

    @Test("offsets at the end of the file")
    func endOfFile() {
        let tree = parse("FROM a\nRUN x")
        #expect(tree.location(of: tree.source.count) == SourceLocation(line: 2, column: 6))
        #expect(parse("").location(of: 0) == SourceLocation(line: 1, column: 1))
    }
}
