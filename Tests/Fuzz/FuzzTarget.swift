// libFuzzer entry point for dlint (built by Tests/Fuzz/fuzz.sh, never by SwiftPM).
//
// Each input goes through everything a `dlint` run does, and the invariants below trap (a crash
// libFuzzer saves as `crash-*`) when they fail:
// - the syntax tree prints back the exact input bytes;
// - lint, fix and unsafe fix finish (libFuzzer's -timeout catches a hang);
// - a fix never adds syntax errors to a file that had none;
// - fixing the fixed text again changes nothing (when the rewriter converged).
//
// Nothing is computed twice: the rewriter's first round starts from the lint already made for the
// reports (as `dlint --fix` hands it over), and when that lint offers no fix the rewriter could
// apply, the fix is known to change nothing and is not run; the rewriter's last lint is of the fixed text, so its tree and diagnostics
// stand for a fresh parse and for the first round of the second fix.
#if canImport(Glibc)
import Glibc
#endif
import DLintCore
import DLintReporters
import DLintRules
import DockerfileSyntax

private let linter = RuleRegistry.linter
private let rewriter = Rewriter(linter: linter)
private let context = ReportContext(toolVersion: "fuzz", rules: linter.catalog.descriptors)

/// CPU time per byte of every input, in buckets of 1/32 of a power of two (2 % wide), so the
/// median over tens of millions of inputs takes constant memory.
private struct CostHistogram {
    static let bucketsPerDoubling = 32.0
    var counts = [Int](repeating: 0, count: 64 * 32)
    var total = 0

    mutating func add(_ nanosecondsPerByte: Double) {
        let bucket = Int((log2(max(nanosecondsPerByte, 1)) * Self.bucketsPerDoubling).rounded(.down))
        counts[min(bucket, counts.count - 1)] += 1
        total += 1
    }

    /// The lower bound of the bucket holding the middle input.
    var median: Double {
        var seen = 0
        for (bucket, count) in counts.enumerated() {
            seen += count
            if seen > total / 2 { return exp2(Double(bucket) / Self.bucketsPerDoubling) }
        }
        return 0
    }
}

nonisolated(unsafe) private var costs = CostHistogram()
nonisolated(unsafe) private var slowest: (perByte: Double, input: [UInt8]) = (0, [])
nonisolated(unsafe) private var registeredReport = false

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("dlint fuzz invariant: \(message())") }
}

private func nanoseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
}

private func reportAtExit() {
    guard costs.total > 0 else { return }
    let median = costs.median
    let line = "dlint-fuzz: \(costs.total) inputs here, median \(Int(median)) ns/byte, slowest \(Int(slowest.perByte)) ns/byte (\(Int(slowest.perByte / max(median, 1)))x the median, \(slowest.input.count) bytes, saved as slowest-input)\n"
    _ = line.withCString { fputs($0, stderr) }
    if let file = fopen("slowest-input", "wb") {
        _ = slowest.input.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}

/// Whether the rewriter, given a text whose lint found `diagnostics`, would apply anything in its
/// first round (it takes the fixes `allowed` admits, except those of rules it rolled back).
private func offersFixes(_ diagnostics: [Diagnostic], _ allowed: Set<Applicability>) -> Bool {
    diagnostics.contains { diagnostic in
        guard let fix = diagnostic.fix else { return false }
        return allowed.contains(fix.applicability) && !fix.edits.isEmpty
    }
}

private func fixInvariants(_ linted: LintResult, applying allowed: Set<Applicability>) {
    guard offersFixes(linted.diagnostics, allowed) else { return }
    let source = linted.tree.source
    let outcome = rewriter.fix(source, applying: allowed, linted: linted)
    guard outcome.changed else { return }
    // The last lint is of the fixed text, unless the rewriter stopped at a text it had seen.
    let fixedIsLinted = outcome.remaining.tree.source == outcome.fixed
    let fixedTree = fixedIsLinted ? outcome.remaining.tree : SyntaxTree(parsing: outcome.fixed)
    check(fixedTree.printed() == outcome.fixed, "the fixed text does not round-trip")
    if !linted.tree.hasErrors {
        check(!fixedTree.hasErrors, "a fix (\(allowed)) added syntax errors: \(outcome.applied.map(\.code))")
    }
    if outcome.converged, !fixedIsLinted || offersFixes(outcome.remaining.diagnostics, allowed) {
        let again = rewriter.fix(outcome.fixed, applying: allowed)
        check(!again.changed, "a second fix (\(allowed)) changed the text again: \(again.applied.map(\.code))")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if !registeredReport {
        registeredReport = true
        atexit { reportAtExit() }
    }
    let source = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let start = nanoseconds()

    let result = linter.lint(source)
    check(result.tree.printed() == source, "the tree does not print back its input")
    let report = FileReport(path: "Dockerfile", tree: result.tree, diagnostics: result.diagnostics)
    _ = TTYReporter(useColor: false).render([report])
    _ = JSONReporter(context: context).render([report])
    fixInvariants(result, applying: [.safe])
    fixInvariants(result, applying: [.safe, .unsafe])

    // Inputs under 64 bytes are all start-up cost: count them as 64.
    let perByte = (nanoseconds() - start) / Double(max(size, 64))
    costs.add(perByte)
    if perByte > slowest.perByte, costs.total > 100 { slowest = (perByte, source) }
    return 0
}
