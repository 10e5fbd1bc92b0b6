import Foundation
import Testing

/// `Fixtures/expected/reports/cli.*` hold each format's report of `Fixtures/reports`;
/// `DLINT_UPDATE_GOLDEN=1 swift test` rewrites them.
private func checkGolden(_ actual: String, _ name: String) throws {
    let url = DLintBinary.packageRoot.appendingPathComponent("Fixtures/expected/reports/\(name)")
    if ProcessInfo.processInfo.environment["DLINT_UPDATE_GOLDEN"] == "1" {
        try Data(actual.utf8).write(to: url)
        return
    }
    let expected = try #require(FileManager.default.contents(atPath: url.path), "missing golden \(name): run with DLINT_UPDATE_GOLDEN=1")
    #expect(actual == String(decoding: expected, as: UTF8.self), "\(name) differs from its golden file (DLINT_UPDATE_GOLDEN=1 rewrites it)")
}

private let formats: [(name: String, ext: String)] = [
    ("tty", "txt"), ("json", "json"), ("hadolint-json", "json"), ("junit", "xml"), ("sarif", "sarif"),
    ("checkstyle", "xml"), ("gnu", "txt"), ("github", "txt"), ("gitlab", "json"), ("sonarqube", "json"),
]

@Suite("dlint report options", .serialized)
struct ReportCLITests {
    @Test("each --format on Fixtures/reports (findings, a clean file, a syntax error) matches its golden file", arguments: formats.map(\.name))
    func golden(_ format: String) throws {
        let result = try DLintBinary.run(["--format", format, "Fixtures/reports"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        try checkGolden(result.stdout, "cli.\(format).\(formats.first { $0.name == format }!.ext)")
    }

    @Test("--format/--output pairs: one run writes JUnit and SARIF files and prints tty")
    func pairs() throws {
        let directory = try TemporaryDirectory()
        let junit = directory.url.appendingPathComponent("junit.xml").path
        let sarif = directory.url.appendingPathComponent("report.sarif").path
        let result = try DLintBinary.run(["--format", "junit", "--output", junit, "-f", "sarif", "-o", sarif, "--format", "tty", "Fixtures/reports"])
        #expect(result.status == 1)
        #expect(result.stdout == (try DLintBinary.run(["Fixtures/reports"])).stdout)
        let junitText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: junit)), as: UTF8.self)
        #expect(junitText == (try DLintBinary.run(["-f", "junit", "Fixtures/reports"])).stdout)
        #expect(FileManager.default.fileExists(atPath: sarif))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left beside the reports")
    }

    @Test("an unwritable --output is an exit-2 error naming the path; the other reports are still written")
    func unwritable() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("no/such/dir/report.xml").path
        let good = directory.url.appendingPathComponent("report.json").path
        let result = try DLintBinary.run(["-f", "junit", "-o", missing, "-f", "json", "-o", good, "Fixtures/reports/clean.Dockerfile"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(missing))
        #expect(FileManager.default.fileExists(atPath: good))
        let onDirectory = try DLintBinary.run(["-f", "json", "-o", directory.url.path, "Fixtures/reports/clean.Dockerfile"])
        #expect(onDirectory.status == 2)
        #expect(onDirectory.stderr.contains(directory.url.path))
    }

    @Test("usage errors: two formats on standard output, an --output without its --format, an unknown format")
    func usage() throws {
        let two = try DLintBinary.run(["-f", "json", "-f", "gnu", "Fixtures/reports"])
        #expect(two.status == 2)
        #expect(two.stderr.contains("at most one format"))
        let orphan = try DLintBinary.run(["-f", "json", "-o", "a.json", "-o", "b.json", "Fixtures/reports"])
        #expect(orphan.status == 2)
        #expect(orphan.stderr.contains("--output"))
        let unknown = try DLintBinary.run(["-f", "xml", "Fixtures/reports"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("xml"))
    }

    @Test("exit codes: --no-fail exits 0 with findings but 2 on I/O errors; --failure-threshold decides 1")
    func exitCodes() throws {
        #expect(try DLintBinary.run(["--no-fail", "Fixtures/reports"]).status == 0)
        #expect(try DLintBinary.run(["--no-fail", "Fixtures/reports", "no/such/Dockerfile"]).status == 2)
        #expect(try DLintBinary.run(["--failure-threshold", "none", "Fixtures/reports"]).status == 0)
        #expect(try DLintBinary.run(["--failure-threshold", "error", "Fixtures/reports/findings.Dockerfile"]).status == 1)
        #expect(try DLintBinary.run(["-f", "json", "Fixtures/reports/clean.Dockerfile"]).status == 0)
    }
}
