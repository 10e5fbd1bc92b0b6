@testable import DLintCore
import Testing

@Suite("YAML reader over libyaml's events")
struct YAMLParserTests {
    private static func root(_ text: String) throws -> YAMLNode {
        try #require(try YAMLParser.singleDocument(text))
    }

    private static func mapping(_ node: YAMLNode) throws -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw YAMLTestFailure.notAMapping }
        return mapping
    }

    private static func sequence(_ node: YAMLNode) throws -> YAMLSequence {
        guard case .sequence(let sequence) = node else { throw YAMLTestFailure.notASequence }
        return sequence
    }

    private static func error(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLParser.singleDocument(text)
            return nil
        } catch {
            return error
        }
    }

    private enum YAMLTestFailure: Error { case notAMapping, notASequence }

    @Test("scalars, sequences and mappings in order, with styles, tags and the marks of nested nodes")
    func shapesAndMarks() throws {
        let top = try Self.mapping(try Self.root("""
        name: app
        list:
          - 'one'
          - "two"
          - {k: v, n: [1, 2]}
        block: |
          text
        tagged: !!str 5
        """))
        #expect(top.keys.map(\.string) == ["name", "list", "block", "tagged"])
        #expect(top.keys.map(\.mark) == [YAMLMark(line: 1, column: 1), YAMLMark(line: 2, column: 1), YAMLMark(line: 6, column: 1), YAMLMark(line: 8, column: 1)])
        let list = try Self.sequence(top.values[1])
        #expect(list.mark == YAMLMark(line: 3, column: 3))
        guard case .scalar(let one) = list[0], case .scalar(let two) = list[1] else { Issue.record("scalars expected"); return }
        #expect((one.text, one.style, one.tag, one.mark) == ("one", .singleQuoted, YAMLTag.string, YAMLMark(line: 3, column: 5)))
        #expect((two.text, two.style, two.mark) == ("two", .doubleQuoted, YAMLMark(line: 4, column: 5)))
        let flow = try Self.mapping(list[2])
        #expect(flow.mark == YAMLMark(line: 5, column: 5))
        #expect(flow.values[0].mark == YAMLMark(line: 5, column: 9))
        let numbers = try Self.sequence(flow.values[1])
        #expect(numbers.map(\.mark) == [YAMLMark(line: 5, column: 16), YAMLMark(line: 5, column: 19)])
        #expect(numbers.map(\.int) == [1, 2])
        guard case .scalar(let block) = top.values[2] else { Issue.record("a scalar expected"); return }
        #expect((block.text, block.style, block.tag) == ("text\n", .literal, YAMLTag.string))
        guard case .scalar(let tagged) = top.values[3] else { Issue.record("a scalar expected"); return }
        #expect((tagged.text, tagged.style, tagged.tag) == ("5", .plain, YAMLTag.string))
        #expect(top.values[0].resolvedTag == YAMLTag.string && top.values[3].resolvedTag == YAMLTag.string)
        #expect(numbers[0].resolvedTag == YAMLTag.int)
    }

    @Test("an alias is the anchored node itself, with the anchor's mark; an undefined or self-referring one is an error")
    func anchorsAndAliases() throws {
        let top = try Self.mapping(try Self.root("""
        base: &base
          image: x
        copy: *base
        again: &v value
        ref: *v
        """))
        let copy = try Self.mapping(top.values[1])
        #expect(copy.mark == YAMLMark(line: 1, column: 7))  // an anchored node starts at its anchor
        #expect(copy.keys.map(\.string) == ["image"] && copy.values.map(\.string) == ["x"])
        #expect(top.values[3].string == "value" && top.values[3].mark == YAMLMark(line: 4, column: 8))

        let undefined = try #require(Self.error("a: *missing\n"))
        #expect(undefined.problem == "found undefined alias" && undefined.mark == YAMLMark(line: 1, column: 4))
        let recursive = try #require(Self.error("a: &a [1, *a]\n"))
        #expect(recursive.problem == "found undefined alias")
    }

    @Test("merge keys: explicit keys win, then the first source of a key; merged keys come last")
    func mergeKeys() throws {
        let top = try Self.mapping(try Self.root("""
        a: &a {x: 1, y: 1}
        b: &b {y: 2, z: 2}
        one:
          <<: *a
          x: 0
        many:
          w: 0
          <<: [*a, *b]
        """))
        let one = try Self.mapping(top.values[2]).mergingKeys()
        #expect(one.map(\.key.string) == ["x", "y"] && one.map(\.value.int) == [0, 1])
        let many = try Self.mapping(top.values[3]).mergingKeys()
        #expect(many.map(\.key.string) == ["w", "x", "y", "z"] && many.map(\.value.int) == [0, 1, 1, 2])
        // The tree keeps the `<<` entry itself; only mergingKeys applies it.
        #expect(try Self.mapping(top.values[2]).keys.map(\.string) == ["<<", "x"])
    }

    @Test("aliases that stand for too many nodes stop the parse (billion laughs), ordinary sharing does not")
    func aliasBound() throws {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            let previous = "*l\(level - 1)"
            text += "l\(level): &l\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let error = try #require(Self.error(text))
        #expect(error.problem.hasPrefix("found aliases that stand for more than "))
        #expect(error.mark.line <= 6)

        var shared = "x-base: &base {context: ., dockerfile: Dockerfile, args: {A: 1, B: 2}}\nservices:\n"
        for service in 0..<200 { shared += "  s\(service): {build: {<<: *base}}\n" }
        let services = try Self.mapping(try Self.mapping(try Self.root(shared)).values[1])
        #expect(services.count == 200)
    }

    @Test("collections nested past the bound are an error, not a stack overflow")
    func depthBound() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(Self.error(deep))
        #expect(error.problem == "found collections nested more than \(YAMLParser.maximumDepth) deep")
        _ = try Self.root(String(repeating: "[", count: 200) + String(repeating: "]", count: 200))
    }

    @Test("a parse error carries libyaml's problem, its mark, and the context that blames the opening line")
    func parseErrors() throws {
        let unclosed = try #require(Self.error("ignore: [\"DL3008]\nenable: []\n"))
        #expect(unclosed.problem == "found unexpected end of stream")
        #expect(unclosed.context == "while scanning a quoted scalar")
        #expect(unclosed.contextMark == YAMLMark(line: 1, column: 10))
        #expect(unclosed.mark.line == 3 && unclosed.blamedLine == 1)
        #expect(unclosed.message == "while scanning a quoted scalar, found unexpected end of stream")

        let indentation = try #require(Self.error("a:\n  - b\n c: 1\n"))
        #expect(indentation.mark == YAMLMark(line: 3, column: 2))
        #expect(indentation.blamedLine == 3)

        let tab = try #require(Self.error("a:\n\t- b\n"))
        #expect(tab.mark == YAMLMark(line: 2, column: 1))
    }

    @Test("a key written twice is an error at its second occurrence; 1 and '1' are different keys")
    func duplicateKeys() throws {
        let error = try #require(Self.error("a: 1\nb: 2\n'a': 3\n"))
        #expect(error.message == "while composing a mapping, found a duplicate key 'a'")
        #expect(error.mark == YAMLMark(line: 3, column: 1))
        #expect(try Self.mapping(try Self.root("1: a\n'1': b\n")).count == 2)
        #expect(Self.error("? [a, b]\n: 1\n? [a, b]\n: 2\n")?.problem == "found a duplicate collection key")
    }

    @Test("CRLF line ends count as one line break")
    func crlf() throws {
        let top = try Self.mapping(try Self.root("a: 1\r\nb:\r\n  - c\r\n"))
        #expect(top.keys.map(\.mark.line) == [1, 2])
        #expect(try Self.sequence(top.values[1])[0].mark == YAMLMark(line: 3, column: 5))
        #expect(try Self.sequence(top.values[1])[0].string == "c")
    }

    @Test("a byte order mark is skipped, and counts as the first line's first column")
    func byteOrderMark() throws {
        let top = try Self.mapping(try Self.root("\u{FEFF}key: value\n"))
        #expect(top.keys[0].string == "key")
        #expect(top.keys[0].mark == YAMLMark(line: 1, column: 2))
    }

    @Test("bytes that are not UTF-8 are an error with a mark; as a String they are U+FFFD")
    func invalidUTF8() throws {
        #expect(throws: YAMLError.self) { try YAMLParser.documents(bytes: Array("a: caf".utf8) + [0xE9] + Array("\n".utf8)) }
        do {
            _ = try YAMLParser.documents(bytes: Array("a: 1\nb: x".utf8) + [0xFF])
            Issue.record("an error expected")
        } catch {
            #expect(error.mark == YAMLMark(line: 2, column: 5))
        }
        let repaired = try Self.mapping(try Self.root(String(decoding: Array("a: caf".utf8) + [0xE9], as: UTF8.self)))
        #expect(repaired.values[0].string == "caf\u{FFFD}")
        let control = try #require(Self.error("a: 1\u{01}\n"))
        #expect(control.problem == "control characters are not allowed" && control.mark == YAMLMark(line: 1, column: 5))
    }

    @Test("an empty file or one with only comments has no document; `---` alone is a null one")
    func emptyInput() throws {
        #expect(try YAMLParser.singleDocument("") == nil)
        #expect(try YAMLParser.singleDocument("# only a comment\n") == nil)
        #expect(try YAMLParser.documents("").isEmpty)
        #expect(try Self.root("---\n").isNull)
    }

    @Test("several documents: all are read in order; a single one is expected by the readers")
    func multipleDocuments() throws {
        let documents = try YAMLParser.documents("a: 1\n---\nb: 2\n...\n---\n- c\n")
        #expect(documents.count == 3)
        #expect(try Self.mapping(documents[1]).keys[0].string == "b")
        #expect(try Self.sequence(documents[2])[0].mark == YAMLMark(line: 6, column: 3))
        let error = try #require(Self.error("a: 1\n---\nb: 2\n"))
        #expect(error.message == "expected a single document in the stream, but found another document")
        #expect(error.mark == YAMLMark(line: 2, column: 1))
    }

    @Test("booleans, integers and nulls resolve as the readers have always read them")
    func scalarResolution() throws {
        func scalar(_ text: String) throws -> YAMLNode {
            try Self.sequence(try Self.root("- \(text)\n"))[0]
        }
        for (text, value) in [("true", true), ("Yes", true), ("ON", true), ("tRuE", true), ("no", false), ("Off", false), ("'no'", nil), ("!!str yes", nil), ("!!bool 'yes'", true), ("y", nil), ("1", nil)] as [(String, Bool?)] {
            #expect(try scalar(text).bool == value, "\(text)")
        }
        let integers: [(String, Int?)] = [
            ("0", 0), ("42", 42), ("+42", 42), ("-42", -42), ("1_000", 1000), ("0x1F", 31), ("-0x1F", -31), ("0b101", 5),
            ("0o17", 15), ("017", 15), ("08", nil), ("-0", nil), ("00", 0), ("1:30", 90), ("-1:00:00", -3600), ("1::2", nil),
            ("'42'", nil), ("!!str 42", 42), ("4.2", nil), ("1e3", nil), ("0x", nil), ("abc", nil), ("1:2:3:4:5:6:7:8:9:10:11:12", nil),
        ]
        for (text, value) in integers {
            #expect(try scalar(text).int == value, "\(text)")
        }
        for (text, null) in [("~", true), ("null", true), ("Null", true), ("NULL", true), ("nULL", false), ("''", false), ("'~'", false), ("!!str ~", true)] {
            #expect(try scalar(text).isNull == null, "\(text)")
        }
        #expect(try Self.mapping(try Self.root("a:\n")).values[0].isNull)
    }

    @Test("the resolver's patterns, matched byte by byte")
    func implicitTags() {
        let cases: [(String, String)] = [
            ("yes", YAMLTag.bool), ("TRUE", YAMLTag.bool), ("tRue", YAMLTag.string),
            ("12", YAMLTag.int), ("-0b1_0", YAMLTag.int), ("0o7", YAMLTag.int), ("0777", YAMLTag.int), ("0x_fF", YAMLTag.int),
            ("190:20:30", YAMLTag.int), ("0:30", YAMLTag.string), ("1:60", YAMLTag.string), ("1:5:", YAMLTag.string),
            ("089", YAMLTag.float), ("1.5", YAMLTag.float), ("1.", YAMLTag.float), ("1e5", YAMLTag.float), ("1e", YAMLTag.string),
            (".5", YAMLTag.float), (".5e+3", YAMLTag.float), (".5e3", YAMLTag.string), ("-.inf", YAMLTag.float), (".NaN", YAMLTag.float),
            ("-.nan", YAMLTag.string), ("190:20:30.15", YAMLTag.float),
            ("<<", YAMLTag.merge), ("~", YAMLTag.null), ("", YAMLTag.null), ("=", YAMLTag.value),
            ("2001-12-14", YAMLTag.timestamp), ("2001-12-1", YAMLTag.string), ("2001-12-14t21:59:43.10-05:00", YAMLTag.timestamp),
            ("2001-12-14 21:59:43.10 -5", YAMLTag.timestamp), ("2001-1-2 1:59:43Z", YAMLTag.timestamp), ("2001-12-14 21:59:43 ", YAMLTag.string),
            ("2001-12-14 21:59", YAMLTag.string), ("a1", YAMLTag.string),
        ]
        for (text, tag) in cases {
            #expect(YAMLScalarResolution.implicitTag(of: text) == tag, "\(text)")
        }
    }
}
