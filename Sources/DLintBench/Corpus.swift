import DLintCore
import Foundation

/// The files a run measures: the Dockerfiles `dlint --show-files DIR ...` lists (it also lists the
/// Compose and Bake files it reads, which are no Dockerfiles and are left out). Discovery lives in
/// the `dlint` executable, so the benchmark asks that binary rather than keeping a copy of it.
struct Corpus: Sendable {
    let directories: [String]
    let paths: [String]
    /// Compose and Bake files `--show-files` listed.
    let projectFiles: Int
    /// Sizes, indexed like `paths`.
    let sizes: [Int]
    /// What `dlint --show-files` said on standard error (unreadable directories, …).
    let discoveryWarnings: [String]

    var bytes: Int { sizes.reduce(0, +) }

    static func discover(_ directories: [String], dlint: String) throws -> Corpus {
        let run = try ChildProcess.run(dlint, ["--show-files"] + directories)
        let listed = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let paths = listed.filter { ProjectFileKind.kind(ofFileName: URL(fileURLWithPath: $0).lastPathComponent) == nil }
        let warnings = run.stderrText.split(separator: "\n").map(String.init)
        if !run.succeeded, paths.isEmpty {
            throw BenchError("\(dlint) --show-files failed (status \(run.exitStatus)): \(run.stderrText)")
        }
        let sizes = try paths.map { path in
            guard let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else {
                throw BenchError("cannot read the size of \(path)")
            }
            return size
        }
        return Corpus(
            directories: directories, paths: paths, projectFiles: listed.count - paths.count, sizes: sizes, discoveryWarnings: warnings
        )
    }

    /// The `dlint` binary to ask: `--dlint`, else the one built beside this benchmark, else the
    /// package's release or debug build from the current directory.
    static func dlintBinary(explicit: String?) throws -> String {
        if let explicit { return explicit }
        let beside = URL(fileURLWithPath: ChildProcess.currentExecutable).deletingLastPathComponent().appendingPathComponent("dlint").path
        let candidates = [beside, ".build/release/dlint", ".build/debug/dlint"]
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw BenchError("no dlint binary beside \(ChildProcess.currentExecutable) or in .build/: build it (swift build -c release --product dlint) or pass --dlint PATH")
    }
}

/// The list of files handed to a phase's process: NUL-separated paths in a temporary file.
enum FileList {
    static func write(_ paths: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-bench-files-\(getpid())-\(UUID().uuidString)").path
        var bytes: [UInt8] = []
        for entry in paths {
            bytes += Array(entry.utf8)
            bytes.append(0)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file's bytes, read before anything is timed.
    static func load(_ paths: [String]) throws -> [[UInt8]] {
        try paths.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
