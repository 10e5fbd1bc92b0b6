import DLintCore

/// What a reporter needs about one linted file.
public struct FileReport: Sendable {
    /// The path as shown to the user.
    public let path: String
    public let tree: SyntaxTree
    public let diagnostics: [Diagnostic]

    public init(path: String, tree: SyntaxTree, diagnostics: [Diagnostic]) {
        self.path = path
        self.tree = tree
        self.diagnostics = diagnostics
    }
}
