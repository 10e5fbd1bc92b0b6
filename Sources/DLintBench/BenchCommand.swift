import ArgumentParser
import Foundation

extension Phase: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlint-bench",
        abstract: "Time dlint's parse, model, lint and fix phases over Dockerfiles, beside hadolint and tally.",
        discussion: """
        The files are those `dlint --show-files DIR ...` lists, read into memory before any clock \
        starts. Each phase (parse; parse + model; parse + lint with every rule, those off by default \
        too; parse + lint + fix with unsafe fixes, in memory) runs single-threaded in a process of its \
        own, so its peak memory is its own. CPU time is user + system (getrusage); MB are 10^6 bytes.
        """
    )

    @Argument(help: "Directories (or files) to search, as for `dlint --show-files`. Default: $DLINT_CORPUS, else ../shared/corpus.")
    var paths: [String] = []

    @Option(name: .customLong("repeat"), help: "Runs of each dlint phase; the median of each figure is shown.")
    var repetitions = 3

    @Option(help: "Runs of each peer linter with --compare.")
    var peerRepeat = 1

    @Flag(help: "Also run the dlint command, hadolint and, when installed, tally over the same files and print the ratios.")
    var compare = false

    @Option(help: "The hadolint to compare with (default: hadolint on PATH).")
    var hadolint: String?

    @Option(help: "The tally to compare with (default: tally on PATH; skipped when there is none).")
    var tally: String?

    @Flag(help: "Time each rule's check in the lint phase and print the shares.")
    var perRule = false

    @Option(help: "Rules shown by --per-rule.")
    var top = 25

    @Option(help: "text, json or markdown (the README table).")
    var format: OutputFormat = .text

    @Option(help: "The dlint binary whose --show-files chooses the files (default: the one beside dlint-bench, else .build/{release,debug}/dlint).")
    var dlint: String?

    @Option(help: "Print a report saved with --format json in the chosen format instead of measuring.")
    var fromReport: String?

    /// Set when the benchmark runs itself for one phase: measure it over `--file-list` and print
    /// the measurement as JSON.
    @Option(help: .hidden)
    var phase: Phase?

    @Option(help: .hidden)
    var fileList: String?

    func validate() throws {
        guard repetitions >= 1, peerRepeat >= 1 else { throw ValidationError("--repeat and --peer-repeat must be at least 1") }
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
        if phase != nil, fileList == nil { throw ValidationError("--phase needs --file-list") }
    }

    func run() throws {
        if let phase, let fileList {
            try runPhaseInThisProcess(phase, fileList: fileList)
            return
        }
        if let fromReport {
            let report = try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: fromReport)))
            print(try ReportWriter.render(report, format: format, top: top), terminator: "")
            return
        }
        let directories = paths.isEmpty ? [ProcessInfo.processInfo.environment["DLINT_CORPUS"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared/corpus"] : paths
        let dlintBinary = try Corpus.dlintBinary(explicit: dlint)
        let corpus = try Corpus.discover(directories, dlint: dlintBinary)
        for warning in corpus.discoveryWarnings { FileHandle.standardError.write(Data("dlint-bench: \(warning)\n".utf8)) }
        guard !corpus.paths.isEmpty else { throw BenchError("no Dockerfile found in \(directories.joined(separator: " "))") }

        let list = try FileList.write(corpus.paths)
        defer { unlink(list) }
        let phases = try Phase.allCases.map { try measureInChildren($0, fileList: list, runs: repetitions) }
        var notes: [String] = []
        if corpus.projectFiles > 0 { notes.append("\(corpus.projectFiles) Compose/Bake files `dlint --show-files` lists are not Dockerfiles: left out") }
        if perRule {
            notes.append("`--per-rule`: thread CPU around each rule's check; a lazily computed model fact (`ModelFacts`) is charged to the first rule that asks for it in each file")
        }

        var comparison = PeerComparison()
        if compare {
            comparison = try compareWithPeers(corpus: corpus, dlintBinary: dlintBinary, lint: phases.first { $0.phase == .lint }!)
            notes += comparison.notes
        }

        var profile: PerRuleProfile?
        if perRule {
            let run = try runChild(.lint, fileList: list, perRule: true)
            profile = try JSONDecoder().decode(PerRuleProfile.self, from: Data(run.stdout))
        }

        let report = BenchReport(
            directories: directories, files: corpus.paths.count, bytes: corpus.bytes, repeats: repetitions,
            rules: BenchRules.rules.count, rulesOffByDefault: BenchRules.configuration.enabled.count, phases: phases,
            peers: comparison.peers, dlintOnPeerFiles: comparison.dlintOnPeerFiles, ratios: comparison.ratios, perRule: profile, notes: notes
        )
        print(try ReportWriter.render(report, format: format, top: top), terminator: "")
    }

    /// The peers' runs and their ratios to dlint's lint phase on the files each covered.
    private struct PeerComparison {
        var peers: [PeerMeasurement] = []
        var dlintOnPeerFiles: [String: PhaseResult] = [:]
        var ratios: [PeerRatio] = []
        var notes: [String] = []
    }

    private func compareWithPeers(corpus: Corpus, dlintBinary: String, lint: PhaseResult) throws -> PeerComparison {
        var result = PeerComparison()
        result.peers.append(try Peers.dlintCommand(
            dlintBinary, corpus: corpus, offByDefault: BenchRules.configuration.enabled.sorted(), repeats: peerRepeat
        ))
        result.notes.append("the dlint command row is \(dlintBinary) over the same files: reading them and their build contexts, on every core, writing a JSON report")
        if let executable = hadolint ?? ChildProcess.onPath("hadolint") {
            result.peers.append(try Peers.hadolint(executable, corpus: corpus, repeats: peerRepeat))
        } else {
            result.notes.append("hadolint not found (pass --hadolint PATH): not compared")
        }
        if let executable = tally ?? ChildProcess.onPath("tally") {
            result.peers.append(try Peers.tally(executable, corpus: corpus, repeats: peerRepeat))
        } else {
            result.notes.append("tally not found (pass --tally PATH): not compared")
        }
        for peer in result.peers {
            var baseline = lint
            if peer.files != corpus.paths.count {
                let left = Set(peer.uncovered.map(\.path))
                let peerList = try FileList.write(corpus.paths.filter { !left.contains($0) })
                defer { unlink(peerList) }
                baseline = try measureInChildren(.lint, fileList: peerList, runs: repetitions)
                result.dlintOnPeerFiles[peer.name] = baseline
            }
            result.ratios.append(PeerRatio(
                peer: peer.name, files: peer.files,
                cpu: peer.cpuSeconds / max(baseline.cpuSeconds, 1e-9), wall: peer.wallSeconds / max(baseline.wallSeconds, 1e-9),
                peakMemory: Double(peer.peakBytes) / Double(max(baseline.peakBytes, 1))
            ))
            if peer.failedProcesses > 0 { result.notes.append("\(peer.name): \(peer.failedProcesses) process(es) ended with a non-zero status") }
        }
        result.notes.append("peers are timed as whole processes (start-up and reading files included); dlint's phases time the work on files already in memory")
        return result
    }

    /// The child's side: read every file, then measure the phase and print the figures.
    private func runPhaseInThisProcess(_ phase: Phase, fileList: String) throws {
        let sources = try FileList.load(try FileList.read(fileList))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = perRule
            ? try encoder.encode(PerRuleProfile.measure(sources: sources))
            : try encoder.encode(PhaseRunner.measure(phase, sources: sources))
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    private func runChild(_ phase: Phase, fileList: String, perRule: Bool = false) throws -> ChildRun {
        let arguments = ["--phase", phase.rawValue, "--file-list", fileList] + (perRule ? ["--per-rule"] : [])
        let run = try ChildProcess.run(ChildProcess.currentExecutable, arguments)
        guard run.succeeded else {
            throw BenchError("the \(phase.rawValue) phase failed (status \(run.exitStatus), signal \(run.signal.map(String.init) ?? "none")): \(run.stderrText)")
        }
        return run
    }

    /// `runs` processes of one phase; the median of each figure.
    private func measureInChildren(_ phase: Phase, fileList: String, runs: Int) throws -> PhaseResult {
        var measurements: [(PhaseMeasurement, ChildRun)] = []
        for _ in 0..<runs {
            let run = try runChild(phase, fileList: fileList)
            measurements.append((try JSONDecoder().decode(PhaseMeasurement.self, from: Data(run.stdout)), run))
        }
        let first = measurements[0].0
        let cpu = measurements.map(\.0.cpuSeconds).median
        return PhaseResult(
            phase: phase, files: first.files, bytes: first.bytes,
            wallSeconds: measurements.map(\.0.wallSeconds).median, cpuSeconds: cpu,
            mbPerSecondPerCore: cpu > 0 ? Double(first.bytes) / 1e6 / cpu : 0,
            peakBytes: Int(measurements.map { Double($0.1.usage.maximumResidentBytes) }.median),
            processCPUSeconds: measurements.map(\.1.usage.cpuSeconds).median,
            items: first.items, itemsMeaning: phase.itemsMeaning, runs: runs
        )
    }
}
