@_exported import DockerfileSyntax

/// A finding in a file: a rule (or the parser) says something about a byte range.
public struct Diagnostic: Sendable, Hashable {
    public let code: String
    public let name: String
    public let severity: Severity
    public let message: String
    public let range: Range<Int>

    public init(code: String, name: String, severity: Severity, message: String, range: Range<Int>) {
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.range = range
    }

    func with(severity: Severity) -> Diagnostic {
        Diagnostic(code: code, name: name, severity: severity, message: message, range: range)
    }
}

/// What a rule reports; the engine adds the rule's code, name and effective severity.
public struct Finding: Sendable, Hashable {
    public let range: Range<Int>
    public let message: String

    public init(_ message: String, at range: Range<Int>) {
        self.range = range
        self.message = message
    }
}
