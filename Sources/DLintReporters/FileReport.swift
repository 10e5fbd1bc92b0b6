import DLintCore

/// The text a report's positions refer to: a Dockerfile's, or a Compose or Bake file's.
public struct ReportText: Sendable {
    public let source: [UInt8]
    public let lineTable: LineTable

    public init(source: [UInt8]) {
        self.source = source
        self.lineTable = LineTable(source)
    }

    public init(_ tree: SyntaxTree) {
        self.source = tree.source
        self.lineTable = tree.lineTable
    }

    public func location(of offset: Int) -> SourceLocation {
        lineTable.location(of: offset)
    }
}

/// What a reporter needs about one linted file.
public struct FileReport: Sendable {
    /// The path as shown to the user.
    public let path: String
    /// The file's text, for positions and code frames.
    public let text: ReportText
    public let diagnostics: [Diagnostic]
    /// The threshold in force for this file: findings below it do not fail the run, so CI
    /// formats must not show them as failures either (JUnit `<failure>`, SARIF `error`, …).
    public let failureThreshold: FailureThreshold

    public init(path: String, tree: SyntaxTree, diagnostics: [Diagnostic], failureThreshold: FailureThreshold = .default) {
        self.init(path: path, text: ReportText(tree), diagnostics: diagnostics, failureThreshold: failureThreshold)
    }

    /// A report on a file that is not a Dockerfile (a Compose or Bake file).
    public init(path: String, text: ReportText, diagnostics: [Diagnostic], failureThreshold: FailureThreshold = .default) {
        self.path = path
        self.text = text
        self.diagnostics = diagnostics
        self.failureThreshold = failureThreshold
    }

    /// Whether `diagnostic` fails the run (it is at or above the file's threshold).
    public func fails(_ diagnostic: Diagnostic) -> Bool {
        failureThreshold.fails(diagnostic.severity)
    }
}
