/// Words, quotes and expansions.
extension Parser {
    /// Where a run of word parts ends.
    enum WordContext {
        /// A command word: ends at an unquoted metacharacter.
        case unquoted
        /// The word after a `${name<op>` operator: ends at `}`, blanks included.
        case braceArgument
    }

    mutating func parseWord() -> Word {
        let start = pos
        let parts = parseWordParts(.unquoted)
        return Word(range: span(start, pos), parts: parts)
    }

    mutating func parseWordParts(_ context: WordContext) -> [WordPart] {
        var parts = WordPartsBuilder()
        var literalStart = pos
        while let b = peek() {
            switch context {
            case .unquoted where Parser.isMeta(b), .braceArgument where b == .closeBrace:
                flushLiteral(from: literalStart, into: &parts)
                return parts.parts
            default:
                break
            }
            switch b {
            case .backslash:
                flushLiteral(from: literalStart, into: &parts)
                if let part = parseBackslash() { parts.append(part) }
            case .singleQuote:
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseSingleQuoted())
            case .doubleQuote:
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseDoubleQuoted(start: pos))
            case .backquote:
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseBackquoted(inDoubleQuotes: false))
            case .dollar where startsExpansion(inDoubleQuotes: false):
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseDollar(inDoubleQuotes: false))
            default:
                pos += 1
                continue
            }
            literalStart = pos
        }
        flushLiteral(from: literalStart, into: &parts)
        return parts.parts
    }

    /// Ends the literal text from `start` to here, as a part of the word being read.
    func flushLiteral(from start: Int, into parts: inout WordPartsBuilder) {
        guard pos > start else { return }
        parts.append(.literal(text(start, pos), range: span(start, pos)))
    }

    /// An unquoted backslash; nil for a line continuation, which vanishes.
    mutating func parseBackslash() -> WordPart? {
        let start = pos
        pos += 1
        guard let next = peek() else {
            // A trailing backslash stays literal.
            return .literal("\\", range: span(start, pos))
        }
        if next == .newline {
            pos += 1
            return nil
        }
        pos = min(pos + Parser.utf8SequenceLength(next), bytes.count)
        return .escaped(text(start + 1, pos), range: span(start, pos))
    }

    /// Escapes take a whole UTF-8 character so the escaped text stays valid.
    static func utf8SequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    mutating func parseSingleQuoted() -> WordPart {
        let start = pos
        pos += 1
        while let b = peek(), b != .singleQuote { pos += 1 }
        let content = text(start + 1, pos)
        if atEnd {
            diagnose("unterminated single quote", span(start, pos))
        } else {
            pos += 1
        }
        return .singleQuoted(content, range: span(start, pos))
    }

    /// `"…"`, or `$"…"` when `start` points at the dollar.
    mutating func parseDoubleQuoted(start: Int) -> WordPart {
        pos += 1
        guard descend() else { return .doubleQuoted([], range: span(start, pos)) }
        defer { depth -= 1 }
        var parts = WordPartsBuilder()
        var literalStart = pos
        var closed = false
        loop: while let b = peek() {
            switch b {
            case .doubleQuote:
                flushLiteral(from: literalStart, into: &parts)
                pos += 1
                closed = true
                break loop
            case .backslash:
                // Only these characters are escapable inside double quotes;
                // any other backslash is literal.
                switch peek(1) {
                case .dollar?, .backquote?, .doubleQuote?, .backslash?:
                    flushLiteral(from: literalStart, into: &parts)
                    parts.append(.escaped(text(pos + 1, pos + 2), range: span(pos, pos + 2)))
                    pos += 2
                case .newline?:
                    flushLiteral(from: literalStart, into: &parts)
                    pos += 2
                default:
                    pos = min(pos + 2, bytes.count)
                    continue loop
                }
            case .backquote:
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseBackquoted(inDoubleQuotes: true))
            case .dollar where startsExpansion(inDoubleQuotes: true):
                flushLiteral(from: literalStart, into: &parts)
                parts.append(parseDollar(inDoubleQuotes: true))
            default:
                pos += 1
                continue loop
            }
            literalStart = pos
        }
        if !closed {
            flushLiteral(from: literalStart, into: &parts)
            diagnose("unterminated double quote", span(start, pos))
        }
        return .doubleQuoted(parts.parts, range: span(start, pos))
    }

    /// Whether the `$` at the current position begins an expansion rather
    /// than standing for itself.
    func startsExpansion(inDoubleQuotes: Bool) -> Bool {
        guard let next = peek(1) else { return false }
        switch next {
        case .openBrace, .openParen: return true
        case .singleQuote, .doubleQuote: return !inDoubleQuotes
        default: return Parser.isNameStart(next) || Parser.isDigit(next) || Parser.isSpecialParameter(next)
        }
    }

    static func isSpecialParameter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "@"), UInt8(ascii: "*"), .hash, UInt8(ascii: "?"), UInt8(ascii: "-"), .dollar, .bang:
            true
        default:
            false
        }
    }

    /// Precondition: `startsExpansion` is true.
    mutating func parseDollar(inDoubleQuotes: Bool) -> WordPart {
        let start = pos
        let next = bytes[pos + 1]
        switch next {
        case .openBrace:
            return parseBracedParameter()
        case .openParen:
            return peek(2) == .openParen ? parseArithmeticOrSubstitution() : parseCommandSubstitution()
        case .singleQuote:
            return parseANSICQuoted()
        case .doubleQuote:
            pos += 1
            return parseDoubleQuoted(start: start)
        default:
            pos += 1
            if Parser.isNameStart(next) {
                while let b = peek(), Parser.isNameChar(b) { pos += 1 }
            } else {
                pos += 1
            }
            return .parameter(ParameterExpansion(
                name: text(start + 1, pos), isBraced: false, isLength: false, isIndirect: false,
                op: nil, argument: nil, range: span(start, pos)))
        }
    }

    /// Operators after `${name`, longest spellings first.
    static let parameterOperators: [ParameterOperator] = ParameterOperator.allCases.sorted {
        $0.rawValue.utf8.count > $1.rawValue.utf8.count
    }

    mutating func parseBracedParameter() -> WordPart {
        let start = pos
        pos += 2
        func expansion(_ name: String, _ flags: (length: Bool, indirect: Bool), _ op: ParameterOperator?,
                       _ argument: Word?, _ range: Range<Int>) -> WordPart {
            .parameter(ParameterExpansion(
                name: name, isBraced: true, isLength: flags.length, isIndirect: flags.indirect,
                op: op, argument: argument, range: range))
        }
        guard descend() else { return expansion("", (false, false), nil, nil, span(start, pos)) }
        defer { depth -= 1 }

        // `${#}` and `${!}` are parameters themselves; followed by a name they
        // are the length and indirection prefixes.
        var flags = (length: false, indirect: false)
        if let b = peek(), b == .hash || b == .bang, let after = peek(1),
           Parser.isNameChar(after) || after == UInt8(ascii: "@") || after == UInt8(ascii: "*") {
            if b == .hash { flags.length = true } else { flags.indirect = true }
            pos += 1
        }
        let nameStart = pos
        if let b = peek() {
            if Parser.isNameStart(b) {
                while let c = peek(), Parser.isNameChar(c) { pos += 1 }
            } else if Parser.isDigit(b) {
                while let c = peek(), Parser.isDigit(c) { pos += 1 }
            } else if Parser.isSpecialParameter(b) {
                pos += 1
            }
        }
        if pos > nameStart && peek() == .openBracket {
            while let c = peek(), c != .closeBracket, c != .closeBrace { pos += 1 }
            if peek() == .closeBracket { pos += 1 }
        }
        let name = text(nameStart, pos)
        if name.isEmpty {
            diagnose("bad substitution: expected a parameter name", span(start, pos))
        }

        var op: ParameterOperator?
        var argument: Word?
        if peek() != .closeBrace, !atEnd {
            if let found = Parser.parameterOperators.first(where: { operatorMatches($0) }) {
                op = found
                pos += found.rawValue.utf8.count
                let argumentStart = pos
                let parts = parseWordParts(.braceArgument)
                argument = Word(range: span(argumentStart, pos), parts: parts)
            } else {
                let junkStart = pos
                while let c = peek(), c != .closeBrace { pos += 1 }
                diagnose("bad substitution: unsupported parameter operator", span(junkStart, pos))
            }
        }
        if peek() == .closeBrace {
            pos += 1
        } else {
            diagnose("unterminated parameter expansion", span(start, pos))
        }
        return expansion(name, flags, op, argument, span(start, pos))
    }

    func operatorMatches(_ op: ParameterOperator) -> Bool {
        let spelling = op.rawValue.utf8
        guard pos + spelling.count <= bytes.count else { return false }
        return bytes[pos..<pos + spelling.count].elementsEqual(spelling)
    }

    /// `$((` is arithmetic when the parentheses close as `))`; otherwise it
    /// is a command substitution starting with a subshell, as in `$( (a) )`.
    mutating func parseArithmeticOrSubstitution() -> WordPart {
        let start = pos
        var i = pos + 3
        var openParens = 2
        while i < bytes.count {
            if bytes[i] == .openParen {
                openParens += 1
            } else if bytes[i] == .closeParen {
                openParens -= 1
                if openParens == 1 {
                    guard i + 1 < bytes.count, bytes[i + 1] == .closeParen else {
                        return parseCommandSubstitution()
                    }
                    pos = i + 2
                    return .arithmetic(text(start + 3, i), range: span(start, pos))
                }
            }
            i += 1
        }
        pos = bytes.count
        diagnose("unterminated arithmetic expansion", span(start, pos))
        return .arithmetic(text(start + 3, pos), range: span(start, pos))
    }

    mutating func parseCommandSubstitution() -> WordPart {
        let start = pos
        pos += 2
        guard descend() else {
            let script = ShellScript(body: CommandList(items: [], range: span(pos, pos)), diagnostics: [], range: span(pos, pos))
            return .commandSubstitution(CommandSubstitution(script: script, isBackquoted: false, range: span(start, pos)))
        }
        defer { depth -= 1 }
        // Constructs outside do not continue inside the substitution.
        let outer = open
        open = OpenConstructs()
        open.parens = 1
        let firstDiagnostic = diagnostics.count
        let body = parseList()
        open = outer
        let bodyEnd = pos
        if peek() == .closeParen {
            pos += 1
        } else {
            diagnose("'$(' without matching ')'", span(start, start + 2))
        }
        let script = ShellScript(
            body: body, diagnostics: Array(diagnostics[firstDiagnostic...]), range: span(start + 2, bodyEnd))
        return .commandSubstitution(CommandSubstitution(script: script, isBackquoted: false, range: span(start, pos)))
    }

    /// The content is unescaped (`\``, `\\`, `\$`, and `\"` inside double
    /// quotes) and parsed separately, with offsets mapped back.
    mutating func parseBackquoted(inDoubleQuotes: Bool) -> WordPart {
        let start = pos
        pos += 1
        var content: [UInt8] = []
        var contentOffsets: [Int] = []
        var closed = false
        while let b = peek() {
            if b == .backquote {
                closed = true
                break
            }
            if b == .backslash, let next = peek(1),
               next == .backquote || next == .backslash || next == .dollar || (inDoubleQuotes && next == .doubleQuote) {
                pos += 1
            }
            content.append(bytes[pos])
            contentOffsets.append(originalOffset(pos))
            pos += 1
        }
        contentOffsets.append(originalOffset(pos))
        if closed {
            pos += 1
        } else {
            diagnose("unterminated backquote", span(start, pos))
        }
        var script = ShellScript(
            body: CommandList(items: [], range: span(start + 1, start + 1)), diagnostics: [], range: span(start + 1, start + 1))
        if descend() {
            var inner = Parser(bytes: content, offsets: contentOffsets, depth: depth)
            script = inner.parseScript()
            diagnostics += script.diagnostics
            depth -= 1
        }
        return .commandSubstitution(CommandSubstitution(script: script, isBackquoted: true, range: span(start, pos)))
    }

    mutating func parseANSICQuoted() -> WordPart {
        let start = pos
        pos += 2
        var value: [UInt8] = []
        var closed = false
        while let b = peek() {
            if b == .singleQuote {
                closed = true
                pos += 1
                break
            }
            if b == .backslash, let next = peek(1) {
                if let decoded = Parser.decodeANSICEscape(next) {
                    value.append(decoded)
                } else {
                    value += [b, next]
                }
                pos += 2
            } else {
                value.append(b)
                pos += 1
            }
        }
        if !closed {
            diagnose("unterminated $' quote", span(start, pos))
        }
        return .ansiCQuoted(String(decoding: value, as: UTF8.self), range: span(start, pos))
    }

    /// The common single-character escapes; others (octal, hex, unicode)
    /// are kept verbatim.
    static func decodeANSICEscape(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "n"): .newline
        case UInt8(ascii: "t"): .tab
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "e"), UInt8(ascii: "E"): 0x1B
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "v"): 0x0B
        case .backslash, .singleQuote, .doubleQuote, UInt8(ascii: "?"): b
        default: nil
        }
    }
}
