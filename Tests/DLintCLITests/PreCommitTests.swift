import Foundation
import Testing

/// Runs real `pre-commit try-repo` against a copy of this package committed to a temporary git
/// repository. They run only with DLINT_SLOW_TESTS=1; pre-commit is installed into a virtual
/// environment under .build/ when it is missing, and the tests are skipped, saying so, when it cannot be. The first run builds dlint in release mode inside pre-commit's cache.
enum PreCommit {
    struct Output {
        let status: Int32
        let text: String
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        // A cache of this run's own (see DLintBinary.run).
        let cache = DLintBinary.isolatedCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        environment["DLINT_CACHE_DIR"] = cache
        environment.merge(extra) { $1 }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return Output(status: -1, text: "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// The slow tests run only when asked: each try-repo run builds dlint in release mode.
    static let slowTestsRequested = ProcessInfo.processInfo.environment["DLINT_SLOW_TESTS"] == "1"

    /// A virtual environment of the tests' own, so that nothing is installed into the system Python.
    static let virtualEnvironment = DLintBinary.packageRoot.appendingPathComponent(".build/venv-pre-commit")

    /// The pre-commit to run: one on PATH, or one installed into `virtualEnvironment`.
    static let executable: String? = {
        guard slowTestsRequested, run(["git", "--version"]).status == 0 else { return nil }
        if run(["pre-commit", "--version"]).status == 0 { return "pre-commit" }
        let installed = virtualEnvironment.appendingPathComponent("bin/pre-commit").path
        if !FileManager.default.isExecutableFile(atPath: installed) {
            run(["python3", "-m", "venv", virtualEnvironment.path])
            run([virtualEnvironment.appendingPathComponent("bin/python").path, "-m", "pip", "install", "--quiet", "pre-commit"])
        }
        return run([installed, "--version"]).status == 0 ? installed : nil
    }()

    static var available: Bool { executable != nil }

    static var unavailableMessage: Comment {
        slowTestsRequested
            ? "pre-commit is not on PATH and could not be installed into .build/venv-pre-commit (python3 -m venv, pip), or git is missing"
            : "slow test: set DLINT_SLOW_TESTS=1 to run real pre-commit try-repo (it builds dlint in release mode)"
    }

    static var dlintHasFix: Bool {
        (try? DLintBinary.run(["lint", "--help"]))?.stdout.contains("--fix") == true
    }

    static let gitIdentity = ["-c", "user.name=dlint tests", "-c", "user.email=tests@dlint.invalid", "-c", "commit.gpgsign=false"]

    /// A git repository holding this package as it is on disk (committed or not).
    static func hookRepository(in directory: TemporaryDirectory) throws -> URL {
        let repository = directory.url.appendingPathComponent("dlint-hooks")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        for item in ["Package.swift", "Package.resolved", ".pre-commit-hooks.yaml", "Sources", "Tests", "rules"] {
            let source = DLintBinary.packageRoot.appendingPathComponent(item)
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: repository.appendingPathComponent(item))
            }
        }
        #expect(run(["git", "init", "-q"], in: repository).status == 0)
        #expect(run(["git", "add", "-A", "-f", "."], in: repository).status == 0)
        #expect(run(["git"] + gitIdentity + ["commit", "-q", "-m", "dlint"], in: repository).status == 0)
        return repository
    }

    /// A project with a Dockerfile that has a finding and one that is clean.
    static func project(in directory: TemporaryDirectory) throws -> URL {
        try directory.write("project/Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR app\n")
        try directory.write("project/ok/Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR /app\n")
        let project = directory.url.appendingPathComponent("project")
        #expect(run(["git", "init", "-q"], in: project).status == 0)
        #expect(run(["git", "add", "-A"], in: project).status == 0)
        return project
    }
}

@Suite("pre-commit hooks", .serialized, .enabled(if: PreCommit.available, PreCommit.unavailableMessage))
struct PreCommitTests {
    /// pre-commit's cache (where it builds dlint), kept between the tests of one run.
    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-pre-commit-cache")

    /// One try-repo run (each builds dlint in release mode, a few minutes): the hook reports the
    /// finding of one file, not the clean one, and fails.
    @Test("pre-commit try-repo runs the dlint hook on the project's Dockerfiles and fails on a finding")
    func dlintHook() throws {
        let directory = try TemporaryDirectory()
        let repository = try PreCommit.hookRepository(in: directory)
        let project = try PreCommit.project(in: directory)
        let environment = ["PRE_COMMIT_HOME": Self.cache.path, "NO_COLOR": "1"]
        let result = PreCommit.run([PreCommit.executable!, "try-repo", repository.path, "dlint", "--all-files"], in: project, environment: environment)
        #expect(result.status == 1, "\(result.text)")
        #expect(result.text.contains("dlint....") && result.text.contains("Failed"), "\(result.text)")
        #expect(result.text.contains("Dockerfile:3:9: error:"), "\(result.text)")
        #expect(result.text.contains("DL3000"))
        #expect(!result.text.contains("ok/Dockerfile:"), "the clean file has no finding")
        #expect(result.text.contains("in 1 of 2 files"), "pre-commit passed both Dockerfiles to dlint")
    }

    @Test("pre-commit try-repo runs the dlint-fix hook", .enabled(if: PreCommit.dlintHasFix, "dlint has no --fix yet: the dlint-fix hook cannot run"))
    func dlintFixHook() throws {
        let directory = try TemporaryDirectory()
        let repository = try PreCommit.hookRepository(in: directory)
        // A safe fix to apply (lower-case keywords), nothing left to report afterwards.
        try directory.write("fixable/Dockerfile", "# syntax=docker/dockerfile:1\nfrom alpine:3.20\nrun echo hello\n")
        let project = directory.url.appendingPathComponent("fixable")
        #expect(PreCommit.run(["git", "init", "-q"], in: project).status == 0)
        #expect(PreCommit.run(["git", "add", "-A"], in: project).status == 0)
        let environment = ["PRE_COMMIT_HOME": Self.cache.path, "NO_COLOR": "1"]
        let result = PreCommit.run([PreCommit.executable!, "try-repo", repository.path, "dlint-fix", "--all-files"], in: project, environment: environment)
        #expect(result.text.contains("dlint (apply safe fixes)"), "\(result.text)")
        #expect(result.text.contains("files were modified by this hook"), "\(result.text)")
        let fixed = try String(contentsOf: project.appendingPathComponent("Dockerfile"), encoding: .utf8)
        #expect(fixed == "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hello\n")
    }
}
