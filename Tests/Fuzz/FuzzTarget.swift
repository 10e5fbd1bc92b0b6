// libFuzzer entry point for dlint (built by Tests/Fuzz/fuzz.sh, never by SwiftPM).
//
// Each input goes through everything a `dlint` run does, and the invariants below trap (a crash
// libFuzzer saves as `crash-*`) when they fail:
// - the syntax tree prints back the exact input bytes;
// - lint, fix and unsafe fix finish (libFuzzer's -timeout catches a hang);
// - a fix never adds syntax errors to a file that had none;
// - fixing the fixed text again changes nothing (when the rewriter converged).
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

/// Nanoseconds per byte of each input, to report the median and the slowest at exit.
nonisolated(unsafe) private var costs: [Double] = []
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
    guard !costs.isEmpty else { return }
    let sorted = costs.sorted()
    let median = sorted[sorted.count / 2]
    let line = "dlint-fuzz: \(costs.count) inputs here, median \(Int(median)) ns/byte, slowest \(Int(slowest.perByte)) ns/byte (\(Int(slowest.perByte / max(median, 1)))x the median, \(slowest.input.count) bytes, saved as slowest-input)\n"
    _ = line.withCString { fputs($0, stderr) }
    if let file = fopen("slowest-input", "wb") {
        _ = slowest.input.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}

private func fixInvariants(_ source: [UInt8], hadErrors: Bool, applying allowed: Set<Applicability>) {
    let outcome = rewriter.fix(source, applying: allowed)
    let fixedTree = SyntaxTree(parsing: outcome.fixed)
    check(fixedTree.printed() == outcome.fixed, "the fixed text does not round-trip")
    if !hadErrors {
        check(!fixedTree.hasErrors, "a fix (\(allowed)) added syntax errors: \(outcome.applied.map(\.code))")
    }
    if outcome.converged, outcome.changed {
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

    let tree = SyntaxTree(parsing: source)
    check(tree.printed() == source, "the tree does not print back its input")
    let result = linter.lint(source)
    let report = FileReport(path: "Dockerfile", tree: result.tree, diagnostics: result.diagnostics)
    _ = TTYReporter(useColor: false).render([report])
    _ = JSONReporter(context: context).render([report])
    fixInvariants(source, hadErrors: tree.hasErrors, applying: [.safe])
    fixInvariants(source, hadErrors: tree.hasErrors, applying: [.safe, .unsafe])

    // Inputs under 64 bytes are all start-up cost: count them as 64.
    let perByte = (nanoseconds() - start) / Double(max(size, 64))
    costs.append(perByte)
    if perByte > slowest.perByte, costs.count > 100 { slowest = (perByte, source) }
    return 0
}
