import DLintCore

/// JUnit XML, as Jenkins, GitLab and the common JUnit viewers read it: one `<testsuite>` per
/// linted file, one `<testcase>` per finding (a passing one for a clean file). Syntax errors are
/// `<error>`s, every other finding a `<failure>`. Written with libxml2's `xmlTextWriter`.
public struct JUnitReporter: Reporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ reports: [FileReport]) throws -> String {
        let writer = try XMLWriter()
        try writer.startDocument()
        let all = reports.flatMap(\.diagnostics)
        let errors = all.filter(Severity.isSyntaxError).count
        try writer.startElement("testsuites")
        try writer.attribute("name", context.toolName)
        try writer.attribute("tests", reports.reduce(0) { $0 + max(1, $1.diagnostics.count) })
        try writer.attribute("failures", all.count - errors)
        try writer.attribute("errors", errors)
        try writer.attribute("time", "0")
        for report in reports {
            let fileErrors = report.diagnostics.filter(Severity.isSyntaxError).count
            try writer.startElement("testsuite")
            try writer.attribute("name", report.path)
            try writer.attribute("tests", max(1, report.diagnostics.count))
            try writer.attribute("failures", report.diagnostics.count - fileErrors)
            try writer.attribute("errors", fileErrors)
            try writer.attribute("skipped", 0)
            try writer.attribute("time", "0")
            if report.diagnostics.isEmpty {
                try writer.startElement("testcase")
                try writer.attribute("classname", report.path)
                try writer.attribute("name", "\(context.toolName): no problems")
                try writer.attribute("time", "0")
                try writer.endElement()
            }
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.tree)
                try writer.startElement("testcase")
                try writer.attribute("classname", report.path)
                try writer.attribute("name", "\(diagnostic.code) \(span.start.line):\(span.start.column)")
                try writer.attribute("time", "0")
                try writer.startElement(Severity.isSyntaxError(diagnostic) ? "error" : "failure")
                try writer.attribute("message", diagnostic.message)
                try writer.attribute("type", diagnostic.severity.rawValue)
                var text = "\(report.path):\(span.start.line):\(span.start.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
                text += "Rule: \(diagnostic.code) \(diagnostic.name)\n"
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
}

/// Checkstyle XML (`<checkstyle><file><error/></file></checkstyle>`), read by Jenkins' Warnings
/// plugin, reviewdog and many editors. Every linted file is listed, clean ones too.
public struct CheckstyleReporter: Reporter {
    public let context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ reports: [FileReport]) throws -> String {
        let writer = try XMLWriter()
        try writer.startDocument()
        try writer.startElement("checkstyle")
        try writer.attribute("version", "4.3")
        for report in reports {
            try writer.startElement("file")
            try writer.attribute("name", report.path)
            for diagnostic in report.diagnostics {
                let span = Span(diagnostic.range, in: report.tree)
                try writer.startElement("error")
                try writer.attribute("line", span.start.line)
                try writer.attribute("column", span.start.column)
                try writer.attribute("severity", Self.severity(diagnostic.severity))
                try writer.attribute("message", diagnostic.message)
                try writer.attribute("source", "\(context.toolName).\(diagnostic.code)")
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        return try writer.finish()
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
