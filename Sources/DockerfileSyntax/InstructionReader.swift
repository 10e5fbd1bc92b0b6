/// A classified piece of a logical line, before it is mapped to file tokens.
struct Lexeme {
    var kind: TokenKind
    var range: Range<Int>
}

/// A `<<NAME` word found in an instruction line; its body is read by the line parser.
struct HeredocOpening {
    let marker: TextSpan
    let name: [UInt8]
    let expands: Bool
    let chomps: Bool
    let fileDescriptor: Int?
}

/// The parts of an instruction read from its logical line.
struct InstructionHead {
    let kind: InstructionKind
    let keyword: TextSpan
    let flags: [InstructionFlag]
    let arguments: InstructionArguments
}

/// Reads one logical line into an instruction the way BuildKit's `newNodeFromLine` and its
/// dispatch table do, recording a lexeme for every byte and a diagnostic for what BuildKit rejects.
struct InstructionReader {
    let line: LogicalLine
    let escape: UInt8
    private(set) var lexemes: [Lexeme] = []
    private(set) var diagnostics: [SyntaxDiagnostic] = []
    private var bytes: [UInt8] { line.bytes }

    /// `ONBUILD ONBUILD ...` is rejected by BuildKit; the bound only keeps recursion finite.
    private static let maximumTriggerDepth = 8

    init(line: LogicalLine, escape: UInt8) {
        self.line = line
        self.escape = escape
    }

    mutating func read(_ range: Range<Int>, depth: Int = 0) -> InstructionHead {
        let trimmed = UTF8Scan.trimSpaces(bytes, range)
        var keywordEnd = trimmed.lowerBound
        while keywordEnd < trimmed.upperBound, !UTF8Scan.isBlank(bytes[keywordEnd]) { keywordEnd += 1 }
        let keyword = word(trimmed.lowerBound..<keywordEnd)
        add(.keyword, keyword.logicalRange)
        let kind = InstructionKind(keyword: keyword.text)

        var flags: [InstructionFlag] = []
        var argumentRange = trimmed.upperBound..<trimmed.upperBound
        if keywordEnd < trimmed.upperBound {
            var restStart = keywordEnd
            while restStart < trimmed.upperBound, UTF8Scan.isBlank(bytes[restStart]) { restStart += 1 }
            let argumentStart: Int
            (argumentStart, flags) = extractFlags(restStart..<trimmed.upperBound)
            argumentRange = UTF8Scan.trimSpaces(bytes, argumentStart..<trimmed.upperBound)
        }

        if keyword.text.isEmpty {
            report(.unknownInstruction, "Line continuation without an instruction", line.fileRange(of: range))
            return InstructionHead(kind: .unknown, keyword: keyword, flags: flags, arguments: .none)
        }
        let arguments = readArguments(kind, argumentRange, depth: depth)
        let head = InstructionHead(kind: kind, keyword: keyword, flags: flags, arguments: arguments)
        validate(head, argumentRange)
        return head
    }

    // MARK: - Flags

