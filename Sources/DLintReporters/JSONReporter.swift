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
    final class Stream: BytesReportStream {
        let context: ReportContext
        private var files: [JSONValue] = []
        private var diagnostics: JSONArrayStream

        init(context: ReportContext) {
            self.context = context
            diagnostics = JSONArrayStream(pretty: true) { Self.document(context, files: [], diagnostics: $0) }
        }

        var beginningComesLast: Bool { true }

        func add(_ report: FileReport, into output: inout [UInt8]) {
            files.append(.string(report.path))
            JSONWriter.append(to: &output, pretty: true, depth: diagnostics.depth, reserving: 768 * report.diagnostics.count) { writer in
                for diagnostic in report.diagnostics {
                    diagnostics.item(&writer)
                    JSONReporter.write(diagnostic, in: report, context: context, to: &writer)
                }
            }
        }

        func finish() -> (beginning: String, end: String) {
            let (beginning, end) = diagnostics.ends { Self.document(context, files: files, diagnostics: $0) }
            return (String(decoding: beginning, as: UTF8.self), String(decoding: end, as: UTF8.self))
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

    /// A range's line, column, end line, end column and byte offsets, as a finding and an edit
    /// both give them.
    static func writePosition(of range: Range<Int>, in report: FileReport, to output: inout JSONWriter) {
        let span = Span(range, in: report.text)
        output.key("line"); output.integer(span.start.line)
        output.key("column"); output.integer(span.start.column)
        output.key("endLine"); output.integer(span.end.line)
        output.key("endColumn"); output.integer(span.end.column)
        output.key("offset"); output.integer(range.lowerBound)
        output.key("endOffset"); output.integer(range.upperBound)
    }

    /// One finding's object, written where `output` stands.
    static func write(_ diagnostic: Diagnostic, in report: FileReport, context: ReportContext, to output: inout JSONWriter) {
        output.beginObject()
        output.key("file"); output.string(report.path)
        writePosition(of: diagnostic.range, in: report, to: &output)
        output.key("code"); output.string(diagnostic.code)
        output.key("name"); output.string(diagnostic.name)
        output.key("severity"); output.string(diagnostic.severity.rawValue)
        output.key("message"); output.string(diagnostic.message)
        output.key("url"); output.rulePage(diagnostic.code, in: context.links)
        output.key("fix")
        if let fix = diagnostic.fix {
            output.beginObject()
            output.key("title"); output.string(fix.title)
            output.key("applicability"); output.string(fix.applicability.rawValue)
            output.key("edits")
            output.beginArray()
            for edit in fix.edits {
                output.item()
                output.beginObject()
                writePosition(of: edit.range, in: report, to: &output)
                output.key("replacement"); output.string(edit.replacement)
                output.endObject()
            }
            output.endArray()
            output.endObject()
        } else {
            output.null()
        }
        output.endObject()
    }
}

/// hadolint's `--format json`, field for field: an array of
/// `{file, line, column, level, code, message}`, on one line.
public struct HadolintJSONReporter: StreamingReporter {
    public init() {}

    public func makeStream() -> any ReportStream { Stream() }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    final class Stream: BytesReportStream {
        private var items = JSONArrayStream(pretty: false) { $0 }

        func add(_ report: FileReport, into output: inout [UInt8]) {
            JSONWriter.append(to: &output, pretty: false, depth: 0, reserving: 192 * report.diagnostics.count) { writer in
                for diagnostic in report.diagnostics {
                    let span = Span(diagnostic.range, in: report.text)
                    items.itemAfterBeginning(&writer)
                    writer.beginObject()
                    writer.key("file"); writer.string(report.path)
                    writer.key("line"); writer.integer(span.start.line)
                    writer.key("column"); writer.integer(span.start.column)
                    writer.key("level"); writer.string(diagnostic.severity.rawValue)
                    writer.key("code"); writer.string(diagnostic.code)
                    writer.key("message"); writer.string(diagnostic.message)
                    writer.endObject()
                }
            }
        }

        func finish() -> (beginning: String, end: String) {
            ("", String(decoding: items.end, as: UTF8.self) + "\n")
        }
    }
}
