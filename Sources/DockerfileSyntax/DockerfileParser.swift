#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the file into directives, comments, blank lines and instructions exactly as
/// BuildKit's `parser.Parse` does, and records a token for every byte on the way.
struct DockerfileParser {
    private struct PhysicalLine {
        let start: Int
        /// End of the line without its trailing `\r`/`\n` bytes.
        let contentEnd: Int
        /// End including the line ending.
        let end: Int
    }

    /// A contiguous piece of the logical line. The trivia that follow it in the file are kept
    /// with those of the other pieces, in one list, from `triviaStart` to the next piece's: an
    /// array for each piece cost an allocation for every line of a continued instruction.
    private struct Piece {
        let fileStart: Int
        let logicalStart: Int
        let length: Int
        let triviaStart: Int
    }

    let source: [UInt8]
    private(set) var tokens: [SyntaxToken] = []
    private(set) var directives: [ParserDirective] = []
    private(set) var instructions: [Instruction] = []
    private(set) var diagnostics: [SyntaxDiagnostic] = []
    private(set) var escape = UInt8(ascii: "\\")

    private var lines: [PhysicalLine] = []
    private var lookingForDirectives = true

    private static let knownDirectives: Set<String> = ["syntax", "escape", "check"]

    init(source: [UInt8]) {
        self.source = source
    }

