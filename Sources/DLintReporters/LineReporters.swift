import DLintCore

/// The GNU error format, one line per finding: `path:line:col: severity: message [CODE]`, as
/// Emacs, Vim's quickfix and most editors' problem matchers read it.
public struct GNUReporter: StreamingReporter {
    public init() {}

    public func makeStream() -> any ReportStream {
        LinesStream { report in
            var output = ""
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.text)
                output += OneLine.text("\(report.path):\(span.start.line):\(span.start.column): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]") + "\n"
            }
            return output
        }
    }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }
}

/// A format of lines that each file's findings make alone: nothing before, nothing after.
final class LinesStream: ReportStream {
    private let lines: (FileReport) -> String

    init(_ lines: @escaping (FileReport) -> String) {
        self.lines = lines
    }

    func add(_ report: FileReport) -> String { lines(report) }

    func finish() -> (beginning: String, end: String) { ("", "") }
}

/// GitHub Actions workflow commands, one per finding, which the runner turns into annotations on
/// the pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
/// Errors are `error`, warnings `warning`, info and style `notice`. `endColumn` is the column of
/// the range's last character.
public struct GitHubReporter: StreamingReporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream {
        LinesStream { report in self.lines(report) }
    }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    func lines(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            let span = Span(diagnostic.range, in: report.text)
            let properties = [
                ("file", ReportPaths.relative(report.path, to: context.sourceRoot) ?? report.path), ("line", String(span.start.line)), ("col", String(span.start.column)),
                ("endLine", String(span.last.line)), ("endColumn", String(span.last.column)),
                ("title", "\(diagnostic.code) \(diagnostic.name)"),
            ].map { "\($0)=\(Self.escapeProperty($1))" }.joined(separator: ",")
            let message = diagnostic.message + "\n" + context.links.rulePage(diagnostic.code)
            // Below the failure threshold a finding is a notice: it does not fail the run.
            let command = report.fails(diagnostic) ? Self.command(diagnostic.severity) : "notice"
            output += "::\(command) \(properties)::\(Self.escapeData(message))\n"
        }
        return output
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info, .style: "notice"
        }
    }

    /// The runner's escaping for a command's message: `%`, CR and LF; other control characters
    /// are shown as pictures so they cannot end or corrupt the command.
    static func escapeData(_ value: String) -> String {
        var output = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output += OneLine.text(String(scalar))
            }
        }
        return output
    }

    /// A property value also escapes `:` and `,`.
    static func escapeProperty(_ value: String) -> String {
        escapeData(value).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}

/// GitLab Code Quality (a subset of the Code Climate spec): an array of issues with a
/// `fingerprint` that stays the same between runs — a SHA-256 of the path, the code, the message,
/// the flagged text and its occurrence, not of line numbers, so unrelated edits keep it.
public struct GitLabReporter: StreamingReporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(context: context) }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    final class Stream: BytesReportStream {
        let context: ReportContext
        private var issues = JSONArrayStream(pretty: true) { $0 }

        init(context: ReportContext) {
            self.context = context
        }

        func add(_ report: FileReport, into output: inout [UInt8]) {
            var occurrences: [String: Int] = [:]
            let path = ReportPaths.relative(report.path, to: context.sourceRoot) ?? report.path
            JSONWriter.append(to: &output, pretty: true, depth: issues.depth, reserving: 640 * report.diagnostics.count) { writer in
                for diagnostic in report.diagnostics {
                    let span = Span(diagnostic.range, in: report.text)
                    let flagged = report.text.source[diagnostic.range.clamped(to: 0..<report.text.source.count)]
                    let key = [report.path, diagnostic.code, diagnostic.message, String(decoding: flagged, as: UTF8.self)].joined(separator: "\u{0}")
                    let occurrence = occurrences[key, default: 0]
                    occurrences[key] = occurrence + 1
                    issues.itemAfterBeginning(&writer)
                    writer.beginObject()
                    writer.key("type"); writer.string("issue")
                    writer.key("check_name"); writer.string(diagnostic.code)
                    writer.key("description"); writer.string(diagnostic.code, " ", diagnostic.message)
                    writer.key("content")
                    writer.beginObject()
                    writer.key("body"); writer.rulePage(diagnostic.code, in: context.links)
                    writer.endObject()
                    writer.key("categories")
                    writer.beginArray()
                    writer.item(); writer.string(diagnostic.severity == .style ? "Style" : "Bug Risk")
                    writer.endArray()
                    // Below the failure threshold a finding is `info`, which fails no merge request.
                    writer.key("severity"); writer.string(report.fails(diagnostic) ? GitLabReporter.severity(diagnostic.severity) : "info")
                    writer.key("fingerprint"); writer.string(SHA256Hasher.hex(SHA256Hasher.digest((key + "\u{0}" + String(occurrence)).utf8)))
                    writer.key("location")
                    writer.beginObject()
                    writer.key("path"); writer.string(path)
                    writer.key("lines")
                    writer.beginObject()
                    writer.key("begin"); writer.integer(span.start.line)
                    writer.key("end"); writer.integer(span.last.line)
                    writer.endObject()
                    writer.endObject()
                    writer.endObject()
                }
            }
        }

