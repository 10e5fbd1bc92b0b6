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
        // On the UTF-8 bytes: most values (paths, codes, messages) need no escape at all, and the
        // reports write tens of thousands of them.
        if value.utf8.withContiguousStorageIfAvailable({ escapeIndex(in: $0) == nil }) == true {
            return "\"" + value + "\""
        }
        let bytes = Array(value.utf8)
        var output: [UInt8] = [UInt8(ascii: "\"")]
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F: output += Array("\\u00".utf8) + hexDigits(of: byte)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 and U+2029 end a line in JavaScript.
                output += Array("\\u202".utf8) + [bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
        output.append(UInt8(ascii: "\""))
        return String(decoding: output, as: UTF8.self)
    }

    /// The first byte that `quoted` must escape, if any.
    private static func escapeIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F { return index }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return index }
        }
        return nil
    }

    private static func hexDigits(of byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
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
        let range = text.firstRange(of: JSONValue.quoted(placeholder))!
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}

/// JSON string literals for the package's other JSON writers (`dlint debug tree`).
public enum JSONLiteral {
    public static func string(_ value: String) -> String { JSONValue.quoted(value) }
}
