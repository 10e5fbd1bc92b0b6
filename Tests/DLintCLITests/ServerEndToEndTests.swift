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
