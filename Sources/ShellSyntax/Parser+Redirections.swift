/// Redirections and here-documents.
extension Parser {
    /// Longest operators first so that `>>` is not read as `>`.
    static let redirectionOperators: [(StaticString, RedirectionOperator)] = [
        ("<<<", .hereString), ("<<-", .hereDocumentStrippingTabs), ("<<", .hereDocument),
        ("<>", .readWrite), ("<&", .duplicateInput), ("<", .input),
        (">>", .append), (">&", .duplicateOutput), (">|", .clobber), (">", .output),
        ("&>>", .appendOutputAndError), ("&>", .outputAndError),
    ]

    /// Parses `[n]op target` at the current position, or returns nil having
    /// consumed nothing.
    mutating func parseRedirectionIfPresent() -> Redirection? {
        guard let first = peek(),
              Parser.isDigit(first) || first == .less || first == .greater || first == .ampersand else { return nil }
        let start = pos
        var digitsEnd = pos
        while digitsEnd < bytes.count && Parser.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
        var fd: Int?
        if digitsEnd > pos {
            // Too many digits cannot be a descriptor; bash then reads a word.
            guard digitsEnd - pos <= 9, digitsEnd < bytes.count,
                  bytes[digitsEnd] == .less || bytes[digitsEnd] == .greater else { return nil }
            fd = Int(text(pos, digitsEnd))
            pos = digitsEnd
        }
        guard let match = Parser.redirectionOperators.first(where: { looking(at: $0.0) }),
              fd == nil || match.0.utf8Start.pointee != UInt8.ampersand else {
            pos = start
            return nil
        }
        let (spelling, op) = match
        let opStart = pos
        pos += spelling.utf8CodeUnitCount
        let opRange = span(opStart, pos)
        skipBlanks()
        guard !atWordEnd else {
            diagnose("expected a word after '\(op.rawValue)'", span(pos, pos))
            return Redirection(fd: fd, op: op, opRange: opRange, target: nil, hereDocument: nil, range: span(start, pos))
        }
        let targetStart = pos
        let target = parseWord()
        var hereDocument: HereDocument?
        if op == .hereDocument || op == .hereDocumentStrippingTabs {
            let delimiter = target.literalValue.map { Array($0.utf8) } ?? Array(bytes[targetStart..<pos])
            hereDocument = readHereDocument(
                delimiter: delimiter, isQuoted: target.isQuoted, stripsTabs: op == .hereDocumentStrippingTabs,
                operatorRange: opRange)
        }
        return Redirection(
            fd: fd, op: op, opRange: opRange, target: target, hereDocument: hereDocument, range: span(start, pos))
    }

    /// Finds the body, which starts after the current line (or after the
    /// previous here-document on the same line), and arranges for the parser
    /// to jump over it when it reaches that line's end.
    mutating func readHereDocument(
        delimiter: [UInt8], isQuoted: Bool, stripsTabs: Bool, operatorRange: Range<Int>
    ) -> HereDocument {
        let newline: Int
        let bodyStart: Int
        if let pending = pendingHereDocumentSkip, pending.newline >= pos {
            newline = pending.newline
            bodyStart = pending.resumeAt
        } else {
            newline = nextNewline()
            bodyStart = min(newline + 1, bytes.count)
        }
        let delimiterText = String(decoding: delimiter, as: UTF8.self)
        var lineStart = bodyStart
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != .newline { lineEnd += 1 }
            var contentStart = lineStart
            if stripsTabs {
                while contentStart < lineEnd && bytes[contentStart] == .tab { contentStart += 1 }
            }
            if bytes[contentStart..<lineEnd].elementsEqual(delimiter) {
                let resumeAt = min(lineEnd + 1, bytes.count)
                if newline < bytes.count { pendingHereDocumentSkip = (newline, resumeAt) }
                return HereDocument(
                    delimiter: delimiterText, isQuoted: isQuoted, stripsLeadingTabs: stripsTabs,
                    bodyRange: span(bodyStart, lineStart), delimiterLineRange: span(lineStart, lineEnd))
            }
            lineStart = lineEnd + 1
        }
        diagnose("here-document delimited by end of input (wanted '\(delimiterText)')", operatorRange)
        if newline < bytes.count { pendingHereDocumentSkip = (newline, bytes.count) }
        return HereDocument(
            delimiter: delimiterText, isQuoted: isQuoted, stripsLeadingTabs: stripsTabs,
            bodyRange: span(bodyStart, bytes.count), delimiterLineRange: nil)
    }

    /// The position of the next newline (or the end), remembered so that
    /// many here-document operators on one line cost linear time.
    mutating func nextNewline() -> Int {
        if let cached = newlineSearch, cached.from <= pos, pos <= cached.found {
            return cached.found
        }
        var i = pos
        while i < bytes.count && bytes[i] != .newline { i += 1 }
        newlineSearch = (pos, i)
        return i
    }
}
