import DLintCore

/// What a reporter needs about one linted file.
public struct FileReport: Sendable {
    /// The path as shown to the user.
    public let path: String
    public let tree: SyntaxTree
    public let diagnostics: [Diagnostic]
    /// The threshold in force for this file: findings below it do not fail the run, so CI
    /// formats must not show them as failures either (JUnit `<failure>`, SARIF `error`, …).
    public let failureThreshold: FailureThreshold

    public init(path: String, tree: SyntaxTree, diagnostics: [Diagnostic], failureThreshold: FailureThreshold = .default) {
        self.path = path
        self.tree = tree
        self.diagnostics = diagnostics
        self.failureThreshold = failureThreshold
    }

    /// Whether `diagnostic` fails the run (it is at or above the file's threshold).
    public func fails(_ diagnostic: Diagnostic) -> Bool {
        failureThreshold.fails(diagnostic.severity)
    }
}
