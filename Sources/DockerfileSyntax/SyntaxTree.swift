/// A `# name=value` parser directive at the top of the file (`syntax`, `escape`, `check`).
public struct ParserDirective: Sendable, Hashable {
    /// Lower-cased name.
    public let name: String
    public let value: String
    /// The directive line without its line ending.
    public let range: Range<Int>
    public let nameRange: Range<Int>
    public let valueRange: Range<Int>
}

/// The lossless syntax tree of one Dockerfile. Its tokens partition the source: printing them
/// in order gives back the input, byte for byte, whatever the input was.
public struct SyntaxTree: Sendable {
    public let source: [UInt8]
    /// Every leaf, in file order; consecutive ranges, together covering `source`.
    public let tokens: [SyntaxToken]
    public let directives: [ParserDirective]
    /// Top-level instructions in file order.
    public let instructions: [Instruction]
    public let diagnostics: [SyntaxDiagnostic]
    /// `\` unless an `escape` directive chose the backtick.
    public let escapeCharacter: UInt8
    public let lineTable: LineTable

    public init(parsing source: [UInt8]) {
        var parser = DockerfileParser(source: source)
        parser.parse()
        self.source = source
        self.tokens = parser.tokens
        self.directives = parser.directives
        self.instructions = parser.instructions
        // In file order; diagnostics at the same offset keep the order they were found in.
        self.diagnostics = parser.diagnostics.enumerated()
            .sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
            .map(\.element)
        self.escapeCharacter = parser.escape
        self.lineTable = LineTable(source, lineStarts: parser.lineStarts)
    }

    public init(parsing text: String) {
        self.init(parsing: Array(text.utf8))
    }

    /// The bytes rebuilt from the tokens.
    public func printed() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.count)
        for token in tokens { output.append(contentsOf: source[token.range]) }
        return output
    }

    public func text(of range: Range<Int>) -> String {
        String(decoding: source[range], as: UTF8.self)
    }

    public func location(of offset: Int) -> SourceLocation {
        lineTable.location(of: offset)
    }

    /// The directive named `name`, if the file has one.
    public func directive(_ name: String) -> ParserDirective? {
        directives.first { $0.name == name }
    }

    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
