import DLintCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the editor's settings say (`initializationOptions`, or `settings.dlint` of
/// `workspace/didChangeConfiguration`), applied over the configuration files.
public struct ClientSettings: Sendable, Hashable {
    /// A configuration file to use instead of searching for one (`"config"`).
    public var configurationPath: String?
    /// Rules not to report (`"ignore": ["DL3008"]`).
    public var ignore: [String] = []
    /// Severities (`"severity": {"DL3008": "error", "DL3059": "off"}`).
    public var severity: [String: String] = [:]

    public init() {}

    /// Reads the settings object (`{"dlint": {...}}` or the inner object); keys it does not
    /// know are passed over.
    public init(_ json: JSONValue?) {
        let settings = json?["dlint"] ?? json
        configurationPath = settings?["config"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        ignore = settings?["ignore"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for (code, level) in settings?["severity"]?.objectValue ?? [:] {
            if let level = level.stringValue { severity[code] = level }
        }
    }

    /// Whether a `workspace/didChangeConfiguration` payload holds dlint's settings at all (some
    /// clients send `null` or only other servers' sections; those keep the settings in force).
    static func mentionsDlint(_ json: JSONValue?) -> Bool {
        if json?["dlint"] != nil { return true }
        return ["config", "ignore", "severity"].contains { json?[$0] != nil }
    }

    /// The overrides as a configuration, and a sentence for each setting that names nothing.
    func overrides(_ catalog: RuleCatalog) -> (Configuration, [String]) {
        var configuration = Configuration()
        var problems: [String] = []
        for spelling in ignore {
            let codes = catalog.codes(for: spelling)
            if codes.isEmpty, !catalog.isForeignCode(spelling) { problems.append("dlint settings: unknown rule '\(spelling)' in \"ignore\"") }
            configuration.ignored.formUnion(codes)
        }
        for (spelling, level) in severity.sorted(by: { $0.key < $1.key }) {
            let codes = catalog.codes(for: spelling)
            if codes.isEmpty {
                if !catalog.isForeignCode(spelling) { problems.append("dlint settings: unknown rule '\(spelling)' in \"severity\"") }
            } else if ["off", "ignore", "none"].contains(level.lowercased()) {
                configuration.ignored.formUnion(codes)
            } else if let severity = Severity(rawValue: level.lowercased()) {
                for code in codes { configuration.severities[code] = severity }
            } else {
                problems.append("dlint settings: unknown severity '\(level)' for \(spelling) (expected error, warning, info, style or off)")
            }
        }
        return (configuration, problems)
    }
}

/// Where the server gets what lies outside the document: the configuration files and the build
/// context's `.dockerignore`. The `dlint` command reads them from disk; tests give values.
public protocol ServerWorkspace: Sendable {
    /// The configuration for the document at `path` (nil for a document that is not a file),
    /// with its build context's ignore file set, or the reason it cannot be had.
    func configuration(forDocumentAt path: String?, explicitPath: String?) -> Result<Configuration, WorkspaceProblem>
    /// Forget what was read: a configuration or ignore file changed.
    func reload()
}

public struct WorkspaceProblem: Error, Sendable, Hashable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A workspace without files: the default configuration for every document.
public struct DefaultWorkspace: ServerWorkspace {
    public var configuration: Configuration
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }
    public func configuration(forDocumentAt path: String?, explicitPath: String?) -> Result<Configuration, WorkspaceProblem> { .success(configuration) }
    public func reload() {}
}

/// One lint of one version of a document, to run off the thread that reads messages.
public struct LintJob: Sendable {
    public let uri: String
    public let path: String?
    public let version: Int?
    /// Increases with every change of the document; a job whose generation is no longer the
    /// document's is stale and need not run.
    public let generation: Int
    public let document: TextDocument
    let settings: ClientSettings

    public func run(linter: Linter, workspace: any ServerWorkspace) -> LintOutcome {
        let (overrides, settingsProblems) = settings.overrides(linter.catalog)
        var problems = settingsProblems
        var base = Configuration()
        switch workspace.configuration(forDocumentAt: path, explicitPath: settings.configurationPath) {
        case .success(let configuration): base = configuration
        case .failure(let problem): problems.append(problem.message)
        }
        let configuration = base.overlaid(with: overrides)
        let result = linter.lint(document.bytes, configuration: configuration)
        return LintOutcome(job: self, result: result, configuration: configuration, problems: problems)
    }
}

public struct LintOutcome: Sendable {
    public let job: LintJob
    public let result: LintResult
    public let configuration: Configuration
    /// Configuration problems to tell the user about (the document was linted without them).
    public let problems: [String]
}

/// The path of a `file:` URI, percent-decoded; nil for other schemes (`untitled:` ...). The
/// decoded bytes need not be UTF-8 (`file:///caf%E9/Dockerfile` names a Latin-1 directory): they
/// come back in the carried form of `EscapedBytes`, as the command holds every path.
func filePath(ofURI uri: String) -> String? {
    // A file on another host, or a NUL byte (which would cut the path short at `open`), names no
    // file this server can read.
    guard let url = URL(string: uri), url.isFileURL, url.host.map({ $0.isEmpty || $0 == "localhost" }) ?? true else { return nil }
    let bytes = percentDecoded(url.path(percentEncoded: true))
    guard !bytes.contains(0) else { return nil }
    let path = EscapedBytes.string(of: bytes)
    return path.isEmpty ? nil : path
}

/// The bytes `%HH` escapes stand for; a `%` not followed by two hex digits stays as it is.
func percentDecoded(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
           let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
            decoded.append(high << 4 | low)
            index += 3
        } else {
            decoded.append(bytes[index])
            index += 1
        }
    }
    return decoded
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
