import DockerfileSyntax
import Foundation
import Testing

@Suite("Round trip: printing the tree gives back the input")
struct RoundTripTests {
    static let fixtureFiles = TestPaths.files(under: TestPaths.fixtures)
    static let corpusFiles = TestPaths.corpusIsAvailable ? TestPaths.files(under: TestPaths.corpus) : []

    @Test("every fixture", arguments: fixtureFiles)
    func fixture(_ relativePath: String) throws {
        let bytes = try TestPaths.read(TestPaths.fixtures.appendingPathComponent(relativePath))
        expectWellFormed(SyntaxTree(parsing: bytes), "\(relativePath)")
    }

    @Test("every file of the shared corpus", .enabled(if: TestPaths.corpusIsAvailable, TestPaths.corpusMissingMessage))
    func corpus() throws {
        #expect(Self.corpusFiles.count > 1000, "the corpus should hold over a thousand files")
        for relativePath in Self.corpusFiles {
            let bytes = try TestPaths.read(TestPaths.corpus.appendingPathComponent(relativePath))
            let tree = SyntaxTree(parsing: bytes)
            if tree.printed() != bytes {
                Issue.record("round trip fails for \(relativePath)")
            }
            expectWellFormed(tree, "\(relativePath)")
        }
    }

    static let awkwardInputs: [(String, [UInt8])] = [
        ("empty", [UInt8]()),
        ("CRLF", Array("FROM a\r\nRUN x \\\r\n  y\r\n".utf8)),
        ("mixed endings", Array("FROM a\nRUN x\r\nRUN y\rRUN z\n\r\n".utf8)),
        ("BOM", [0xEF, 0xBB, 0xBF] + Array("FROM a\n".utf8)),
        ("BOM only", [0xEF, 0xBB, 0xBF]),
        ("tabs", Array("\tFROM\ta\n\tRUN\t\tx\t\n".utf8)),
        ("no final newline", Array("FROM a\nRUN x".utf8)),
        ("invalid UTF-8", [0xFF, 0xFE, 0x0A] + Array("FROM a\nRUN \u{00}".utf8) + [0xC3, 0x28, 0xE2, 0x82]),
        ("NUL bytes", [0, 0, 0x0A, 0]),
        ("only newlines", Array("\n\n\r\n".utf8)),
        ("lone escape", Array("\\".utf8)),
        ("escape lines", Array("\\\n\\\n".utf8)),
        ("unterminated JSON", Array("CMD [\"a\n".utf8)),
        ("heredoc at end", Array("FROM a\nRUN <<E".utf8)),
        ]

    @Test("awkward inputs", arguments: awkwardInputs)
    func awkward(_ name: String, _ bytes: [UInt8]) {
        expectWellFormed(SyntaxTree(parsing: bytes), "\(name)")
    }

    @Test("a 10 MB file")
    func tenMegabytes() {
        let block = Array("""
        FROM alpine:3.20 AS build
        # a comment line
        RUN apt-get update && \\
            apt-get install -y curl \\
            && rm -rf /var/lib/apt/lists/*
        ENV KEY=value OTHER="quoted value"
        COPY ["a", "b"]
        RUN <<EOF
        echo heredoc
        EOF

        """.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10_000_000 + block.count)
        var blocks = 0
        while bytes.count < 10_000_000 {
            bytes += block
            blocks += 1
        }
        let tree = SyntaxTree(parsing: bytes)
        #expect(tree.printed() == bytes)
        #expect(tree.instructions.count == blocks * 5)
        #expect(tree.diagnostics.isEmpty)
    }
}
