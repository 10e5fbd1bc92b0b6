import Foundation
import Testing

/// `Tests/Scripts/compare-with-hadolint`, run with python3. The tests never install hadolint:
/// a stand-in that prints hadolint's JSON is passed with `--hadolint`.
enum CompareScript {
    static let script = DLintBinary.packageRoot.appendingPathComponent("Tests/Scripts/compare-with-hadolint")

    static let python: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

@Suite("compare-with-hadolint", .enabled(if: CompareScript.python != nil, "python3 is not on PATH: the comparison script cannot run"))
struct CompareScriptTests {
    @Test("--help describes the options and needs neither linter")
    func help() throws {
        let result = try CompareScript.run(["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        for option in ["--dlint", "--hadolint", "--codes", "--examples"] {
            #expect(result.stdout.contains(option), "--help does not mention \(option)")
        }
    }

    @Test("findings of both tools meet on the instruction's first line; the table counts each side")
    func table() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // dlint reports `flask` on line 4, inside the RUN that starts on line 2.
        try "FROM python:3.12\nRUN echo a && \\\n# a comment line\n    pip install --no-cache-dir flask\n"
            .write(to: directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        // A stand-in for hadolint: DL3013 on the RUN's first line, and a code dlint does not have.
        let standIn = directory.appendingPathComponent("hadolint")
        try """
        #!/bin/sh
        for last; do :; done
        printf '[{"file":"%s","line":2,"column":1,"level":"warning","code":"DL3013","message":"Pin versions in pip"},' "$last"
        printf '{"file":"%s","line":1,"column":1,"level":"info","code":"DL3999","message":"Stand-in"}]' "$last"
        """.write(to: standIn, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)

        let result = try CompareScript.run([
            "--dlint", DLintBinary.url.path, "--hadolint", standIn.path,
            "--codes", "DL3013,DL3999", "--examples", "1", directory.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["DL3013", "1", "0", "0"]), "\(result.stdout)")
        #expect(rows.contains(["DL3999", "0", "1", "0"]), "\(result.stdout)")
        #expect(rows.contains(["total", "1", "1", "0"]), "\(result.stdout)")
        #expect(result.stdout.contains("hadolint only: \(directory.path)/Dockerfile:1"), "\(result.stdout)")
    }
}
