/// A position as LSP counts it: a 0-based line and a 0-based offset in UTF-16 code units.
public struct LSPPosition: Sendable, Hashable, Comparable {
    public let line: Int
    public let character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: LSPPosition, rhs: LSPPosition) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }

    init?(_ json: JSONValue?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSONValue { ["line": .integer(line), "character": .integer(character)] }
}

public struct LSPRange: Sendable, Hashable {
    public let start: LSPPosition
    public let end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    init?(_ json: JSONValue?) {
        guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]) else { return nil }
        self.init(start: min(start, end), end: max(start, end))
    }

    var json: JSONValue { ["start": start.json, "end": end.json] }
}

/// The text of an open document as UTF-8 bytes (what the linter reads), with the line index
/// that converts between byte offsets and LSP positions. Lines end at `\n`, `\r\n` or a lone
/// `\r`, as LSP defines them.
public struct TextDocument: Sendable {
    public private(set) var bytes: [UInt8]
    /// Byte offset at which each line starts; the first is 0.
    private var lineStarts: [Int]

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStarts = Self.lineStarts(of: bytes)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var lineCount: Int { lineStarts.count }

    /// The byte offset of a position. A character past the end of its line means the line's end
    /// (before its line ending), a line past the last one means the end of the text, as LSP asks.
    public func offset(of position: LSPPosition) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let end = contentEnd(ofLine: position.line)
        var offset = lineStarts[position.line]
        var units = 0
        while offset < end, units < position.character {
            let width = Self.sequenceLength(bytes[offset])
            units += width == 4 ? 2 : 1
            offset = min(offset + width, end)
        }
        return offset
    }

    /// The LSP position of a byte offset (clamped to the text). An offset inside a multi-byte
    /// character counts as that character's start.
    public func position(of offset: Int) -> LSPPosition {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(containing: clamped)
        // Inside a line ending (between \r and \n) is the end of the line's content.
        let end = min(clamped, contentEnd(ofLine: line))
        var units = 0
        var index = lineStarts[line]
        while index < end {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            index += 1
        }
        return LSPPosition(line: line, character: units)
    }

    public func range(of byteRange: Range<Int>) -> LSPRange {
        LSPRange(start: position(of: byteRange.lowerBound), end: position(of: byteRange.upperBound))
    }

    public func byteRange(of range: LSPRange) -> Range<Int> {
        let start = offset(of: range.start)
        return start..<max(start, offset(of: range.end))
    }

    /// Replaces the bytes of `range` with `replacement`.
    public mutating func replace(_ range: Range<Int>, with replacement: String) {
        let clamped = max(0, min(range.lowerBound, bytes.count))..<max(0, min(range.upperBound, bytes.count))
        bytes.replaceSubrange(clamped, with: Array(replacement.utf8))
        lineStarts = Self.lineStarts(of: bytes)
    }

    /// 0-based line holding `offset`.
    func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func lineStart(_ line: Int) -> Int { lineStarts[line] }

    /// End of a line's content, before its line ending.
    func contentEnd(ofLine line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// The line ending a line ends with; nil for a last line without one.
    func lineEnding(ofLine line: Int) -> String? {
        let end = contentEnd(ofLine: line)
        let next = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        guard next > end else { return nil }
        return String(decoding: bytes[end..<next], as: UTF8.self)
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                starts.append(index + 1)
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
