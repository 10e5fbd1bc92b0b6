import DLintServer
import Testing

@Suite struct ServerFramingTests {
    @Test func messagesSplitAnywhereAreReassembled() {
        let bodies = ["{\"a\":1}", "{\"b\":\"ünï 😀\"}", "{}"]
        let stream = bodies.flatMap { MessageFraming.frame(Array($0.utf8)) }
        for split in [1, 2, 7, 13, stream.count] {
            var reader = MessageReader()
            var read: [String] = []
            var index = 0
            while index < stream.count {
                reader.append(stream[index..<min(index + split, stream.count)])
                index += split
                while let item = reader.next() {
                    if case .message(let body) = item { read.append(String(decoding: body, as: UTF8.self)) }
                }
            }
            #expect(read == bodies, "pieces of \(split)")
        }
    }

    @Test func aBadHeaderIsReportedAndTheNextMessageRead() {
        var reader = MessageReader()
        reader.append(Array("Content-Type: x\r\n\r\n".utf8) + Array("Content-Length: two\r\n\r\n".utf8) + MessageFraming.frame(Array("{}".utf8)))
        guard case .badHeader = reader.next() else { Issue.record("expected a bad header"); return }
        guard case .badHeader = reader.next() else { Issue.record("expected a bad header"); return }
        #expect(reader.next() == .message(Array("{}".utf8)))
        #expect(reader.next() == nil)
    }

    @Test func headersAreCaseInsensitiveAndMayCarryAContentType() {
        var reader = MessageReader()
        reader.append(Array("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        #expect(reader.next() == .message(Array("{}".utf8)))
    }

    @Test func anOversizedBodyIsSkipped() {
        var reader = MessageReader(maximumBodySize: 10)
        reader.append(Array("Content-Length: 20\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 20) + MessageFraming.frame(Array("{}".utf8)))
        guard case .badHeader = reader.next() else { Issue.record("expected the body to be refused"); return }
        #expect(reader.next() == .message(Array("{}".utf8)))
    }

    @Test func jsonRoundTripsEscapesAndNumbers() throws {
        let text = #"{"a":[1,-2,3.5,true,false,null],"s":"line\nquote\"☃😀\u0001"}"#
        let value = try #require(JSONValue.parse(Array(text.utf8)))
        #expect(value["a"] == [1, -2, .double(3.5), true, false, nil])
        #expect(value["s"] == "line\nquote\"☃😀\u{01}")
        #expect(JSONValue.parse(value.serialized()) == value)
        #expect(JSONValue.parse(Array("{".utf8)) == nil)
    }
}

@Suite struct ServerTextDocumentTests {
    @Test func positionsCountUTF16AndEveryLineEnding() {
        let document = TextDocument("a😀b\r\nü\rc\nend")
        #expect(document.lineCount == 4)
        #expect(document.position(of: 5) == LSPPosition(line: 0, character: 3))  // after the emoji (4 bytes, 2 units)
        #expect(document.offset(of: LSPPosition(line: 0, character: 3)) == 5)
        #expect(document.offset(of: LSPPosition(line: 1, character: 1)) == 10)
        #expect(document.offset(of: LSPPosition(line: 2, character: 0)) == 11)  // after the lone \r
        #expect(document.offset(of: LSPPosition(line: 0, character: 99)) == 6)  // clamped before \r\n
        #expect(document.offset(of: LSPPosition(line: 9, character: 0)) == document.bytes.count)
        #expect(document.position(of: 7) == LSPPosition(line: 0, character: 4))  // between \r and \n
        for offset in [0, 1, 5, 6, 8, 10, 11, 13, 16] {
            #expect(document.offset(of: document.position(of: offset)) == offset, "offset \(offset)")
        }
    }

    @Test func aPositionInsideASurrogatePairOrCharacterIsItsStart() {
        let document = TextDocument("😀x")
        #expect(document.offset(of: LSPPosition(line: 0, character: 1)) == 4)
        #expect(document.position(of: 2) == LSPPosition(line: 0, character: 2))
        #expect(document.position(of: 4) == LSPPosition(line: 0, character: 2))
    }

    @Test func replacingKeepsTheLineIndexRight() {
        var document = TextDocument("one\ntwo\nthree\n")
        document.replace(4..<7, with: "2\n2½")
        #expect(document.text == "one\n2\n2½\nthree\n")
        #expect(document.offset(of: LSPPosition(line: 3, character: 0)) == 10)
    }
}
