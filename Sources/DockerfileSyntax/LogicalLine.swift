/// An instruction as BuildKit sees it: its physical lines joined, with line continuations,
/// comment lines and blank lines inside the continuation removed. Keeps the map back to file
/// offsets, so anything found in the logical text can be reported, or edited, in the file.
public struct LogicalLine: Sendable {
    /// A run of logical bytes that is contiguous in the file.
    struct Segment: Sendable {
        let logicalStart: Int
        let fileStart: Int
        let length: Int
        var logicalEnd: Int { logicalStart + length }
    }

    public let bytes: [UInt8]
    let segments: [Segment]

    init(bytes: [UInt8], segments: [Segment]) {
        self.bytes = bytes
        // Copied only when a piece is empty (a continuation line holding only the escape).
        self.segments = segments.contains { $0.length == 0 } ? segments.filter { $0.length > 0 } : segments
        fileEnd = segments.last.map { $0.fileStart + $0.length } ?? 0
    }

    /// File offset just past the last logical byte.
    let fileEnd: Int

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The file offset of logical byte `index` (`bytes.count` maps to the end of the last byte).
    public func fileOffset(of index: Int) -> Int {
        guard let segment = segment(containing: index) else { return fileEnd }
        return segment.fileStart + (index - segment.logicalStart)
    }

    /// The file bytes covering a logical range. A range that spans a continuation also covers
    /// the continuation in between.
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        let start = fileOffset(of: range.lowerBound)
        guard !range.isEmpty, let last = segment(containing: range.upperBound - 1) else { return start..<start }
        return start..<(last.fileStart + (range.upperBound - last.logicalStart))
    }

    /// The file ranges of a logical range, one per contiguous piece.
    public func filePieces(of range: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        for segment in segments where segment.logicalEnd > range.lowerBound && segment.logicalStart < range.upperBound {
            let start = max(range.lowerBound, segment.logicalStart)
            let end = min(range.upperBound, segment.logicalEnd)
            let offset = segment.fileStart - segment.logicalStart
            pieces.append((start + offset)..<(end + offset))
        }
        return pieces
    }

    private func segment(containing index: Int) -> Segment? {
        var low = 0
        var high = segments.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let segment = segments[mid]
            if index < segment.logicalStart {
                high = mid - 1
            } else if index >= segment.logicalEnd {
                low = mid + 1
            } else {
                return segment
            }
        }
        return nil
    }
}
