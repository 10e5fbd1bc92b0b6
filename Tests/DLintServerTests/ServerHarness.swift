import DLintCore
import DLintRules
import DLintServer
import Foundation
import Testing

/// Drives a `Server` in-process, as `dlint server` does but on one thread: lints run when the
/// test says (at once by default), responses are worked out at once, messages sent are kept.
struct ServerHarness {
    var server: Server
    let workspace: any ServerWorkspace
    /// Everything the server sent, in order.
    var sent: [JSONValue] = []
    var logs: [String] = []
    var exitCode: Int32?
    var reloads = 0
    /// Lint jobs not run yet (when `lintsImmediately` is false).
    var pendingLints: [LintJob] = []
    var lintsImmediately = true
    private var nextID = 100

    init(workspace: any ServerWorkspace = DefaultWorkspace(), capabilities: JSONValue = [:], initializationOptions: JSONValue = .null,
         initialize: Bool = true) {
        self.server = Server()
        self.workspace = workspace
        if initialize {
            request("initialize", ["capabilities": capabilities, "initializationOptions": initializationOptions])
            notify("initialized", [:])
        }
    }

    mutating func handle(_ effects: [ServerEffect]) {
        for effect in effects {
            switch effect {
            case .send(let message): sent.append(message)
            case .lint(let job):
                if lintsImmediately { runLint(job) } else { pendingLints.append(job) }
            case .respond(let id, let work): sent.append(["jsonrpc": "2.0", "id": id, "result": work.run(linter: server.linter)])
            case .reloadWorkspace:
                reloads += 1
                workspace.reload()
            case .log(let line): logs.append(line)
            case .exit(let code): exitCode = code
            }
        }
    }

    mutating func runLint(_ job: LintJob) {
        handle(server.lintFinished(job.run(linter: server.linter, workspace: workspace)))
    }

    mutating func runPendingLints() {
        let jobs = pendingLints
        pendingLints = []
        for job in jobs { runLint(job) }
    }

    mutating func receive(raw: String) {
        handle(server.receive(Array(raw.utf8)))
    }

    mutating func send(_ message: JSONValue) {
        handle(server.receive(message))
    }

    /// Sends a request; the response, if one was sent by now.
    @discardableResult
    mutating func request(_ method: String, _ params: JSONValue) -> JSONValue? {
        nextID += 1
        let id = JSONValue.integer(nextID)
        send(["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params])
        return response(to: id)
    }

    func response(to id: JSONValue) -> JSONValue? {
        sent.last { $0["id"] == id && $0["method"] == nil }
    }

    mutating func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    static let uri = "file:///project/Dockerfile"

    mutating func open(_ text: String, uri: String = Self.uri, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "dockerfile", "version": .integer(version), "text": .string(text)]])
    }

    mutating func change(_ changes: [JSONValue], uri: String = Self.uri, version: Int) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .integer(version)], "contentChanges": .array(changes)])
    }

    /// The last diagnostics published for a document.
    func diagnostics(uri: String = Self.uri) -> [JSONValue]? {
        lastPublish(uri: uri)?["params"]?["diagnostics"]?.arrayValue
    }

    func lastPublish(uri: String = Self.uri) -> JSONValue? {
        sent.last { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri }
    }

    func codes(uri: String = Self.uri) -> [String] {
        (diagnostics(uri: uri) ?? []).compactMap { $0["code"]?.stringValue }
    }

    mutating func codeActions(line: Int, from start: Int, to end: Int, only: [String]? = nil, uri: String = Self.uri) -> [JSONValue] {
        var context: JSONValue = ["diagnostics": []]
        if let only, case .object(var members) = context {
            members["only"] = .array(only.map { .string($0) })
            context = .object(members)
        }
        let range: JSONValue = ["start": ["line": .integer(line), "character": .integer(start)], "end": ["line": .integer(line), "character": .integer(end)]]
        return request("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": range, "context": context])?["result"]?.arrayValue ?? []
    }
}

enum ServerTestText {
    /// Applies an LSP WorkspaceEdit (`changes` or `documentChanges`) for `uri` to `text`.
    static func apply(_ edit: JSONValue?, to text: String, uri: String = ServerHarness.uri) -> String {
        let edits = edit?["changes"]?[uri]?.arrayValue
            ?? edit?["documentChanges"]?.arrayValue?.first { $0["textDocument"]?["uri"]?.stringValue == uri }?["edits"]?.arrayValue ?? []
        var document = TextDocument(text)
        let ranges = edits.map { edit -> (Range<Int>, String) in
            let range = edit["range"]!
            let start = LSPPosition(line: range["start"]!["line"]!.intValue!, character: range["start"]!["character"]!.intValue!)
            let end = LSPPosition(line: range["end"]!["line"]!.intValue!, character: range["end"]!["character"]!.intValue!)
            return (document.byteRange(of: LSPRange(start: start, end: end)), edit["newText"]!.stringValue!)
        }
        for (range, newText) in ranges.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            document.replace(range, with: newText)
        }
        return document.text
    }

    static func utf16Count(_ text: String) -> Int { text.utf16.count }

    /// The LSP range of the first occurrence of `needle` on 0-based line `line`, counted in UTF-16.
    static func range(of needle: String, inLine line: Int, of text: String) -> JSONValue {
        let lines = text.components(separatedBy: "\n")
        let content = lines[line]
        let found = content.range(of: needle)!
        let start = content[..<found.lowerBound].utf16.count
        return ["start": ["line": .integer(line), "character": .integer(start)],
                "end": ["line": .integer(line), "character": .integer(start + needle.utf16.count)]]
    }
}

/// A workspace whose configuration a test changes, as a changed `.dlint.yaml` would.
final class ServerTestWorkspace: ServerWorkspace, @unchecked Sendable {
    private let lock = NSLock()
    private var configurations: [String: Configuration] = [:]
    private var cached: [String: Configuration] = [:]
    private(set) var lookups: [String?] = []

    /// The configuration for documents in `directory` and below (the longest match wins).
    func set(_ configuration: Configuration, forDirectory directory: String) {
        lock.lock()
        configurations[directory] = configuration
        lock.unlock()
    }

    func configuration(forDocumentAt path: String?, explicitPath: String?) -> Result<Configuration, WorkspaceProblem> {
        lock.lock()
        defer { lock.unlock() }
        lookups.append(path)
        if explicitPath == "/missing.yaml" { return .failure(WorkspaceProblem("dlint: /missing.yaml: cannot read the configuration file")) }
        guard let path else { return .success(Configuration()) }
        if let hit = cached[path] { return .success(hit) }
        let match = configurations.keys.filter { path.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        let configuration = match.map { configurations[$0]! } ?? Configuration()
        cached[path] = configuration
        return .success(configuration)
    }

    func reload() {
        lock.lock()
        cached = [:]
        lock.unlock()
    }
}
