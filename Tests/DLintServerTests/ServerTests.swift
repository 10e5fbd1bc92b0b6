import DLintCore
import DLintRules
@testable import DLintServer
import Foundation
import Testing

@Suite struct ServerLifecycleTests {
    @Test func initializeAnnouncesUTF16IncrementalSyncCodeActionsAndHover() {
        var harness = ServerHarness(initialize: false)
        let response = harness.request("initialize", ["capabilities": [:]])
        let capabilities = response?["result"]?["capabilities"]
        #expect(capabilities?["positionEncoding"] == "utf-16")
        #expect(capabilities?["textDocumentSync"]?["change"] == 2)
        #expect(capabilities?["textDocumentSync"]?["openClose"] == true)
        #expect(capabilities?["hoverProvider"] == true)
        #expect(capabilities?["codeActionProvider"]?["codeActionKinds"] == ["quickfix", "source.fixAll.dlint"])
        #expect(response?["result"]?["serverInfo"]?["name"] == "dlint")
    }

    @Test func requestsBeforeInitializeAreRefusedAndNotificationsDropped() {
        var harness = ServerHarness(initialize: false)
        let response = harness.request("textDocument/hover", ["textDocument": ["uri": "file:///a"], "position": ["line": 0, "character": 0]])
        #expect(response?["error"]?["code"] == -32002)
        harness.open("FROM alpine\n")
        #expect(harness.lastPublish() == nil)
        #expect(harness.request("initialize", ["capabilities": [:]])?["result"] != nil)
        #expect(harness.request("initialize", ["capabilities": [:]])?["error"]?["code"] == -32600)
    }

    @Test func shutdownThenExitEndsWithZero() {
        var harness = ServerHarness()
        #expect(harness.request("shutdown", .null)?["result"] == .null)
        #expect(harness.request("textDocument/hover", [:])?["error"]?["code"] == -32600)
        harness.notify("exit", .null)
        #expect(harness.exitCode == 0)
    }

    @Test func exitWithoutShutdownEndsWithOne() {
        var harness = ServerHarness()
        harness.notify("exit", .null)
        #expect(harness.exitCode == 1)
    }

    @Test func fileWatchersAreRegisteredWhenTheClientAllowsIt() {
        let capabilities: JSONValue = ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]]
        let harness = ServerHarness(capabilities: capabilities)
        let registration = harness.sent.first { $0["method"] == "client/registerCapability" }
        let watchers = registration?["params"]?["registrations"]?.arrayValue?.first?["registerOptions"]?["watchers"]?.arrayValue ?? []
        let patterns = watchers.compactMap { $0["globPattern"]?.stringValue }
        #expect(patterns.contains("**/.hadolint.yaml"))
        #expect(patterns.contains("**/.dockerignore"))
        // The client's answer to that request is taken quietly.
        var answered = harness
        let before = answered.sent.count
        answered.send(["jsonrpc": "2.0", "id": registration!["id"]!, "result": .null])
        #expect(answered.sent.count == before)
        #expect(ServerHarness().sent.allSatisfy { $0["method"] != "client/registerCapability" })
    }
}

@Suite struct ServerRobustnessTests {
    @Test("a file: URI's percent escapes are bytes: one that is not UTF-8 is carried, not repaired")
    func fileURIsDecodeToBytes() {
        #expect(filePath(ofURI: "file:///work/a%20b/Dockerfile") == "/work/a b/Dockerfile")
        #expect(filePath(ofURI: "file:///caf%C3%A9/Dockerfile") == "/café/Dockerfile")
        let latin1 = filePath(ofURI: "file:///caf%E9/Dockerfile")
        #expect(latin1.map(EscapedBytes.bytes(of:)) == Array("/caf".utf8) + [0xE9] + Array("/Dockerfile".utf8))
        #expect(latin1.map(EscapedBytes.reported) == "/caf\\xE9/Dockerfile")
        #expect(filePath(ofURI: "untitled:Untitled-1") == nil)
        #expect(filePath(ofURI: "file://localhost/work/Dockerfile") == "/work/Dockerfile")
        #expect(filePath(ofURI: "file://elsewhere/work/Dockerfile") == nil, "another host's file")
        #expect(filePath(ofURI: "file:///work/a%00b") == nil, "a NUL would cut the path short")
        #expect(percentDecoded("100%") == Array("100%".utf8), "a lone % stays")
        #expect(percentDecoded("%4g%41") == Array("%4gA".utf8))
    }

