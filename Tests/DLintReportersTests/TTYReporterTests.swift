import DLintCore
@testable import DLintReporters
import Testing

private func report(_ text: String, _ diagnostics: (SyntaxTree) -> [Diagnostic]) -> FileReport {
    let tree = SyntaxTree(parsing: text)
    return FileReport(path: "Dockerfile", tree: tree, diagnostics: diagnostics(tree))
}

private func diagnostic(_ range: Range<Int>, _ severity: Severity = .error) -> Diagnostic {
    Diagnostic(code: "DL3000", name: "absolute-workdir", severity: severity, message: "Message 'x'", range: range)
}

@Suite("tty format")
struct TTYReporterTests {
    @Test("header, code frame with the range underlined, and summary")
    func frame() {
        let file = report("FROM a\nWORKDIR app\n") { _ in [diagnostic(15..<18)] }
        #expect(TTYReporter(useColor: false).render([file]) == """
        Dockerfile:2:9: error: Message 'x' [DL3000 absolute-workdir]
          |
        2 | WORKDIR app
          |         ^^^
          |
        Found 1 problem (1 error) in 1 of 1 file.

        """)
    }

    @Test("tabs are expanded in the frame and the carets follow them")
    func tabs() {
        let file = report("FROM a\nWORKDIR\tapp\n") { _ in [diagnostic(15..<18, .warning)] }
        let output = TTYReporter(useColor: false).render([file])
        #expect(output.contains("2 | WORKDIR app\n  |         ^^^\n"))
        #expect(output.hasPrefix("Dockerfile:2:9: warning:"))
    }

    @Test("a range over several lines underlines each, eliding the middle of long ones")
    func multiline() {
        let text = "FROM a\nRUN one \\\n  two \\\n  three \\\n  four \\\n  five\n"
        let file = report(text) { tree in [diagnostic(tree.instructions[1].range, .info)] }
        let output = TTYReporter(useColor: false).render([file])
        #expect(output.contains("2 | RUN one \\\n  | ^^^^^^^^^\n3 |   two \\\n  | ^^^^^^^\n4 |   three \\\n  | ^^^^^^^^^\n  :\n6 |   five\n  | ^^^^^^\n"))
        #expect(output.hasSuffix("Found 1 problem (1 info) in 1 of 1 file.\n"))
    }

    @Test("control characters are shown as pictures, never sent to the terminal")
    func controlCharacters() {
        let file = report("FROM a\nRUN \u{1B}[31m\n") { _ in [diagnostic(11..<12)] }
        let output = TTYReporter(useColor: false).render([file])
        #expect(!output.contains("\u{1B}"))
        #expect(output.contains("RUN \u{241B}[31m"))
    }

    @Test("colour only when asked")
    func color() {
        let file = report("FROM a\nWORKDIR app\n") { _ in [diagnostic(15..<18)] }
        #expect(TTYReporter(useColor: true).render([file]).contains("\u{1B}[31m"))
        #expect(!TTYReporter(useColor: false).render([file]).contains("\u{1B}["))
    }

    @Test("the summary counts severities and files")
    func summary() {
        let clean = report("FROM a\n") { _ in [] }
        let dirty = report("FROM a\nWORKDIR app\n") { _ in [diagnostic(15..<18), diagnostic(15..<18, .warning), diagnostic(15..<18, .warning)] }
        let reporter = TTYReporter(useColor: false)
        #expect(reporter.summary([clean]) == "No problems found in 1 file.\n")
        #expect(reporter.summary([clean, dirty]) == "Found 3 problems (1 error, 2 warnings) in 1 of 2 files.\n")
    }

    @Test("an empty file's finding has a header and no frame")
    func emptyFile() {
        let file = report("") { tree in tree.diagnostics.map { Diagnostic(code: $0.code.rawValue, name: $0.code.name, severity: $0.severity, message: $0.message, range: $0.range) } }
        #expect(TTYReporter(useColor: false).render([file]).hasPrefix("Dockerfile:1:1: error: The file has no instructions [DX0008 no-instructions]\nFound 1"))
    }
}
