#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DLintCore
import DLintReporters
import DLintRules
import DockerfileSyntax
import Testing

/// Inputs that once took time quadratic in their size somewhere in dlint (issue 12), run through
/// everything a `dlint` run does: parse, model, every rule, the tty and JSON reports, and the
/// rewriter with safe and with unsafe fixes.
///
/// Linearity is shown by a ratio taken in one process, never by a time limit: eight times the
/// input may cost at most `linearBound` times as much (linear work gives about 8, quadratic 64).
/// Each side is the least CPU time of the calling thread over a few runs, so load from other
/// processes neither charges the test for waiting nor inflates the ratio.
@Suite("whole-linter linearity")
struct WholeLinterLinearityTests {
    /// A name and the Dockerfile of about `size` bytes it makes.
    struct Generator: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable (Int) -> String
        var testDescription: String { name }

        /// `head` followed by `unit` repeated to fill `size` bytes, then `tail`.
        static func repeating(_ name: String, _ head: String, _ unit: String, tail: String = "\n") -> Generator {
            Generator(name: name) { size in head + String(repeating: unit, count: max(1, size / unit.utf8.count)) + tail }
        }
    }

    static let generators: [Generator] = [
        // A single word of 25,000 dashes: splitting the program name rescanned the word.
        .repeating("one long word of dashes", "FROM a\nRUN x", "-"),
        .repeating("a curl line with long dash runs", "FROM a\nRUN curl -fsSL https://example.com/x", " --" + String(repeating: "-", count: 60)),
        // 32,000 instructions: nothing per instruction may look at the instructions before it.
        .repeating("many RUN instructions", "FROM alpine\n", "RUN echo hi\n", tail: ""),
        // Many findings on one long line: columns were counted from the start of the line.
        .repeating("heredoc markers on one line", "FROM a\nRUN ", "<<A "),
        .repeating("heredoc markers after an escape directive", "# escape=`\nFROM a\nRUN ", "<<A "),
        .repeating("heredoc markers with their bodies", "FROM a\nRUN ", "<<A ", tail: "\n" + String(repeating: "echo\nA\n", count: 1)),
        .repeating("shell keywords in an ENV value", "FROM a\nENV A=", "if x; then "),
        // Deep nesting.
        .repeating("nested command substitutions", "FROM a\nRUN ", "$("),
        .repeating("nested subshells", "FROM a\nRUN ", "("),
        .repeating("quotes", "FROM a\nRUN ", "\""),
        .repeating("nested groups", "FROM a\nRUN ", "{"),
        // Relative WORKDIRs, each fixed against the one before it; the second joins a combining
        // mark to the `/` its fix writes (the fuzzer's 15 MB doubling). They go down and back up:
        // a chain that only goes down spells the whole chain in every fixed path, an output
        // quadratic in the chain by its nature (the rewriter's growth limit bounds it).
        .repeating("relative WORKDIRs down and up", "FROM a\nWORKDIR /srv\n", "WORKDIR app\nWORKDIR ..\n", tail: ""),
        .repeating("relative WORKDIRs after a combining mark", "FROM a\n", "WORKDIR \u{652}d\nWORKDIR ..\n", tail: ""),
        // One heredoc with a large body.
        .repeating("a large heredoc body", "FROM a\nRUN <<EOF\n", "echo hello world this is a line\n", tail: "EOF\n"),
    ]

    static let linearBound = 24.0
    static let linter = RuleRegistry.linter
    static let context = ReportContext(toolVersion: "0", rules: linter.catalog.descriptors)

    /// What one `dlint` run does with a file, every output included.
    static func wholeRun(_ source: [UInt8]) {
        let result = linter.lint(source)
        let report = FileReport(path: "Dockerfile", tree: result.tree, diagnostics: result.diagnostics)
        _ = TTYReporter(useColor: true).render([report])
        _ = JSONReporter(context: context).render([report])
        let rewriter = Rewriter(linter: linter)
        _ = rewriter.fix(source, applying: [.safe])
        _ = rewriter.fix(source, applying: [.safe, .unsafe])
    }

    @Test(arguments: generators)
    func staysLinear(_ generator: Generator) {
        let base = 2 * 1024
        let small = Array(generator.make(base).utf8)
        let large = Array(generator.make(8 * base).utf8)
        func fastest(_ input: [UInt8]) -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = Self.threadCPUSeconds()
                Self.wholeRun(input)
                best = min(best, Self.threadCPUSeconds() - start)
            }
            return best
        }
        let ratio = fastest(large) / max(fastest(small), 1e-6)
        #expect(ratio < Self.linearBound, "8× the input of '\(generator.name)' cost \(ratio)× as much")
    }

    /// The tty report stays a small multiple of its input: a frame shows a window of a very long
    /// line, and one long line full of errors is not one error per word. The bound allows a few
    /// findings on every 12-byte instruction (`RUN echo hi` has three, each a header and a frame).
    @Test(arguments: generators)
    func ttyReportIsBounded(_ generator: Generator) {
        let source = Array(generator.make(32 * 1024).utf8)
        let result = Self.linter.lint(source)
        let report = FileReport(path: "Dockerfile", tree: result.tree, diagnostics: result.diagnostics)
        let output = TTYReporter(useColor: false).render([report])
        #expect(output.utf8.count < 20 * source.count + 4096, "\(output.utf8.count) bytes of report for \(source.count) bytes of '\(generator.name)'")
    }

    @Test("a very long line is shown as a window around the finding, with ellipses, the carets under it")
    func longLineWindow() {
        let text = "FROM a\nRUN " + String(repeating: "x", count: 1000) + " sudo " + String(repeating: "y", count: 1000) + "\n"
        let tree = SyntaxTree(parsing: text)
        let start = 7 + 4 + 1001
        let diagnostic = Diagnostic(code: "DL3004", name: "no-sudo", severity: .warning, message: "Sudo", range: start..<(start + 4))
        let output = TTYReporter(useColor: false).render([FileReport(path: "Dockerfile", tree: tree, diagnostics: [diagnostic])])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Dockerfile:2:1006: warning: Sudo [DL3004 no-sudo]")
        let frame = lines[2], carets = lines[3]
        #expect(frame.hasPrefix("2 | \u{2026}xxx") && frame.hasSuffix("yyy\u{2026}"))
        #expect(frame.count < 300)
        let caretColumn = carets.firstIndex(of: "^").map { carets.distance(from: carets.startIndex, to: $0) }
        let sudoColumn = frame.range(of: "sudo").map { frame.distance(from: frame.startIndex, to: $0.lowerBound) }
        #expect(caretColumn != nil && caretColumn == sudoColumn)
        #expect(carets.filter { $0 == "^" }.count == 4)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
