import Foundation
import Synchronization
import Testing

/// What `--verbose` says at the end of a lint: files linted, files from the cache, the most
/// syntax trees held at once.
struct CacheRunStatistics: Equatable {
    let linted: Int
    let fromCache: Int
    let mostTrees: Int

    init(linted: Int, fromCache: Int, mostTrees: Int) {
        (self.linted, self.fromCache, self.mostTrees) = (linted, fromCache, mostTrees)
    }

    init?(_ stderr: String) {
        guard let line = stderr.split(separator: "\n").last(where: { $0.contains(" linted, ") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        (linted, fromCache, mostTrees) = (numbers[0], numbers[1], numbers[2])
    }
}

@Suite("dlint streams the report and keeps a cache")
struct CacheCLITests {
    /// Three directories, each with a Dockerfile that has findings; `a` copies from its context.
    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("a/Dockerfile", "FROM ubuntu\nCOPY app.txt /app/\nRUN apt-get update\n")
        try directory.write("a/app.txt", "hello\n")
        try directory.write("b/Dockerfile", "FROM debian:latest\nRUN cd /tmp && make\n")
        try directory.write("c/Dockerfile", "from alpine:3.19\nRUN apk add curl\n")
        try directory.write(".dlint.yaml", "ignore: [DL3059]\n")
        try directory.write("b/.dlint.yaml", "ignore: [DL3003]\n")
        return directory
    }

    /// Lints the project with its cache in `cache/` and `--verbose`; the statistics and the result.
    static func lint(_ directory: TemporaryDirectory, _ extra: [String] = [], environment: [String: String] = [:]) throws -> (CacheRunStatistics, DLintBinary.Result) {
        let result = try DLintBinary.run(["--verbose", "--cache-dir", "cache"] + extra + ["a", "b", "c"], in: directory.url, environment: environment)
        let statistics = try #require(CacheRunStatistics(result.stderr), "no statistics line in: \(result.stderr)")
        return (statistics, result)
    }

    static func entries(_ directory: TemporaryDirectory) -> [String] {
        let root = directory.url.appendingPathComponent("cache").path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.split(separator: "/").count == 2 }.sorted()
    }

    @Test("a window bounds the syntax trees alive at once, and the report is the same whatever the window")
    func windowBoundsTrees() throws {
        let directory = try TemporaryDirectory()
        for index in 0..<6 { try directory.write("d\(index)/Dockerfile", "FROM ubuntu\nRUN apt-get install -y curl\nRUN cd /x && make\n") }
        let paths = (0..<6).map { "d\($0)" }
        for format in ["tty", "json", "sarif", "junit", "checkstyle", "gitlab", "sonarqube", "hadolint-json", "gnu", "github"] {
            let small = try DLintBinary.run(["--no-cache", "--verbose", "-f", format] + paths, in: directory.url, environment: ["DLINT_WINDOW_FILES": "2"])
            let statistics = try #require(CacheRunStatistics(small.stderr))
            #expect(statistics.linted == 6)
            #expect(statistics.mostTrees >= 1 && statistics.mostTrees <= 2, "\(format): \(statistics.mostTrees) trees at once with a window of 2")
            let whole = try DLintBinary.run(["--no-cache", "-f", format] + paths, in: directory.url, environment: ["DLINT_WINDOW_FILES": "100"])
            #expect(small.stdout == whole.stdout, "\(format) differs between windows of 2 and 100 files")
            #expect(small.status == 1 && whole.status == 1)
        }
    }

