import Foundation
import Testing

/// Standard streams and the file system misbehaving (issue 12), each through the built binary.
@Suite("robustness: streams and files")
struct RobustnessCLITests {
    static let dockerfile = "FROM alpine:3.19\nRUN echo hi\n"
    /// A file the safe fixes change (keyword casing).
    static let fixable = "from alpine:3.19\n"

    /// Runs `script` in `/bin/sh` in `directory`, with `$DLINT` naming the binary: redirections
    /// such as `<&-` or `> /dev/full` need a shell.
    static func shell(_ script: String, in directory: URL, environment extra: [String: String] = [:]) throws -> DLintBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["DLINT"] = DLintBinary.url.path
        // A cache of this run's own (see DLintBinary.run).
        let cache = DLintBinary.isolatedCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        environment["DLINT_CACHE_DIR"] = cache
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return DLintBinary.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData)
        )
    }

    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", dockerfile)
        return directory
    }

    /// As root, permissions do not stop a read: such tests run dlint as `nobody` through setpriv,
    /// or are skipped when that is impossible.
    static var unprivilegedPrefix: String? {
        if getuid() != 0 { return "" }
        let setpriv = "/usr/bin/setpriv"
        return FileManager.default.isExecutableFile(atPath: setpriv) ? "\(setpriv) --reuid=65534 --regid=65534 --clear-groups " : nil
    }

    // MARK: Standard streams

    @Test("closed standard input: an error naming it, exit 2, no crash")
    func closedStandardInput() throws {
        let directory = try Self.project()
        let result = try Self.shell("\"$DLINT\" --no-config - <&-", in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read standard input: it is closed"))
    }

    @Test("closed standard output: an error on standard error, exit 2, no crash", arguments: ["", "--fix -  < Dockerfile"])
    func closedStandardOutput(_ arguments: String) throws {
        let directory = try Self.project()
        let result = try Self.shell("\"$DLINT\" --no-config \(arguments.isEmpty ? "Dockerfile" : arguments) >&-", in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write to standard output: it is closed"))
        #expect(!result.stderr.contains("crashed"))
    }

    @Test("full standard output: an error on standard error, exit 2", arguments: ["Dockerfile", "--fix - < Dockerfile"])
    func fullStandardOutput(_ arguments: String) throws {
        let directory = try Self.project()
        let result = try Self.shell("\"$DLINT\" --no-config \(arguments) > /dev/full", in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write to standard output: No space left on device"))
    }

    @Test("closed or full standard error: the run still ends with its status, no crash")
    func closedStandardError() throws {
        let directory = try Self.project()
        #expect(try Self.shell("\"$DLINT\" --no-config missing 2>&-", in: directory.url).status == 2)
        #expect(try Self.shell("\"$DLINT\" --no-config missing 2>/dev/full", in: directory.url).status == 2)
        let clean = try Self.shell("\"$DLINT\" --no-config --ignore DX1004 Dockerfile 2>&-", in: directory.url)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("No problems found"))
    }

    @Test("a reader that goes away (| head) ends the run quietly")
    func brokenPipe() throws {
        let directory = try Self.project()
        let many = String(repeating: "RUN echo hi\n", count: 2000)
        try directory.write("Dockerfile", "FROM alpine\n" + many)
        let result = try Self.shell("\"$DLINT\" --no-config Dockerfile | head -1", in: directory.url)
        #expect(!result.stderr.contains("crashed"))
        #expect(!result.stderr.contains("Broken pipe"))
    }

    // MARK: -o

    @Test("-o /dev/null writes to the device and leaves it a device")
    func outputToDevNull() throws {
        let directory = try Self.project()
        let result = try DLintBinary.run(["--no-config", "-f", "json", "-o", "/dev/null", "Dockerfile"], in: directory.url)
        #expect(result.status == 0 || result.status == 1)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("-o /dev/full is an error, exit 2")
    func outputToDevFull() throws {
        let directory = try Self.project()
        let result = try DLintBinary.run(["--no-config", "-f", "json", "-o", "/dev/full", "Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("/dev/full: cannot write the json report: no space left on device"))
    }

    @Test("-o through a symbolic link writes the file it names and keeps the link")
    func outputThroughSymbolicLink() throws {
        let directory = try Self.project()
        let link = directory.url.appendingPathComponent("report.json").path
        #expect(symlink("target.json", link) == 0)
        let result = try DLintBinary.run(["--no-config", "-f", "json", "-o", "report.json", "Dockerfile"], in: directory.url)
        #expect(result.status == 0 || result.status == 1)
        var status = stat()
        #expect(lstat(link, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFLNK)
        let written = try String(contentsOf: directory.url.appendingPathComponent("target.json"), encoding: .utf8)
        #expect(written.contains("\"diagnostics\"") || written.contains("\"files\""))
    }

    @Test("-o to a FIFO writes into it and leaves it a FIFO")
    func outputToFIFO() throws {
        let directory = try Self.project()
        let result = try Self.shell("mkfifo out.fifo && cat out.fifo > got.txt & sleep 0.2; \"$DLINT\" --no-config -f gnu -o out.fifo Dockerfile; wait", in: directory.url)
        #expect(result.status == 0 || result.status == 1)
        var status = stat()
        #expect(stat(directory.url.appendingPathComponent("out.fifo").path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
        let got = try String(contentsOf: directory.url.appendingPathComponent("got.txt"), encoding: .utf8)
        #expect(got.contains("Dockerfile:1:1"))
    }

    // MARK: --fix

    @Test("--fix refuses a read-only file and leaves it as it was")
    func fixReadOnly() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", Self.fixable)
        let path = directory.url.appendingPathComponent("Dockerfile").path
        #expect(chmod(path, 0o444) == 0)
        let result = try DLintBinary.run(["--no-config", "--fix", "Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Dockerfile: not fixed: it is read-only"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.fixable)
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o444)
    }

    @Test("--fix refuses a file that changed after it was read")
    func fixChangedFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", Self.fixable)
        let result = try Self.shell(
            "\"$DLINT\" --no-config --fix Dockerfile", in: directory.url,
            environment: ["DLINT_TEST_APPEND_BEFORE_FIX_WRITE": "# written by someone else\n"]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("Dockerfile: not fixed: it changed while dlint was fixing it"))
        let text = try String(contentsOf: directory.url.appendingPathComponent("Dockerfile"), encoding: .utf8)
        #expect(text == Self.fixable + "# written by someone else\n")
    }

    @Test("--fix in a read-only directory: a clear error, the original intact")
    func fixReadOnlyDirectory() throws {
        guard let prefix = Self.unprivilegedPrefix else { print("skipped: running as root without setpriv"); return }
        let directory = try TemporaryDirectory()
        try directory.write("dir/Dockerfile", Self.fixable)
        let dir = directory.url.appendingPathComponent("dir").path
        #expect(chmod(directory.url.path, 0o755) == 0)
        #expect(chmod(dir + "/Dockerfile", 0o666) == 0)
        #expect(chmod(dir, 0o555) == 0)
        defer { chmod(dir, 0o755) }
        let result = try Self.shell("\(prefix)\"$DLINT\" --no-config --fix dir/Dockerfile", in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("dir/Dockerfile: cannot create a temporary file beside it: Permission denied"))
        #expect(try String(contentsOfFile: dir + "/Dockerfile", encoding: .utf8) == Self.fixable)
    }

    // MARK: Reading

    @Test("a FIFO named on the command line that nobody writes to is given up on, not waited for forever")
    func explicitFIFOWithoutWriter() throws {
        let directory = try Self.project()
        #expect(mkfifo(directory.url.appendingPathComponent("Dockerfile.fifo").path, 0o644) == 0)
        let result = try DLintBinary.run(["--no-config", "Dockerfile.fifo", "Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Dockerfile.fifo: nothing was written to this FIFO within 10 seconds"))
        #expect(result.stdout.contains("Dockerfile:1:1"))
    }

    @Test("a pipe named on the command line (process substitution) is read")
    func processSubstitution() throws {
        let directory = try Self.project()
        let result = try Self.shell("cat Dockerfile | \"$DLINT\" --no-config -f gnu /dev/stdin", in: directory.url)
        #expect(result.status == 0 || result.status == 1)
        #expect(result.stdout.contains("/dev/stdin:1:1"))
    }

    @Test("a FIFO named Dockerfile in a searched tree is skipped with a warning, never opened")
    func fifoFoundByDiscovery() throws {
        let directory = try Self.project()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("pipe"), withIntermediateDirectories: true)
        #expect(mkfifo(directory.url.appendingPathComponent("pipe/Dockerfile").path, 0o644) == 0)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(result.status == 0, "style findings only: below the default threshold")
        #expect(result.stderr.contains("pipe/Dockerfile: warning: skipped: not a regular file (a FIFO, socket or device): not read"))
        #expect(result.stdout.contains("Dockerfile:1:1"))
    }

    @Test("unreadable files: exit 2 naming each path and why; the other files are still linted")
    func unreadableFiles() throws {
        let directory = try Self.project()
        try directory.write("locked/Dockerfile", Self.dockerfile)
        try directory.write("unreadable.Dockerfile", Self.dockerfile)
        #expect(symlink("loop", directory.url.appendingPathComponent("loop").path) == 0)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "missing", "loop", "Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("dlint: missing: no such file or directory"))
        #expect(result.stderr.contains("dlint: loop: too many levels of symbolic links"))
        #expect(result.stdout.contains("Dockerfile:1:1"))

        guard let prefix = Self.unprivilegedPrefix else { print("skipped: running as root without setpriv"); return }
        #expect(chmod(directory.url.path, 0o755) == 0)
        #expect(chmod(directory.url.appendingPathComponent("Dockerfile").path, 0o644) == 0)
        #expect(chmod(directory.url.appendingPathComponent("unreadable.Dockerfile").path, 0) == 0)
        #expect(chmod(directory.url.appendingPathComponent("locked").path, 0) == 0)
        defer { chmod(directory.url.appendingPathComponent("locked").path, 0o755) }
        let denied = try Self.shell("\(prefix)\"$DLINT\" --no-config -f gnu locked/Dockerfile unreadable.Dockerfile Dockerfile", in: directory.url)
        #expect(denied.status == 2)
        #expect(denied.stderr.contains("dlint: locked/Dockerfile: permission denied"))
        #expect(denied.stderr.contains("dlint: unreadable.Dockerfile: permission denied"))
        #expect(denied.stdout.contains("Dockerfile:1:1"))
    }

    @Test("an unreadable directory inside a searched tree is named; the rest is linted")
    func unreadableSubdirectory() throws {
        guard let prefix = Self.unprivilegedPrefix else { print("skipped: running as root without setpriv"); return }
        let directory = try TemporaryDirectory()
        try directory.write("tree/ok/Dockerfile", Self.dockerfile)
        try directory.write("tree/locked/Dockerfile", Self.dockerfile)
        for path in ["", "tree", "tree/ok"] { chmod(directory.url.appendingPathComponent(path).path, 0o755) }
        chmod(directory.url.appendingPathComponent("tree/ok/Dockerfile").path, 0o644)
        let locked = directory.url.appendingPathComponent("tree/locked").path
        #expect(chmod(locked, 0) == 0)
        defer { chmod(locked, 0o755) }
        let result = try Self.shell("\(prefix)\"$DLINT\" --no-config -f gnu tree", in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("dlint: tree/locked/: cannot be searched: permission denied"))
        #expect(result.stdout.contains("tree/ok/Dockerfile:1:1"))
    }

    @Test("a directory named Dockerfile is searched, not read")
    func directoryNamedDockerfile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile/Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile", "."], in: directory.url)
        #expect(result.status == 0, "style findings only: below the default threshold")
        #expect(result.stdout.contains("Dockerfile/Dockerfile:1:1"))
        #expect(!result.stderr.contains("is a directory"))
    }

    @Test("symbolic link loops in a searched tree: named, never followed forever")
    func symbolicLinkLoops() throws {
        let directory = try Self.project()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(symlink("..", directory.url.appendingPathComponent("sub/up").path) == 0)
        #expect(symlink("Dockerfile", directory.url.appendingPathComponent("sub/Dockerfile").path) == 0)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(result.status == 0, "style findings only: below the default threshold")
        #expect(result.stderr.contains("sub/Dockerfile: warning: skipped: a symbolic link that cannot be followed: too many levels of symbolic links"))
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Dockerfile:1:1") }.count == 1)
    }

    @Test("paths with spaces and newlines are linted and shown escaped in line formats")
    func unusualPaths() throws {
        let directory = try TemporaryDirectory()
        try directory.write("with space/Dockerfile", Self.dockerfile)
        try directory.write("new\nline/Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(result.status == 0, "style findings only: below the default threshold")
        #expect(result.stdout.contains("with space/Dockerfile:1:1"))
        #expect(result.stdout.contains("new\\nline/Dockerfile:1:1"))
        let json = try DLintBinary.run(["--no-config", "-f", "json", "new\nline/Dockerfile"], in: directory.url)
        #expect(json.stdout.contains("new\\nline/Dockerfile"))
    }

    @Test("a path that is not UTF-8 is linted and named escaped, never garbled or silently dropped (more in RawPathCLITests)")
    func nonUTF8Path() throws {
        let directory = try Self.project()
        let name: [UInt8] = Array("bad".utf8) + [0xFF] + Array("name".utf8)
        let path = Array(directory.url.path.utf8) + [UInt8(ascii: "/")] + name
        #expect(mkdir(path.map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
        let file = path + Array("/Dockerfile".utf8)
        let descriptor = open(file.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        close(descriptor)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(result.stdout.contains("bad\\xFFname/Dockerfile:1:1"))
        #expect(result.stdout.contains("\nDockerfile:1:1") || result.stdout.hasPrefix("Dockerfile:1:1"))
        #expect(!result.stderr.contains("skipped"))
        _ = try Self.shell("rm -rf ./bad*", in: directory.url)
    }
}
