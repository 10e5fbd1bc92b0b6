/// A position in a file as editors show it: 1-based line, 1-based column counted in
/// Unicode code points (SARIF's `unicodeCodePoints` column kind).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Maps byte offsets to lines and columns. Lines end at `\n` only, as in BuildKit, so line
/// numbers agree with `docker build` messages; a lone `\r` is an ordinary character.
public struct LineTable: Sendable {
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    private let source: [UInt8]
    /// Code-point boundaries about every `checkpointSpacing` bytes, with the number of code
    /// points before each: a column on a very long line costs a binary search and a short scan,
    /// never a scan from the start of the line (a 200 KB line with thousands of findings).
    private let checkpointOffsets: [Int]
    private let checkpointScalars: [Int]
    private static let checkpointSpacing = 256

    public init(_ source: [UInt8]) {
        var starts = [0]
        starts.reserveCapacity(source.count / 32 + 1)
        source.withUnsafeBufferPointer { bytes in
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            }
        }
        // A final newline does not open a line that holds nothing.
        if starts.count > 1, starts.last == source.count { starts.removeLast() }
        self.init(source, lineStarts: starts)
    }

    /// With the line starts already found (the parser splits the file into lines first).
    init(_ source: [UInt8], lineStarts starts: [Int]) {
        self.lineStarts = starts
        self.source = source
        var offsets: [Int] = [], scalars: [Int] = []
        offsets.reserveCapacity(source.count / Self.checkpointSpacing + 1)
        scalars.reserveCapacity(source.count / Self.checkpointSpacing + 1)
        // Every byte of every file is counted here: a checkpoint, then the code points up to the
        // next, ASCII bytes without a call.
        source.withUnsafeBufferPointer { bytes in
            var index = 0, count = 0
            while index < bytes.count {
                offsets.append(index)
                scalars.append(count)
                let next = min(bytes.count, index + Self.checkpointSpacing)
                // A chunk of ASCII (most are) is as many code points as bytes: read eight at a time.
                var probe = index, highBits: UInt64 = 0
                while probe + 8 <= next {
                    highBits |= UnsafeRawPointer(bytes.baseAddress! + probe).loadUnaligned(as: UInt64.self)
                    probe += 8
                }
                while probe < next {
                    highBits |= UInt64(bytes[probe])
                    probe += 1
                }
                if highBits & 0x8080_8080_8080_8080 == 0 {
                    count += next - index
                    index = next
                    continue
                }
                while index < next {
                    index += bytes[index] < 0x80 ? 1 : UTF8Scan.decode(source, at: index, end: bytes.count).width
                    count += 1
                }
            }
        }
        self.checkpointOffsets = offsets
        self.checkpointScalars = scalars
    }

    /// Code points in `start..<end`, where `start` is a code-point boundary (a line start).
    private func scalarCount(from start: Int, to end: Int) -> Int {
        guard end - start > 2 * Self.checkpointSpacing else { return UTF8Scan.scalarCount(source, start..<end) }
        // The first checkpoint at or after `start` and the last one at or before `end`. Decoding
        // is self-synchronising at a line start (a newline is never part of a sequence), so the
        // counts between checkpoints equal a scan from `start`; the tail is scanned with `end` as
        // the limit exactly as a scan from `start` would.
        let first = firstCheckpoint(atOrAfter: start)
        let last = firstCheckpoint(atOrAfter: end + 1) - 1
        guard first < last else { return UTF8Scan.scalarCount(source, start..<end) }
        return UTF8Scan.scalarCount(source, start..<checkpointOffsets[first])
            + (checkpointScalars[last] - checkpointScalars[first])
            + UTF8Scan.scalarCount(source, checkpointOffsets[last]..<end)
    }

    private func firstCheckpoint(atOrAfter offset: Int) -> Int {
        var low = 0, high = checkpointOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if checkpointOffsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public var lineCount: Int { lineStarts.count }

    /// The 1-based line holding `offset` (an offset at the end of the file belongs to the last line).
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// Bytes of a 1-based line, including its line ending.
    public func byteRange(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : source.count
        return start..<end
    }

    /// Bytes of a 1-based line without its line ending (`\n`, `\r\n`).
    public func contentRange(ofLine line: Int) -> Range<Int> {
        let range = byteRange(ofLine: line)
        var end = range.upperBound
        while end > range.lowerBound, source[end - 1] == UInt8(ascii: "\n") || source[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return range.lowerBound..<end
    }

    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, source.count))
        let line = line(containing: clamped)
        var start = lineStarts[line - 1]
        if line == 1, source.starts(with: UTF8.byteOrderMark), clamped >= 3 { start = 3 }
        return SourceLocation(line: line, column: scalarCount(from: start, to: clamped) + 1)
    }
}

extension UTF8 {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
