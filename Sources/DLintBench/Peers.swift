import Foundation

/// Another linter run over the same files in as few processes as the argument limit allows.
struct PeerMeasurement: Sendable, Codable {
    let name: String
    let version: String
    /// The files it linted (for tally, those it can parse).
    let files: Int
    let bytes: Int
    let processes: Int
    /// Summed over its processes, which run one after another.
    let wallSeconds: Double
    let cpuSeconds: Double
    /// The largest of its processes' peaks.
    let peakBytes: Int
    /// Files left out because the linter stops its whole run on them, with what it said.
    let uncovered: [UncoveredFile]
    /// Processes that ended with a status other than 0.
    let failedProcesses: Int
}

struct UncoveredFile: Sendable, Codable {
    let path: String
    let reason: String
}

/// Totals of several runs of one command line split into batches.
private struct BatchTotals {
    var processes = 0
    var wall = 0.0
    var cpu = 0.0
    var peak = 0
    var failed = 0

    /// `acceptedStatuses`: the exit statuses of a normal run (dlint's 1 means findings).
    mutating func add(_ run: ChildRun, acceptedStatuses: Set<Int32> = [0]) {
        processes += 1
        wall += run.wallSeconds
        cpu += run.usage.cpuSeconds
        peak = max(peak, run.usage.maximumResidentBytes)
        if run.signal != nil || !acceptedStatuses.contains(run.exitStatus) { failed += 1 }
    }
}

