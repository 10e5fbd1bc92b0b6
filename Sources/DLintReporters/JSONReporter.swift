import DLintCore

/// dlint's own JSON format, versioned by `schemaVersion` (see the README's "JSON report"). Lines
/// and columns count from 1, columns in Unicode code points; `endLine`/`endColumn` is the position
/// just after the range; offsets are byte offsets into the file.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ reports: [FileReport]) -> String {
        var diagnostics: [JSONValue] = []
        for report in reports {
            for diagnostic in report.diagnostics {
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
                diagnostics.append(.object([
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
                ]))
            }
        }
        return JSONValue.object([
            ("schemaVersion", .integer(Self.schemaVersion)),
            ("tool", .object([("name", .string(context.toolName)), ("version", .string(context.toolVersion))])),
            ("files", .array(reports.map { .string($0.path) })),
            ("diagnostics", .array(diagnostics)),
        ]).rendered(pretty: true)
    }
}

/// hadolint's `--format json`, field for field: an array of
/// `{file, line, column, level, code, message}`, on one line.
public struct HadolintJSONReporter: Reporter {
    public init() {}

    public func render(_ reports: [FileReport]) -> String {
        var items: [JSONValue] = []
        for report in reports {
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.text)
                items.append(.object([
                    ("file", .string(report.path)),
                    ("line", .integer(span.start.line)),
                    ("column", .integer(span.start.column)),
                    ("level", .string(diagnostic.severity.rawValue)),
                    ("code", .string(diagnostic.code)),
                    ("message", .string(diagnostic.message)),
                ]))
            }
        }
        return JSONValue.array(items).rendered(pretty: false) + "\n"
    }
}
