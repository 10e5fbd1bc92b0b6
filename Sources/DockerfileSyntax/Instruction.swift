/// The instructions of the Dockerfile reference, plus `unknown` for anything else.
public enum InstructionKind: String, Sendable, Hashable, CaseIterable {
    case add, arg, cmd, copy, entrypoint, env, expose, from, healthcheck, label, maintainer
    case onbuild, run, shell, stopsignal, user, volume, workdir
    case unknown

    init(keyword: String) {
        self = Self.asciiKind(keyword) ?? InstructionKind(rawValue: keyword.lowercased()) ?? .unknown
    }

    /// An ASCII keyword matched on its bytes, ignoring case: lower-casing it first built a string
    /// for every instruction. Nil for any other, which is lower-cased as Unicode says (the Kelvin
    /// sign lower-cases to `k`, and BuildKit reads `WOR\u{212A}DIR` as WORKDIR).
    private static func asciiKind(_ keyword: String) -> InstructionKind? {
        keyword.utf8.withContiguousStorageIfAvailable { bytes -> InstructionKind? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let spelling = spellings.first { spelling in
                spelling.bytes.count == bytes.count && zip(spelling.bytes, bytes).allSatisfy { $0 == $1 | 0x20 }
            }
            return spelling?.kind ?? .unknown
        } ?? nil
    }

    private static let spellings: [(kind: InstructionKind, bytes: [UInt8])] = allCases.filter { $0 != .unknown }.map {
        ($0, Array($0.rawValue.utf8))
    }

    /// Instructions whose line may open heredocs (`<<EOF`).
    public var acceptsHeredocs: Bool { self == .run || self == .copy || self == .add }
}

/// A piece of an instruction: its value as BuildKit reads it, and where it stands in the file.
public struct TextSpan: Sendable, Hashable {
    /// The value: raw text for most words, the decoded string for JSON array elements.
    public let text: String
    /// File bytes, from the first to the last byte (a continuation in between is included).
    public let range: Range<Int>
    /// Offsets in the instruction's logical line.
    public let logicalRange: Range<Int>

    public init(text: String, range: Range<Int>, logicalRange: Range<Int>) {
        self.text = text
        self.range = range
        self.logicalRange = logicalRange
    }
}

/// A `--name[=value]` flag before the arguments, e.g. `--from=build` or `--mount=type=cache,target=/root`.
public struct InstructionFlag: Sendable, Hashable {
    /// The flag with quotes and escapes processed, as BuildKit passes it on (`--chown=a b` for `--chown="a b"`).
    public let word: TextSpan
    public var text: String { word.text }
    public var range: Range<Int> { word.range }

    /// The name without dashes (`from` in `--from=build`).
    public var name: String {
        let text = text
        if let equals = Self.asciiEquals(in: text) {
            let utf8 = text.utf8
            let bodyStart = utf8.index(utf8.startIndex, offsetBy: 2, limitedBy: utf8.endIndex) ?? utf8.endIndex
            return String(text[bodyStart..<max(bodyStart, equals ?? utf8.endIndex)])
        }
        let body = text.dropFirst(2)
        return String(body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// `name == expected`, read on the bytes without building the name: rules look flags up by
    /// name on every instruction. The bytes decide when the name, the `=` after it and the byte
    /// after that are ASCII other than CR (each byte is then a character); `name` otherwise.
    public func hasName(_ expected: String) -> Bool {
        let text = text
        let utf8 = text.utf8
        let wanted = expected.utf8
        // A name never holds an `=`: such a name is left to `name` to answer (false).
        guard !wanted.contains(UInt8(ascii: "=")) else { return name == expected }
        let nameEnd = 2 + wanted.count
        let decided: Bool? = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for index in 0..<min(bytes.count, nameEnd + 2) where bytes[index] >= 0x80 || bytes[index] == 0x0D { return nil }
            guard bytes.count >= nameEnd else { return wanted.isEmpty }
            guard bytes.count == nameEnd || bytes[nameEnd] == UInt8(ascii: "=") else { return false }
            return wanted.elementsEqual(bytes[2..<nameEnd])
        } ?? nil
        return decided ?? (name == expected)
    }

    /// The part after the first `=`, or nil for a bare flag (`--link`).
    public var value: String? {
        let text = text
        if let equals = Self.asciiEquals(in: text) {
            return equals.map { String(text[text.utf8.index(after: $0)...]) }
        }
        guard let equals = text.firstIndex(of: "=") else { return nil }
        return String(text[text.index(after: equals)...])
    }

    /// For a flag of ASCII bytes other than CR (each byte is then a character; rules ask every
    /// flag its name and value), the first `=`, which may be nil; nil altogether for another flag.
    private static func asciiEquals(in text: String) -> String.Index?? {
        var equals: String.Index?
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x80, byte != 0x0D else { return .none }
            if byte == UInt8(ascii: "="), equals == nil { equals = index }
            index = utf8.index(after: index)
        }
        return .some(equals)
    }
}

/// `KEY=value` or the legacy `KEY value` in `ENV` and `LABEL`.
public struct KeyValuePair: Sendable, Hashable {
    public enum Separator: Sendable, Hashable {
        /// `KEY=value`.
        case equals
        /// Legacy `ENV KEY value`: the value is the rest of the line.
        case whitespace
    }

