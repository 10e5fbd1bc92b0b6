import DLintCore
import DLintReporters
import DLintRules

/// What the server asks its host to do after a message: send messages, lint off the reading
/// thread, work out a response off it, log, or end the process.
public enum ServerEffect: Sendable {
    case send(JSONValue)
    /// Run `job.run(linter:workspace:)` (after the debounce delay, and only if the job is still
    /// current), then hand the outcome to `Server.lintFinished`.
    case lint(LintJob)
    /// Work out a response off the reading thread, then send it.
    case respond(id: JSONValue, work: ResponseWork)
    /// Configuration or ignore files changed: drop what was read before linting again.
    case reloadWorkspace
    /// A line for standard error.
    case log(String)
    case exit(Int32)
}

/// A response computed from a snapshot, so that a slow file never holds up the message loop.
public struct ResponseWork: Sendable {
    let compute: @Sendable (Linter) -> JSONValue
    public func run(linter: Linter) -> JSONValue { compute(linter) }
}

/// The language server as a value: messages in, effects out. It holds the open documents, the
/// latest lint of each and the requests waiting for one; it does no I/O and starts no threads
/// (the `dlint server` command does both), so every behaviour is testable in-process.
public struct Server: Sendable {
    public let linter: Linter
    let links: DocumentationLinks
    let page: @Sendable (String) -> String?
    let version: String

    enum Phase { case uninitialized, running, shutDown }
    var phase = Phase.uninitialized
    var capabilities = ClientCapabilities()
    var settings = ClientSettings()
    var documents: [String: OpenDocument] = [:]
    var nextGeneration = 0
    /// Configuration problems already shown, so that each is shown once.
    var reportedProblems: Set<String> = []
    var nextRequestID = 0

    struct OpenDocument: Sendable {
        let uri: String
        let path: String?
        var version: Int?
        var document: TextDocument
        var generation: Int
        /// The lint of this generation, once it has finished.
        var lint: LintOutcome?
        /// Requests that need this generation's lint.
        var waiting: [(id: JSONValue, answer: @Sendable (LintOutcome) -> ServerEffect)] = []
    }

    struct ClientCapabilities: Sendable {
        var versionedEdits = false
        var watchesFilesDynamically = false
        var markdownHover = true

        init() {}

        init(_ json: JSONValue?) {
            versionedEdits = json?["workspace"]?["workspaceEdit"]?["documentChanges"]?.boolValue ?? false
            watchesFilesDynamically = json?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
            if let formats = json?["textDocument"]?["hover"]?["contentFormat"]?.arrayValue?.compactMap(\.stringValue) {
                markdownHover = formats.isEmpty || formats.contains("markdown")
            }
        }
    }

    public init(linter: Linter = RuleRegistry.linter, links: DocumentationLinks = .dlint,
                page: @escaping @Sendable (String) -> String? = { RuleRegistry.page(for: $0) }, version: String = "0.1.0") {
        self.linter = linter
        self.links = links
        self.page = page
        self.version = version
    }

    /// The files whose change can change the findings of open documents.
    public static let configurationFileNames: Set<String> = [".dlint.yaml", ".dlint.yml", ".hadolint.yaml", ".hadolint.yml"]

    // MARK: Messages in

    /// One message body as read from the stream.
    public mutating func receive(_ body: [UInt8]) -> [ServerEffect] {
        guard let message = JSONValue.parse(body) else {
            return [.send(Message.error(id: .null, .parseError, "the message is not JSON")), .log("dlint server: a message that is not JSON")]
        }
        return receive(message)
    }

    public mutating func receive(_ message: JSONValue) -> [ServerEffect] {
        guard case .object = message else {
            return [.send(Message.error(id: .null, .invalidRequest, "a message must be a JSON object"))]
        }
        let id = message["id"]
        guard let method = message["method"]?.stringValue else {
            // A response to one of our requests (registerCapability): nothing waits for it.
            if id != nil, message["result"] != nil || message["error"] != nil { return [] }
            return [.send(Message.error(id: id ?? .null, .invalidRequest, "a request needs a \"method\" string"))]
        }
        if let id {
            guard id.stringValue != nil || id.intValue != nil else {
                return [.send(Message.error(id: .null, .invalidRequest, "a request id must be a number or a string"))]
            }
            return request(id: id, method: method, params: message["params"])
        }
        return notification(method, params: message["params"])
    }

    mutating func request(id: JSONValue, method: String, params: JSONValue?) -> [ServerEffect] {
        switch phase {
        case .uninitialized where method != "initialize":
            return [.send(Message.error(id: id, .serverNotInitialized, "the server has not been initialized"))]
        case .shutDown:
            return [.send(Message.error(id: id, .invalidRequest, "the server is shutting down"))]
        default: break
        }
        switch method {
        case "initialize":
            guard phase == .uninitialized else { return [.send(Message.error(id: id, .invalidRequest, "initialize was already received"))] }
            phase = .running
            capabilities = ClientCapabilities(params?["capabilities"])
            settings = ClientSettings(params?["initializationOptions"])
            return [.send(Message.response(id: id, result: initializeResult))]
        case "shutdown":
            phase = .shutDown
            return [.send(Message.response(id: id, result: .null))]
        case "textDocument/codeAction":
            return codeAction(id: id, params: params)
        case "textDocument/hover":
            return hover(id: id, params: params)
        default:
            return [.send(Message.error(id: id, .methodNotFound, "dlint server does not handle \(method)"))]
        }
    }

