import DLintCore
import DLintReporters
import DLintRules
import Foundation
import Testing

/// Every input in `Fixtures/fuzz/` (issue 12's reproducers, and what the fuzzer in `Tests/Fuzz`
/// finds) holds the fuzz target's invariants: the tree prints back the input, lint and both
/// reports finish, a fix adds no syntax error to a clean file, and a second fix changes nothing.
@Suite("fuzz fixtures")
struct FuzzFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    static let names: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []

    @Test("the fixtures are there")
    func present() {
        #expect(Self.names.count >= 9)
    }

    @Test(arguments: names)
    func invariantsHold(_ name: String) throws {
        let source = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let tree = SyntaxTree(parsing: source)
        #expect(tree.printed() == source)
        let linter = RuleRegistry.linter
        let result = linter.lint(source)
        let report = FileReport(path: name, tree: result.tree, diagnostics: result.diagnostics)
        #expect(!TTYReporter(useColor: false).render([report]).isEmpty)
        #expect(!JSONReporter(context: ReportContext(toolVersion: "0", rules: linter.catalog.descriptors)).render([report]).isEmpty)
        let rewriter = Rewriter(linter: linter)
        for allowed: Set<Applicability> in [[.safe], [.safe, .unsafe]] {
            let outcome = rewriter.fix(source, applying: allowed)
            // The command hands the rewriter the lint it made for the report: the same outcome.
            let fromLint = rewriter.fix(source, applying: allowed, linted: result)
            #expect(fromLint.fixed == outcome.fixed && fromLint.applied == outcome.applied && fromLint.rounds.count == outcome.rounds.count)
            let fixed = SyntaxTree(parsing: outcome.fixed)
            #expect(fixed.printed() == outcome.fixed)
            if !tree.hasErrors { #expect(!fixed.hasErrors, "\(name): a fix added syntax errors") }
            if outcome.converged {
                #expect(!rewriter.fix(outcome.fixed, applying: allowed).changed, "\(name): a second fix changed the text")
            }
        }
    }

    /// Found by the fuzzer: in the first round, one SC2046 quote broke the syntax beside the SC2006
    /// rewrite of the same backticks, and the rewriter held SC2046 back for the rest of the run,
    /// though the quote applied cleanly once the other fixes were in; a second `--fix` then
    /// applied it. A rule held back is tried again on every new text.
    @Test("a fix held back in one round is tried again after the text changed")
    func heldBackFixIsRetried() throws {
        let source = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("fuzz-crash-fix-rolled-back-then-clean.Dockerfile")))
        let rewriter = Rewriter(linter: RuleRegistry.linter)
        let outcome = rewriter.fix(source, applying: [.safe, .unsafe])
        #expect(outcome.converged)
        #expect(outcome.rolledBackRules.isEmpty)
        #expect(outcome.applied.map(\.code).filter { $0 == "SC2046" }.count >= 2, "\(outcome.applied.map(\.code))")
        #expect(!SyntaxTree(parsing: outcome.fixed).hasErrors)
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed)
    }

    /// Issue 12: this file's `$(` are never closed, so every nesting level's SC2046 quote and
    /// SC2164 `|| exit` went to the end of the file (one per round, the others conflict), inside
    /// the innermost substitution, where the `cd` still ended: twelve rounds, not converged, 61×
    /// the median cost per byte. Neither fix is offered at an unclosed substitution now.
    @Test("unclosed nested substitutions are fixed in at most two rewriter rounds")
    func nestedQuoteFixesConverge() throws {
        let source = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("fuzz-slowest-nested-quote-fixes.Dockerfile")))
        let outcome = Rewriter(linter: RuleRegistry.linter).fix(source, applying: [.safe, .unsafe])
        #expect(outcome.converged)
        #expect(outcome.rounds.count <= 2)
    }

    /// Found by the fuzzer (libFuzzer's 10 s timeout): relative WORKDIRs starting with a combining
    /// mark, whose fixed `/ْ…` DL3000 took for relative again; each round prefixed the directory
    /// anew and the text doubled, to 15 MB in 12 rounds and 21 s. One round now, and it inserts.
    @Test("a chain of fuzzed relative WORKDIRs is fixed in one round")
    func workdirChainConverges() throws {
        let source = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("fuzz-timeout-workdir-chain.Dockerfile")))
        let outcome = Rewriter(linter: RuleRegistry.linter).fix(source, applying: [.safe, .unsafe])
        #expect(outcome.converged)
        #expect(outcome.rounds.count == 1)
        #expect(outcome.fixed.count < 4 * source.count)
        #expect(outcome.applied.allSatisfy { $0.fix.edits.allSatisfy(\.range.isEmpty) }, "insertions only: \(outcome.applied.map(\.code))")
    }
}
