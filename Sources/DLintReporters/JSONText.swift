/// A JSON value whose objects keep their keys in the order given, so reports are byte-stable.
enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered(pretty: false) == rhs.rendered(pretty: false) }
    func hash(into hasher: inout Hasher) { hasher.combine(rendered(pretty: false)) }

    /// Pretty output is indented by two spaces and ends in a newline; compact output has no
    /// spaces and no final newline.
    func rendered(pretty: Bool) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: "")
        return pretty ? output + "\n" : output
    }

    /// The value as it appears nested at `indent` in a pretty document (or compact), without the
    /// final newline.
    func fragment(pretty: Bool, indent: String) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: indent)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: String) {
        switch self {
        case .string(let value): output += Self.quoted(value)
        case .integer(let value): output += String(value)
        case .boolean(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            let inner = indent + "  "
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + inner }
                item.write(to: &output, pretty: pretty, indent: inner)
            }
            output += pretty ? "\n" + indent + "]" : "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            let inner = indent + "  "
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + inner }
                output += Self.quoted(key) + (pretty ? ": " : ":")
                value.write(to: &output, pretty: pretty, indent: inner)
            }
            output += pretty ? "\n" + indent + "}" : "}"
        }
    }

    /// A JSON string literal. Swift strings are always valid Unicode (invalid UTF-8 from a file was
    /// decoded to U+FFFD), so escaping quotes, backslashes and control characters is enough.
    static func quoted(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}

/// A document with one array whose items come one at a time: the document is rendered once with
/// a placeholder item, and split around it, so that the streamed text is byte for byte the text
/// `rendered` gives for the whole document.
struct JSONArrayStream {
    private static let placeholder = "\u{0}dlint-array-item\u{0}"
    let pretty: Bool
    /// Where items stand in the document, for their own nesting.
    let indent: String
    private(set) var count = 0
    /// The document's text before and after the items, and without any, as known at the start.
    private let head: String
    private let tail: String
    private let empty: String

    /// `document` builds the whole document around the array it is given.
    init(pretty: Bool, document: (JSONValue) -> JSONValue) {
        self.pretty = pretty
        let (head, tail) = Self.split(document, pretty: pretty)
        self.head = head
        self.tail = tail
        empty = document(.array([])).rendered(pretty: pretty)
        indent = pretty ? String(head[(head.lastIndex(of: "\n").map { head.index(after: $0) } ?? head.startIndex)...]) : ""
    }

    /// One more item of a document known from the start: the first one brings the beginning.
    mutating func itemAfterBeginning(_ value: JSONValue) -> String {
        (count == 0 ? head : "") + item(value)
    }

    /// The rest of a document known from the start: all of it when there were no items.
    var end: String { count == 0 ? empty : tail }

    /// The text of one more item, with the separator before it.
    mutating func item(_ value: JSONValue) -> String {
        let separator = count == 0 ? "" : (pretty ? ",\n" + indent : ",")
        count += 1
        return separator + value.fragment(pretty: pretty, indent: indent)
    }

    /// What goes before and after the items: `document` now built with the values known at the end.
    func ends(_ document: (JSONValue) -> JSONValue) -> (beginning: String, end: String) {
        guard count > 0 else { return (document(.array([])).rendered(pretty: pretty), "") }
        return Self.split(document, pretty: pretty)
    }

    private static func split(_ document: (JSONValue) -> JSONValue, pretty: Bool) -> (String, String) {
        let text = document(.array([.string(placeholder)])).rendered(pretty: pretty)
        let range = text.range(of: JSONValue.quoted(placeholder))!
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}

/// SHA-256 (FIPS 180-4), for fingerprints that must not change between runs or machines.
enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hex(_ bytes: [UInt8]) -> String {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var message = bytes
        let bitLength = UInt64(bytes.count) * 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: message.count, by: 64) {
            for i in 0..<16 {
                let b = chunk + i * 4
                w[i] = UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8 | UInt32(message[b + 3])
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
        }
        return h.map { word in
            let text = String(word, radix: 16)
            return String(repeating: "0", count: 8 - text.count) + text
        }.joined()
    }

    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 { (value >> count) | (value << (32 - count)) }
}

/// JSON string literals for the package's other JSON writers (`dlint debug tree`).
public enum JSONLiteral {
    public static func string(_ value: String) -> String { JSONValue.quoted(value) }
}