    @Test("a second run lints nothing and reports byte for byte what the first did, in every format")
    func secondRunFromCache() throws {
        let directory = try Self.project()
        for format in ["tty", "json", "sarif", "junit", "checkstyle", "gitlab", "sonarqube", "hadolint-json", "gnu", "github"] {
            let uncached = try DLintBinary.run(["--no-cache", "-f", format, "a", "b", "c"], in: directory.url)
            let (first, firstResult) = try Self.lint(directory, ["-f", format])
            let (second, secondResult) = try Self.lint(directory, ["-f", format])
            if format == "tty" { #expect(first == CacheRunStatistics(linted: 3, fromCache: 0, mostTrees: first.mostTrees)) }
            #expect(second.linted == 0 && second.fromCache == 3, "\(format): \(second)")
            #expect(firstResult.stdout == uncached.stdout && secondResult.stdout == uncached.stdout, "\(format) from the cache differs")
            #expect(firstResult.status == uncached.status && secondResult.status == uncached.status)
        }
        let tag = try String(contentsOf: directory.url.appendingPathComponent("cache/CACHEDIR.TAG"), encoding: .utf8)
        #expect(tag.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55"))
        let ignore = try String(contentsOf: directory.url.appendingPathComponent("cache/.gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*"))
    }

    @Test("an edited file is linted again, and only it")
    func editedFile() throws {
        let directory = try Self.project()
        _ = try Self.lint(directory)
        try directory.write("c/Dockerfile", "FROM alpine:3.19\nRUN apk add --no-cache curl\n")
        let (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        let uncached = try DLintBinary.run(["--no-cache", "-f", "gnu", "a", "b", "c"], in: directory.url)
        #expect(result.stdout == uncached.stdout, "the new text is what is reported")
    }

    @Test("an edited configuration re-lints the files it applies to, and no other")
    func editedConfiguration() throws {
        let directory = try Self.project()
        _ = try Self.lint(directory)
        try directory.write("b/.dlint.yaml", "ignore: [DL3007]\n")
        var (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        try directory.write(".dlint.yaml", "ignore: [DL3059, DL3008]\n")
        (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 2 && statistics.fromCache == 1, "a and c use the root configuration, b its own")
        // An option of the command line is configuration too; the failure threshold changes no finding.
        (statistics, _) = try Self.lint(directory, ["--severity", "DL3007=error"])
        #expect(statistics.linted == 3)
        (statistics, _) = try Self.lint(directory, ["--severity", "DL3007=error", "--failure-threshold", "error"])
        #expect(statistics.linted == 0 && statistics.fromCache == 3)
    }

    @Test("a changed .dockerignore or a new file in the build context re-lints the files that COPY from it")
    func changedBuildContext() throws {
        let directory = try Self.project()
        _ = try Self.lint(directory)
        try directory.write("a/.dockerignore", "app.txt\n")
        var (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        #expect(result.stdout.contains("a/Dockerfile:2:"), "the COPY of an ignored file is reported: \(result.stdout)")
        try directory.write("a/.dockerignore", "app.txt\n# a comment\n")
        (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 0, "a comment changes no pattern")
        try directory.write("a/more.txt", "more\n")
        (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        // b does not COPY: its context's contents are not part of its key.
        try directory.write("b/more.txt", "more\n")
        (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 0 && statistics.fromCache == 3)
    }

    @Test("the context is listed from the search's own reading, yet what the search skips is in it, and the ignore file beside the Dockerfile wins")
    func contextFromSearchedDirectories() throws {
        let directory = try Self.project()
        // The search does not enter node_modules (a default exclude) or .hg: the context has them all the same.
        try directory.write("a/node_modules/lib/index.js", "x\n")
        try directory.write("a/Dockerfile", "FROM ubuntu\nCOPY app.txt /app/\nCOPY node_modules/lib/index.js .hg/x /lib/\nRUN apt-get update\n")
        var (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 3)
        #expect(result.stdout.contains(".hg/x"), "the missing .hg/x is reported: \(result.stdout)")
        #expect(!result.stdout.contains("node_modules/lib/index.js"), "the file in node_modules is found: \(result.stdout)")
        try directory.write("a/.hg/x", "x\n")
        (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 1 && statistics.fromCache == 2, "a new file where the search does not look re-lints a")
        #expect(!result.stdout.contains(".hg/x"), "\(result.stdout)")
        try directory.write("a/node_modules/lib/more.js", "x\n")
        (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        // Dockerfile.dockerignore is chosen over .dockerignore, before and after a context is listed.
        try directory.write("a/.dockerignore", "nothing\n")
        (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 1)
        #expect(!result.stdout.contains("excluded"), "\(result.stdout)")
        try directory.write("a/Dockerfile.dockerignore", "app.txt\n")
        (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
        let fresh = try DLintBinary.run(["--no-cache", "-f", "gnu", "a", "b", "c"], in: directory.url)
        #expect(result.stdout == fresh.stdout)
        #expect(fresh.stdout.contains("a/Dockerfile:2:"), "the COPY of a file Dockerfile.dockerignore ignores is reported: \(fresh.stdout)")
        (statistics, result) = try Self.lint(directory, ["-f", "gnu"])
        #expect(statistics.linted == 0 && result.stdout == fresh.stdout)
    }

    @Test("another dlint version re-lints everything")
    func newVersion() throws {
        let directory = try Self.project()
        _ = try Self.lint(directory)
        var (statistics, _) = try Self.lint(directory, environment: ["DLINT_CACHE_VERSION_OVERRIDE": "99.0.0"])
        #expect(statistics.linted == 3 && statistics.fromCache == 0)
        (statistics, _) = try Self.lint(directory, environment: ["DLINT_CACHE_VERSION_OVERRIDE": "99.0.0"])
        #expect(statistics.linted == 0 && statistics.fromCache == 3)
    }

    @Test("a corrupt, truncated or foreign entry is ignored and overwritten")
    func corruptEntries() throws {
        let directory = try Self.project()
        let (_, reference) = try Self.lint(directory, ["-f", "json"])
        let entries = Self.entries(directory)
        #expect(entries.count == 3, "one entry per file: \(entries)")
        _ = try Self.lint(directory, environment: ["DLINT_CACHE_VERSION_OVERRIDE": "0.0.1"])
        let foreign = Set(Self.entries(directory)).subtracting(entries).sorted()
        #expect(foreign.count == 3)
        let root = directory.url.appendingPathComponent("cache")
        // Truncated; one byte flipped; another version's entry under this name.
        let truncated = root.appendingPathComponent(entries[0])
        try Data(contentsOf: truncated).prefix(40).write(to: truncated)
        let flipped = root.appendingPathComponent(entries[1])
        var bytes = try Data(contentsOf: flipped)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: flipped)
        try Data(contentsOf: root.appendingPathComponent(foreign[0])).write(to: root.appendingPathComponent(entries[2]))
        var (statistics, result) = try Self.lint(directory, ["-f", "json"])
        #expect(statistics.linted == 3 && statistics.fromCache == 0)
        #expect(result.stdout == reference.stdout && result.status == reference.status)
        (statistics, result) = try Self.lint(directory, ["-f", "json"])
        #expect(statistics.linted == 0 && statistics.fromCache == 3, "the bad entries were overwritten")
        #expect(result.stdout == reference.stdout)
    }

    @Test("two dlint processes sharing a cache at once both report what a fresh lint does")
    func concurrentRuns() throws {
        let directory = try Self.project()
        for index in 0..<20 { try directory.write("many/d\(index)/Dockerfile", "FROM ubuntu:\(index)\nRUN apt-get update\n") }
        let uncached = try DLintBinary.run(["--no-cache", "-f", "json", "a", "b", "c", "many"], in: directory.url)
        let url = directory.url
        let outputs = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let result = try? DLintBinary.run(["--cache-dir", "cache", "-f", "json", "a", "b", "c", "many"], in: url)
            outputs.withLock { $0.append(result?.stdout ?? "failed") }
        }
        #expect(outputs.withLock { $0 } == Array(repeating: uncached.stdout, count: 4))
        let result = try DLintBinary.run(["--verbose", "--cache-dir", "cache", "-f", "json", "a", "b", "c", "many"], in: directory.url)
        #expect(CacheRunStatistics(result.stderr)?.fromCache == 23)
        #expect(result.stdout == uncached.stdout)
        let leftovers = Self.entries(directory).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "no temporary file is left behind: \(leftovers)")
    }

    @Test("--no-cache and DLINT_NO_CACHE write nothing; standard input is never cached")
    func nothingWritten() throws {
        let directory = try Self.project()
        var (statistics, _) = try Self.lint(directory, ["--no-cache"])
        #expect(statistics.linted == 3)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("cache").path))
        (statistics, _) = try Self.lint(directory, environment: ["DLINT_NO_CACHE": "1"])
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("cache").path))
        for _ in 0..<2 {
            let result = try DLintBinary.run(["--verbose", "--cache-dir", "cache", "-"], stdin: Array("FROM ubuntu\n".utf8), in: directory.url)
            #expect(CacheRunStatistics(result.stderr) == CacheRunStatistics(linted: 1, fromCache: 0, mostTrees: 1))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("cache").path))
    }

    @Test("--fix and --diff never use a cached result, and store none")
    func fixIgnoresCache() throws {
        let directory = try Self.project()
        _ = try Self.lint(directory)
        let before = Self.entries(directory)
        let diff = try DLintBinary.run(["--verbose", "--cache-dir", "cache", "--diff", "c"], in: directory.url)
        #expect(CacheRunStatistics(diff.stderr)?.fromCache == 0)
        #expect(diff.stdout.contains("+FROM alpine:3.19"), "\(diff.stdout)")
        let fixed = try DLintBinary.run(["--verbose", "--cache-dir", "cache", "--fix", "c"], in: directory.url)
        #expect(CacheRunStatistics(fixed.stderr)?.fromCache == 0)
        let text = try String(contentsOf: directory.url.appendingPathComponent("c/Dockerfile"), encoding: .utf8)
        #expect(text.hasPrefix("FROM alpine:3.19"), "\(text)")
        #expect(Self.entries(directory) == before)
        // The fixed file is new text: linted, then cached.
        let (statistics, _) = try Self.lint(directory)
        #expect(statistics.linted == 1 && statistics.fromCache == 2)
    }

    @Test("the default cache is .dlint_cache in the current directory, and nothing in a cache is linted")
    func defaultDirectory() throws {
        let directory = try Self.project()
        let result = try DLintBinary.run(["--verbose", "--", "a"], in: directory.url, environment: ["DLINT_CACHE_DIR": ""])
        #expect(CacheRunStatistics(result.stderr)?.linted == 1)
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".dlint_cache/CACHEDIR.TAG").path))
        // A Dockerfile inside a cache directory, and the cache inside a build context, change nothing.
        try directory.write(".dlint_cache/Dockerfile", "FROM scratch\n")
        let again = try DLintBinary.run(["--verbose", "--show-files"], in: directory.url, environment: ["DLINT_CACHE_DIR": ""])
        #expect(!again.stdout.contains(".dlint_cache"), "\(again.stdout)")
        try directory.write("a/.dlint_cache/x", "x\n")
        let inside = try DLintBinary.run(["--verbose", "--cache-dir", "a/.dlint_cache", "a"], in: directory.url)
        let insideAgain = try DLintBinary.run(["--verbose", "--cache-dir", "a/.dlint_cache", "a"], in: directory.url)
        #expect(CacheRunStatistics(inside.stderr)?.linted == 1)
        #expect(CacheRunStatistics(insideAgain.stderr)?.fromCache == 1, "the cache's own entries are not part of the build context")
    }

