/// Reads the exec form of an instruction exactly as BuildKit does with Go's `json.Unmarshal`
/// into `[]any`: valid JSON whose top level is an array of strings is exec form; any JSON
/// syntax error means shell form; valid JSON with a non-string element is an error.
struct JSONArrayReader {
    enum Outcome {
        case notJSON
        case nonStringElement(Range<Int>)
        case strings([(value: String, range: Range<Int>)], punctuation: [Range<Int>])
    }

    private let bytes: [UInt8]
    private let end: Int
    private var index: Int
    private var punctuation: [Range<Int>] = []
    private static let maximumDepth = 1000

    static func read(_ bytes: [UInt8], _ range: Range<Int>) -> Outcome {
        var reader = JSONArrayReader(bytes: bytes, end: range.upperBound, index: range.lowerBound)
        return reader.readTopLevel()
    }

    private init(bytes: [UInt8], end: Int, index: Int) {
        self.bytes = bytes
        self.end = end
        self.index = index
    }

    private mutating func readTopLevel() -> Outcome {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "[") else { return .notJSON }
        punctuation.append(index..<(index + 1))
        index += 1
        var elements: [(value: String, range: Range<Int>)] = []
        var firstNonString: Range<Int>?
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "]") {
            punctuation.append(index..<(index + 1))
            index += 1
        } else {
            while true {
                skipWhitespace()
                let start = index
                if index < end, bytes[index] == UInt8(ascii: "\"") {
                    guard let value = readString() else { return .notJSON }
                    elements.append((value, start..<index))
                } else {
                    guard skipValue(depth: 1) else { return .notJSON }
                    if firstNonString == nil { firstNonString = start..<index }
                }
                skipWhitespace()
                guard index < end else { return .notJSON }
                let byte = bytes[index]
                punctuation.append(index..<(index + 1))
                index += 1
                if byte == UInt8(ascii: "]") { break }
                guard byte == UInt8(ascii: ",") else { return .notJSON }
            }
        }
        skipWhitespace()
        guard index == end else { return .notJSON }
        if let firstNonString { return .nonStringElement(firstNonString) }
        return .strings(elements, punctuation: punctuation)
    }

    private mutating func skipWhitespace() {
        while index < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Reads a string starting at `"`, returning its decoded value.
    private mutating func readString() -> String? {
        index += 1
        var decoded: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index + 1 < end else { return nil }
                let escaped = bytes[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < end,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let saved = index
                        index += 2
                        if let low = readHex4(), (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = saved
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    decoded.append(contentsOf: Array(String(character).utf8))
                default:
                    return nil
                }
            default:
                if byte < 0x20 { return nil }
                decoded.append(byte)
                index += 1
            }
        }
        return nil
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexValue(bytes[index]) else { return nil }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Skips any JSON value; false on a syntax error.
    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maximumDepth, index < end else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return readString() != nil
        case UInt8(ascii: "["):
            return skipContainer(close: UInt8(ascii: "]"), depth: depth, keyed: false)
        case UInt8(ascii: "{"):
            return skipContainer(close: UInt8(ascii: "}"), depth: depth, keyed: true)
        case UInt8(ascii: "t"): return skipLiteral("true")
        case UInt8(ascii: "f"): return skipLiteral("false")
        case UInt8(ascii: "n"): return skipLiteral("null")
        default: return skipNumber()
        }
    }

    private mutating func skipContainer(close: UInt8, depth: Int, keyed: Bool) -> Bool {
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == close {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            if keyed {
                guard index < end, bytes[index] == UInt8(ascii: "\""), readString() != nil else { return false }
                skipWhitespace()
                guard index < end, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhitespace()
            }
            guard skipValue(depth: depth + 1) else { return false }
            skipWhitespace()
            guard index < end else { return false }
            let byte = bytes[index]
            index += 1
            if byte == close { return true }
            guard byte == UInt8(ascii: ",") else { return false }
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
        index += count
        return true
    }

    private mutating func skipNumber() -> Bool {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(bytes[index]) else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { return false }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, isDigit(bytes[index]) else { return false }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        return true
    }
}