    /// BuildKit's `extractBuilderFlags`: leading `--name[=value]` words, quotes and backslashes
    /// processed, up to the first word that does not start with `--` or a lone `--`.
    private mutating func extractFlags(_ range: Range<Int>) -> (Int, [InstructionFlag]) {
        enum Phase { case spaces, word, quote }
        var flags: [InstructionFlag] = []
        var phase = Phase.spaces
        var current: [UInt8] = []
        var quote: UInt8 = 0
        var blankOK = false
        var wordStart = range.lowerBound
        var position = range.lowerBound
        let end = range.upperBound

        func finishWord(_ wordEnd: Int) {
            if current != [0x2D, 0x2D] && (blankOK || !current.isEmpty) {
                let logical = wordStart..<wordEnd
                flags.append(InstructionFlag(word: TextSpan(
                    text: String(decoding: current, as: UTF8.self),
                    range: line.fileRange(of: logical),
                    logicalRange: logical
                )))
                add(.flag, logical)
            }
        }

        while position <= end {
            let byte: UInt8 = position < end ? bytes[position] : 0
            if phase == .spaces {
                if position == end { break }
                if UTF8Scan.isSpace(UInt32(byte)) { position += 1; continue }
                if byte != 0x2D || position + 1 == end || bytes[position + 1] != 0x2D {
                    return (position, flags)
                }
                phase = .word
                wordStart = position
            }
            if position == end {
                if current == [0x2D, 0x2D] { add(.flagTerminator, wordStart..<end) }
                finishWord(end)
                break
            }
            if phase == .word {
                if UTF8Scan.isSpace(UInt32(byte)) {
                    phase = .spaces
                    if current == [0x2D, 0x2D] {
                        add(.flagTerminator, wordStart..<position)
                        return (position, flags)
                    }
                    finishWord(position)
                    current = []
                    blankOK = false
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                    blankOK = true
                    phase = .quote
                    position += 1
                    continue
                }
                var character = byte
                if byte == UInt8(ascii: "\\") {
                    if position + 1 == end { position += 1; continue }
                    position += 1
                    character = bytes[position]
                }
                current.append(character)
                position += 1
                continue
            }
            // Inside quotes.
            if byte == quote {
                phase = .word
                position += 1
                continue
            }
            var character = byte
            if byte == UInt8(ascii: "\\") {
                if position + 1 == end { phase = .word; position += 1; continue }
                position += 1
                character = bytes[position]
            }
            current.append(character)
            position += 1
        }
        return (end, flags)
    }

    // MARK: - Arguments, by BuildKit's dispatch table

    private mutating func readArguments(_ kind: InstructionKind, _ range: Range<Int>, depth: Int) -> InstructionArguments {
        switch kind {
        case .add, .copy, .volume: return readJSONOrWords(range)
        case .arg: return readDeclarations(range)
        case .cmd, .entrypoint, .run, .shell: return readJSONOrShell(range)
        case .env, .label: return readKeyValues(range, instruction: kind.rawValue.uppercased())
        case .expose: return readWords(range)
        case .from: return readFrom(range)
        case .healthcheck: return readHealthcheck(range)
        case .maintainer, .stopsignal, .user, .workdir:
            guard !range.isEmpty else { return .none }
            add(.argument, range)
            return .text(word(range))
        case .onbuild:
            guard !range.isEmpty else { return .none }
            guard depth < Self.maximumTriggerDepth else {
                add(.unparsed, range)
                return .ignored(word(range))
            }
            return .trigger(readTrigger(range, depth: depth + 1))
        case .unknown:
            guard !range.isEmpty else { return .ignored(nil) }
            add(.unparsed, range)
            return .ignored(word(range))
        }
    }

    private mutating func readTrigger(_ range: Range<Int>, depth: Int) -> Instruction {
        let head = read(range, depth: depth)
        let fileRange = line.fileRange(of: UTF8Scan.trimSpaces(bytes, range))
        return Instruction(
            kind: head.kind, keyword: head.keyword, flags: head.flags, arguments: head.arguments,
            heredocs: [], range: fileRange, fullRange: fileRange, logicalLine: line, tokenIndices: 0..<0
        )
    }

    /// `parseMaybeJSON`.
    private mutating func readJSONOrShell(_ range: Range<Int>) -> InstructionArguments {
        guard !range.isEmpty else { return .none }
        if let elements = readJSON(range) { return .exec(elements) }
        add(.shellCode, range)
        return .shell(word(range))
    }

    /// `parseMaybeJSONToList`.
    private mutating func readJSONOrWords(_ range: Range<Int>) -> InstructionArguments {
        if let elements = readJSON(range) { return .exec(elements) }
        return readWords(range)
    }

