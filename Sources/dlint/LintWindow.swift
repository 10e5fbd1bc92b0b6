import DLintCore
import DLintReporters
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How many files are linted at once: a window of files is read, linted across the cores and
/// reported before the next is read.
enum LintWindow {
    /// A window waits for its slowest file: eight files per core keep the cores busy meanwhile, and
    /// hold a few megabytes of trees. With `--shellcheck` a window is one batch of shellcheck
    /// processes, which cost tens of milliseconds each to start: windows are larger then.
    /// `DLINT_WINDOW_FILES` sets another size (the tests use a small one).
    ///
    /// When one core's share holds all `files`, the size makes no difference (one window either
    /// way) and the cores are not counted, unless the size is `shown` (`--verbose`): counting them
    /// reads /proc and the cgroup limits, a few percent of linting one file.
    static func size(shellCheck: Bool, files: Int, shown: Bool) -> Int {
        if let text = ProcessEnvironment.variables["DLINT_WINDOW_FILES"], let size = Int(text), size > 0 { return size }
        let perCore = shellCheck ? 64 : 8
        if files <= perCore && !shown { return perCore }
        return perCore * max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Works on the indices across the machine's cores; results come back in the indices' order.
    static func inParallel<Value: Sendable>(_ indices: Range<Int>, _ work: @Sendable (Int) -> Value) -> [Value] {
        let slots = ResultSlots<Value>(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: indices.count) { offset in
            slots.store(work(indices.lowerBound + offset), at: offset)
        }
        return slots.values.map { $0! }
    }
}

/// One file of a window, linted (or found in the cache): what its report needs.
struct LintedFile: Sendable {
    /// The text and its lines, for the report.
    let text: ReportText
    /// The configuration it was linted with (its build context included).
    let configuration: Configuration
    var diagnostics: [Diagnostic]
    /// False for a result from the cache.
    let linted: Bool
    /// The tree and model, kept only for what still needs them once the window is linted (the
    /// real ShellCheck); otherwise dropped by the worker that made them, as soon as the file is
    /// linted: the report needs only the text and the findings.
    var result: LiveLintResult?
    /// Where to store the findings; nil when they came from the cache or must not be stored.
    var cacheKey: [UInt8]?
    var fixOutcome: FixMode.FileOutcome?

    /// A file linted now.
    init(linted result: LintResult, configuration: Configuration, diagnostics: [Diagnostic], cacheKey: [UInt8]? = nil,
         fixOutcome: FixMode.FileOutcome? = nil) {
        let live = LiveLintResult(result)
        self.text = ReportText(result.tree)
        self.configuration = configuration
        self.diagnostics = diagnostics
        self.linted = true
        self.result = configuration.runsShellCheck ? live : nil
        self.cacheKey = cacheKey
        self.fixOutcome = fixOutcome
    }

    /// A file whose findings came from the cache.
    init(cached source: [UInt8], configuration: Configuration, diagnostics: [Diagnostic]) {
        self.text = ReportText(source: source)
        self.configuration = configuration
        self.diagnostics = diagnostics
        self.linted = false
        self.result = nil
        self.cacheKey = nil
        self.fixOutcome = nil
    }
}

/// A lint result (syntax tree and model) that counts how many are alive, so that `--verbose`
/// can say how many trees the run held at once, and a test can check that the window bounds it.
final class LiveLintResult: Sendable {
    let result: LintResult
    private static let tally = Tally()

    init(_ result: LintResult) {
        self.result = result
        Self.tally.change(by: 1)
    }

    deinit { Self.tally.change(by: -1) }

    /// The most results alive at one time so far in this process.
    static var mostAlive: Int { tally.most }

    private final class Tally: @unchecked Sendable {
        private let lock = Lock()
        private var alive = 0
        private var peak = 0

        func change(by delta: Int) {
            lock.lock()
            alive += delta
            peak = max(peak, alive)
            lock.unlock()
        }

        var most: Int {
            lock.lock()
            defer { lock.unlock() }
            return peak
        }
    }
}

/// Slots filled from concurrent work, each written once under a lock.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = Lock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
