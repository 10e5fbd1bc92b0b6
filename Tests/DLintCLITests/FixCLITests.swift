import Foundation
import Testing

@Suite("dlint --fix, --unsafe-fixes and --diff", .serialized)
struct FixCLITests {
    /// Only safe fixes apply here, and one finding (DL3000 on a base-image directory) is unsafe.
    static let dockerfile = "# syntax=docker/dockerfile:1\r\nfrom alpine:3.20 as build\r\nMAINTAINER Jane <j@x>\r\nWORKDIR app\r\nENV A b c\r\n"
    static let fixedSafely = "# syntax=docker/dockerfile:1\r\nFROM alpine:3.20 AS build\r\nLABEL org.opencontainers.image.authors=\"Jane <j@x>\"\r\nWORKDIR app\r\nENV A=\"b c\"\r\n"

    private func setUp(_ text: String = dockerfile) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", text)
        return directory
    }

    private func read(_ directory: TemporaryDirectory, _ name: String = "Dockerfile") throws -> String {
        try String(contentsOf: directory.url.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("--fix applies safe fixes in place, keeps CRLF and permissions, and reports what remains")
    func fixInPlace() throws {
        let directory = try setUp()
        let path = directory.url.appendingPathComponent("Dockerfile").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let result = try DLintBinary.run(["--no-config", "--fix", "Dockerfile"], in: directory.url)
        #expect(try read(directory) == Self.fixedSafely)
        #expect(result.stdout.hasPrefix("Fixed 4 findings in Dockerfile.\n"))
        #expect(result.stdout.contains("Dockerfile:4:9: error: WORKDIR 'app' is relative"))
        #expect(result.stdout.contains("[unsafe fix: --fix --unsafe-fixes]"))
        #expect(result.status == 1)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(leftovers == ["Dockerfile"], "no temporary file may be left behind")
    }

    @Test("--unsafe-fixes applies the unsafe ones too; a second run changes nothing")
    func unsafeFixes() throws {
        let directory = try setUp()
        let result = try DLintBinary.run(["--no-config", "--fix", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(try read(directory).contains("WORKDIR /app\r\n"))
        #expect(result.stdout.hasPrefix("Fixed 5 findings in Dockerfile (4 safe, 1 unsafe).\n"))
        #expect(result.status == 0)
        let before = try read(directory)
        let again = try DLintBinary.run(["--no-config", "--fix", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(try read(directory) == before)
        #expect(again.stdout == "No problems found in 1 file.\n")
        let alone = try DLintBinary.run(["--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(alone.status == 2)
    }

    @Test("a file that does not change is not rewritten")
    func unchangedFileUntouched() throws {
        let directory = try setUp("# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR /app\n")
        let path = directory.url.appendingPathComponent("Dockerfile").path
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        let result = try DLintBinary.run(["--no-config", "--fix", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(result.status == 0)
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(modified == past)
    }

    @Test("a file with syntax errors is skipped with a message")
    func syntaxErrorsSkipped() throws {
        let text = "from alpine\nRUNN x\n"
        let directory = try setUp(text)
        let result = try DLintBinary.run(["--no-config", "--fix", "Dockerfile"], in: directory.url)
        #expect(try read(directory) == text)
        #expect(result.stderr.contains("Dockerfile: not fixed: the file has syntax errors"))
        #expect(result.status == 1)
    }

    @Test("--diff prints a unified diff that patch -p1 applies, writes nothing, and exits 1")
    func diffApplies() throws {
        let directory = try setUp()
        let result = try DLintBinary.run(["--no-config", "--diff", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n"))
        #expect(try read(directory) == Self.dockerfile)
        #expect(result.stderr.contains("Would fix 5 findings in Dockerfile (4 safe, 1 unsafe)."))
        // Apply the diff with patch(1) to a copy and compare with what --fix writes.
        let patchInput = directory.url.appendingPathComponent("changes.diff")
        try Data(result.stdoutBytes).write(to: patchInput)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        patch.arguments = ["patch", "-p1", "--quiet", "-i", patchInput.path]
        patch.currentDirectoryURL = directory.url
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0)
        let patched = try read(directory)
        try directory.write("Dockerfile", Self.dockerfile)
        _ = try DLintBinary.run(["--no-config", "--fix", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(patched == (try read(directory)))
        let clean = try DLintBinary.run(["--no-config", "--diff", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
    }

    @Test("--fix with - writes the fixed file to standard output and the report to standard error")
    func standardInput() throws {
        let result = try DLintBinary.run(["--no-config", "--fix", "-"], stdin: Array(Self.dockerfile.utf8))
        #expect(result.stdout == Self.fixedSafely)
        #expect(result.stderr.contains("Fixed 4 findings in <stdin>."))
        #expect(result.stderr.contains("<stdin>:4:9: error: WORKDIR 'app' is relative"))
        #expect(result.status == 1)
    }

    @Test("a symbolic link to a file outside the tree is not followed")
    func symbolicLinkOutside() throws {
        let outside = try setUp()
        let inside = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: inside.url.appendingPathComponent("Dockerfile").path,
            withDestinationPath: outside.url.appendingPathComponent("Dockerfile").path
        )
        let result = try DLintBinary.run(["--no-config", "--fix", "."], in: inside.url)
        #expect(result.stderr.contains("not fixed: it is a symbolic link to a file outside"))
        #expect(try read(outside) == Self.dockerfile)
    }
}