    public let key: TextSpan
    /// The value as written, quotes and escapes included.
    public let value: TextSpan
    public let separator: Separator
    public let range: Range<Int>
}

/// One `NAME[=default]` of an `ARG` instruction.
public struct ArgDeclaration: Sendable, Hashable {
    /// The word as written.
    public let word: TextSpan
    public let name: TextSpan
    /// The default value as written (quotes kept), nil when there is no `=`.
    public let defaultValue: TextSpan?
}

/// A here-document opened by `<<NAME` in a `RUN`, `COPY` or `ADD` line.
public struct Heredoc: Sendable, Hashable {
    /// The opening word, e.g. `<<-"EOF"`.
    public let marker: TextSpan
    /// The delimiter with quotes removed.
    public let name: String
    /// False when the delimiter was quoted (`<<'EOF'`, `<<"EOF"`): no variable expansion inside.
    public let expands: Bool
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    public let chomps: Bool
    /// `3<<EOF` gives 3; nil when not given.
    public let fileDescriptor: Int?
    /// The body lines, line endings included; empty when the terminator follows at once.
    public let bodyRange: Range<Int>
    /// The terminator line without its line ending; nil when the file ends first.
    public let terminatorRange: Range<Int>?
    public let body: String
}

/// How an instruction's arguments were read, following BuildKit's dispatch table.
public indirect enum InstructionArguments: Sendable {
    /// No arguments at all.
    case none
    /// JSON (exec) form: the decoded elements, each ranging over its quoted string.
    case exec([TextSpan])
    /// Shell form: the rest of the logical line.
    case shell(TextSpan)
    /// Whitespace-delimited words (`FROM`, `EXPOSE`, non-JSON `COPY`/`ADD`/`VOLUME`).
    case words([TextSpan])
    /// The rest of the line as one value (`USER`, `WORKDIR`, `MAINTAINER`, `STOPSIGNAL`).
    case text(TextSpan)
    /// `ENV` and `LABEL`.
    case keyValues([KeyValuePair])
    /// `ARG`.
    case declarations([ArgDeclaration])
    /// `HEALTHCHECK TYPE command`; the command is `.none`, `.exec` or `.shell`.
    case healthcheck(type: TextSpan, command: InstructionArguments)
    /// `ONBUILD instruction`.
    case trigger(Instruction)
    /// The arguments of an unknown instruction, kept as text.
    case ignored(TextSpan?)
}

/// One Dockerfile instruction, possibly spread over continued lines and followed by heredocs.
public struct Instruction: Sendable {
    /// The fields that never change, shared: rules copy instructions constantly (the model's
    /// states, its RUNs, their findings), and a copy is then one reference, not five arrays.
    private final class Content: Sendable {
        let kind: InstructionKind
        let keyword: TextSpan
        let flags: [InstructionFlag]
        let arguments: InstructionArguments
        let heredocs: [Heredoc]
        let range: Range<Int>
        let fullRange: Range<Int>
        let logicalLine: LogicalLine

        init(kind: InstructionKind, keyword: TextSpan, flags: [InstructionFlag], arguments: InstructionArguments,
             heredocs: [Heredoc], range: Range<Int>, fullRange: Range<Int>, logicalLine: LogicalLine) {
            self.kind = kind
            self.keyword = keyword
            self.flags = flags
            self.arguments = arguments
            self.heredocs = heredocs
            self.range = range
            self.fullRange = fullRange
            self.logicalLine = logicalLine
        }
    }

    private let content: Content

    public var kind: InstructionKind { content.kind }
    /// The keyword as written (`run`, `Run`, `RUN`).
    public var keyword: TextSpan { content.keyword }
    public var flags: [InstructionFlag] { content.flags }
    public var arguments: InstructionArguments { content.arguments }
    public var heredocs: [Heredoc] { content.heredocs }
    /// From the keyword to the last byte of the instruction line (line ending excluded).
    public var range: Range<Int> { content.range }
    /// `range` extended over the heredoc bodies and terminators.
    public var fullRange: Range<Int> { content.fullRange }
    /// The logical line the instruction was read from (shared with an `ONBUILD` trigger).
    public var logicalLine: LogicalLine { content.logicalLine }
    /// Indices of the instruction's tokens in `SyntaxTree.tokens` (leading blanks excluded).
    public internal(set) var tokenIndices: Range<Int>

    init(kind: InstructionKind, keyword: TextSpan, flags: [InstructionFlag], arguments: InstructionArguments,
         heredocs: [Heredoc], range: Range<Int>, fullRange: Range<Int>, logicalLine: LogicalLine, tokenIndices: Range<Int>) {
        content = Content(
            kind: kind, keyword: keyword, flags: flags, arguments: arguments,
            heredocs: heredocs, range: range, fullRange: fullRange, logicalLine: logicalLine
        )
        self.tokenIndices = tokenIndices
    }

    /// The flag named `name` (without dashes), last one wins as in BuildKit.
    public func flag(_ name: String) -> InstructionFlag? {
        flags.last { $0.hasName(name) }
    }

    /// True for exec (JSON) form arguments.
    public var isExecForm: Bool {
        switch arguments {
        case .exec: true
        case .healthcheck(_, .exec): true
        default: false
        }
    }

    /// The trigger of an `ONBUILD`.
    public var trigger: Instruction? {
        if case .trigger(let inner) = arguments { return inner }
        return nil
    }
}
