/// A JSON value whose objects keep their keys in the order given, so reports are byte-stable.
/// Documents and the values kept until the end (SARIF's results) are these; findings streamed
/// file by file are written straight into a `JSONWriter`.
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
        String(decoding: renderedBytes(pretty: pretty), as: UTF8.self)
    }

    /// `rendered`'s UTF-8 bytes.
    func renderedBytes(pretty: Bool) -> [UInt8] {
        var output = JSONWriter(pretty: pretty)
        write(to: &output)
        if pretty { output.bytes.append(UInt8(ascii: "\n")) }
        return output.bytes
    }

    /// Appends the value where `output` stands (after a key or an item separator).
    func write(to output: inout JSONWriter) {
        switch self {
        case .string(let value): output.string(value)
        case .integer(let value): output.integer(value)
        case .boolean(let value): output.boolean(value)
        case .null: output.null()
        case .array(let items):
            output.beginArray()
            for item in items {
                output.item()
                item.write(to: &output)
            }
            output.endArray()
        case .object(let members):
            output.beginObject()
            for (key, value) in members {
                output.key(escaping: key)
                value.write(to: &output)
            }
            output.endObject()
        }
    }

    /// A JSON string literal. Swift strings are always valid Unicode (invalid UTF-8 from a file was
    /// decoded to U+FFFD), so escaping quotes, backslashes and control characters is enough.
    static func quoted(_ value: String) -> String {
        var output = JSONWriter(pretty: false)
        output.string(value)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// JSON text appended as UTF-8 bytes, for the reports' tens of thousands of findings: no
/// intermediate strings, integers without `String`, strings escaped on their bytes. Pretty
/// output indents by two spaces per level, puts each member and item on its own line and writes
/// an empty object or array as `{}` or `[]` — the layout `JSONValue.rendered` gives.
///
/// The caller says what comes: `key` before each member of an object, `item` before each item of
/// an array, then the value.
struct JSONWriter {
    var bytes: [UInt8] = []
    let pretty: Bool
    /// How deep the writer stands: the number of open objects and arrays, plus the depth it began at.
    private(set) var depth: Int
    /// Whether the object or array being written has no member or item yet. Only the innermost
    /// container's is needed: when a container ends, its parent has at least that one.
    private var isFirst = true

    /// `depth` is where the text goes in a document, for writing a fragment of it.
    init(pretty: Bool, depth: Int = 0, reservingCapacity capacity: Int = 0) {
        self.pretty = pretty
        self.depth = depth
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// Lets `body` write at `depth` at the end of `output`, in place: a report's part for one
    /// file goes straight into the report's buffer.
    static func append(to output: inout [UInt8], pretty: Bool, depth: Int, reserving capacity: Int, _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(pretty: pretty, depth: depth)
        swap(&writer.bytes, &output)
        writer.bytes.reserveCapacity(writer.bytes.count + capacity)
        body(&writer)
        swap(&writer.bytes, &output)
    }

    /// A line break and the indentation of `depth`, in one piece: indentation is most of a pretty
    /// report's bytes.
    private static let lineBreakAndIndent: StaticString = "\n                                                                "

    private mutating func lineBreak() {
        let count = 1 + 2 * depth
        let piece = Self.lineBreakAndIndent
        if count <= piece.utf8CodeUnitCount {
            bytes.append(contentsOf: UnsafeBufferPointer(start: piece.utf8Start, count: count))
        } else {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count - 1))
        }
    }

    /// What goes before a member or an item: a comma after the first, and its own line when pretty.
    private mutating func separator() {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        if pretty { lineBreak() }
    }

    /// The separator that `item` writes for an array's items after the first, for streams whose
    /// first item's separator was written with the document's beginning.
    mutating func itemAfterFirst() {
        isFirst = false
        separator()
    }

    /// Before an item of an array.
    mutating func item() { separator() }

    /// Before a member of an object: its key, which needs no escaping.
    mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        keyEnd()
    }

    /// Before a member of an object whose key is any string.
    mutating func key(escaping name: String) {
        separator()
        string(name)
        bytes.removeLast()
        keyEnd()
    }

    private mutating func keyEnd() {
        if pretty { append("\": ") } else { append("\":") }
    }

    mutating func beginObject() { begin(UInt8(ascii: "{")) }
    mutating func endObject() { end(UInt8(ascii: "}")) }
    mutating func beginArray() { begin(UInt8(ascii: "[")) }
    mutating func endArray() { end(UInt8(ascii: "]")) }

    private mutating func begin(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        isFirst = true
    }

    private mutating func end(_ bracket: UInt8) {
        depth -= 1
        if !isFirst, pretty { lineBreak() }
        bytes.append(bracket)
        isFirst = false
    }

    mutating func null() { append("null") }

    mutating func boolean(_ value: Bool) { append(value ? "true" : "false") }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An integer in decimal, as `String(value)` writes it.
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        DecimalDigits.append(value.magnitude, to: &bytes)
    }

    /// A string literal: quotes, backslashes, control characters and U+2028/U+2029 (which end
    /// a line in JavaScript) escaped, every other byte as it is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        escaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// One string literal of the texts one after the other, without joining them first.
    mutating func string(_ first: String, _ second: String, _ third: String = "") {
        bytes.append(UInt8(ascii: "\""))
        escaped(first)
        escaped(second)
        escaped(third)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The address of `code`'s page, as `links.rulePage` gives it.
    mutating func rulePage(_ code: String, in links: DocumentationLinks) {
        if code.hasPrefix("DX00") {
            string(links.homepage, "#syntax-diagnostics")
        } else {
            string(links.rulePagesBase, code, ".md")
        }
    }

    private mutating func escaped(_ value: String) {
        var value = value
        value.withUTF8 { escaped($0) }
    }

    /// The contents of a string literal: bytes that are valid UTF-8, escaped.
    private mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < text.count {
            if index + 8 <= text.count,
                !Self.mayNeedEscape(EightBytes.load(text, at: index)) {
                index += 8
                continue
            }
            let byte = text[index]
            // Most bytes (paths, codes, messages) need no escape: one test for all of them.
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2 else {
                index += 1
                continue
            }
            var length = 1
            let escape: (UInt8, UInt8)?
            switch byte {
            case UInt8(ascii: "\""): escape = (UInt8(ascii: "\\"), UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): escape = (UInt8(ascii: "\\"), UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): escape = (UInt8(ascii: "\\"), UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): escape = (UInt8(ascii: "\\"), UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): escape = (UInt8(ascii: "\\"), UInt8(ascii: "t"))
            case 0xE2:
                guard index + 2 < text.count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
                length = 3
                escape = nil
            default: escape = nil
            }
            append(run: text, from: runStart, to: index)
            if let (first, second) = escape {
                bytes.append(first)
                bytes.append(second)
            } else if length == 3 {
                append("\\u202")
                bytes.append(text[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
            } else {
                append("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            }
            index += length
            runStart = index
        }
        append(run: text, from: runStart, to: text.count)
    }

    /// Whether any of the eight bytes of `word` is not printable ASCII or is a quote or a
    /// backslash (every byte `escaped` looks at twice), tested on all eight at once: the usual
    /// text is skipped eight bytes at a time.
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        EightBytes.any(
            EightBytes.belowSpace(word) | EightBytes.equal(word, UInt8(ascii: "\"")) | EightBytes.equal(word, UInt8(ascii: "\\"))
                | EightBytes.deleteOrAbove(word)
        )
    }

    private mutating func append(run text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        guard start < end else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// A document with one array whose items come one at a time: the document is rendered once with
/// a placeholder item, and split around it, so that the streamed text is byte for byte the text
/// `rendered` gives for the whole document.
struct JSONArrayStream {
    private static let placeholder = "\u{0}dlint-array-item\u{0}"
    let pretty: Bool
    /// Where items stand in the document, for their own nesting.
    let depth: Int
    private(set) var count = 0
    /// The document's text before and after the items, and without any, as known at the start.
    private let head: [UInt8]
    private let tail: [UInt8]
    private let empty: [UInt8]

    /// `document` builds the whole document around the array it is given.
    init(pretty: Bool, document: (JSONValue) -> JSONValue) {
        self.pretty = pretty
        let (head, tail) = Self.split(document, pretty: pretty)
        self.head = head
        self.tail = tail
        empty = document(.array([])).renderedBytes(pretty: pretty)
        let indent = pretty ? head.count - ((head.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1) : 0
        depth = indent / 2
    }

    /// Before one more item of a document known from the start: the first one brings the beginning.
    mutating func itemAfterBeginning(_ output: inout JSONWriter) {
        if count == 0 { output.bytes += head }
        item(&output)
    }

    /// The rest of a document known from the start: all of it when there were no items.
    var end: [UInt8] { count == 0 ? empty : tail }

    /// Before one more item: the separator from the item before it.
    mutating func item(_ output: inout JSONWriter) {
        if count > 0 { output.itemAfterFirst() }
        count += 1
    }

    /// What goes before and after the items: `document` now built with the values known at the end.
    func ends(_ document: (JSONValue) -> JSONValue) -> (beginning: [UInt8], end: [UInt8]) {
        guard count > 0 else { return (document(.array([])).renderedBytes(pretty: pretty), []) }
        return Self.split(document, pretty: pretty)
    }

    private static func split(_ document: (JSONValue) -> JSONValue, pretty: Bool) -> ([UInt8], [UInt8]) {
        let text = document(.array([.string(placeholder)])).renderedBytes(pretty: pretty)
        let marker = Array(JSONValue.quoted(placeholder).utf8)
        let start = text.indices.first { text[$0...].starts(with: marker) }!
        return (Array(text[..<start]), Array(text[(start + marker.count)...]))
    }
}

/// JSON string literals for the package's other JSON writers (`dlint debug tree`).
public enum JSONLiteral {
    public static func string(_ value: String) -> String { JSONValue.quoted(value) }
}
