import Testing
@testable import DLintReporters

/// `JSONValue.quoted` works on UTF-8 bytes; these cases hold it to the scalar-by-scalar escaping
/// it replaced (kept below as the reference), byte for byte.
@Suite("JSON string quoting")
struct JSONQuotingTests {
    private static func referenceQuoted(_ value: String) -> String {
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

    static let cases: [String] = [
        "", "plain ASCII path/to/Dockerfile", "say \"hi\"", "C:\\windows\\path", "line\nbreak\r\n\ttab",
        "\u{0}\u{1}\u{1F}\u{7F}", "é ü ß — “quotes” 🐳", "a\u{2028}b\u{2029}c", "\u{2027}\u{202A}\u{E2}",
        String(decoding: [0x41, 0xFF, 0x42], as: UTF8.self), "ends with backslash \\",
    ]

    @Test("quoted gives the reference escaping", arguments: cases + [String((0..<128).map { Character(Unicode.Scalar($0)!) })])
    func matchesReference(value: String) {
        #expect(JSONValue.quoted(value) == Self.referenceQuoted(value))
    }

    /// Plain text is skipped eight bytes at a time: each character to escape (and a harmless
    /// non-ASCII one) at every place of the words around it.
    @Test("every escape at every place among plain bytes", arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "é", "\u{FFFD}"])
    func escapeAtEveryPlace(special: String) {
        for before in 0..<18 {
            let value = String(repeating: "a", count: before) + special + String(repeating: "~", count: 17 - before)
            #expect(JSONValue.quoted(value) == Self.referenceQuoted(value))
        }
    }
}
