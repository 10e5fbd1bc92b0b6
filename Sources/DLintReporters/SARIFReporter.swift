import DLintCore

/// SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, SonarQube...):
/// one run, the driver's rules (those the results refer to), and each finding with its rule's
/// index, a relative location under `%SRCROOT%` and, when it has one, its fix.
public struct SARIFReporter: StreamingReporter {
    public let context: ReportContext
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let sourceRootBase = "%SRCROOT%"

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(reporter: self) }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    /// Each result names its rule's index among the rules that fired, known only at the end: the
    /// results are kept (their positions worked out, without the files' text) and written then.
    final class Stream: ReportStream {
        let reporter: SARIFReporter
        private var results: [(code: String, members: [(String, JSONValue)])] = []
        private var descriptors: [String: RuleDescriptor] = [:]

        init(reporter: SARIFReporter) {
            self.reporter = reporter
        }

        func add(_ report: FileReport) -> String {
            for diagnostic in report.diagnostics where descriptors[diagnostic.code] == nil {
                descriptors[diagnostic.code] = reporter.context.descriptor(for: diagnostic)
            }
            results += reporter.results(report)
            return ""
        }

        func finish() -> (beginning: String, end: String) {
            let codes = descriptors.keys.sorted()
            let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
            let values = results.map { result -> JSONValue in
                var members = result.members
                members.insert(("ruleIndex", .integer(index[result.code]!)), at: 1)
                return .object(members)
            }
            return ("", reporter.document(rules: codes.map { reporter.rule(descriptors[$0]!) }, results: values))
        }
    }

    /// A file's results, each without its `ruleIndex` (the second member).
    func results(_ report: FileReport) -> [(code: String, members: [(String, JSONValue)])] {
        var results: [(code: String, members: [(String, JSONValue)])] = []
        let location = artifactLocation(report.path)
        for diagnostic in report.diagnostics {
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.code)),
                // Below the failure threshold a finding is a `note`, which fails no check;
                // its own severity stays in the properties.
                ("level", .string(report.fails(diagnostic) ? Self.level(diagnostic.severity) : "note")),
                ("message", .object([("text", .string(diagnostic.message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", location),
                        ("region", region(diagnostic.range, in: report.text)),
                    ])),
                ])])),
            ]
            // A fix that only creates a file (a .dockerignore) has no replacement in this artifact.
            if let fix = diagnostic.fix, !fix.edits.isEmpty {
                members.append(("fixes", .array([.object([
                    ("description", .object([("text", .string(fix.title))])),
                    ("artifactChanges", .array([.object([
                        ("artifactLocation", location),
                        ("replacements", .array(fix.edits.map { edit in
                            .object([
                                ("deletedRegion", region(edit.range, in: report.text)),
                                ("insertedContent", .object([("text", .string(edit.replacement))])),
                            ])
                        })),
                    ])])),
                    ("properties", .object([("applicability", .string(fix.applicability.rawValue))])),
                ])])))
            }
            members.append(("properties", .object([
                ("severity", .string(diagnostic.severity.rawValue)),
                ("belowFailureThreshold", .boolean(!report.fails(diagnostic))),
            ])))
            results.append((diagnostic.code, members))
        }
        return results
    }

    func document(rules: [JSONValue], results: [JSONValue]) -> String {
        let document = JSONValue.object([
            ("$schema", .string(Self.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string(context.toolName)),
                    ("version", .string(context.toolVersion)),
                    ("semanticVersion", .string(context.toolVersion)),
                    ("informationUri", .string(context.links.homepage)),
                    ("rules", .array(rules)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return document.rendered(pretty: true)
    }

    func rule(_ descriptor: RuleDescriptor) -> JSONValue {
        var full = descriptor.summary + "."
        if !descriptor.aliases.isEmpty { full += " Also known as " + descriptor.aliases.joined(separator: ", ") + "." }
        return .object([
            ("id", .string(descriptor.code)),
            ("name", .string(descriptor.name)),
            ("shortDescription", .object([("text", .string(descriptor.summary))])),
            ("fullDescription", .object([("text", .string(full))])),
            ("helpUri", .string(context.links.rulePage(descriptor.code))),
            ("defaultConfiguration", .object([("level", .string(Self.level(descriptor.severity)))])),
            ("properties", .object([("fixable", .boolean(descriptor.fixable))])),
        ])
    }

    private func region(_ range: Range<Int>, in tree: ReportText) -> JSONValue {
        let span = Span(range, in: tree)
        return .object([
            ("startLine", .integer(span.start.line)),
            ("startColumn", .integer(span.start.column)),
            ("endLine", .integer(span.end.line)),
            ("endColumn", .integer(span.end.column)),
        ])
    }

    /// A relative URI under `%SRCROOT%`; an absolute path outside the source root becomes a `file:` URI.
    private func artifactLocation(_ path: String) -> JSONValue {
        if let relative = ReportPaths.relative(path, to: context.sourceRoot) {
            return .object([("uri", .string(ReportPaths.uriEncoded(relative))), ("uriBaseId", .string(Self.sourceRootBase))])
        }
        // A relative path that leaves the source root (`../x/Dockerfile`) is made absolute.
        var absolute = path
        if !path.hasPrefix("/"), let root = context.sourceRoot { absolute = PathText.cleanedRelative(root + "/" + path) }
        return .object([("uri", .string("file://" + ReportPaths.uriEncoded(absolute)))])
    }

    /// SARIF levels: error, warning, note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info, .style: "note"
        }
    }
}

/// Paths as formats that want relative paths or URIs need them.
enum ReportPaths {
    /// `path` relative to `root`, without a leading `./`; nil for an absolute path outside `root`.
    static func relative(_ path: String, to root: String?) -> String? {
        var path = PathText.cleanedRelative(path)
        // `../d2/Dockerfile` may lead back below the root: decide on the absolute path.
        if path.hasPrefix("../") || path == "..", let root, root.hasPrefix("/") { path = PathText.cleanedRelative(root + "/" + path) }
        if path.hasPrefix("../") || path == ".." { return nil }
        if path.hasPrefix("/") {
            guard let root, !root.isEmpty else { return nil }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            guard path.hasPrefix(prefix) else { return nil }
            path = String(path.dropFirst(prefix.count))
        }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        return path
    }

    /// Percent-encodes every byte that is not unreserved (RFC 3986) or a path separator.
    static func uriEncoded(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