        func finish() -> (beginning: String, end: String) { ("", String(decoding: issues.end, as: UTF8.self)) }
    }

    /// Code Quality severities: info, minor, major, critical, blocker.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "critical"
        case .warning: "major"
        case .info: "minor"
        case .style: "info"
        }
    }
}

/// SonarQube's generic issue import format (10.3 and later): the rules that fired, with clean
/// code attribute and impacts, and the issues. Columns here count from 0, as Sonar wants.
public struct SonarQubeReporter: StreamingReporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(context: context) }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    /// The rules that fired come first: the beginning is written last; the issues are streamed.
    final class Stream: BytesReportStream {
        let context: ReportContext
        private var rules: [String: RuleDescriptor] = [:]
        private var issues = JSONArrayStream(pretty: true) { .object([("rules", .array([])), ("issues", $0)]) }

        init(context: ReportContext) {
            self.context = context
        }

        var beginningComesLast: Bool { true }

        func add(_ report: FileReport, into output: inout [UInt8]) {
            let path = ReportPaths.relative(report.path, to: context.sourceRoot) ?? report.path
            JSONWriter.append(to: &output, pretty: true, depth: issues.depth, reserving: 448 * report.diagnostics.count) { writer in
                for diagnostic in report.diagnostics {
                    if rules[diagnostic.code] == nil { rules[diagnostic.code] = context.descriptor(for: diagnostic) }
                    let span = Span(diagnostic.range, in: report.text)
                    issues.item(&writer)
                    writer.beginObject()
                    writer.key("ruleId"); writer.string(diagnostic.code)
                    writer.key("effortMinutes"); writer.integer(5)
                    writer.key("primaryLocation")
                    writer.beginObject()
                    writer.key("message"); writer.string(diagnostic.message)
                    writer.key("filePath"); writer.string(path)
                    writer.key("textRange")
                    writer.beginObject()
                    writer.key("startLine"); writer.integer(span.start.line)
                    writer.key("endLine"); writer.integer(span.end.line)
                    if span.start != span.end {
                        writer.key("startColumn"); writer.integer(span.start.column - 1)
                        writer.key("endColumn"); writer.integer(span.end.column - 1)
                    }
                    writer.endObject()
                    writer.endObject()
                    writer.endObject()
                }
            }
        }

        func finish() -> (beginning: String, end: String) {
            let ruleValues = rules.values.sorted { $0.code < $1.code }.map { SonarQubeReporter.rule($0, context: context) }
            let (beginning, end) = issues.ends { .object([("rules", .array(ruleValues)), ("issues", $0)]) }
            return (String(decoding: beginning, as: UTF8.self), String(decoding: end, as: UTF8.self))
        }
    }

    static func rule(_ descriptor: RuleDescriptor, context: ReportContext) -> JSONValue {
        .object([
            ("id", .string(descriptor.code)),
            ("name", .string("\(descriptor.code) \(descriptor.name)")),
            ("description", .string("\(descriptor.summary). See \(context.links.rulePage(descriptor.code))")),
            ("engineId", .string(context.toolName)),
            ("cleanCodeAttribute", .string("CONVENTIONAL")),
            ("type", .string(descriptor.severity == .error ? "BUG" : "CODE_SMELL")),
            ("severity", .string(Self.severity(descriptor.severity))),
            ("impacts", .array([.object([
                ("softwareQuality", .string(descriptor.severity == .error ? "RELIABILITY" : "MAINTAINABILITY")),
                ("severity", .string(Self.impact(descriptor.severity))),
            ])])),
        ])
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "CRITICAL"
        case .warning: "MAJOR"
        case .info: "MINOR"
        case .style: "INFO"
        }
    }

    static func impact(_ severity: Severity) -> String {
        switch severity {
        case .error: "HIGH"
        case .warning: "MEDIUM"
        case .info, .style: "LOW"
        }
    }
}