    @Test func malformedJSONGetsAParseError() {
        var harness = ServerHarness()
        harness.receive(raw: "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ")
        #expect(harness.sent.last?["error"]?["code"] == -32700)
        #expect(harness.sent.last?["id"] == .null)
        harness.receive(raw: "[1, 2]")
        #expect(harness.sent.last?["error"]?["code"] == -32600)
        harness.receive(raw: "{\"jsonrpc\": \"2.0\", \"id\": {\"x\": 1}, \"method\": \"shutdown\"}")
        #expect(harness.sent.last?["error"]?["code"] == -32600)
        // Nesting too deep for any parser, and bytes that are not UTF-8.
        harness.receive(raw: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(harness.sent.last?["error"]?["code"] == -32700)
        harness.handle(harness.server.receive([0x7B, 0xFF, 0xFE, 0x7D]))
        #expect(harness.sent.last?["error"]?["code"] == -32700)
        // Still serving.
        harness.open("FROM alpine:3.20\n")
        #expect(harness.diagnostics() != nil)
    }

    @Test func unknownRequestsGetMethodNotFoundAndUnknownNotificationsNothing() {
        var harness = ServerHarness()
        #expect(harness.request("textDocument/formatting", [:])?["error"]?["code"] == -32601)
        let before = harness.sent.count
        harness.notify("$/setTrace", ["value": "verbose"])
        harness.notify("custom/somethingElse", [:])
        #expect(harness.sent.count == before)
    }

    @Test func requestsForDocumentsNeverOpenedGetInvalidParams() {
        var harness = ServerHarness()
        let hover = harness.request("textDocument/hover", ["textDocument": ["uri": "file:///never/opened"], "position": ["line": 0, "character": 0]])
        #expect(hover?["error"]?["code"] == -32602)
        #expect(harness.codeActions(line: 0, from: 0, to: 0, uri: "file:///never/opened").isEmpty)
        #expect(harness.sent.last?["error"]?["code"] == -32602)
        #expect(harness.request("textDocument/codeAction", ["textDocument": ["uri": "file:///x"]])?["error"]?["code"] == -32602)
        // Changes to a document that is not open are survived.
        harness.change([["text": "FROM x\n"]], uri: "file:///never/opened", version: 2)
        #expect(harness.lastPublish(uri: "file:///never/opened") == nil)
    }

    @Test func aHugeDocumentIsLintedWithExactPositions() {
        var harness = ServerHarness()
        let body = (0..<5_000).map { "RUN echo \($0) ☃\n" }.joined()
        harness.open("FROM alpine:3.20\n" + body + "run echo done\n")
        let last = harness.diagnostics()?.first { $0["code"] == "DX1010" }
        #expect(last?["range"]?["start"]?["line"] == 5_001)
    }

    @Test func documentsWithAnyTextSurvive() {
        var harness = ServerHarness()
        for text in ["", "\r", "\r\n\r\n", "FROM", "\u{FEFF}FROM alpine\r", "RUN <<EOF\n", "\\\n\\", "FROM a\0b\n", "# escape=`\nFROM x`\n"] {
            harness.open(text)
            #expect(harness.diagnostics() != nil, "\(text.debugDescription)")
            _ = harness.codeActions(line: 0, from: 0, to: 100)
            _ = harness.request("textDocument/hover", ["textDocument": ["uri": .string(ServerHarness.uri)], "position": ["line": 5, "character": 99]])
        }
    }
}

@Suite struct ServerDiagnosticsTests {
    @Test func rangesAreInUTF16CodeUnitsAfterNonASCIIText() throws {
        var harness = ServerHarness()
        let line = "RUN echo \"😀 grüße\" && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"
        let text = "FROM ubuntu:24.04\n" + line + "\n"
        harness.open(text)
        let pin = try #require(harness.diagnostics()?.first { $0["code"] == "DL3008" })
        #expect(pin["range"] == ServerTestText.range(of: "curl", inLine: 1, of: text))
        // UTF-16: the emoji counts 2, ü and ß 1 each; in bytes they would be 4, 2, 2.
        let expectedStart = Array("RUN echo \"😀 grüße\" && apt-get install -y --no-install-recommends ".utf16).count
        #expect(pin["range"]?["start"]?["character"]?.intValue == expectedStart)
        #expect(pin["severity"] == 2)
        #expect(pin["source"] == "dlint")
        #expect(pin["codeDescription"]?["href"] == "https://github.com/dlint-project/dlint/blob/main/rules/DL3008.md")
        #expect(pin["message"]?.stringValue?.contains("curl") == true)
        #expect(harness.lastPublish()?["params"]?["version"] == 1)
    }

