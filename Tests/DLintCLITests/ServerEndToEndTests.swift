import Foundation
import Testing

/// `dlint server` as a process: what it writes on standard output, how it ends, and two real
/// clients (pytest-lsp and headless Neovim), which run only with DLINT_SLOW_TESTS=1.
@Suite struct ServerProcessTests {
    static func frame(_ json: String) -> [UInt8] {
        let body = Array(json.utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Splits standard output into message bodies; nil if anything else is in it.
    static func messages(in output: [UInt8]) -> [String]? {
        var messages: [String] = []
        var rest = output[...]
        while !rest.isEmpty {
            let header = Array("Content-Length: ".utf8)
            guard rest.starts(with: header) else { return nil }
            rest = rest.dropFirst(header.count)
            let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard let length = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard rest.starts(with: Array("\r\n\r\n".utf8)), rest.count >= 4 + length else { return nil }
            rest = rest.dropFirst(4)
            messages.append(String(decoding: rest.prefix(length), as: UTF8.self))
            rest = rest.dropFirst(length)
        }
        return messages
    }

    static func runServer(_ input: [UInt8]) throws -> (status: Int32, crashed: Bool, stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = DLintBinary.url
        process.arguments = ["server"]
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, [UInt8](out), String(decoding: err, as: UTF8.self))
    }

    @Test func garbageIsAnsweredAndStandardOutputHoldsOnlyMessages() throws {
        var input: [UInt8] = []
        input += Array("Content-Type: text/plain\r\n\r\n".utf8)  // no length: skipped
        input += Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","id":2,"method": oops"#)
        input += Self.frame(#"{"jsonrpc":"2.0","id":3,"method":"no/such/method"}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","method":"no/such/notification"}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nope"},"position":{"line":0,"character":0}}}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let result = try Self.runServer(input)
        #expect(!result.crashed)
        #expect(result.status == 0)
        let messages = try #require(Self.messages(in: result.stdout), "standard output: \(String(decoding: result.stdout, as: UTF8.self))")
        #expect(messages.count == 5)
        #expect(messages[0].contains(#""positionEncoding":"utf-16""#))
        #expect(messages[1].contains("-32700"))
        #expect(messages[2].contains("-32601"))
        #expect(messages[3].contains("-32602"))
        #expect(messages[4] == #"{"id":5,"jsonrpc":"2.0","result":null}"#)
        #expect(result.stderr.contains("Content-Length"))
    }

    @Test func aClientThatDisappearsEndsTheServerQuietly() throws {
        var input = Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        input += Self.frame(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM ubuntu\n"}}}"#)
        input += Array("Content-Length: 500\r\n\r\n{\"jsonrpc\"".utf8)  // cut off mid-message
        let result = try Self.runServer(input)
        #expect(!result.crashed)
        #expect(result.status == 1)
        #expect(Self.messages(in: result.stdout) != nil)
    }
}

/// The real clients. Both skip, saying why, when their program is missing.
@Suite struct ServerRealClientTests {
    static let slow = ProcessInfo.processInfo.environment["DLINT_SLOW_TESTS"] == "1"
    static let scripts = DLintBinary.packageRoot.appendingPathComponent("Tests/ServerEndToEnd")
    static let virtualEnvironment = DLintBinary.packageRoot.appendingPathComponent(".build/venv-lsp")

    /// pytest-lsp (with pygls and pytest-asyncio) in a virtual environment of the tests' own.
    static let python: String? = {
        guard slow else { return nil }
        let python = virtualEnvironment.appendingPathComponent("bin/python").path
        if PreCommit.run([python, "-c", "import pytest_lsp"]).status != 0 {
            PreCommit.run(["python3", "-m", "venv", virtualEnvironment.path])
            PreCommit.run([python, "-m", "pip", "install", "--quiet", "pytest-lsp"])
        }
        return PreCommit.run([python, "-c", "import pytest_lsp"]).status == 0 ? python : nil
    }()

    static var pythonUnavailable: Comment {
        slow ? "pytest-lsp could not be installed into .build/venv-lsp (python3 -m venv, pip install pytest-lsp)"
             : "slow test: set DLINT_SLOW_TESTS=1 to drive dlint server with pytest-lsp (installed into .build/venv-lsp)"
    }

    @Test(.enabled(if: python != nil, pythonUnavailable))
    func pytestLSPOpenEditCodeActionClean() throws {
        let result = PreCommit.run(
            [Self.python!, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "asyncio_mode=auto",
             "-o", "asyncio_default_fixture_loop_scope=function", Self.scripts.appendingPathComponent("test_dlint_server.py").path],
            in: Self.scripts, environment: ["DLINT_BINARY": DLintBinary.url.path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("2 passed"), "\(result.text)")
    }

    static let neovim: String? = {
        guard slow, PreCommit.run(["nvim", "--version"]).status == 0 else { return nil }
        return "nvim"
    }()

    static var neovimUnavailable: Comment {
        slow ? "nvim is not installed (apt-get install neovim; .ci/run installs it)"
             : "slow test: set DLINT_SLOW_TESTS=1 to run headless Neovim with dlint server"
    }

    @Test(.enabled(if: neovim != nil, neovimUnavailable))
    func headlessNeovimShowsTheDiagnostics() throws {
        let directory = try TemporaryDirectory()
        let dockerfile = directory.url.appendingPathComponent("Dockerfile")
        try Data("# syntax=docker/dockerfile:1\n# ünïcode ☃ 😀\nFROM ubuntu\nrun echo \"😀 hi\" && cd /tmp\n".utf8).write(to: dockerfile)
        let output = directory.url.appendingPathComponent("diagnostics.json")
        let run = PreCommit.run(
            ["timeout", "90", "nvim", "--headless", "-n", "-i", "NONE", "-u", Self.scripts.appendingPathComponent("nvim-init.lua").path,
             "Dockerfile", "-c", "luafile " + Self.scripts.appendingPathComponent("nvim-check.lua").path],
            in: directory.url, environment: ["DLINT_BINARY": DLintBinary.url.path, "DLINT_NVIM_OUT": output.path])
        #expect(run.status == 0, "\(run.text)")
        let data = try Data(contentsOf: output)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["filetype"] as? String == "dockerfile")
        func summary(_ key: String) -> [String] {
            ((json[key] as? [[String: Any]]) ?? []).map { item in
                "\(item["code"] ?? "?")@\(item["lnum"] ?? "?"):\(item["col"] ?? "?")-\(item["end_col"] ?? "?")/\(item["severity"] ?? "?")"
            }
        }
        // Neovim turns the server's UTF-16 columns into byte columns: `cd` is at byte 22 of
        // line 3 (after a 4-byte emoji), character 20 in UTF-16.
        #expect(summary("opened") == ["DL3006@2:5-11/2", "DX1010@3:0-3/4", "DL3003@3:22-24/2"])
        #expect(summary("edited") == ["DX1010@3:0-3/4", "DL3003@3:22-24/2"])
    }
}

/// A running `dlint server` that a test talks to message by message.
final class ServerProcessSession {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private var nextID = 0

    init(in directory: URL) throws {
        process.executableURL = DLintBinary.url
        process.arguments = ["server"]
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A server that hangs fails the test instead of holding it forever.
        let watchdog = ServerProcessWatchdog(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { watchdog.stop() }
    }

    func send(_ message: [String: Any]) throws {
        var message = message
        message["jsonrpc"] = "2.0"
        let body = try JSONSerialization.data(withJSONObject: message)
        input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    @discardableResult
    func request(_ method: String, _ params: [String: Any]) throws -> Int {
        nextID += 1
        try send(["id": nextID, "method": method, "params": params])
        return nextID
    }

    func notify(_ method: String, _ params: [String: Any]) throws {
        try send(["method": method, "params": params])
    }

    /// The next message, or nil when the server closed its output.
    func receive() -> [String: Any]? {
        while true {
            if let end = buffer.firstRange(of: Array("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                let length = Int(header.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))!
                if buffer.count >= end.upperBound + length {
                    let body = Data(buffer[end.upperBound..<(end.upperBound + length)])
                    buffer.removeFirst(end.upperBound + length)
                    return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
                }
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }

    /// Messages until one satisfies `stop` (included); nil if the output ended first.
    func receive(until stop: ([String: Any]) -> Bool) -> [[String: Any]]? {
        var messages: [[String: Any]] = []
        while let message = receive() {
            messages.append(message)
            if stop(message) { return messages }
        }
        return nil
    }

    static func isPublish(_ message: [String: Any], uri: String) -> Bool {
        message["method"] as? String == "textDocument/publishDiagnostics" && (message["params"] as? [String: Any])?["uri"] as? String == uri
    }

    static func codes(_ message: [String: Any]) -> [String] {
        (((message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    func finish() throws -> Int32 {
        _ = try request("shutdown", [:])
        try notify("exit", [:])
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct ServerWorkspaceProcessTests {
    @Test func aChangedConfigurationFileRelintsTheOpenDocument() throws {
        let directory = try TemporaryDirectory()
        try directory.write("app/Dockerfile", "FROM ubuntu\n")
        let uri = directory.url.appendingPathComponent("app/Dockerfile").absoluteString
        let session = try ServerProcessSession(in: directory.url)
        try session.request("initialize", ["capabilities": [:], "processId": NSNull()])
        try session.notify("initialized", [:])
        try session.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM ubuntu\n"]])
        let first = try #require(session.receive { ServerProcessSession.isPublish($0, uri: uri) }?.last)
        #expect(ServerProcessSession.codes(first).contains("DL3006"))

        try directory.write(".hadolint.yaml", "ignored:\n  - DL3006\n")
        let configuration = directory.url.appendingPathComponent(".hadolint.yaml").absoluteString
        try session.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": configuration, "type": 1]]])
        let second = try #require(session.receive { ServerProcessSession.isPublish($0, uri: uri) }?.last)
        #expect(!ServerProcessSession.codes(second).contains("DL3006"))
        #expect(try session.finish() == 0)
    }

    @Test func aHugeDocumentDoesNotHoldUpASmallOne() throws {
        let directory = try TemporaryDirectory()
        let huge = "file:///tmp/dlint-huge/Dockerfile"
        let small = "file:///tmp/dlint-small/Dockerfile"
        let session = try ServerProcessSession(in: directory.url)
        try session.request("initialize", ["capabilities": [:]])
        let text = "FROM alpine:3.20\n" + (0..<40_000).map { "RUN apt-get install -y curl && echo \($0)\n" }.joined()
        try session.notify("textDocument/didOpen", ["textDocument": ["uri": huge, "languageId": "dockerfile", "version": 1, "text": text]])
        try session.notify("textDocument/didOpen", ["textDocument": ["uri": small, "languageId": "dockerfile", "version": 1, "text": "FROM ubuntu\n"]])
        let hover = try session.request("textDocument/hover", ["textDocument": ["uri": small], "position": ["line": 0, "character": 6]])
        let messages = try #require(session.receive { $0["id"] as? Int == hover })
        // The small document's lint and the hover waiting for it came while the huge one was linted.
        #expect(!messages.contains { ServerProcessSession.isPublish($0, uri: huge) })
        #expect(messages.contains { ServerProcessSession.isPublish($0, uri: small) })
        let contents = ((messages.last?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(contents?.contains("DL3006") == true)
        #expect(try session.finish() == 0)
    }
}

/// Ends a server process still running when a test's time is up.
final class ServerProcessWatchdog: @unchecked Sendable {
    private let process: Process
    init(_ process: Process) { self.process = process }
    func stop() { if process.isRunning { process.terminate() } }
}