    mutating func parse() {
        splitLines()
        tokens.reserveCapacity(source.count / 4)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            var contentStart = line.start
            if index == 0, source.starts(with: UTF8.byteOrderMark) {
                emit(.byteOrderMark, 0..<3)
                contentStart = 3
            }
            let textStart = UTF8Scan.skipSpaces(source, contentStart..<line.contentEnd)
            let text = textStart..<line.contentEnd

            if lookingForDirectives, readDirective(text) {
                emit(.whitespace, contentStart..<textStart)
                emit(.directive, text)
                emit(.newline, line.contentEnd..<line.end)
                index += 1
                continue
            }
            lookingForDirectives = false

            if text.isEmpty || source[textStart] == UInt8(ascii: "#") {
                if !text.isEmpty { reportMisplacedDirective(text) }
                emit(.whitespace, contentStart..<textStart)
                emit(.comment, text)
                emit(.newline, line.contentEnd..<line.end)
                index += 1
                continue
            }
            emit(.whitespace, contentStart..<textStart)
            index = readInstruction(startingAt: index, textStart: textStart)
        }
        checkStages()
    }

    private mutating func splitLines() {
        var found: [PhysicalLine] = []
        found.reserveCapacity(source.count / 40 + 1)
        // Every byte of every file passes here: the C library finds the line ends, several bytes
        // at a time, faster than a loop over the bytes.
        source.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                    end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1
                }
                found.append(Self.line(bytes, start, end))
                start = end
            }
        }
        lines = found
    }

    /// Where each line starts, as `LineTable` counts lines (a file has at least one).
    var lineStarts: [Int] {
        lines.isEmpty ? [0] : lines.map(\.start)
    }

    private static func line(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> PhysicalLine {
        var contentEnd = end
        while contentEnd > start, source[contentEnd - 1] == UInt8(ascii: "\n") || source[contentEnd - 1] == UInt8(ascii: "\r") {
            contentEnd -= 1
        }
        return PhysicalLine(start: start, contentEnd: contentEnd, end: end)
    }

    // MARK: - Directives

    /// Reads a directive line while directives are allowed. False ends the directive block.
    private mutating func readDirective(_ text: Range<Int>) -> Bool {
        guard let match = matchDirective(text) else { return false }
        let name = UTF8Scan.string(source, match.name).lowercased()
        guard Self.knownDirectives.contains(name) else {
            diagnostics.append(SyntaxDiagnostic(
                .unknownDirective,
                "Unknown parser directive '\(name)': it is read as a comment (known: syntax, escape, check)",
                at: match.name
            ))
            return false
        }
        let value = UTF8Scan.string(source, match.value)
        if directives.contains(where: { $0.name == name }) {
            diagnostics.append(SyntaxDiagnostic(.invalidDirective, "Only one \(name) parser directive can be used", at: text))
        } else if name == "escape" {
            if value == "\\" || value == "`" {
                escape = source[match.value.lowerBound]
            } else {
                diagnostics.append(SyntaxDiagnostic(
                    .invalidDirective, "Invalid escape token '\(value)' does not match ` or \\", at: match.value
                ))
            }
        }
        directives.append(ParserDirective(name: name, value: value, range: text, nameRange: match.name, valueRange: match.value))
        return true
    }

    /// BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
    private func matchDirective(_ text: Range<Int>) -> (name: Range<Int>, value: Range<Int>)? {
        var position = text.lowerBound
        let end = text.upperBound
        guard position < end, source[position] == UInt8(ascii: "#") else { return nil }
        position += 1
        while position < end, UTF8Scan.isRegexSpace(source[position]) { position += 1 }
        let nameStart = position
        guard position < end, isLetter(source[position]) else { return nil }
        while position < end, isLetter(source[position]) || (0x30...0x39).contains(source[position]) { position += 1 }
        let name = nameStart..<position
        while position < end, UTF8Scan.isRegexSpace(source[position]) { position += 1 }
        guard position < end, source[position] == UInt8(ascii: "=") else { return nil }
        position += 1
        let afterEquals = position
        while position < end, UTF8Scan.isRegexSpace(source[position]) { position += 1 }
        var valueEnd = end
        while valueEnd > position, UTF8Scan.isRegexSpace(source[valueEnd - 1]) { valueEnd -= 1 }
        if valueEnd > position { return (name, position..<valueEnd) }
        // Only blanks after `=`: the lazy `(.+?)` still takes one of them.
        guard end > afterEquals else { return nil }
        return (name, (end - 1)..<end)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// A known directive written where BuildKit no longer reads directives is only a comment.
    private mutating func reportMisplacedDirective(_ text: Range<Int>) {
        guard let match = matchDirective(text) else { return }
        let name = UTF8Scan.string(source, match.name).lowercased()
        guard Self.knownDirectives.contains(name) else { return }
        diagnostics.append(SyntaxDiagnostic(
            .misplacedDirective,
            "The '\(name)' parser directive is ignored here: directives must come before any instruction, comment or blank line",
            at: text
        ))
    }

    // MARK: - Instructions

    /// Reads the instruction whose first line is `lines[first]`; returns the next line to read.
    private mutating func readInstruction(startingAt first: Int, textStart: Int) -> Int {
        var pieces: [Piece] = []
        var trivia: [SyntaxToken] = []
        var logical: [UInt8] = []
        var index = first
        var continues = appendContent(textStart, lines[first], to: &pieces, &logical, trivia: &trivia)
        index += 1
        var emptyLines: [Range<Int>] = []
        while continues, index < lines.count {
            let line = lines[index]
            let textStart = UTF8Scan.skipSpaces(source, line.start..<line.contentEnd)
            // Comment and blank lines are trivia of the last piece, the one ending the list.
            if textStart < line.contentEnd, source[textStart] == UInt8(ascii: "#") {
                Self.appendTrivia(.whitespace, line.start..<textStart, to: &trivia)
                Self.appendTrivia(.continuationComment, textStart..<line.contentEnd, to: &trivia)
                Self.appendTrivia(.newline, line.contentEnd..<line.end, to: &trivia)
            } else if textStart == line.contentEnd {
                emptyLines.append(line.start..<line.contentEnd)
                Self.appendTrivia(.whitespace, line.start..<line.contentEnd, to: &trivia)
                Self.appendTrivia(.newline, line.contentEnd..<line.end, to: &trivia)
            } else {
                continues = appendContent(line.start, line, to: &pieces, &logical, trivia: &trivia)
            }
            index += 1
        }

        let logicalLine = LogicalLine(
            bytes: logical,
            segments: pieces.map { LogicalLine.Segment(logicalStart: $0.logicalStart, fileStart: $0.fileStart, length: $0.length) }
        )
        var reader = InstructionReader(line: logicalLine, escape: escape)
        let head = reader.read(0..<logical.count)
        diagnostics += reader.diagnostics

        if continues {
            let last = pieces[pieces.count - 1]
            diagnostics.append(SyntaxDiagnostic(
                .continuationAtEndOfFile, "The file ends inside a line continuation",
                at: last.triviaStart < trivia.count ? trivia[last.triviaStart].range : (source.count..<source.count)
            ))
        }
        for empty in emptyLines {
            diagnostics.append(SyntaxDiagnostic(
                .emptyContinuationLine,
                "Empty continuation line: BuildKit warns about these and may reject them in a future release",
                at: empty
            ))
        }

        var openings: [HeredocOpening] = []
        let heredocHost = head.kind == .onbuild ? (head.arguments.triggerKind ?? .unknown) : head.kind
        if heredocHost.acceptsHeredocs, !isExec(head) {
            openings = reader.heredocOpenings(in: 0..<logical.count)
        }
        let markers = openings.map { Lexeme(kind: .heredocMarker, range: $0.marker.logicalRange) }
        let firstToken = tokens.count
        emitLexemes(fill(reader.lexemes, markers: markers, logical), pieces, trivia)

        var heredocs: [Heredoc] = []
        for opening in openings {
            // Once one body runs to the end of the file the later ones are empty: say it once,
            // not once per marker (a line of 20,000 `<<A`).
            let reports = heredocs.last.map { $0.terminatorRange != nil } ?? true
            let (heredoc, next) = readHeredoc(opening, from: index, reportingUnterminated: reports)
            heredocs.append(heredoc)
            index = next
        }

        let range = head.keyword.range.lowerBound..<max(head.keyword.range.upperBound, logicalLine.fileEnd)
        let fullEnd = heredocs.last.map { $0.terminatorRange?.upperBound ?? $0.bodyRange.upperBound } ?? range.upperBound
        instructions.append(Instruction(
            kind: head.kind, keyword: head.keyword, flags: head.flags, arguments: head.arguments,
            heredocs: heredocs, range: range, fullRange: range.lowerBound..<max(range.upperBound, fullEnd),
            logicalLine: logicalLine, tokenIndices: firstToken..<tokens.count
        ))
        return index
    }

    private func isExec(_ head: InstructionHead) -> Bool {
        switch head.arguments {
        case .exec: true
        case .trigger(let trigger): trigger.isExecForm
        default: false
        }
    }

    /// Appends a content line to the logical line. True when it ends in a line continuation.
    private func appendContent(
        _ start: Int, _ line: PhysicalLine, to pieces: inout [Piece], _ logical: inout [UInt8], trivia: inout [SyntaxToken]
    ) -> Bool {
        let continuation = continuationStart(start..<line.contentEnd)
        let contentEnd = continuation ?? line.contentEnd
        pieces.append(Piece(fileStart: start, logicalStart: logical.count, length: contentEnd - start, triviaStart: trivia.count))
        logical.append(contentsOf: source[start..<contentEnd])
        if let continuation {
            Self.appendTrivia(.lineContinuation, continuation..<line.end, to: &trivia)
        } else {
            Self.appendTrivia(.newline, line.contentEnd..<line.end, to: &trivia)
        }
        return continuation != nil
    }

    /// Where the line continuation starts, if the text ends in one. BuildKit's
    /// `([^E])E[ \t]*$|^E[ \t]*$` for escape character E: an escape at the end of the text,
    /// after optional blanks, that is not itself escaped.
    private func continuationStart(_ text: Range<Int>) -> Int? {
        var end = text.upperBound
        while end > text.lowerBound, source[end - 1] == 0x20 || source[end - 1] == 0x09 { end -= 1 }
        guard end > text.lowerBound, source[end - 1] == escape else { return nil }
        let escapeAt = end - 1
        if escapeAt == text.lowerBound || source[escapeAt - 1] != escape { return escapeAt }
        return nil
    }

    /// Reads a heredoc body from `lines[start]` on; returns it and the next line to read.
    private mutating func readHeredoc(_ opening: HeredocOpening, from start: Int, reportingUnterminated: Bool) -> (Heredoc, Int) {
        var index = start
        while index < lines.count {
            let line = lines[index]
            var candidate = line.start
            if opening.chomps { while candidate < line.contentEnd, source[candidate] == 0x09 { candidate += 1 } }
            if source[candidate..<line.contentEnd].elementsEqual(opening.name) {
                let bodyRange = (start < lines.count ? lines[start].start : source.count)..<line.start
                emit(.heredocBody, bodyRange)
                emit(.whitespace, line.start..<candidate)
                emit(.heredocTerminator, candidate..<line.contentEnd)
                emit(.newline, line.contentEnd..<line.end)
                return (heredoc(opening, bodyRange, terminator: candidate..<line.contentEnd), index + 1)
            }
            index += 1
        }
        let bodyRange = (start < lines.count ? lines[start].start : source.count)..<source.count
        emit(.heredocBody, bodyRange)
        if reportingUnterminated { diagnostics.append(SyntaxDiagnostic(
            .unterminatedHeredoc,
            "Unterminated heredoc: no line reads '\(String(decoding: opening.name, as: UTF8.self))' before the end of the file",
            at: opening.marker.range
        )) }
        return (heredoc(opening, bodyRange, terminator: nil), lines.count)
    }

    private func heredoc(_ opening: HeredocOpening, _ body: Range<Int>, terminator: Range<Int>?) -> Heredoc {
        Heredoc(
            marker: opening.marker,
            name: String(decoding: opening.name, as: UTF8.self),
            expands: opening.expands,
            chomps: opening.chomps,
            fileDescriptor: opening.fileDescriptor,
            bodyRange: body,
            terminatorRange: terminator,
            body: String(decoding: source[body], as: UTF8.self)
        )
    }

    // MARK: - Tokens

    /// Sorts the lexemes, carves heredoc markers out of the text around them and fills every
    /// gap, so that the lexemes cover `0..<count` exactly.
    private func fill(_ lexemes: [Lexeme], markers: [Lexeme], _ logical: [UInt8]) -> [Lexeme] {
        // The reader records no markers itself, and its lexemes are nearly always in order
        // already: neither is copied then.
        var sorted = markers.isEmpty ? lexemes : carve(lexemes, markers)
        if !sorted.isSorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            sorted.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        var filled: [Lexeme] = []
        filled.reserveCapacity(sorted.count * 2 + 1)
        var position = 0
        for lexeme in sorted where lexeme.range.lowerBound >= position {
            if lexeme.range.lowerBound > position { filled.append(gap(position..<lexeme.range.lowerBound, logical)) }
            filled.append(lexeme)
            position = lexeme.range.upperBound
        }
        if position < logical.count { filled.append(gap(position..<logical.count, logical)) }
        return filled
    }

    private func carve(_ lexemes: [Lexeme], _ markers: [Lexeme]) -> [Lexeme] {
        var result: [Lexeme] = []
        for lexeme in lexemes {
            var start = lexeme.range.lowerBound
            for marker in markers where marker.range.overlaps(lexeme.range) && marker.range.lowerBound >= start {
                if marker.range.lowerBound > start { result.append(Lexeme(kind: lexeme.kind, range: start..<marker.range.lowerBound)) }
                result.append(marker)
                start = marker.range.upperBound
            }
            if start < lexeme.range.upperBound { result.append(Lexeme(kind: lexeme.kind, range: start..<lexeme.range.upperBound)) }
        }
        return result
    }

    private func gap(_ range: Range<Int>, _ logical: [UInt8]) -> Lexeme {
        let blank = UTF8Scan.skipSpaces(logical, range) == range.upperBound
        return Lexeme(kind: blank ? .whitespace : .unparsed, range: range)
    }

    /// Maps logical lexemes onto the file, putting each piece's trivia after it.
    private mutating func emitLexemes(_ lexemes: [Lexeme], _ pieces: [Piece], _ trivia: [SyntaxToken]) {
        func triviaOfPiece(_ index: Int) -> ArraySlice<SyntaxToken> {
            trivia[pieces[index].triviaStart..<(index + 1 < pieces.count ? pieces[index + 1].triviaStart : trivia.count)]
        }
        var pieceIndex = 0
        for lexeme in lexemes {
            var position = lexeme.range.lowerBound
            while position < lexeme.range.upperBound {
                while pieceIndex < pieces.count - 1, pieces[pieceIndex].logicalStart + pieces[pieceIndex].length <= position {
                    tokens += triviaOfPiece(pieceIndex)
                    pieceIndex += 1
                }
                let piece = pieces[pieceIndex]
                let end = min(lexeme.range.upperBound, piece.logicalStart + piece.length)
                let offset = piece.fileStart - piece.logicalStart
                emit(lexeme.kind, (position + offset)..<(end + offset))
                position = end
            }
        }
        while pieceIndex < pieces.count {
            tokens += triviaOfPiece(pieceIndex)
            pieceIndex += 1
        }
    }

    /// Appended one by one: a list of them built first, then filtered, cost two arrays a line.
    private static func appendTrivia(_ kind: TokenKind, _ range: Range<Int>, to trivia: inout [SyntaxToken]) {
        if !range.isEmpty { trivia.append(SyntaxToken(kind: kind, range: range)) }
    }

    private mutating func emit(_ kind: TokenKind, _ range: Range<Int>) {
        if !range.isEmpty { tokens.append(SyntaxToken(kind: kind, range: range)) }
    }

    // MARK: - Whole-file checks

    private mutating func checkStages() {
        guard let firstInstruction = instructions.first else {
            diagnostics.append(SyntaxDiagnostic(.noInstructions, "The file has no instructions", at: 0..<source.count))
            return
        }
        var seenFrom = false
        for instruction in instructions {
            switch instruction.kind {
            case .from: seenFrom = true
            case .arg, .unknown: break
            default:
                if !seenFrom {
                    diagnostics.append(SyntaxDiagnostic(
                        .instructionBeforeFrom,
                        "\(instruction.keyword.text.uppercased()) comes before the first FROM: only ARG may precede FROM",
                        at: instruction.keyword.range
                    ))
                }
            }
        }
        if !seenFrom {
            diagnostics.append(SyntaxDiagnostic(.noBuildStage, "The file has no FROM instruction, so it defines no build stage", at: firstInstruction.keyword.range))
        }
    }
}

extension InstructionArguments {
    var triggerKind: InstructionKind? {
        if case .trigger(let trigger) = self { return trigger.kind }
        return nil
    }
}

extension Array {
    /// True when no element is ordered before the one ahead of it.
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        indices.dropFirst().allSatisfy { !areInIncreasingOrder(self[$0], self[$0 - 1]) }
    }
}
