import Foundation
import Testing

/// Runs the built `dlint` binary.
enum DLintBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$DLINT_BINARY`, else the `dlint` built beside the test bundle.
    static let url: URL = {
        if let override = ProcessInfo.processInfo.environment["DLINT_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("dlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/dlint")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutBytes: [UInt8]
    }

    /// Runs dlint with this process's environment, less any `HADOLINT_*` variable (a developer's
    /// own would change what dlint reports), plus `environment`, which only the child sees.
    static func run(
        _ arguments: [String], stdin: [UInt8]? = nil, in directory: URL = packageRoot, environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HADOLINT_") && !$0.key.hasPrefix("DLINT_") }
        environment["NO_COLOR"] = "1"
        // Each run has a cache of its own, removed after it, unless the test names one: runs
        // never share findings by accident.
        let cache = isolatedCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        environment["DLINT_CACHE_DIR"] = cache
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutBytes: [UInt8](outData)
        )
    }

    /// A cache directory no other run uses (not created: dlint creates it when it stores).
    static func isolatedCache() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dlint-test-cache-\(UUID().uuidString)").path
    }

    static func fixture(_ path: String) -> String { "Fixtures/" + path }

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(path)))
    }
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("dlint command line", .serialized)
struct CLITests {
    @Test("a file with syntax problems: one line per finding, exit 1")
    func findings() throws {
        let result = try DLintBinary.run(["--no-config", "Fixtures/syntax/errors.Dockerfile"])
        #expect(result.status == 1)
        let expected = String(decoding: try DLintBinary.read("Fixtures/expected/errors.txt"), as: UTF8.self)
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test("a clean file: only the summary, exit 0")
    func clean() throws {
        let result = try DLintBinary.run(["Fixtures/syntax/heredocs.Dockerfile"])
        #expect(result.status == 0)
        #expect(result.stdout == "No problems found in 1 file.\n")
    }

    @Test("standard input with -")
    func standardInput() throws {
        let input = Array("# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUNN x\n".utf8)
        let result = try DLintBinary.run(["-"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("<stdin>:3:1: error: Unknown instruction 'RUNN' [DX0001 unknown-instruction]\n  |\n3 | RUNN x\n  | ^^^^\n"))
        let named = try DLintBinary.run(["-", "--stdin-filename", "app/Dockerfile"], stdin: input)
        #expect(named.stdout.hasPrefix("app/Dockerfile:3:1:"))
    }

    @Test("a missing path is an I/O error naming it, exit 2; other files are still linted")
    func missingPath() throws {
        let result = try DLintBinary.run(["no/such/Dockerfile", "Fixtures/syntax/errors.Dockerfile"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/Dockerfile: no such file or directory"))
        #expect(result.stdout.contains("Unknown instruction 'RUNN'"))
    }

    @Test("a directory holding no Dockerfile is a warning, exit 0; an explicit missing file stays exit 2")
    func emptyDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("README.md", "nothing here\n")
        let result = try DLintBinary.run([directory.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(directory.url.path): warning: no Dockerfile found in this directory"))
        let missing = try DLintBinary.run([directory.url.appendingPathComponent("Dockerfile").path])
        #expect(missing.status == 2)
    }

    @Test("a dangling symbolic link is an I/O error, exit 2")
    func danglingLink() throws {
        let directory = try TemporaryDirectory()
        let link = directory.url.appendingPathComponent("Dockerfile")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "missing-target")
        let result = try DLintBinary.run([link.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(link.path))
    }

    @Test("directories are searched recursively for Dockerfile names, skipping .git, .build and node_modules")
    func discovery() throws {
        let directory = try TemporaryDirectory()
        for path in [
            "Dockerfile", "app/Dockerfile.dev", "app/sub/api.Dockerfile", "app/sub/web.dockerfile",
            "app/Containerfile", "app/Containerfile.ci", "app/notes.txt", "app/Dockerfile-old",
            ".git/Dockerfile", ".build/Dockerfile", "node_modules/pkg/Dockerfile",
        ] {
            try directory.write(path, "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n")
        }
        let result = try DLintBinary.run(["--show-files"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n") == [
            "Dockerfile", "app/Containerfile", "app/Containerfile.ci", "app/Dockerfile.dev",
            "app/sub/api.Dockerfile", "app/sub/web.dockerfile",
        ])
        let named = try DLintBinary.run(["--show-files", "app"], in: directory.url)
        #expect(named.stdout.split(separator: "\n").first == "app/Containerfile")
        let lint = try DLintBinary.run([], in: directory.url)
        #expect(lint.status == 0)
    }

    @Test("usage errors exit 2; help exits 0 and marks the debug commands as debugging aids")
    func usage() throws {
        let bad = try DLintBinary.run(["--no-such-option"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--no-such-option"))
        let help = try DLintBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("debug"))
        let debugHelp = try DLintBinary.run(["debug", "--help"])
        #expect(debugHelp.status == 0)
        #expect(debugHelp.stdout.contains("Debugging aid"))
    }

    @Test("debug print rebuilds the files' bytes, in order")
    func debugPrint() throws {
        let files = ["Fixtures/syntax/crlf.Dockerfile", "Fixtures/syntax/bom.Dockerfile", "Fixtures/syntax/invalid-utf8.Dockerfile", "Fixtures/syntax/nul-bytes.Dockerfile"]
        let result = try DLintBinary.run(["debug", "print"] + files)
        #expect(result.status == 0)
        #expect(result.stdoutBytes == (try files.flatMap(DLintBinary.read)))
        let missing = try DLintBinary.run(["debug", "print", "missing.Dockerfile"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.Dockerfile"))
    }

    @Test("debug buildkit prints BuildKit's result format")
    func debugBuildKit() throws {
        let result = try DLintBinary.run(["debug", "buildkit", "Fixtures/syntax/instructions.Dockerfile"])
        #expect(result.status == 0)
        #expect(result.stdoutBytes == (try DLintBinary.read("Fixtures/expected/instructions.buildkit")))
    }

    @Test("debug tree prints JSON whose leaves partition the file")
    func debugTree() throws {
        let path = "Fixtures/syntax/heredocs.Dockerfile"
        let result = try DLintBinary.run(["debug", "tree", path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let leaves = nodes.flatMap { node in (node["children"] as? [[String: Any]]) ?? [node] }
        var position = 0
        for leaf in leaves {
            let range = try #require(leaf["range"] as? [Int])
            #expect(range[0] == position)
            #expect(leaf["leaf"] is String)
            position = range[1]
        }
        #expect(position == (try DLintBinary.read(path)).count)
        #expect(nodes.contains { $0["kind"] as? String == "run" })
    }
}
