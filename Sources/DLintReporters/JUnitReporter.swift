import DLintCore

/// JUnit XML, as Jenkins, GitLab and the common JUnit viewers read it: one `<testsuite>` per
/// linted file, one `<testcase>` per finding (a passing one for a clean file). Syntax errors are
/// `<error>`s, every other finding at or above the failure threshold a `<failure>`. A finding
/// below the threshold does not fail the run, so its testcase passes: the finding stays visible in
/// the testcase's `<system-out>` (the schema Jenkins validates allows no properties on a testcase),
/// which names its severity and says that it is below the threshold. Written with libxml2's `xmlTextWriter`.
public struct JUnitReporter: StreamingReporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(context: context) }

    /// One linted file as the report needs it: the findings and where they start, not the text.
    struct Suite {
        let path: String
        let cases: [(diagnostic: Diagnostic, start: SourceLocation, fails: Bool)]
        let errors: Int
        let failures: Int
    }

    /// The totals open the document: the suites are kept (without the files' text) and written at the end.
    final class Stream: ReportStream {
        let context: ReportContext
        private var suites: [Suite] = []

        init(context: ReportContext) {
            self.context = context
        }

        func add(_ report: FileReport) -> String {
            let count = JUnitReporter.counts(report)
            suites.append(Suite(
                path: report.path,
                cases: report.diagnostics.map { ($0, report.text.location(of: $0.range.lowerBound), report.fails($0)) },
                errors: count.errors, failures: count.failures
            ))
            return ""
        }

        func finish() throws -> (beginning: String, end: String) {
            ("", try JUnitReporter.document(suites, context: context))
        }
    }

    static func document(_ suites: [Suite], context: ReportContext) throws -> String {
        let writer = try XMLWriter()
        try writer.startDocument()
        try writer.startElement("testsuites")
        try writer.attribute("name", context.toolName)
        try writer.attribute("tests", suites.reduce(0) { $0 + max(1, $1.cases.count) })
        try writer.attribute("failures", suites.reduce(0) { $0 + $1.failures })
        try writer.attribute("errors", suites.reduce(0) { $0 + $1.errors })
        try writer.attribute("time", "0")
        for suite in suites {
            try writer.startElement("testsuite")
            try writer.attribute("name", suite.path)
            try writer.attribute("tests", max(1, suite.cases.count))
            try writer.attribute("failures", suite.failures)
            try writer.attribute("errors", suite.errors)
            try writer.attribute("skipped", 0)
            try writer.attribute("time", "0")
            if suite.cases.isEmpty {
                try writer.startElement("testcase")
                try writer.attribute("classname", suite.path)
                try writer.attribute("name", "\(context.toolName): no problems")
                try writer.attribute("time", "0")
                try writer.endElement()
            }
            for (diagnostic, start, failsThreshold) in suite.cases {
                try writer.startElement("testcase")
                try writer.attribute("classname", suite.path)
                try writer.attribute("name", "\(diagnostic.code) \(start.line):\(start.column)")
                try writer.attribute("time", "0")
                let fails = Self.isError(diagnostic) || failsThreshold
                if fails {
                    try writer.startElement(Self.isError(diagnostic) ? "error" : "failure")
                    try writer.attribute("message", diagnostic.message)
                    try writer.attribute("type", diagnostic.severity.rawValue)
                } else {
                    try writer.startElement("system-out")
                }
                var text = "\(suite.path):\(start.line):\(start.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
                text += "Rule: \(diagnostic.code) \(diagnostic.name)\n"
                if !fails { text += "Below the failure threshold: reported, not failed.\n" }
                if let fix = diagnostic.fix { text += "Fix (\(fix.applicability.rawValue)): \(fix.title)\n" }
                text += "See \(context.links.rulePage(diagnostic.code))"
                try writer.text(text)
                try writer.endElement()
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// A syntax error is a JUnit `<error>` whatever the threshold: BuildKit would not build the file.
    static func isError(_ diagnostic: Diagnostic) -> Bool { Severity.isSyntaxError(diagnostic) }

    /// A file's `<error>`s and `<failure>`s.
    static func counts(_ report: FileReport) -> (errors: Int, failures: Int) {
        let errors = report.diagnostics.filter(isError).count
        let failures = report.diagnostics.filter { !isError($0) && report.fails($0) }.count
        return (errors, failures)
    }
}

/// Checkstyle XML (`<checkstyle><file><error/></file></checkstyle>`), read by Jenkins' Warnings
/// plugin, reviewdog and many editors. Every linted file is listed, clean ones too.
public struct CheckstyleReporter: StreamingReporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func makeStream() -> any ReportStream { Stream(context: context) }

    /// One writer for the whole document, its buffer handed out after each file.
    final class Stream: ReportStream {
        let context: ReportContext
        private var writer: XMLWriter?

        init(context: ReportContext) {
            self.context = context
        }

        private func started() throws -> XMLWriter {
            if let writer { return writer }
            let writer = try XMLWriter()
            try writer.startDocument()
            try writer.startElement("checkstyle")
            try writer.attribute("version", "4.3")
            self.writer = writer
            return writer
        }

        func add(_ report: FileReport) throws -> String {
            let writer = try started()
            try writer.startElement("file")
            try writer.attribute("name", report.path)
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.text)
                try writer.startElement("error")
                try writer.attribute("line", span.start.line)
                try writer.attribute("column", span.start.column)
                try writer.attribute("severity", CheckstyleReporter.severity(diagnostic.severity))
                try writer.attribute("message", diagnostic.message)
                try writer.attribute("source", "\(context.toolName).\(diagnostic.code)")
                try writer.endElement()
            }
            try writer.endElement()
            return try writer.drain()
        }

        func finish() throws -> (beginning: String, end: String) {
            let writer = try started()
            try writer.endElement()
            return ("", try writer.finish())
        }
    }

    /// Checkstyle knows error, warning, info and ignore.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info, .style: "info"
        }
    }
}
