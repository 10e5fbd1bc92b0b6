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
    /// results are written as they come, without the index, and kept (not the files' text); the
    /// indexes go in when they are written out.
    final class Stream: ReportStream {
        let reporter: SARIFReporter
        private var descriptors: [String: RuleDescriptor] = [:]
        private var results: JSONArrayStream
        /// The results' text, each item with its separator.
        private var text: [UInt8] = []
        /// Where in `text` each result's `ruleIndex` value goes, and its rule.
        private var indexPlaces: [(offset: Int, code: String)] = []

        init(reporter: SARIFReporter) {
            self.reporter = reporter
            results = JSONArrayStream(pretty: true) { reporter.document(rules: [], results: $0) }
        }

        func add(_ report: FileReport) -> String {
            for diagnostic in report.diagnostics where descriptors[diagnostic.code] == nil {
                descriptors[diagnostic.code] = reporter.context.descriptor(for: diagnostic)
            }
            JSONWriter.append(to: &text, pretty: true, depth: results.depth, reserving: 1024 * report.diagnostics.count) { writer in
                reporter.writeResults(report, to: &writer) { code, writer in
                    results.item(&writer)
                    writer.beginObject()
                    writer.key("ruleId"); writer.string(code)
                    writer.key("ruleIndex")
                    indexPlaces.append((writer.bytes.count, code))
                }
            }
            return ""
        }

        func finish() -> (beginning: String, end: String) {
            let codes = descriptors.keys.sorted()
            let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
            let rules = codes.map { reporter.rule(descriptors[$0]!) }
            let (head, tail) = results.ends { reporter.document(rules: rules, results: $0) }
            var output = JSONWriter(pretty: true, reservingCapacity: head.count + text.count + 4 * indexPlaces.count + tail.count)
            output.bytes += head
            var written = 0
            for place in indexPlaces {
                output.bytes += text[written..<place.offset]
                output.integer(index[place.code]!)
                written = place.offset
            }
            output.bytes += text[written...]
            output.bytes += tail
            return ("", String(decoding: output.bytes, as: UTF8.self))
        }
    }

    /// A file's results: `begin` writes each one's separator, opening and members up to its
    /// `ruleIndex` key; the rest follows.
    func writeResults(_ report: FileReport, to output: inout JSONWriter, begin: (String, inout JSONWriter) -> Void) {
        let location = artifactLocation(report.path)
        for diagnostic in report.diagnostics {
            begin(diagnostic.code, &output)
            // Below the failure threshold a finding is a `note`, which fails no check;
            // its own severity stays in the properties.
            output.key("level"); output.string(report.fails(diagnostic) ? Self.level(diagnostic.severity) : "note")
            output.key("message")
            output.beginObject()
            output.key("text"); output.string(diagnostic.message)
            output.endObject()
            output.key("locations")
            output.beginArray()
            output.item()
            output.beginObject()
            output.key("physicalLocation")
            output.beginObject()
            output.key("artifactLocation"); location.write(to: &output)
            output.key("region"); writeRegion(diagnostic.range, in: report.text, to: &output)
            output.endObject()
            output.endObject()
            output.endArray()
            // A fix that only creates a file (a .dockerignore) has no replacement in this artifact.
            if let fix = diagnostic.fix, !fix.edits.isEmpty {
                output.key("fixes")
                output.beginArray()
                output.item()
                output.beginObject()
                output.key("description")
                output.beginObject()
                output.key("text"); output.string(fix.title)
                output.endObject()
                output.key("artifactChanges")
                output.beginArray()
                output.item()
                output.beginObject()
                output.key("artifactLocation"); location.write(to: &output)
                output.key("replacements")
                output.beginArray()
                for edit in fix.edits {
                    output.item()
                    output.beginObject()
                    output.key("deletedRegion"); writeRegion(edit.range, in: report.text, to: &output)
                    output.key("insertedContent")
                    output.beginObject()
                    output.key("text"); output.string(edit.replacement)
                    output.endObject()
                    output.endObject()
                }
                output.endArray()
                output.endObject()
                output.endArray()
                output.key("properties")
                output.beginObject()
                output.key("applicability"); output.string(fix.applicability.rawValue)
                output.endObject()
                output.endObject()
                output.endArray()
            }
            output.key("properties")
            output.beginObject()
            output.key("severity"); output.string(diagnostic.severity.rawValue)
            output.key("belowFailureThreshold"); output.boolean(!report.fails(diagnostic))
            output.endObject()
            output.endObject()
        }
    }

    func document(rules: [JSONValue], results: JSONValue) -> JSONValue {
        .object([
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
                ("results", results),
            ])])),
        ])
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

    private func writeRegion(_ range: Range<Int>, in tree: ReportText, to output: inout JSONWriter) {
        let span = Span(range, in: tree)
        output.beginObject()
        output.key("startLine"); output.integer(span.start.line)
        output.key("startColumn"); output.integer(span.start.column)
        output.key("endLine"); output.integer(span.end.line)
        output.key("endColumn"); output.integer(span.end.column)
        output.endObject()
    }

    /// A relative URI under `%SRCROOT%`; an absolute path outside the source root becomes a `file:` URI.
    private func artifactLocation(_ path: String) -> JSONValue {
        if let relative = ReportPaths.relative(path, to: context.sourceRoot) {
            return .object([("uri", .string(ReportPaths.uriEncoded(relative))), ("uriBaseId", .string(Self.sourceRootBase))])
        }
        // A relative path that leaves the source root (`../x/Dockerfile`) is made absolute.
        var absolute = path
        if !path.hasBytePrefix("/"), let root = context.sourceRoot { absolute = PathText.cleanedRelative(root + "/" + path) }
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
        if path.hasPrefix("../") || path == "..", let root, root.hasBytePrefix("/") { path = PathText.cleanedRelative(root + "/" + path) }
        if path.hasPrefix("../") || path == ".." { return nil }
        if path.hasBytePrefix("/") {
            guard let root, !root.isEmpty else { return nil }
            let prefix = root.hasByteSuffix("/") ? root : root + "/"
            guard path.hasPrefix(prefix) else { return nil }
            path = String(path.dropFirst(prefix.count))
        }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        return path
    }

    /// Percent-encodes every byte that is not unreserved (RFC 3986) or a path separator. A path in
    /// the carried form of `EscapedBytes` gives each byte that is not UTF-8 as itself (`%E9`).
    static func uriEncoded(_ path: String) -> String {
        var output = ""
        for byte in EscapedBytes.bytes(of: path) {
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