    @Test func severitiesMapOntoLSPLevels() {
        var harness = ServerHarness()
        harness.open("FROM ubuntu\nrun echo hi\nRUN cd /tmp\nFROM alpine:3.20 AS\n")
        let severities = Dictionary((harness.diagnostics() ?? []).map { ($0["code"]!.stringValue!, $0["severity"]!.intValue!) }, uniquingKeysWith: { a, _ in a })
        #expect(severities["DL3006"] == 2)
        #expect(severities["DX1010"] == 4)
        #expect(severities.values.allSatisfy { (1...4).contains($0) })
    }

    @Test func incrementalChangesUpdateTheDiagnostics() {
        var harness = ServerHarness()
        let text = "# ☃ snowman\nFROM ubuntu\n"
        harness.open(text)
        #expect(harness.codes().contains("DL3006"))
        // Add a tag after "ubuntu" (line 1, character 11), then a RUN at the end.
        harness.change([["range": ["start": ["line": 1, "character": 11], "end": ["line": 1, "character": 11]], "text": ":24.04"]], version: 2)
        #expect(!harness.codes().contains("DL3006"))
        #expect(harness.lastPublish()?["params"]?["version"] == 2)
        harness.change([
            ["range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]], "text": "run echo ☃\n"],
            ["range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 3]], "text": "RUN"],
        ], version: 3)
        #expect(!harness.codes().contains("DX1010"))
        // A replacement across the emoji-free line and a character past the end of the line.
        harness.change([["range": ["start": ["line": 2, "character": 4], "end": ["line": 2, "character": 999]], "text": "cd /tmp"]], version: 4)
        #expect(harness.codes().contains("DL3003"))
        #expect(harness.diagnostics()?.first { $0["code"] == "DL3003" }?["range"]?["start"]?["line"] == 2)
    }

    @Test func incrementalChangesAfterAnEmojiCountUTF16() {
        var harness = ServerHarness()
        harness.open("FROM alpine:3.20\nLABEL x=\"😀\" y=1\n")
        // Character 12 is right after the closing quote: 9 for `LABEL x="`, 2 for the emoji, 1 for `"`.
        harness.change([["range": ["start": ["line": 1, "character": 12], "end": ["line": 1, "character": 16]], "text": ""]], version: 2)
        harness.change([["text": "FROM alpine:3.20\nLABEL x=\"😀\"\n"]], version: 3)
        #expect(harness.lastPublish()?["params"]?["version"] == 3)
        var direct = ServerHarness()
        direct.open("FROM alpine:3.20\nLABEL x=\"😀\"\n")
        #expect(harness.diagnostics() == direct.diagnostics())
    }

    @Test func fullTextChangesReplaceTheDocument() {
        var harness = ServerHarness()
        harness.open("FROM ubuntu\n")
        harness.change([["text": "FROM ubuntu:24.04\n"]], version: 2)
        #expect(!harness.codes().contains("DL3006"))
    }

    @Test func aStaleLintIsDroppedAndOnlyTheNewestPublished() {
        var harness = ServerHarness()
        harness.lintsImmediately = false
        harness.open("FROM ubuntu\n")
        harness.change([["text": "FROM ubuntu:24.04\n"]], version: 2)
        harness.change([["text": "FROM ubuntu:24.04\nrun echo\n"]], version: 3)
        #expect(harness.pendingLints.count == 3)
        #expect(harness.pendingLints.map { harness.server.isCurrent($0) } == [false, false, true])
        harness.runPendingLints()
        let publishes = harness.sent.filter { $0["method"] == "textDocument/publishDiagnostics" }
        #expect(publishes.count == 1)
        #expect(publishes.first?["params"]?["version"] == 3)
    }

    @Test func closingClearsDiagnostics() {
        var harness = ServerHarness()
        harness.open("FROM ubuntu\n")
        harness.notify("textDocument/didClose", ["textDocument": ["uri": .string(ServerHarness.uri)]])
        #expect(harness.diagnostics() == [])
        #expect(harness.server.openDocumentCount == 0)
    }

    @Test func settingsIgnoreAndSeverityApplyAndRelint() {
        var harness = ServerHarness(initializationOptions: ["ignore": ["DL3006"]])
        harness.open("FROM ubuntu\nrun echo hi\n")
        #expect(!harness.codes().contains("DL3006"))
        harness.notify("workspace/didChangeConfiguration", ["settings": ["dlint": ["severity": ["DX1010": "error", "tagged-image": "warning"]]]])
        #expect(harness.diagnostics()?.first { $0["code"] == "DX1010" }?["severity"] == 1)
        #expect(harness.codes().contains("DL3006"))
        // Another server's section, or none, keeps dlint's settings.
        harness.notify("workspace/didChangeConfiguration", ["settings": ["yaml": ["validate": true]]])
        #expect(harness.diagnostics()?.first { $0["code"] == "DX1010" }?["severity"] == 1)
        harness.notify("workspace/didChangeConfiguration", ["settings": .null])
        #expect(harness.diagnostics()?.first { $0["code"] == "DX1010" }?["severity"] == 1)
        harness.notify("workspace/didChangeConfiguration", ["settings": ["dlint": ["severity": ["NOPE1": "error"]]]])
        #expect(harness.sent.contains { $0["method"] == "window/showMessage" && $0["params"]?["message"]?.stringValue?.contains("NOPE1") == true })
    }

    @Test func aConfigurationProblemIsShownOnceAndTheFileStillLinted() {
        var harness = ServerHarness(workspace: ServerTestWorkspace(), initializationOptions: ["config": "/missing.yaml"])
        harness.open("FROM ubuntu\n")
        harness.change([["text": "FROM ubuntu\n\n"]], version: 2)
        #expect(harness.codes().contains("DL3006"))
        #expect(harness.sent.filter { $0["method"] == "window/showMessage" }.count == 1)
        #expect(harness.logs.contains { $0.contains("/missing.yaml") })
    }

    @Test func aChangedConfigurationFileRelintsTheDocumentsItReaches() {
        let workspace = ServerTestWorkspace()
        var harness = ServerHarness(workspace: workspace)
        let inside = "file:///project/app/Dockerfile"
        let outside = "file:///other/Dockerfile"
        harness.open("FROM ubuntu\n", uri: inside)
        harness.open("FROM ubuntu\n", uri: outside)
        var ignoring = Configuration()
        ignoring.ignored = ["DL3006"]
        workspace.set(ignoring, forDirectory: "/project")
        let publishesBefore = harness.sent.filter { $0["method"] == "textDocument/publishDiagnostics" }.count
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": "file:///project/.dlint.yaml", "type": 2]]])
        #expect(harness.reloads == 1)
        #expect(!harness.codes(uri: inside).contains("DL3006"))
        #expect(harness.codes(uri: outside).contains("DL3006"))
        // Only the document under /project was linted again.
        #expect(harness.sent.filter { $0["method"] == "textDocument/publishDiagnostics" }.count == publishesBefore + 1)
        // A file that configures nothing changes nothing.
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": "file:///project/README.md", "type": 2]]])
        #expect(harness.reloads == 1)
    }

    @Test(arguments: [
        ("/p/.dlint.yaml", "/p/Dockerfile", true), ("/p/.dlint.yaml", "/p/sub/Dockerfile", true), ("/p/.hadolint.yml", "/p/a/b/Dockerfile", true),
        ("/p/sub/.dlint.yaml", "/p/Dockerfile", false), ("/p/.dockerignore", "/p/Dockerfile", true), ("/p/.dockerignore", "/p/sub/Dockerfile", false),
        ("/p/app.Dockerfile.dockerignore", "/p/app.Dockerfile", true), ("/p/app.Dockerfile.dockerignore", "/p/Dockerfile", false),
        ("/p/notes.txt", "/p/Dockerfile", false),
    ])
    func whichDocumentsAChangedFileReaches(changed: String, document: String, reaches: Bool) {
        #expect(Server.affects(changed, documentAt: document) == reaches)
    }
}

@Suite struct ServerCodeActionTests {
    @Test func aSafeFixIsAPreferredQuickFixThatResolvesTheFinding() throws {
        var harness = ServerHarness()
        let text = "FROM alpine:3.20\n# ☃\nrun echo hi\n"
        harness.open(text)
        let actions = harness.codeActions(line: 2, from: 0, to: 0)
        let fix = try #require(actions.first { $0["title"]?.stringValue?.contains("RUN") == true })
        #expect(fix["kind"] == "quickfix")
        #expect(fix["isPreferred"] == true)
        #expect(fix["diagnostics"]?.arrayValue?.first?["code"] == "DX1010")
        let fixed = ServerTestText.apply(fix["edit"], to: text)
        #expect(fixed == "FROM alpine:3.20\n# ☃\nRUN echo hi\n")
        harness.change([["text": .string(fixed)]], version: 2)
        #expect(!harness.codes().contains("DX1010"))
    }

    @Test func anUnsafeFixIsTitledAsSuchAndNotPreferred() throws {
        var harness = ServerHarness()
        let text = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl=8.5.0 && rm -rf /var/lib/apt/lists/*\n"
        harness.open(text)
        let actions = harness.codeActions(line: 1, from: 0, to: 80)
        let unsafe = try #require(actions.first { $0["title"]?.stringValue?.hasSuffix("(unsafe fix)") == true })
        #expect(unsafe["isPreferred"] == false)
        let code = try #require(unsafe["diagnostics"]?.arrayValue?.first?["code"]?.stringValue)
        harness.change([["text": .string(ServerTestText.apply(unsafe["edit"], to: text))]], version: 2)
        #expect(!harness.codes().contains(code))
    }

    @Test func versionedEditsWhenTheClientSupportsThem() throws {
        var harness = ServerHarness(capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        harness.open("FROM alpine:3.20\nrun echo hi\n", version: 7)
        let fix = try #require(harness.codeActions(line: 1, from: 0, to: 1).first)
        let change = fix["edit"]?["documentChanges"]?.arrayValue?.first
        #expect(change?["textDocument"]?["version"] == 7)
        #expect(change?["textDocument"]?["uri"]?.stringValue == ServerHarness.uri)
    }

    @Test func fixAllAppliesEverySafeFixAsTheRewriterDoes() throws {
        var harness = ServerHarness()
        let text = "from alpine:3.20 as build\n# ünïcode\nrun echo hi\nmaintainer me\nFROM alpine:3.20\nCOPY --from=build /a /b\n"
        harness.open(text)
        let actions = harness.codeActions(line: 0, from: 0, to: 0, only: ["source.fixAll"])
        #expect(actions.count == 1)
        let fixAll = try #require(actions.first)
        #expect(fixAll["kind"] == "source.fixAll.dlint")
        #expect(fixAll["title"] == "Fix all safe problems")
        let fixed = ServerTestText.apply(fixAll["edit"], to: text)
        let expected = Rewriter(linter: RuleRegistry.linter).fix(Array(text.utf8)).fixed
        #expect(fixed == String(decoding: expected, as: UTF8.self))
        #expect(fixed != text)
        harness.change([["text": .string(fixed)]], version: 2)
        #expect(harness.codeActions(line: 0, from: 0, to: 0, only: ["source.fixAll.dlint"]).isEmpty)
        #expect(harness.codeActions(line: 0, from: 0, to: 0, only: ["quickfix"]).allSatisfy { $0["kind"] == "quickfix" })
    }

    @Test(arguments: [
        // (text, line of the finding, its code, expected text after the ignore action)
        ("FROM ubuntu\n", 0, "DL3006", "# dlint ignore=DL3006\nFROM ubuntu\n"),
        ("FROM alpine:3.20 AS a\n  run echo hi\r\n", 1, "DX1010", "FROM alpine:3.20 AS a\n  # dlint ignore=DX1010\r\n  run echo hi\r\n"),
        ("FROM alpine:3.20\r\n\trun echo hi", 1, "DX1010", "FROM alpine:3.20\r\n\t# dlint ignore=DX1010\r\n\trun echo hi"),
        ("FROM alpine:3.20\n# dlint ignore=DL3003 # why\nrun cd /tmp\n", 2, "DX1010", "FROM alpine:3.20\n# dlint ignore=DL3003,DX1010 # why\nrun cd /tmp\n"),
    ])
    func ignoreInsertsThePragmaAboveTheInstruction(text: String, line: Int, code: String, expected: String) throws {
        var harness = ServerHarness()
        harness.open(text)
        let action = try #require(harness.codeActions(line: line, from: 0, to: 99).first { $0["title"]?.stringValue == "Ignore \(code) for this instruction" })
        #expect(action["diagnostics"]?.arrayValue?.first?["code"]?.stringValue == code)
        let ignored = ServerTestText.apply(action["edit"], to: text)
        #expect(ignored == expected)
        harness.change([["text": .string(ignored)]], version: 2)
        #expect(!harness.codes().contains(code))
    }

    @Test func ignoreOnAContinuedInstructionGoesAboveItsFirstLine() throws {
        var harness = ServerHarness()
        let text = "FROM ubuntu:24.04\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n"
        harness.open(text)
        let action = try #require(harness.codeActions(line: 2, from: 50, to: 54).first { $0["title"] == "Ignore DL3008 for this instruction" })
        let ignored = ServerTestText.apply(action["edit"], to: text)
        #expect(ignored.hasPrefix("FROM ubuntu:24.04\n# dlint ignore=DL3008\nRUN apt-get update \\\n"))
        harness.change([["text": .string(ignored)]], version: 2)
        #expect(!harness.codes().contains("DL3008"))
    }

    @Test func actionsAreOnlyForFindingsInTheRange() {
        var harness = ServerHarness()
        harness.open("FROM ubuntu\nRUN echo hi\n\nrun echo hi\n")
        let onLine1 = harness.codeActions(line: 1, from: 0, to: 3)
        #expect(onLine1.allSatisfy { $0["kind"] != "quickfix" || $0["diagnostics"]?.arrayValue?.first?["range"]?["start"]?["line"] == 1 })
        let onLine3 = harness.codeActions(line: 3, from: 0, to: 1, only: ["quickfix"])
        #expect(onLine3.contains { $0["title"] == "Ignore DX1010 for this instruction" })
        #expect(!onLine3.contains { $0["title"] == "Ignore DL3006 for this instruction" })
        // DX1004 is about the whole file: a comment above the first instruction would not silence it.
        let onLine0 = harness.codeActions(line: 0, from: 0, to: 11, only: ["quickfix"])
        #expect(onLine0.contains { $0["title"] == "Ignore DL3006 for this instruction" })
        #expect(!onLine0.contains { $0["title"] == "Ignore DX1004 for this instruction" })
    }

    @Test func aRequestBeforeTheLintFinishesIsAnsweredWhenItDoes() {
        var harness = ServerHarness()
        harness.lintsImmediately = false
        harness.open("FROM alpine:3.20\nrun echo hi\n")
        let before = harness.sent.count
        _ = harness.codeActions(line: 1, from: 0, to: 1)
        #expect(harness.sent.count == before)
        harness.runPendingLints()
        let answer = harness.sent.last { $0["result"]?.arrayValue != nil }
        #expect(answer?["result"]?.arrayValue?.isEmpty == false)
    }

    @Test func aWaitingRequestCanBeCancelled() {
        var harness = ServerHarness()
        harness.lintsImmediately = false
        harness.open("FROM alpine:3.20\nrun echo hi\n")
        _ = harness.codeActions(line: 1, from: 0, to: 1)
        // The harness numbers requests from 101: initialize, then this code action.
        harness.notify("$/cancelRequest", ["id": 102])
        #expect(harness.sent.last?["error"]?["code"] == -32800)
        harness.runPendingLints()
        #expect(harness.sent.filter { $0["id"] == 102 }.count == 1)
    }
}

@Suite struct ServerHoverTests {
    @Test func hoverOnAFindingShowsTheRulePageSummaryAndLink() throws {
        var harness = ServerHarness()
        let text = "FROM ubuntu:24.04\nRUN echo \"ünï\" && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"
        harness.open(text)
        let character = try #require(ServerTestText.range(of: "curl", inLine: 1, of: text)["start"]?["character"]?.intValue)
        let hover = harness.request("textDocument/hover", ["textDocument": ["uri": .string(ServerHarness.uri)], "position": ["line": 1, "character": .integer(character + 1)]])
        let value = try #require(hover?["result"]?["contents"]?["value"]?.stringValue)
        #expect(hover?["result"]?["contents"]?["kind"] == "markdown")
        #expect(value.contains("**DL3008**"))
        #expect(value.contains("rules/DL3008.md"))
        let page = try #require(RuleRegistry.page(for: "DL3008"))
        let summary = HoverSummaryProbe.summaryParagraph(of: page)
        #expect(!summary.isEmpty)
        #expect(value.contains(summary))
        #expect(hover?["result"]?["range"] == ServerTestText.range(of: "curl", inLine: 1, of: text))
    }

    @Test func hoverAwayFromFindingsIsNull() {
        var harness = ServerHarness()
        harness.open("FROM alpine:3.20\n\nRUN echo hi\n")
        let hover = harness.request("textDocument/hover", ["textDocument": ["uri": .string(ServerHarness.uri)], "position": ["line": 1, "character": 0]])
        #expect(hover?["result"] == .null)
        #expect(hover?["error"] == nil)
    }

    @Test func plainTextHoverWhenTheClientAsksForIt() {
        var harness = ServerHarness(capabilities: ["textDocument": ["hover": ["contentFormat": ["plaintext"]]]])
        harness.open("FROM ubuntu\n")
        let hover = harness.request("textDocument/hover", ["textDocument": ["uri": .string(ServerHarness.uri)], "position": ["line": 0, "character": 6]])
        #expect(hover?["result"]?["contents"]?["kind"] == "plaintext")
        #expect(hover?["result"]?["contents"]?["value"]?.stringValue?.contains("DL3006 tagged-image (warning)") == true)
    }
}

/// The summary paragraph of a page, found independently of the server's code: the first
/// paragraph after the table.
enum HoverSummaryProbe {
    static func summaryParagraph(of page: String) -> String {
        let parts = page.components(separatedBy: "\n\n")
        guard let table = parts.firstIndex(where: { $0.contains("| --- |") }), table + 1 < parts.count else { return "" }
        return parts[table + 1].replacingOccurrences(of: "\n", with: " ")
    }
}