    /// The JSON array in `range`, or nil for shell form. A valid array holding something other
    /// than strings is an error in BuildKit; it is reported and read as shell form.
    private mutating func readJSON(_ range: Range<Int>) -> [TextSpan]? {
        switch JSONArrayReader.read(bytes, range) {
        case .notJSON:
            return nil
        case .nonStringElement(let element):
            report(.invalidArguments, "A JSON array of arguments must hold only strings", line.fileRange(of: element))
            return nil
        case .strings(let elements, let punctuation):
            for piece in punctuation { add(.jsonPunctuation, piece) }
            return elements.map { element in
                add(.jsonString, element.range)
                return TextSpan(text: element.value, range: line.fileRange(of: element.range), logicalRange: element.range)
            }
        }
    }

    /// `parseStringsWhitespaceDelimited`: split on runs of `[\t\v\f\r ]`, quotes not honoured.
    private mutating func readWords(_ range: Range<Int>) -> InstructionArguments {
        guard !range.isEmpty else { return .none }
        return .words(splitOnBlanks(range).map { piece in
            add(.argument, piece)
            return word(piece)
        })
    }

    private func splitOnBlanks(_ range: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let start = position
            while position < range.upperBound, !UTF8Scan.isBlank(bytes[position]) { position += 1 }
            pieces.append(start..<position)
            while position < range.upperBound, UTF8Scan.isBlank(bytes[position]) { position += 1 }
        }
        return pieces
    }

    private mutating func readFrom(_ range: Range<Int>) -> InstructionArguments {
        let arguments = readWords(range)
        guard case .words(let words) = arguments else { return arguments }
        // Re-classify: the image, `AS` and the stage name.
        retag(words[0].logicalRange, as: .imageReference)
        if words.count == 3, words[1].text.lowercased() == "as" {
            retag(words[1].logicalRange, as: .keyword)
            retag(words[2].logicalRange, as: .stageName)
        }
        return arguments
    }

    private mutating func readHealthcheck(_ range: Range<Int>) -> InstructionArguments {
        var separator = range.lowerBound
        while separator < range.upperBound, !UTF8Scan.isSpace(UInt32(bytes[separator])) { separator += 1 }
        var next = separator
        while next < range.upperBound, UTF8Scan.isSpace(UInt32(bytes[next])) { next += 1 }
        guard separator > range.lowerBound else { return .none }
        let type = word(range.lowerBound..<separator)
        add(.keyword, type.logicalRange)
        return .healthcheck(type: type, command: readJSONOrShell(next..<range.upperBound))
    }

    /// `parseNameVal`: `KEY=value ...`, or the legacy `KEY value` when the first word has no `=`.
    private mutating func readKeyValues(_ range: Range<Int>, instruction: String) -> InstructionArguments {
        let words = splitWords(range)
        guard let first = words.first else { return .none }
        if !first.text.contains(0x3D) {
            var keyEnd = range.lowerBound
            while keyEnd < range.upperBound, !UTF8Scan.isBlank(bytes[keyEnd]) { keyEnd += 1 }
            var valueStart = keyEnd
            while valueStart < range.upperBound, UTF8Scan.isBlank(bytes[valueStart]) { valueStart += 1 }
            let key = word(range.lowerBound..<keyEnd)
            add(.key, key.logicalRange)
            guard valueStart < range.upperBound else {
                report(.invalidArguments, "\(instruction) must have two arguments", key.range)
                return .keyValues([])
            }
            let value = word(valueStart..<range.upperBound)
            add(.value, value.logicalRange)
            return .keyValues([KeyValuePair(
                key: key, value: value, separator: .whitespace,
                range: line.fileRange(of: range.lowerBound..<range.upperBound)
            )])
        }
        var pairs: [KeyValuePair] = []
        // BuildKit stops at the first word without `=`: one error per instruction, not one per
        // word (a 200 KB ENV of such words would otherwise report tens of thousands).
        var reportedMissingEquals = false
        for item in words {
            guard let equals = item.text.firstIndex(of: 0x3D) else {
                add(.unparsed, item.range)
                if reportedMissingEquals { continue }
                reportedMissingEquals = true
                report(
                    .invalidArguments,
                    "Syntax error - can't find = in \(GoQuote.quote(String(decoding: item.text, as: UTF8.self))). Must be of the form: name=value",
                    line.fileRange(of: item.range)
                )
                continue
            }
            let equalsPosition = item.range.lowerBound + equals
            let key = word(item.range.lowerBound..<equalsPosition)
            let valueRange = (equalsPosition + 1)..<item.range.upperBound
            let value = TextSpan(
                text: String(decoding: item.text[(equals + 1)...], as: UTF8.self),
                range: line.fileRange(of: valueRange), logicalRange: valueRange
            )
            add(.key, key.logicalRange)
            add(.assignmentOperator, equalsPosition..<(equalsPosition + 1))
            if !valueRange.isEmpty { add(.value, valueRange) }
            pairs.append(KeyValuePair(key: key, value: value, separator: .equals, range: line.fileRange(of: item.range)))
        }
        return .keyValues(pairs)
    }

    /// `parseNameOrNameVal` for `ARG`.
    private mutating func readDeclarations(_ range: Range<Int>) -> InstructionArguments {
        let words = splitWords(range)
        guard !words.isEmpty else { return .none }
        return .declarations(words.map { item in
            let whole = TextSpan(text: String(decoding: item.text, as: UTF8.self), range: line.fileRange(of: item.range), logicalRange: item.range)
            guard let equals = item.text.firstIndex(of: 0x3D) else {
                add(.key, item.range)
                return ArgDeclaration(word: whole, name: whole, defaultValue: nil)
            }
            let equalsPosition = item.range.lowerBound + equals
            let valueRange = (equalsPosition + 1)..<item.range.upperBound
            add(.key, item.range.lowerBound..<equalsPosition)
            add(.assignmentOperator, equalsPosition..<(equalsPosition + 1))
            if !valueRange.isEmpty { add(.value, valueRange) }
            return ArgDeclaration(
                word: whole,
                name: word(item.range.lowerBound..<equalsPosition),
                defaultValue: TextSpan(
                    text: String(decoding: item.text[(equals + 1)...], as: UTF8.self),
                    range: line.fileRange(of: valueRange), logicalRange: valueRange
                )
            )
        })
    }

    /// BuildKit's `parseWords`: split on unquoted, unescaped white space, keeping quotes and
    /// escapes in the words; an escape character at the very end is dropped.
    private func splitWords(_ range: Range<Int>) -> [(text: [UInt8], range: Range<Int>)] {
        enum Phase { case spaces, word, quote }
        var words: [(text: [UInt8], range: Range<Int>)] = []
        var phase = Phase.spaces
        var current: [UInt8] = []
        var quote: UInt32 = 0
        var blankOK = false
        var wordStart = range.lowerBound
        var position = range.lowerBound
        let end = range.upperBound
        let escape = UInt32(self.escape)

        while position <= end {
            var (scalar, width) = position < end ? UTF8Scan.decode(bytes, at: position, end: end) : (0, 0)
            if phase == .spaces {
                if position == end { break }
                if UTF8Scan.isSpace(scalar) { position += width; continue }
                phase = .word
                wordStart = position
            }
            if position == end {
                if blankOK || !current.isEmpty { words.append((current, wordStart..<end)) }
                break
            }
            if phase == .word {
                if UTF8Scan.isSpace(scalar) {
                    phase = .spaces
                    if blankOK || !current.isEmpty { words.append((current, wordStart..<position)) }
                    current = []
                    blankOK = false
                    position += width
                    continue
                }
                if scalar == 0x27 || scalar == 0x22 {
                    quote = scalar
                    blankOK = true
                    phase = .quote
                }
                if scalar == escape {
                    if position + width == end { position += width; continue }
                    appendCharacter(at: position, width: width, to: &current)
                    position += width
                    (scalar, width) = UTF8Scan.decode(bytes, at: position, end: end)
                }
                appendCharacter(at: position, width: width, to: &current)
                position += width
                continue
            }
            if scalar == quote { phase = .word }
            if scalar == escape, quote != 0x27 {
                if position + width == end { phase = .word; position += width; continue }
                appendCharacter(at: position, width: width, to: &current)
                position += width
                (scalar, width) = UTF8Scan.decode(bytes, at: position, end: end)
            }
            appendCharacter(at: position, width: width, to: &current)
            position += width
        }
        return words
    }

    /// One byte appended as a byte, not as a slice of the line: every byte of every ENV, LABEL
    /// and ARG goes through here.
    private func appendCharacter(at position: Int, width: Int, to word: inout [UInt8]) {
        if width == 1 {
            word.append(bytes[position])
        } else {
            word.append(contentsOf: bytes[position..<(position + width)])
        }
    }

    // MARK: - What BuildKit rejects when it turns the parse into build instructions

    private mutating func validate(_ head: InstructionHead, _ argumentRange: Range<Int>) {
        // Only a message needs the name: most instructions are valid.
        var name: String { head.keyword.text.uppercased() }
        let at = head.keyword.range
        switch (head.kind, head.arguments) {
        case (.unknown, _):
            report(.unknownInstruction, "Unknown instruction '\(UTF8Scan.displayable(head.keyword.text))'", at)
        case (.cmd, _), (.entrypoint, _):
            break
        case (_, .none):
            report(.invalidArguments, "\(name) requires at least one argument", at)
        case (.from, .words(let words)):
            let named = words.count == 3 && words[1].text.lowercased() == "as"
            if words.count != 1 && !named {
                report(.invalidArguments, "FROM requires either one or three arguments (image [AS name])", line.fileRange(of: argumentRange))
            } else if named, !Self.isValidStageName(words[2].text.lowercased()) {
                report(.invalidArguments, "Invalid stage name '\(words[2].text)': it must start with a letter and hold only letters, digits, '-', '_' and '.'", words[2].range)
            }
        case (.add, .words(let words)), (.copy, .words(let words)), (.add, .exec(let words)), (.copy, .exec(let words)):
            if words.count < 2 {
                report(.invalidArguments, "\(name) requires at least two arguments: a source and a destination", line.fileRange(of: argumentRange))
            }
        case (.shell, .shell):
            report(.invalidArguments, "SHELL requires the arguments to be in JSON form", line.fileRange(of: argumentRange))
        case (.healthcheck, .healthcheck(let type, let command)):
            switch (type.text.uppercased(), command) {
            case ("NONE", .none), ("CMD", .exec), ("CMD", .shell): break
            case ("NONE", _): report(.invalidArguments, "HEALTHCHECK NONE takes no arguments", line.fileRange(of: argumentRange))
            case ("CMD", _): report(.invalidArguments, "Missing command after HEALTHCHECK CMD", type.range)
            default: report(.invalidArguments, "Unknown type '\(UTF8Scan.displayable(type.text))' in HEALTHCHECK (try CMD)", type.range)
            }
        case (.onbuild, .trigger(let trigger)):
            if [.onbuild, .from, .maintainer].contains(trigger.kind) {
                report(.invalidOnbuildTrigger, "\(trigger.keyword.text.uppercased()) isn't allowed as an ONBUILD trigger", trigger.keyword.range)
            }
        default:
            break
        }
    }

    /// BuildKit: `^[a-z][a-z0-9-_\.]*$` after lower-casing.
    static func isValidStageName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        guard let first = utf8.first, (0x61...0x7A).contains(first) else { return false }
        return utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    // MARK: - Heredoc openings

    /// BuildKit's `heredocsFromLine`: shell words of the whole line that read `[n]<<[-]NAME`.
    func heredocOpenings(in range: Range<Int>) -> [HeredocOpening] {
        // Every opening has `<<`: most lines have none, and are not split into words at all.
        var index = range.lowerBound
        while index + 1 < range.upperBound, !(bytes[index] == 0x3C && bytes[index + 1] == 0x3C) { index += 1 }
        guard index + 1 < range.upperBound else { return [] }
        return ShellWords.split(bytes, range).compactMap { piece in
            let text = bytes[piece]
            var index = text.startIndex
            while index < text.endIndex, (0x30...0x39).contains(text[index]) { index += 1 }
            let digits = text[text.startIndex..<index]
            guard text[index...].starts(with: [0x3C, 0x3C]) else { return nil }
            index += 2
            let chomps = index < text.endIndex && text[index] == 0x2D
            if chomps { index += 1 }
            let rest = text[index...]
            guard !rest.isEmpty, !rest.contains(0x3C) else { return nil }
            let unquoted = ShellWords.unquote(Array(rest))
            guard let name = unquoted.value, !name.isEmpty else { return nil }
            return HeredocOpening(
                marker: word(piece),
                name: name,
                expands: !unquoted.hadQuotes,
                chomps: chomps,
                fileDescriptor: digits.isEmpty ? nil : Int(String(decoding: digits, as: UTF8.self))
            )
        }
    }

    // MARK: - Helpers

    private func word(_ range: Range<Int>) -> TextSpan {
        TextSpan(text: UTF8Scan.string(bytes, range), range: line.fileRange(of: range), logicalRange: range)
    }

    private mutating func add(_ kind: TokenKind, _ range: Range<Int>) {
        if !range.isEmpty { lexemes.append(Lexeme(kind: kind, range: range)) }
    }

    private mutating func retag(_ range: Range<Int>, as kind: TokenKind) {
        if let index = lexemes.lastIndex(where: { $0.range == range }) { lexemes[index].kind = kind }
    }

    private mutating func report(_ code: SyntaxDiagnostic.Code, _ message: String, _ range: Range<Int>) {
        diagnostics.append(SyntaxDiagnostic(code, message, at: range))
    }
}

