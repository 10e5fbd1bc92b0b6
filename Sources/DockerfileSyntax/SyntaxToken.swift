/// What a leaf of the tree is. Trivia kinds (`whitespace`, `newline`, `comment`,
/// `lineContinuation`, `continuationComment`, `byteOrderMark`) carry no meaning for the build.
public enum TokenKind: String, Sendable, Hashable, CaseIterable {
    case byteOrderMark
    case whitespace
    case newline
    case comment
    /// A `# name=value` parser directive line (without its line ending).
    case directive
    /// The escape character, the blanks after it and the line ending that continue an instruction.
    case lineContinuation
    /// A comment line inside a continued instruction; BuildKit drops it from the instruction.
    case continuationComment
    /// The instruction keyword (`RUN`, `from`, ...), and `AS` in `FROM image AS name`.
    case keyword
    /// A `--name[=value]` flag before the arguments.
    case flag
    /// The `--` that ends the flags.
    case flagTerminator
    /// A whitespace-delimited argument word.
    case argument
    /// Shell-form command text (`RUN`, `CMD`, `ENTRYPOINT`, `HEALTHCHECK CMD`).
    case shellCode
    case jsonPunctuation
    case jsonString
    /// `ENV`/`LABEL`/`ARG` key, the `=` after it, and its value.
    case key
    case assignmentOperator
    case value
    case imageReference
    case stageName
    /// `<<EOF`, `<<-"EOF"` ... in a `RUN`, `COPY` or `ADD` line.
    case heredocMarker
    case heredocBody
    case heredocTerminator
    /// Text the parser keeps but does not interpret (arguments of an unknown instruction).
    case unparsed

    public var isTrivia: Bool {
        switch self {
        case .byteOrderMark, .whitespace, .newline, .comment, .lineContinuation, .continuationComment: true
        default: false
        }
    }
}

/// A leaf: a kind and the bytes it covers. The leaves of a tree partition the file.
public struct SyntaxToken: Sendable, Hashable {
    public let kind: TokenKind
    public let range: Range<Int>

    public init(kind: TokenKind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}
