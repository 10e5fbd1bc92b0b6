import DLintCore
import DLintServer
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--shellcheck`: runs the `shellcheck` program found on `PATH` over the RUN scripts of every
/// linted file, in as few processes as it can — one per dialect (`-s sh`, `-s dash`, …) for a
/// batch of up to `batchSize` script files — and hands its findings back per file.
struct ShellCheckRunner {
    let executable: String
    static let batchSize = 400
    /// 1090/1091: a sourced file cannot be followed (it is in the image, not here); 2187: ash
    /// "not supported" notes, which `-s busybox` makes moot (hadolint excludes the same).
    static let excluded = "1090,1091,2187"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The program on `PATH`; nil when there is none.
    static func locate(environment: [String: String] = ProcessEnvironment.variables) -> ShellCheckRunner? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("shellcheck").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return ShellCheckRunner(executable: candidate) }
        }
        return nil
    }

    /// The findings for each model's scripts, in the models' order.
    func run(_ models: [DockerfileModel?]) throws -> [[(script: ShellCheckScript, comment: ShellCheckComment)]] {
        var scripts: [(file: Int, script: ShellCheckScript)] = []
        for (index, model) in models.enumerated() {
            guard let model else { continue }
            scripts += model.shellCheckScripts.map { (index, $0) }
        }
        var results = Array(repeating: [(script: ShellCheckScript, comment: ShellCheckComment)](), count: models.count)
        guard !scripts.isEmpty else { return results }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-shellcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var names: [String] = []
        for (position, entry) in scripts.enumerated() {
            let name = "\(position).sh"
            try Data(entry.script.text).write(to: directory.appendingPathComponent(name))
            names.append(name)
        }

        // One batch per dialect, split so no command line gets too long; batches run side by side.
        var batches: [(shell: String, positions: [Int])] = []
        let byShell = Dictionary(grouping: scripts.indices, by: { scripts[$0].script.shell })
        for shell in byShell.keys.sorted() {
            let positions = byShell[shell]!
            for start in stride(from: 0, to: positions.count, by: Self.batchSize) {
                batches.append((shell, Array(positions[start..<min(start + Self.batchSize, positions.count)])))
            }
        }
        let outputs = BatchOutputs(count: batches.count)
        let plannedBatches = batches
        let fileNames = names
        DispatchQueue.concurrentPerform(iterations: plannedBatches.count) { index in
            let batch = plannedBatches[index]
            outputs.store(Result { try self.check(batch.positions.map { fileNames[$0] }, shell: batch.shell, in: directory) }, at: index)
        }
        for (index, batch) in batches.enumerated() {
            let comments = try outputs.values[index]!.get()
            let positionByName = Dictionary(uniqueKeysWithValues: batch.positions.map { (names[$0], $0) })
            for (file, comment) in comments {
                guard let position = positionByName[file] else { continue }
                results[scripts[position].file].append((scripts[position].script, comment))
            }
        }
        return results
    }

    /// Runs one `shellcheck -f json1` over the files (relative to `directory`, so the report's
    /// names are the ones given).
    private func check(_ files: [String], shell: String, in directory: URL) throws -> [(String, ShellCheckComment)] {
        let arguments = ["--format=json1", "--shell=\(shell)", "--exclude=\(Self.excluded)", "--norc", "--"] + files
        let outcome: Subprocess.Outcome
        do {
            outcome = try Subprocess.run(executable, arguments, directory: directory.path)
        } catch {
            throw Failure(description: error.description)
        }
        // 0: clean, 1: findings; anything else is ShellCheck failing.
        guard let status = outcome.exitStatus, status == 0 || status == 1 else {
            let message = Self.trimmed(String(decoding: outcome.standardError, as: UTF8.self))
            // A signal shows as Process showed it: its number as the status.
            throw Failure(description: "\(executable) failed (status \(outcome.exitStatus ?? outcome.terminatingSignal ?? -1)): \(message)")
        }
        return try Self.decode(outcome.standardOutput)
    }

    /// `text` without the white space around it.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// `{"comments": [{"file", "line", "endLine", "column", "endColumn", "level", "code", "message"}]}`.
    static func decode(_ bytes: [UInt8]) throws -> [(String, ShellCheckComment)] {
        guard let comments = JSONValue.parse(bytes)?["comments"]?.arrayValue else {
            throw Failure(description: "shellcheck printed no JSON report (is it ShellCheck 0.7 or later?)")
        }
        return comments.compactMap { entry in
            guard let file = entry["file"]?.stringValue, let line = entry["line"]?.intValue, let column = entry["column"]?.intValue,
                  let code = entry["code"]?.intValue else { return nil }
            let comment = ShellCheckComment(
                line: line, column: column, endLine: entry["endLine"]?.intValue ?? line, endColumn: entry["endColumn"]?.intValue ?? column,
                level: entry["level"]?.stringValue ?? "error", code: code, message: entry["message"]?.stringValue ?? ""
            )
            return (file, comment)
        }
    }
}

/// The batches' outcomes, each written once under a lock.
private final class BatchOutputs: @unchecked Sendable {
    private var slots: [Result<[(String, ShellCheckComment)], Error>?]
    private let lock = Lock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Result<[(String, ShellCheckComment)], Error>, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<[(String, ShellCheckComment)], Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
