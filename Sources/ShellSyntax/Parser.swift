/// Recursive-descent parser working directly on bytes: shell tokenisation
/// depends on the grammatical context, so there is no separate lexer.
///
/// Every loop either consumes input or exits, and nesting is bounded by
/// `ShellParser.maximumNestingDepth`, so any input terminates.
struct Parser {
    let bytes: [UInt8]
    /// For text that was unescaped from elsewhere (backticks, `sh -c`
    /// operands): the original offset of each byte, plus one entry for the
    /// end. Nil when positions are already offsets into the original input.
    let offsets: [Int]?
    var pos = 0
    var depth: Int
    var diagnostics: [ShellDiagnostic] = []
    /// Which closing tokens an enclosing construct is waiting for.
    var open = OpenConstructs()
    /// Set once the nesting limit was hit; the rest of the input is skipped.
    var tooDeep = false
    /// Here-document bodies are read as soon as their operator is seen; the
    /// newline that ends the operator's line must then jump over them.
    var pendingHereDocumentSkip: (newline: Int, resumeAt: Int)?
    var newlineSearch: (from: Int, found: Int)?
    /// The elements of the lists being read, innermost list last (see `PendingElements`).
    var pendingItems = PendingElements<ListItem>()
    var pendingPipelines = PendingElements<Pipeline>()
    var pendingLogicalOperators = PendingElements<LogicalOperator>()
    var pendingWords = PendingElements<Word>()

    init(bytes: [UInt8], offsets: [Int]?, depth: Int) {
        self.bytes = bytes
        self.offsets = offsets
        self.depth = depth
    }

    struct OpenConstructs {
        var ifs = 0
        var loops = 0
        var cases = 0
        var braces = 0
        var parens = 0
    }

    mutating func parseScript() -> ShellScript {
        let body = parseList()
        return ShellScript(body: body, diagnostics: diagnostics, range: span(0, bytes.count))
    }

    // MARK: - Positions

    /// Converts local positions to a range in the original input.
    func span(_ start: Int, _ end: Int) -> Range<Int> {
        guard let offsets else { return start..<max(start, end) }
        if end <= start { return offsets[start]..<offsets[start] }
        return offsets[start]..<(offsets[end - 1] + 1)
    }

    func originalOffset(_ position: Int) -> Int {
        offsets?[position] ?? position
    }

    mutating func diagnose(_ message: String, _ range: Range<Int>) {
        diagnostics.append(ShellDiagnostic(message: message, range: range))
    }

    /// Enters one nesting level, or gives up on the rest of the input.
    mutating func descend() -> Bool {
        if depth >= ShellParser.maximumNestingDepth {
            if !tooDeep {
                diagnose("nesting is too deep; the rest of the input is not parsed", span(pos, bytes.count))
                tooDeep = true
            }
            pos = bytes.count
            return false
        }
        depth += 1
        return true
    }

    // MARK: - Bytes