    mutating func notification(_ method: String, params: JSONValue?) -> [ServerEffect] {
        if method == "exit" { return [.exit(phase == .shutDown ? 0 : 1)] }
        // Before initialize, notifications are dropped; after shutdown, only exit counts.
        guard phase == .running else { return [] }
        switch method {
        case "initialized":
            return capabilities.watchesFilesDynamically ? [.send(registerFileWatchers())] : []
        case "textDocument/didOpen":
            guard let item = params?["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue else {
                return [.log("dlint server: didOpen without textDocument.uri and text")]
            }
            nextGeneration += 1
            documents[uri] = OpenDocument(uri: uri, path: filePath(ofURI: uri), version: item["version"]?.intValue,
                                          document: TextDocument(text), generation: nextGeneration)
            return [lint(uri)]
        case "textDocument/didChange":
            guard let uri = params?["textDocument"]?["uri"]?.stringValue, var open = documents[uri] else {
                return [.log("dlint server: didChange for a document that is not open")]
            }
            for change in params?["contentChanges"]?.arrayValue ?? [] {
                guard let text = change["text"]?.stringValue else { continue }
                if let range = LSPRange(change["range"]) {
                    open.document.replace(open.document.byteRange(of: range), with: text)
                } else {
                    open.document = TextDocument(text)
                }
            }
            open.version = params?["textDocument"]?["version"]?.intValue ?? open.version
            documents[uri] = open
            return [changed(uri)]
        case "textDocument/didSave":
            guard let uri = params?["textDocument"]?["uri"]?.stringValue, var open = documents[uri] else { return [] }
            if let text = params?["text"]?.stringValue { open.document = TextDocument(text) }
            documents[uri] = open
            // Saving can change what the build context holds; lint again.
            return [changed(uri)]
        case "textDocument/didClose":
            guard let uri = params?["textDocument"]?["uri"]?.stringValue, let open = documents.removeValue(forKey: uri) else { return [] }
            return open.waiting.map { .send(Message.response(id: $0.id, result: .null)) }
                + [.send(Message.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []]))]
        case "workspace/didChangeConfiguration":
            if ClientSettings.mentionsDlint(params?["settings"]) { settings = ClientSettings(params?["settings"]) }
            reportedProblems = []
            return [.reloadWorkspace] + documents.keys.sorted().map { changed($0) }
        case "workspace/didChangeWatchedFiles":
            let paths = (params?["changes"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue.flatMap(filePath(ofURI:)) }
            let affected = documents.values.filter { open in paths.contains { Self.affects($0, documentAt: open.path) } }.map(\.uri).sorted()
            guard !affected.isEmpty || paths.contains(where: { Self.isConfigurationOrIgnoreFile($0) }) else { return [] }
            reportedProblems = []
            return [.reloadWorkspace] + affected.map { changed($0) }
        case "$/cancelRequest":
            guard let id = params?["id"] else { return [] }
            var effects: [ServerEffect] = []
            for uri in documents.keys {
                let cancelled = documents[uri]!.waiting.filter { $0.id == id }
                guard !cancelled.isEmpty else { continue }
                documents[uri]!.waiting.removeAll { $0.id == id }
                effects += cancelled.map { .send(Message.error(id: $0.id, .requestCancelled, "cancelled")) }
            }
            return effects
        default:
            // Unknown notifications ($/setTrace, $/progress ...) are ignored, as LSP asks.
            return []
        }
    }

    // MARK: Linting

    /// The document changed (or what it is linted with did): a new generation, whose lint
    /// replaces any older one still pending.
    mutating func changed(_ uri: String) -> ServerEffect {
        nextGeneration += 1
        documents[uri]!.generation = nextGeneration
        documents[uri]!.lint = nil
        return lint(uri)
    }

    func lint(_ uri: String) -> ServerEffect {
        let open = documents[uri]!
        return .lint(LintJob(uri: uri, path: open.path, version: open.version, generation: open.generation, document: open.document, settings: settings))
    }

    /// Whether a job is still worth running: its document is open at the job's generation.
    public func isCurrent(_ job: LintJob) -> Bool {
        documents[job.uri]?.generation == job.generation
    }

    /// A lint finished: publish it if it is of the document's current generation (an older
    /// one is dropped), and answer the requests that waited for it.
    public mutating func lintFinished(_ outcome: LintOutcome) -> [ServerEffect] {
        let uri = outcome.job.uri
        guard var open = documents[uri], open.generation == outcome.job.generation else { return [] }
        open.lint = outcome
        let waiting = open.waiting
        open.waiting = []
        documents[uri] = open
        var effects: [ServerEffect] = []
        for problem in outcome.problems where reportedProblems.insert(problem).inserted {
            effects.append(.send(Message.notification("window/showMessage", ["type": .integer(MessageType.error.rawValue), "message": .string(problem)])))
            effects.append(.log(problem))
        }
        var params: JSONValue = [
            "uri": .string(uri),
            "diagnostics": .array(outcome.result.diagnostics.map { DiagnosticConversion.json($0, in: open.document, links: links) }),
        ]
        if let version = open.version, case .object(var members) = params {
            members["version"] = .integer(version)
            params = .object(members)
        }
        effects.append(.send(Message.notification("textDocument/publishDiagnostics", params)))
        effects += waiting.map { $0.answer(outcome) }
        return effects
    }

    // MARK: Requests on documents

    mutating func codeAction(id: JSONValue, params: JSONValue?) -> [ServerEffect] {
        guard let uri = params?["textDocument"]?["uri"]?.stringValue, let range = LSPRange(params?["range"]) else {
            return [.send(Message.error(id: id, .invalidParams, "codeAction needs textDocument.uri and range"))]
        }
        guard documents[uri] != nil else { return [notOpen(id, uri)] }
        let only = params?["context"]?["only"]?.arrayValue?.compactMap(\.stringValue)
        let versionedEdits = capabilities.versionedEdits
        let links = links
        return whenLinted(uri, id: id) { outcome in
            let request = CodeActionRequest(uri: uri, version: outcome.job.version, document: outcome.job.document, result: outcome.result,
                                            configuration: outcome.configuration, range: range, only: only,
                                            versionedEdits: versionedEdits, links: links)
            return .respond(id: id, work: ResponseWork { linter in request.actions(linter: linter) })
        }
    }

    mutating func hover(id: JSONValue, params: JSONValue?) -> [ServerEffect] {
        guard let uri = params?["textDocument"]?["uri"]?.stringValue, let position = LSPPosition(params?["position"]) else {
            return [.send(Message.error(id: id, .invalidParams, "hover needs textDocument.uri and position"))]
        }
        guard documents[uri] != nil else { return [notOpen(id, uri)] }
        let (catalog, page, links, markdown) = (linter.catalog, page, links, capabilities.markdownHover)
        return whenLinted(uri, id: id) { outcome in
            .send(Message.response(id: id, result: HoverContent.hover(
                at: position, document: outcome.job.document, diagnostics: outcome.result.diagnostics,
                catalog: catalog, page: page, links: links, markdown: markdown)))
        }
    }

    /// Answers at once from the current lint, or once the pending one finishes.
    mutating func whenLinted(_ uri: String, id: JSONValue, _ answer: @escaping @Sendable (LintOutcome) -> ServerEffect) -> [ServerEffect] {
        if let outcome = documents[uri]!.lint { return [answer(outcome)] }
        documents[uri]!.waiting.append((id: id, answer: answer))
        return []
    }

    func notOpen(_ id: JSONValue, _ uri: String) -> ServerEffect {
        .send(Message.error(id: id, .invalidParams, "\(uri) is not open (textDocument/didOpen first)"))
    }

    // MARK: Configuration files

    static func isConfigurationOrIgnoreFile(_ path: String) -> Bool {
        let name = String(path.split(separator: "/").last ?? "")
        return configurationFileNames.contains(name) || name == ".dockerignore" || name.hasSuffix(".dockerignore")
    }

    /// A configuration file reaches documents in its directory and below; `.dockerignore` those
    /// in its directory; `NAME.dockerignore` the Dockerfile `NAME` beside it.
    static func affects(_ changedPath: String, documentAt path: String?) -> Bool {
        guard let path else { return isConfigurationOrIgnoreFile(changedPath) }
        let changed = changedPath.split(separator: "/").map(String.init)
        let document = path.split(separator: "/").map(String.init)
        guard let name = changed.last, !document.isEmpty else { return false }
        let directory = Array(changed.dropLast())
        let documentDirectory = Array(document.dropLast())
        if configurationFileNames.contains(name) { return documentDirectory.starts(with: directory) }
        if name == ".dockerignore" { return documentDirectory == directory }
        if name.hasSuffix(".dockerignore") { return documentDirectory == directory && name == document.last! + ".dockerignore" }
        return false
    }

    mutating func registerFileWatchers() -> JSONValue {
        nextRequestID += 1
        let patterns = ["**/.dlint.yaml", "**/.dlint.yml", "**/.hadolint.yaml", "**/.hadolint.yml", "**/.dockerignore", "**/*.dockerignore"]
        return Message.request(id: .string("dlint-\(nextRequestID)"), "client/registerCapability", [
            "registrations": [[
                "id": "dlint-configuration-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": .array(patterns.map { ["globPattern": .string($0)] })],
            ]],
        ])
    }

    var initializeResult: JSONValue {
        [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "codeActionProvider": ["codeActionKinds": [.string(CodeActionRequest.quickFix), .string(CodeActionRequest.fixAll)]],
                "hoverProvider": true,
            ],
            "serverInfo": ["name": "dlint", "version": .string(version)],
        ]
    }

    /// Open documents, for tests and measurements.
    public var openDocumentCount: Int { documents.count }
}
