import DLintCore

/// dlint's own JSON format, versioned by `schemaVersion` (see the README's "JSON report"). Lines
/// and columns count from 1, columns in Unicode code points; `endLine`/`endColumn` is the position
/// just after the range; offsets are byte offsets into the file.
public struct JSONReporter: StreamingReporter {
    public static let schemaVersion = 1
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(context: context) }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    /// The list of files comes before the findings, so the beginning is written last; the
    /// findings are streamed.
    final class Stream: ReportStream {
        let context: ReportContext
        private var files: [JSONValue] = []
        private var diagnostics: JSONArrayStream

        init(context: ReportContext) {
            self.context = context
            diagnostics = JSONArrayStream(pretty: true) { Self.document(context, files: [], diagnostics: $0) }
        }

        var beginningComesLast: Bool { true }

        func add(_ report: FileReport) -> String {
            files.append(.string(report.path))
            var output = ""
            for diagnostic in report.diagnostics {
                output += diagnostics.item(JSONReporter.item(diagnostic, in: report, context: context))
            }
            return output
        }

        func finish() -> (beginning: String, end: String) {
            diagnostics.ends { Self.document(context, files: files, diagnostics: $0) }
        }

        static func document(_ context: ReportContext, files: [JSONValue], diagnostics: JSONValue) -> JSONValue {
            .object([
                ("schemaVersion", .integer(JSONReporter.schemaVersion)),
                ("tool", .object([("name", .string(context.toolName)), ("version", .string(context.toolVersion))])),
                ("files", .array(files)),
                ("diagnostics", diagnostics),
            ])
        }
    }

    static func item(_ diagnostic: Diagnostic, in report: FileReport, context: ReportContext) -> JSONValue {
        let span = Span(diagnostic.range, in: report.text)
        var fix = JSONValue.null
        if let value = diagnostic.fix {
            fix = .object([
                ("title", .string(value.title)),
                ("applicability", .string(value.applicability.rawValue)),
                ("edits", .array(value.edits.map { edit in
                    let editSpan = Span(edit.range, in: report.text)
                    return .object([
                        ("line", .integer(editSpan.start.line)),
                        ("column", .integer(editSpan.start.column)),
                        ("endLine", .integer(editSpan.end.line)),
                        ("endColumn", .integer(editSpan.end.column)),
                        ("offset", .integer(edit.range.lowerBound)),
                        ("endOffset", .integer(edit.range.upperBound)),
                        ("replacement", .string(edit.replacement)),
                    ])
                })),
            ])
        }
        return .object([
            ("file", .string(report.path)),
            ("line", .integer(span.start.line)),
            ("column", .integer(span.start.column)),
            ("endLine", .integer(span.end.line)),
            ("endColumn", .integer(span.end.column)),
            ("offset", .integer(diagnostic.range.lowerBound)),
            ("endOffset", .integer(diagnostic.range.upperBound)),
            ("code", .string(diagnostic.code)),
            ("name", .string(diagnostic.name)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("url", .string(context.links.rulePage(diagnostic.code))),
            ("fix", fix),
        ])
    }
}

/// hadolint's `--format json`, field for field: an array of
/// `{file, line, column, level, code, message}`, on one line.
public struct HadolintJSONReporter: StreamingReporter {
    public init() {}

    public func makeStream() -> any ReportStream { Stream() }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    final class Stream: ReportStream {
        private var items = JSONArrayStream(pretty: false) { $0 }

        func add(_ report: FileReport) -> String {
            var output = ""
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.text)
                output += items.itemAfterBeginning(.object([
                    ("file", .string(report.path)),
                    ("line", .integer(span.start.line)),
                    ("column", .integer(span.start.column)),
                    ("level", .string(diagnostic.severity.rawValue)),
                    ("code", .string(diagnostic.code)),
                    ("message", .string(diagnostic.message)),
                ]))
            }
            return output
        }

        func finish() -> (beginning: String, end: String) {
            ("", items.end + "\n")
        }
    }
}