/// Shell-style word splitting as BuildKit's lexer does it for heredoc detection: white space
/// outside quotes separates words; quotes and backslash escapes stay in the words.
enum ShellWords {
    static func split(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var position = range.lowerBound
        var start: Int?
        let end = range.upperBound
        while position < end {
            let byte = bytes[position]
            let (scalar, width) = UTF8Scan.decode(bytes, at: position, end: end)
            if UTF8Scan.isSpace(scalar) {
                if let wordStart = start { words.append(wordStart..<position) }
                start = nil
                position += width
                continue
            }
            if start == nil { start = position }
            switch byte {
            case UInt8(ascii: "\\"):
                position = min(end, position + 2)
            case UInt8(ascii: "'"):
                position += 1
                while position < end, bytes[position] != UInt8(ascii: "'") { position += 1 }
                position = min(end, position + 1)
            case UInt8(ascii: "\""):
                position += 1
                while position < end, bytes[position] != UInt8(ascii: "\"") {
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                position = min(end, position + 1)
            default:
                position += width
            }
        }
        if let wordStart = start { words.append(wordStart..<end) }
        return words
    }

    /// The word with quotes and escapes removed; nil when a quote is left open.
    static func unquote(_ word: [UInt8]) -> (value: [UInt8]?, hadQuotes: Bool) {
        var value: [UInt8] = []
        var hadQuotes = false
        var index = 0
        while index < word.count {
            let byte = word[index]
            switch byte {
            case UInt8(ascii: "\\"):
                if index + 1 < word.count { value.append(word[index + 1]) }
                index += 2
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                hadQuotes = true
                index += 1
                while index < word.count, word[index] != byte {
                    if byte == UInt8(ascii: "\""), word[index] == UInt8(ascii: "\\"), index + 1 < word.count { index += 1 }
                    value.append(word[index])
                    index += 1
                }
                guard index < word.count else { return (nil, true) }
                index += 1
            default:
                value.append(byte)
                index += 1
            }
        }
        return (value, hadQuotes)
    }
}