enum Peers {
    static func version(of executable: String, _ arguments: [String]) -> String {
        guard let run = try? ChildProcess.run(executable, arguments) else { return "?" }
        let text = String(decoding: run.stdout + run.stderr, as: UTF8.self)
        // "Haskell Dockerfile Linter 2.15.1", "tally version 0.45.0 (buildkit …)": the first word
        // that starts with a digit.
        let word = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.first?.isNumber == true }
        return word.map { String($0.drop { $0 == "v" }) } ?? "?"
    }

    /// hadolint over every file, reporting nothing on failure and without colour. Its rules of
    /// severity `ignore` (DL1001, DL3057) are given one so that, as for dlint, every rule runs.
    static func hadolint(_ executable: String, corpus: Corpus, repeats: Int) throws -> PeerMeasurement {
        let fixed = ["--no-color", "--no-fail", "--info", "DL1001", "--info", "DL3057"]
        let batches = ArgumentBatches.split(corpus.paths, budget: ArgumentBatches.budget(fixedArguments: [executable] + fixed))
        let runs = try (0..<repeats).map { _ in
            var totals = BatchTotals()
            for batch in batches { totals.add(try ChildProcess.run(executable, fixed + batch, keepStdout: false)) }
            return totals
        }
        return PeerMeasurement(
            name: "hadolint", version: version(of: executable, ["--version"]), files: corpus.paths.count, bytes: corpus.bytes,
            processes: batches.count, wallSeconds: runs.map(\.wall).median, cpuSeconds: runs.map(\.cpu).median,
            peakBytes: Int(runs.map { Double($0.peak) }.median), uncovered: [], failedProcesses: runs.map(\.failed).max() ?? 0
        )
    }

    /// The `dlint` command itself over the same files, as a user runs it: a process that reads
    /// the files and their build contexts, lints on every core and writes a JSON report
    /// (discarded), with a configuration that enables the rules off by default.
    static func dlintCommand(_ executable: String, corpus: Corpus, offByDefault: [String], repeats: Int) throws -> PeerMeasurement {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-bench-config-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = directory.appendingPathComponent(".dlint.yaml")
        try Data("enable: [\(offByDefault.joined(separator: ", "))]\n".utf8).write(to: configuration)
        var fixed = ["lint", "--config", configuration.path, "--format", "json"]
        // A result cache would turn every run after the first into a cache read.
        if let help = try? ChildProcess.run(executable, ["lint", "--help"]), help.stdoutText.contains("--no-cache") { fixed.append("--no-cache") }
        let batches = ArgumentBatches.split(corpus.paths, budget: ArgumentBatches.budget(fixedArguments: [executable] + fixed))
        let runs = try (0..<repeats).map { _ in
            var totals = BatchTotals()
            for batch in batches { totals.add(try ChildProcess.run(executable, fixed + batch, keepStdout: false), acceptedStatuses: [0, 1]) }
            return totals
        }
        return PeerMeasurement(
            name: "dlint command", version: version(of: executable, ["--version"]), files: corpus.paths.count, bytes: corpus.bytes,
            processes: batches.count, wallSeconds: runs.map(\.wall).median, cpuSeconds: runs.map(\.cpu).median,
            peakBytes: Int(runs.map { Double($0.peak) }.median), uncovered: [], failedProcesses: runs.map(\.failed).max() ?? 0
        )
    }

    static let tallyCommon = ["lint", "--no-config", "--no-color", "--fail-level", "none", "--slow-checks", "off"]

    /// tally with every rule (`--select '*'`) over the files it can parse. tally ends a whole run
    /// at the first file it cannot lint, so the files are screened first with no rule selected
    /// (cheap: parsing only), leaving out each file it names and bisecting when it names none;
    /// a measured run that still fails drops the file it names and runs again.
    static func tally(_ executable: String, corpus: Corpus, repeats: Int) throws -> PeerMeasurement {
        let screenArguments = tallyCommon + ["--ignore", "*"]
        let lintArguments = tallyCommon + ["--select", "*"]
        let budget = ArgumentBatches.budget(fixedArguments: [executable] + lintArguments)
        var uncovered: [UncoveredFile] = []
        var covered: [String] = []
        for batch in ArgumentBatches.split(corpus.paths, budget: budget) {
            covered += try screen(batch, executable: executable, arguments: screenArguments, uncovered: &uncovered)
        }

        var batches = ArgumentBatches.split(covered, budget: budget)
        var measured: [BatchTotals] = []
        for _ in 0..<repeats {
            var totals = BatchTotals()
            var index = 0
            while index < batches.count {
                let run = try ChildProcess.run(executable, lintArguments + batches[index], keepStdout: false)
                if !run.succeeded, let culprit = culprit(in: run.stderrText, among: batches[index]) {
                    uncovered.append(culprit)
                    batches[index].removeAll { $0 == culprit.path }
                    continue
                }
                totals.add(run)
                index += 1
            }
            measured.append(totals)
        }
        let lintedPaths = Set(batches.joined())
        let linted = corpus.paths.indices.filter { lintedPaths.contains(corpus.paths[$0]) }
        return PeerMeasurement(
            name: "tally", version: version(of: executable, ["version"]), files: linted.count,
            bytes: linted.reduce(0) { $0 + corpus.sizes[$1] }, processes: batches.count,
            wallSeconds: measured.map(\.wall).median, cpuSeconds: measured.map(\.cpu).median,
            peakBytes: Int(measured.map { Double($0.peak) }.median), uncovered: uncovered,
            failedProcesses: measured.map(\.failed).max() ?? 0
        )
    }

    /// The files of `batch` tally lints without stopping; the others go to `uncovered`.
    private static func screen(_ batch: [String], executable: String, arguments: [String], uncovered: inout [UncoveredFile]) throws -> [String] {
        var remaining = batch
        while !remaining.isEmpty {
            let run = try ChildProcess.run(executable, arguments + remaining, keepStdout: false)
            if run.succeeded { return remaining }
            if let culprit = culprit(in: run.stderrText, among: remaining) {
                uncovered.append(culprit)
                remaining.removeAll { $0 == culprit.path }
                continue
            }
            if remaining.count == 1 {
                uncovered.append(UncoveredFile(path: remaining[0], reason: firstLine(run.stderrText)))
                return []
            }
            let half = remaining.count / 2
            return try screen(Array(remaining[..<half]), executable: executable, arguments: arguments, uncovered: &uncovered)
                + screen(Array(remaining[half...]), executable: executable, arguments: arguments, uncovered: &uncovered)
        }
        return []
    }

    /// The file tally names where it stops ("Error: failed to lint PATH: PATH: reason", or
    /// "Error: PATH:LINE: reason"), when it is one of `paths`.
    static func culprit(in stderr: String, among paths: [String]) -> UncoveredFile? {
        for line in stderr.split(separator: "\n") {
            guard let path = paths.filter({ line.contains($0 + ":") }).max(by: { $0.count < $1.count }),
                  let last = line.range(of: path + ":", options: .backwards) else { continue }
            let reason = line[last.upperBound...].drop { $0 == " " }
            let afterLine = reason.drop { $0.isNumber }
            let cleaned = afterLine.first == ":" && afterLine.count < reason.count ? afterLine.dropFirst() : reason
            return UncoveredFile(path: path, reason: cleaned.trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
    }
}