    @Test("a Compose file's checks come from the cache until it, a Dockerfile it builds or the disk changes")
    func projectFileChecks() throws {
        let directory = try TemporaryDirectory()
        try directory.write("compose.yaml", "services:\n  app:\n    build:\n      context: .\n      target: build\n      args:\n        VERSION: \"1\"\n")
        try directory.write("Dockerfile", "FROM alpine:3.19 AS build\nARG VERSION\nCOPY app.txt /app/\nRUN echo $VERSION\n")
        try directory.write("app.txt", "hello\n")
        /// A cached run and an uncached one report the same; the cached run's statistics.
        func lintBoth() throws -> CacheRunStatistics {
            let cached = try DLintBinary.run(["--verbose", "--cache-dir", "cache", "-f", "gnu", "."], in: directory.url)
            let uncached = try DLintBinary.run(["--no-cache", "-f", "gnu", "."], in: directory.url)
            #expect(cached.stdout == uncached.stdout && cached.status == uncached.status, "cached: \(cached.stdout)\nuncached: \(uncached.stdout)")
            return try #require(CacheRunStatistics(cached.stderr))
        }
        _ = try lintBoth()
        let entriesAfterFirst = Self.entries(directory).count
        #expect(entriesAfterFirst == 2, "one entry for the Dockerfile, one for the Compose file's checks")
        let second = try lintBoth()
        #expect(second.linted == 0 && second.fromCache == 1, "\(second)")
        #expect(Self.entries(directory).count == entriesAfterFirst, "an unchanged project writes nothing")
        // An edited Compose file: a target the Dockerfile does not have (DX1303).
        try directory.write("compose.yaml", "services:\n  app:\n    build:\n      context: .\n      target: release\n")
        _ = try lintBoth()
        // An edited Dockerfile the Compose file builds: now it has the stage.
        try directory.write("Dockerfile", "FROM alpine:3.19 AS release\nCOPY app.txt /app/\n")
        var statistics = try lintBoth()
        #expect(statistics.linted == 1)
        // A changed .dockerignore: the Dockerfile is linted again (its COPY source is now ignored).
        try directory.write(".dockerignore", "app.txt\n")
        statistics = try lintBoth()
        #expect(statistics.linted == 1)
        // The disk: a Dockerfile the build names disappears (DX1301), then comes back.
        try directory.write("compose.yaml", "services:\n  app:\n    build:\n      context: .\n      dockerfile: other.Dockerfile\n")
        _ = try lintBoth()
        try directory.write("other.Dockerfile", "FROM alpine:3.19\n")
        _ = try lintBoth()
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("other.Dockerfile"))
        _ = try lintBoth()
    }
}