    var atEnd: Bool { pos >= bytes.count }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let i = pos + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    func looking(at s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { return false }
        return true
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func isBlank(_ b: UInt8) -> Bool { b == .space || b == .tab }

    /// Characters that end an unquoted word.
    static func isMeta(_ b: UInt8) -> Bool {
        switch b {
        case .space, .tab, .newline, .semicolon, .ampersand, .pipe,
             .openParen, .closeParen, .less, .greater: true
        default: false
        }
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == .underscore
    }

    static func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Blanks and line continuations.
    mutating func skipBlanks() {
        while let b = peek() {
            if Parser.isBlank(b) {
                pos += 1
            } else if b == .backslash && peek(1) == .newline {
                pos += 2
            } else {
                break
            }
        }
    }

    mutating func skipComment() {
        guard peek() == .hash else { return }
        while let b = peek(), b != .newline { pos += 1 }
    }

    mutating func consumeNewline() {
        let newline = pos
        pos += 1
        if let skip = pendingHereDocumentSkip, skip.newline <= newline {
            pendingHereDocumentSkip = nil
            if skip.newline == newline { pos = skip.resumeAt }
        }
    }

    /// Blank lines and comments between commands.
    mutating func skipLinebreaks() {
        while true {
            skipBlanks()
            skipComment()
            guard peek() == .newline else { return }
            consumeNewline()
        }
    }

    var atWordEnd: Bool {
        guard let b = peek() else { return true }
        return Parser.isMeta(b)
    }

    // MARK: - Reserved words

    enum ReservedWord: String, CaseIterable {
        case `if`, then, elif, `else`, fi, `for`, `in`, `while`, until, `do`, done
        case `case`, esac, function
        case openBrace = "{", closeBrace = "}", bang = "!"
    }

    /// The reserved word at the current position, if the word there is
    /// exactly one (reserved words are only recognised unquoted and whole).
    func reservedWord() -> ReservedWord? {
        // Cheap rejection first: this runs at every command position.
        guard let first = peek(), Parser.mayStartReservedWord(first) else { return nil }
        var end = pos
        while end < bytes.count, end - pos <= 8 {
            let b = bytes[end]
            guard (b >= 0x61 && b <= 0x7A) || b == .openBrace || b == .closeBrace || b == .bang else { break }
            end += 1
        }
        guard end > pos, end - pos <= 8 else { return nil }
        if end < bytes.count && !Parser.isMeta(bytes[end]) { return nil }
        // On the bytes: building a string to look the word up cost more than the rest of the test.
        let candidate = bytes[pos..<end]
        return Parser.reservedWordSpellings.first { $0.spelling.count == candidate.count && $0.spelling.elementsEqual(candidate) }?.word
    }

    static let reservedWordSpellings: [(word: ReservedWord, spelling: [UInt8])] = ReservedWord.allCases.map {
        ($0, Array($0.rawValue.utf8))
    }

    static func mayStartReservedWord(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "i"),
             UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "w"), .openBrace, .closeBrace, .bang:
            true
        default:
            false
        }
    }

    mutating func consume(_ word: ReservedWord) -> Range<Int> {
        let start = pos
        pos += word.rawValue.utf8.count
        return span(start, pos)
    }

    /// Whether the current token closes an enclosing construct, so the
    /// current list must end here.
    func isAtListStop() -> Bool {
        guard let b = peek() else { return true }
        if b == .closeParen { return open.parens > 0 }
        if b == .semicolon && (peek(1) == .semicolon || peek(1) == .ampersand) { return open.cases > 0 }
        switch reservedWord() {
        case .then, .elif, .else, .fi: return open.ifs > 0
        case .do, .done: return open.loops > 0
        case .esac: return open.cases > 0
        case .closeBrace: return open.braces > 0
        default: return false
        }
    }

    // MARK: - Lists

    mutating func parseList() -> CommandList {
        let firstItem = pendingItems.start
        skipLinebreaks()
        let start = pos
        while true {
            skipLinebreaks()
            if atEnd || isAtListStop() { break }
            let before = pos
            let andOr = parseAndOr()
            skipBlanks()
            skipComment()
            let separator = parseListSeparator()
            pendingItems.append(ListItem(andOr: andOr, separator: separator, range: andOr.range))
            if pos == before {
                // Unreachable in practice; guarantees progress on any input.
                diagnose("unexpected character", span(pos, pos + 1))
                pos += 1
            }
        }
        let items = pendingItems.take(from: firstItem)
        let end = items.last.map { $0.separator?.range.upperBound ?? $0.range.upperBound }
        let startOffset = items.first?.range.lowerBound ?? span(start, start).lowerBound
        return CommandList(items: items, range: startOffset..<max(startOffset, end ?? startOffset))
    }

    mutating func parseListSeparator() -> ListSeparator? {
        let start = pos
        switch peek() {
        case .semicolon where peek(1) != .semicolon && !(peek(1) == .ampersand && open.cases > 0):
            pos += 1
            return ListSeparator(kind: .semicolon, range: span(start, pos))
        case .ampersand where peek(1) != .ampersand && peek(1) != .greater:
            pos += 1
            return ListSeparator(kind: .ampersand, range: span(start, pos))
        case .newline:
            consumeNewline()
            return ListSeparator(kind: .newline, range: span(start, start + 1))
        default:
            return nil
        }
    }

    mutating func parseAndOr() -> AndOrList {
        let firstPipeline = pendingPipelines.start
        let firstOperator = pendingLogicalOperators.start
        let first = parsePipeline()
        var last = first.range
        pendingPipelines.append(first)
        while true {
            skipBlanks()
            let kind: LogicalOperator.Kind
            if looking(at: "&&") {
                kind = .and
            } else if looking(at: "||") {
                kind = .or
            } else {
                break
            }
            pendingLogicalOperators.append(LogicalOperator(kind: kind, range: span(pos, pos + 2)))
            pos += 2
            skipLinebreaks()
            let pipeline = parsePipeline()
            last = pipeline.range
            pendingPipelines.append(pipeline)
        }
        return AndOrList(
            pipelines: pendingPipelines.take(from: firstPipeline), operators: pendingLogicalOperators.take(from: firstOperator),
            range: Parser.cover(first.range, last))
    }

    mutating func parsePipeline() -> Pipeline {
        skipBlanks()
        var bang: Range<Int>?
        if reservedWord() == .bang {
            bang = consume(.bang)
        }
        var commands = [parseCommand()]
        var operators: [PipeOperator] = []
        while true {
            skipBlanks()
            guard peek() == .pipe, peek(1) != .pipe else { break }
            let withStandardError = peek(1) == .ampersand
            let length = withStandardError ? 2 : 1
            operators.append(PipeOperator(
                kind: withStandardError ? .pipeWithStandardError : .pipe, range: span(pos, pos + length)))
            pos += length
            skipLinebreaks()
            commands.append(parseCommand())
        }
        let range = Parser.cover(bang ?? commands[0].range, commands[commands.count - 1].range)
        return Pipeline(bang: bang, commands: commands, operators: operators, range: range)
    }

    /// The smallest range covering ranges from `first` to `last`, given in source order.
    static func cover(_ first: Range<Int>, _ last: Range<Int>) -> Range<Int> {
        first.lowerBound..<max(first.lowerBound, last.upperBound)
    }

    // MARK: - Commands

    mutating func parseCommand() -> Command {
        skipBlanks()
        let start = pos
        if atEnd || isAtListStop() {
            diagnose("expected a command", span(start, start))
            return .error(ErrorCommand(range: span(start, start)))
        }
        switch reservedWord() {
        case .if: return parseIf()
        case .for: return parseFor()
        case .while: return parseWhile(isUntil: false)
        case .until: return parseWhile(isUntil: true)
        case .case: return parseCase()
        case .openBrace: return parseBraceGroup()
        case .function: return parseFunctionWithKeyword()
        case let word? where word != .in && word != .bang:  // a closer with nothing open
            let range = consume(word)
            diagnose("unexpected '\(word.rawValue)'", range)
            return .error(ErrorCommand(range: range))
        default:
            break
        }
        if peek() == .openParen { return parseSubshell() }
        if let length = unexpectedOperatorLength() {
            pos += length
            diagnose("unexpected '\(text(start, pos))'", span(start, start + length))
            // A run of stray operators becomes one error rather than one each.
            var end = pos
            while true {
                skipBlanks()
                guard !isAtListStop(), let next = unexpectedOperatorLength() else { break }
                pos += next
                end = pos
            }
            return .error(ErrorCommand(range: span(start, end)))
        }
        return parseSimpleCommandOrFunction()
    }

    /// Operators that cannot start a command.
    func unexpectedOperatorLength() -> Int? {
        guard let first = peek(), first == .semicolon || first == .ampersand || first == .pipe || first == .closeParen,
              !(first == .ampersand && peek(1) == .greater) else { return nil }
        for op: StaticString in [";;&", ";;", ";&", ";", "&&", "&", "||", "|&", "|", ")"] where looking(at: op) {
            return op.utf8CodeUnitCount
        }
        return nil
    }

    mutating func parseSimpleCommandOrFunction() -> Command {
        let start = pos
        var assignments: [Assignment] = []
        let firstWord = pendingWords.start
        var redirections: [Redirection] = []
        var end = pos
        while true {
            skipBlanks()
            guard let b = peek() else { break }
            if b == .hash {
                skipComment()
                break
            }
            if let redirection = parseRedirectionIfPresent() {
                redirections.append(redirection)
            } else if Parser.isMeta(b) {
                break
            } else if pendingWords.start == firstWord, let assignment = parseAssignmentIfPresent() {
                assignments.append(assignment)
            } else {
                let word = parseWord()
                if pendingWords.start == firstWord && assignments.isEmpty && redirections.isEmpty && atFunctionParentheses() {
                    return parseFunctionBody(name: word, start: start, usesKeyword: false)
                }
                pendingWords.append(word)
            }
            end = pos
        }
        return .simple(SimpleCommand(
            assignments: assignments, words: pendingWords.take(from: firstWord), redirections: redirections,
            range: span(start, end)))
    }

    mutating func parseAssignmentIfPresent() -> Assignment? {
        guard let first = peek(), Parser.isNameStart(first) else { return nil }
        let start = pos
        var nameEnd = pos + 1
        while nameEnd < bytes.count && Parser.isNameChar(bytes[nameEnd]) { nameEnd += 1 }
        let isAppend = nameEnd + 1 < bytes.count && bytes[nameEnd] == .plus && bytes[nameEnd + 1] == .equals
        guard isAppend || (nameEnd < bytes.count && bytes[nameEnd] == .equals) else { return nil }
        pos = nameEnd + (isAppend ? 2 : 1)
        var value: Word?
        if peek() == .openParen {
            value = parseArrayValue()
        } else if !atWordEnd {
            value = parseWord()
        }
        return Assignment(
            name: text(start, nameEnd), nameRange: span(start, nameEnd), isAppend: isAppend,
            value: value, range: span(start, pos))
    }

    /// Bash `NAME=(a b c)`, kept verbatim.
    mutating func parseArrayValue() -> Word {
        let start = pos
        while let b = peek(), b != .closeParen { pos += 1 }
        if atEnd {
            diagnose("unterminated array assignment", span(start, pos))
        } else {
            pos += 1
        }
        return Word(range: span(start, pos), parts: [.literal(text(start, pos), range: span(start, pos))])
    }
}

