@_exported import DockerfileSyntax

/// A finding in a file: a rule (or the parser) says something about a byte range.
public struct Diagnostic: Sendable, Hashable {
    public let code: String
    public let name: String
    public let severity: Severity
    public let message: String
    public let range: Range<Int>
    /// How to resolve the finding automatically, when the rule knows.
    public let fix: Fix?

    public init(code: String, name: String, severity: Severity, message: String, range: Range<Int>, fix: Fix? = nil) {
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.range = range
        self.fix = fix
    }

    func with(severity: Severity) -> Diagnostic {
        Diagnostic(code: code, name: name, severity: severity, message: message, range: range, fix: fix)
    }
}

/// What a rule reports; the engine adds the rule's code, name and effective severity.
public struct Finding: Sendable, Hashable {
    public let range: Range<Int>
    public let message: String
    public let fix: Fix?

    public init(_ message: String, at range: Range<Int>, fix: Fix? = nil) {
        self.range = range
        self.message = message
        self.fix = fix
    }
}
