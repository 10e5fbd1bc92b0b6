import Testing
@testable import DLintReporters

/// `JSONWriter` appends bytes; these cases hold it to the string-building renderer it replaced
/// (kept below as the reference), byte for byte, and the streams' two ways of giving a file's part
/// to each other.
@Suite("JSON writer")
struct JSONWriterTests {
    private static func referenceRendered(_ value: JSONValue, pretty: Bool) -> String {
        var output = ""
        referenceWrite(value, to: &output, pretty: pretty, indent: "")
        return pretty ? output + "\n" : output
    }

    private static func referenceWrite(_ value: JSONValue, to output: inout String, pretty: Bool, indent: String) {
        switch value {
        case .string(let text): output += JSONValue.quoted(text)
        case .integer(let number): output += String(number)
        case .boolean(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            let inner = indent + "  "
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + inner }
                referenceWrite(item, to: &output, pretty: pretty, indent: inner)
            }
            output += pretty ? "\n" + indent + "]" : "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            let inner = indent + "  "
            output += "{"
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + inner }
                output += JSONValue.quoted(key) + (pretty ? ": " : ":")
                referenceWrite(member, to: &output, pretty: pretty, indent: inner)
            }
            output += pretty ? "\n" + indent + "}" : "}"
        }
    }

    /// Nested deeper than the writer's indentation piece covers (32 levels).
    private static func deep(_ levels: Int) -> JSONValue {
        levels == 0 ? .integer(levels) : .object([("level", .integer(levels)), ("next", .array([deep(levels - 1)]))])
    }

    static let values: [JSONValue] = [
        .null, .boolean(true), .integer(0), .integer(-7), .integer(Int.min), .integer(Int.max), .integer(1_000_000),
        .string("a\u{2028}\"b\"\n"), .array([]), .object([]),
        .object([("empty", .array([])), ("nested", .object([("k\"ey\n", .string("v")), ("none", .object([]))])), ("list", .array([.integer(1), .null, .array([.boolean(false)])]))]),
        deep(40),
    ]

    @Test("values are laid out as the reference renderer lays them out", arguments: values)
    func matchesReference(value: JSONValue) {
        for pretty in [false, true] {
            #expect(value.rendered(pretty: pretty) == Self.referenceRendered(value, pretty: pretty))
        }
    }

    @Test("a literal of several texts is the literal of the texts joined")
    func joinedLiteral() {
        let parts = ["say \"", "\u{2028}", "é\u{1}\\"]
        var output = JSONWriter(pretty: false)
        output.string(parts[0], parts[1], parts[2])
        #expect(String(decoding: output.bytes, as: UTF8.self) == JSONValue.quoted(parts.joined()))
    }

    @Test("a file's part appended to a buffer is the text add gives", arguments: OutputFormat.allCases)
    func appendedPart(_ format: OutputFormat) throws {
        let reports = SampleReports.reports + HostileTextTests.reports
        let byText = format.reporter(SampleReports.context).makeStream()
        let byBytes = format.reporter(SampleReports.context).makeStream()
        for report in reports {
            var buffer = Array("before".utf8)
            try byBytes.add(report, into: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == "before" + (try byText.add(report)))
        }
        let (beginning, end) = try byText.finish()
        let (bytesBeginning, bytesEnd) = try byBytes.finish()
        #expect(beginning == bytesBeginning)
        #expect(end == bytesEnd)
    }
}

/// `OneLine.containsControl` tests eight bytes at a time: each byte value at every place of the
/// words around it, against the byte-by-byte test.
@Suite("one-line text: control bytes")
struct OneLineControlTests {
    @Test("every byte value at every place among plain bytes")
    func everyByteEveryPlace() {
        for value in UInt8.min...UInt8.max {
            for before in 0..<18 {
                let bytes = Array(repeating: UInt8(ascii: "a"), count: before) + [value] + Array(repeating: UInt8(ascii: "~"), count: 17 - before)
                let found = bytes.withUnsafeBufferPointer(OneLine.containsControl)
                #expect(found == (value < 0x20 || value == 0x7F), "byte \(value) after \(before) bytes")
            }
        }
    }
}