/// The elements of the lists a parser is reading, innermost list last: each list is gathered here
/// and copied out once, at its final size. An array of its own would be reallocated at each
/// doubling as it grows (commands of ten words, `&&` chains of ten pipelines).
struct PendingElements<Element> {
    private var elements: [Element] = []

    /// Where a list that starts now begins.
    var start: Int { elements.count }

    mutating func append(_ element: Element) {
        elements.append(element)
    }

    /// The elements from `start` on, removed: the list begun at `start` is complete.
    mutating func take(from start: Int) -> [Element] {
        guard start < elements.count else { return [] }
        // Copied through a buffer: an array made from a slice of the whole storage would share
        // it, and removing the elements would then reallocate the pending elements.
        let list = elements[start...].withUnsafeBufferPointer { Array($0) }
        elements.removeLast(elements.count - start)
        return list
    }
}

/// The parts of a word as they are read. Most words are one part: their array is then made at
/// its size, once, rather than grown from empty by `append`.
struct WordPartsBuilder {
    private var single: WordPart?
    private var several: [WordPart] = []

    mutating func append(_ part: WordPart) {
        if !several.isEmpty {
            several.append(part)
        } else if let first = single {
            several = [first, part]
            single = nil
        } else {
            single = part
        }
    }

    var parts: [WordPart] {
        if let single { return [single] }
        return several
    }
}

extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let bang = UInt8(ascii: "!")
    static let doubleQuote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let dollar = UInt8(ascii: "$")
    static let ampersand = UInt8(ascii: "&")
    static let singleQuote = UInt8(ascii: "'")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let plus = UInt8(ascii: "+")
    static let semicolon = UInt8(ascii: ";")
    static let less = UInt8(ascii: "<")
    static let equals = UInt8(ascii: "=")
    static let greater = UInt8(ascii: ">")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let underscore = UInt8(ascii: "_")
    static let backquote = UInt8(ascii: "`")
    static let openBrace = UInt8(ascii: "{")
    static let pipe = UInt8(ascii: "|")
    static let closeBrace = UInt8(ascii: "}")
}
