import DLintCore
import Dispatch
import Foundation

/// `--shellcheck`: runs the `shellcheck` program found on `PATH` over the RUN scripts of every
/// linted file, in as few processes as it can — one per dialect (`-s sh`, `-s dash`, …) for a
/// batch of up to `batchSize` script files — and hands its findings back per file.
struct ShellCheckRunner {
    let executable: URL
    static let batchSize = 400
    /// 1090/1091: a sourced file cannot be followed (it is in the image, not here); 2187: ash
    /// "not supported" notes, which `-s busybox` makes moot (hadolint excludes the same).
    static let excluded = "1090,1091,2187"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The program on `PATH`; nil when there is none.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ShellCheckRunner? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("shellcheck")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return ShellCheckRunner(executable: candidate) }
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
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = directory
        process.arguments = ["--format=json1", "--shell=\(shell)", "--exclude=\(Self.excluded)", "--norc", "--"] + files
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable.path): \(error.localizedDescription)")
        }
        // Read both pipes before waiting, so a full pipe cannot block the program.
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // 0: clean, 1: findings; anything else is ShellCheck failing.
        guard process.terminationStatus == 0 || process.terminationStatus == 1 else {
            let message = String(decoding: errorData.wait(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(executable.path) failed (status \(process.terminationStatus)): \(message)")
        }
        return try Self.decode(data)
    }

    /// `{"comments": [{"file", "line", "endLine", "column", "endColumn", "level", "code", "message"}]}`.
    static func decode(_ data: Data) throws -> [(String, ShellCheckComment)] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let comments = object["comments"] as? [[String: Any]] else {
            throw Failure(description: "shellcheck printed no JSON report (is it ShellCheck 0.7 or later?)")
        }
        return comments.compactMap { entry in
            guard let file = entry["file"] as? String, let line = entry["line"] as? Int, let column = entry["column"] as? Int,
                  let code = entry["code"] as? Int else { return nil }
            let comment = ShellCheckComment(
                line: line, column: column, endLine: entry["endLine"] as? Int ?? line, endColumn: entry["endColumn"] as? Int ?? column,
                level: entry["level"] as? String ?? "error", code: code, message: entry["message"] as? String ?? ""
            )
            return (file, comment)
        }
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The batches' outcomes, each written once under a lock.
private final class BatchOutputs: @unchecked Sendable {
    private var slots: [Result<[(String, ShellCheckComment)], Error>?]
    private let lock = NSLock()

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
