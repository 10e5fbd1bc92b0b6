@testable import DLintBench
import DLintCore
import Foundation
import Testing

/// Runs the built `dlint-bench` and `dlint` beside the test bundle.
private enum BenchBinaries {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ name: String) -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = url(name)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outData, String(decoding: errData, as: UTF8.self))
    }

    /// The Dockerfiles `dlint --show-files` lists for `path` (not its Compose and Bake files),
    /// and their total size.
    static func discovered(_ path: String) throws -> (files: Int, bytes: Int) {
        let listing = try run("dlint", ["--show-files", path])
        let paths = String(decoding: listing.stdout, as: UTF8.self).split(separator: "\n")
            .filter { ProjectFileKind.kind(ofFileName: URL(fileURLWithPath: String($0)).lastPathComponent) == nil }
        let bytes = try paths.reduce(0) { total, path in
            total + (try FileManager.default.attributesOfItem(atPath: packageRoot.appendingPathComponent(String(path)).path)[.size] as? Int ?? 0)
        }
        return (paths.count, bytes)
    }

    static func report(_ arguments: [String]) throws -> (json: [String: Any], data: Data) {
        let result = try run("dlint-bench", arguments)
        #expect(result.status == 0, "dlint-bench failed: \(result.stderr)")
        return (try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]), result.stdout)
    }
}

@Suite struct BenchCommandTests {
    @Test func measuresTheFourPhasesOverTheFilesDlintFinds() throws {
        let expected = try BenchBinaries.discovered("Fixtures")
        #expect(expected.files > 0)
        let (report, saved) = try BenchBinaries.report(["--format", "json", "--repeat", "1", "--per-rule", "Fixtures"])
        #expect(report["files"] as? Int == expected.files)
        #expect(report["bytes"] as? Int == expected.bytes)

        let phases = try #require(report["phases"] as? [[String: Any]])
        #expect(phases.compactMap { $0["phase"] as? String } == ["parse", "model", "lint", "fix"])
        for phase in phases {
            let name = phase["phase"] as? String ?? "?"
            #expect(phase["files"] as? Int == expected.files, "\(name)")
            #expect(phase["bytes"] as? Int == expected.bytes, "\(name)")
            #expect((phase["cpuSeconds"] as? Double ?? -1) >= 0, "\(name)")
            #expect((phase["peakBytes"] as? Int ?? 0) > 0, "\(name)")
        }
        // The fixtures are full of findings; a lint phase that ran no rule would report none.
        #expect((phases[2]["items"] as? Int ?? 0) > 0)

        let profile = try #require(report["perRule"] as? [String: Any])
        let rules = try #require(profile["rules"] as? [[String: Any]])
        #expect(rules.count > 50)
        #expect(rules.reduce(0) { $0 + ($1["findings"] as? Int ?? 0) } > 0)
        // The profile's copy of the Linter's loop keeps what `Linter.lint` keeps.
        #expect(profile["diagnostics"] as? Int == phases[2]["items"] as? Int)

        // The saved report prints as the README's table: a row per phase.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-bench-test-\(UUID().uuidString).json")
        try saved.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let markdown = try BenchBinaries.run("dlint-bench", ["--from-report", file.path, "--format", "markdown"])
        let rows = String(decoding: markdown.stdout, as: UTF8.self).split(separator: "\n")
        #expect(rows.first?.hasPrefix("| Run | Files | MB |") == true)
        for phase in ["parse", "model", "lint", "fix"] {
            #expect(rows.contains { $0.hasPrefix("| dlint \(phase) | \(expected.files) |") }, "\(phase)")
        }
    }

    static var peersAvailable: Bool {
        ProcessInfo.processInfo.environment["DLINT_SLOW_TESTS"] == "1"
            && (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                .contains { FileManager.default.isExecutableFile(atPath: "\($0)/hadolint") }
    }

    @Test(.enabled(if: peersAvailable, "needs DLINT_SLOW_TESTS=1 and hadolint on PATH"))
    func comparesWithThePeersOnTheSameFiles() throws {
        let expected = try BenchBinaries.discovered("Fixtures/example")
        let report = try BenchBinaries.report(["--format", "json", "--repeat", "1", "--compare", "Fixtures/example"]).json
        let peers = try #require(report["peers"] as? [[String: Any]])
        let hadolint = try #require(peers.first { $0["name"] as? String == "hadolint" })
        #expect(hadolint["files"] as? Int == expected.files)
        #expect((hadolint["processes"] as? Int ?? 0) >= 1)
        #expect((hadolint["cpuSeconds"] as? Double ?? -1) >= 0)
        let command = try #require(peers.first { $0["name"] as? String == "dlint command" })
        #expect(command["files"] as? Int == expected.files)
        #expect(command["failedProcesses"] as? Int == 0)
        if let tally = peers.first(where: { $0["name"] as? String == "tally" }) {
            let uncovered = tally["uncovered"] as? [[String: Any]] ?? []
            #expect((tally["files"] as? Int ?? -1) + uncovered.count == expected.files)
        }
        let ratios = try #require(report["ratios"] as? [[String: Any]])
        #expect(ratios.count == peers.count)
    }
}

@Suite struct BenchPeerRunTests {
    @Test func tallysStoppingFileIsFoundInBothOfItsMessageForms() {
        let batch = ["a/Dockerfile", "a/Dockerfile.dev", "b/Dockerfile"]
        let lintFailure = Peers.culprit(
            in: "Error: failed to lint a/Dockerfile.dev: a/Dockerfile.dev: file with no instructions\n", among: batch
        )
        #expect(lintFailure?.path == "a/Dockerfile.dev")
        #expect(lintFailure?.reason == "file with no instructions")
        let located = Peers.culprit(in: "Error: b/Dockerfile:1: Dockerfile has no stages to build; add a FROM instruction\n", among: batch)
        #expect(located?.path == "b/Dockerfile")
        #expect(located?.reason == "Dockerfile has no stages to build; add a FROM instruction")
        #expect(Peers.culprit(in: "Error: c/Dockerfile:1: unknown instruction\n", among: batch) == nil)
    }

    @Test func batchesFitTheBudgetAndKeepEveryArgumentInOrder() {
        let arguments = (0..<50).map { "corpus/\($0)/Dockerfile" }
        let budget = 200
        let batches = ArgumentBatches.split(arguments, budget: budget)
        #expect(batches.count > 1)
        #expect(Array(batches.joined()) == arguments)
        for batch in batches { #expect(batch.reduce(0) { $0 + ArgumentBatches.cost($1) } <= budget) }
        #expect(ArgumentBatches.split(arguments, budget: 1_000_000).count == 1)
    }
}
