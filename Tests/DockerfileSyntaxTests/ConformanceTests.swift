import DockerfileSyntax
import Foundation
import Testing

@Suite("Conformance with BuildKit's parser test cases", .enabled(if: TestPaths.corpusIsAvailable, TestPaths.corpusMissingMessage))
struct ConformanceTests {
    static let buildkit = TestPaths.corpus.appendingPathComponent("buildkit")
    static let positiveCases = TestPaths.corpusIsAvailable
        ? (try? FileManager.default.contentsOfDirectory(atPath: buildkit.appendingPathComponent("testfiles").path))?.sorted() ?? []
        : []
    static let negativeCases = TestPaths.corpusIsAvailable
        ? (try? FileManager.default.contentsOfDirectory(atPath: buildkit.appendingPathComponent("testfiles-negative").path))?.sorted() ?? []
        : []

    @Test("the dump equals BuildKit's result file", arguments: positiveCases)
    func positive(_ name: String) throws {
        let folder = Self.buildkit.appendingPathComponent("testfiles").appendingPathComponent(name)
        let tree = SyntaxTree(parsing: try TestPaths.read(folder.appendingPathComponent("Dockerfile")))
        let expected = try String(contentsOf: folder.appendingPathComponent("result"), encoding: .utf8)
        #expect(BuildKitDump.dump(tree) == expected)
        // These files are parser tests, not whole Dockerfiles (several have no FROM), so only
        // the errors BuildKit's parser itself raises must be absent.
        let parserErrors: Set<SyntaxDiagnostic.Code> = [.unterminatedHeredoc, .invalidDirective, .noInstructions]
        #expect(!tree.diagnostics.contains { parserErrors.contains($0.code) })
        expectWellFormed(tree)
    }

    @Test("every negative case gives a syntax error", arguments: negativeCases)
    func negative(_ name: String) throws {
        let path = Self.buildkit.appendingPathComponent("testfiles-negative").appendingPathComponent(name).appendingPathComponent("Dockerfile")
        let tree = SyntaxTree(parsing: try TestPaths.read(path))
        #expect(tree.diagnostics.contains { $0.severity == .error })
        expectWellFormed(tree)
    }

    @Test("all cases were found")
    func counts() {
        #expect(Self.positiveCases.count == 33)
        #expect(Self.negativeCases.count == 4)
    }

    /// BuildKit's `TestParseIncludesLineNumbers`.
    @Test("instruction line numbers")
    func lineNumbers() throws {
        let tree = SyntaxTree(parsing: try TestPaths.read(Self.buildkit.appendingPathComponent("testfile-line/Dockerfile")))
        let spans = tree.instructions.map { instruction in
            (tree.location(of: instruction.range.lowerBound).line, tree.location(of: instruction.range.upperBound - 1).line)
        }
        #expect(spans.count == 3)
        #expect(spans.map(\.0) == [5, 11, 17])
        #expect(spans.map(\.1) == [5, 12, 31])
    }
}
