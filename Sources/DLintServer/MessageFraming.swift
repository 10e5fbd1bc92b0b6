/// The base protocol's framing: a header block (`Content-Length: N`, optionally `Content-Type`,
/// each line ending in `\r\n`), an empty line, then N bytes of JSON.
public enum MessageFraming {
    /// One message, ready to write.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    public static func frame(_ message: JSONValue) -> [UInt8] {
        frame(message.serialized())
    }
}

/// Splits a byte stream into message bodies. Bytes arrive in any pieces; a header block without
/// a usable `Content-Length` is reported and skipped, so one bad message never stalls the stream.
public struct MessageReader: Sendable {
    public enum Item: Sendable, Equatable {
        case message([UInt8])
        /// A header block that could not be used; the reader goes on after it.
        case badHeader(String)
    }

    /// Bodies larger than this are refused (their bytes are skipped), so that a wrong length
    /// cannot make the server hold the whole stream.
    public let maximumBodySize: Int
    private var buffer: [UInt8] = []
    /// Start of the unread part of `buffer` (compacted now and then, not on every message).
    private var start = 0
    /// Body bytes still to skip after a refused header.
    private var skipping = 0

    public init(maximumBodySize: Int = 512 * 1024 * 1024) {
        self.maximumBodySize = maximumBodySize
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete item, or nil when more bytes are needed.
    public mutating func next() -> Item? {
        if skipping > 0 {
            let available = min(skipping, buffer.count - start)
            start += available
            skipping -= available
            if skipping > 0 { compact(); return nil }
        }
        guard let headerEnd = Self.find(Self.headerTerminator, in: buffer, from: start) else {
            compact()
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        let bodyStart = headerEnd + Self.headerTerminator.count
        var length: Int?
        for line in header.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: " \t").lowercased() == "content-length" else { continue }
            length = Int(parts[1].trimmingCharacters(in: " \t"))
        }
        guard let length, length >= 0 else {
            start = bodyStart
            return .badHeader("a message header without a valid Content-Length: \(header.debugDescription)")
        }
        if length > maximumBodySize {
            start = bodyStart
            skipping = length
            return .badHeader("a message of \(length) bytes, more than the \(maximumBodySize) accepted")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        return .message(body)
    }

    private mutating func compact() {
        if start > 0 && (start == buffer.count || start > 65_536) {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    static let headerTerminator: [UInt8] = Array("\r\n\r\n".utf8)

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count - from >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index + 1] == needle[1] && haystack[index + 2] == needle[2] && haystack[index + 3] == needle[3] {
                return index
            }
            index += 1
        }
        return nil
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
