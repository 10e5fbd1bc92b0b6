import DLintCore
import DockerfileSyntax
import Testing

/// A fix that feeds on its own output: every round it doubles the text of each `RUN`.
private struct DoublingFix: Rule {
    let descriptor = RuleDescriptor(code: "DX9997", name: "doubling-fix", severity: .info, summary: "Doubles", fixable: true)
    func check(_ context: RuleContext) -> [Finding] {
        context.model.instructions.compactMap { instruction in
            guard instruction.kind == .run, case .shell(let script) = instruction.arguments else { return nil }
            let edit = TextEdit(range: script.range.upperBound..<script.range.upperBound, replacement: " " + script.text)
            return Finding("doubles", at: script.range, fix: Fix(title: "double", applicability: .safe, edits: [edit]))
        }
    }
}

@Suite("Rewriter: bounded output")
struct RewriterGrowthTests {
    /// The fuzzer found a fix that doubled the file every round (DL3000 on a `/` joined to a
    /// combining mark): twelve rounds made 499 bytes into 15 MB. Whatever a rule does, the
    /// rewriter's output stays within a fixed multiple of its input.
    @Test("a fix that doubles the text every round stops at the growth limit and is named")
    func doublingStops() {
        let source = Array("FROM alpine:3.20\nRUN echo 0123456789abcdef\n".utf8)
        let rewriter = Rewriter(linter: Linter(rules: [DoublingFix()]), maximumRounds: 30)
        let outcome = rewriter.fix(source)
        #expect(!outcome.converged)
        #expect(outcome.nonConvergingRules == ["DX9997"])
        #expect(outcome.fixed.count <= 65_536, "\(outcome.fixed.count) bytes")
        // Doubling from 26 script bytes reaches 32 KiB in 11 rounds, well short of the 30 allowed.
        #expect(outcome.rounds.count < 15, "\(outcome.rounds.count) rounds")
        #expect(outcome.fixed.count > 16_384, "the rounds below the limit were applied")
    }
}
