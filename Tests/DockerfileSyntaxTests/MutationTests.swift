import DockerfileSyntax
import Foundation
import Testing

@Suite("Mutations of small fixtures still round-trip")
struct MutationTests {
    /// Fixtures small enough that trying every mutation stays quick.
    static let smallFixtures = TestPaths.files(under: TestPaths.fixtures).filter { path in
        let size = (try? FileManager.default.attributesOfItem(atPath: TestPaths.fixtures.appendingPathComponent(path).path)[.size] as? Int) ?? .max
        return size <= 2_048
    }

    @Test("deleting any single byte", arguments: smallFixtures)
    func deletions(_ relativePath: String) throws {
        let bytes = try TestPaths.read(TestPaths.fixtures.appendingPathComponent(relativePath))
        for index in bytes.indices {
            var mutated = bytes
            mutated.remove(at: index)
            let tree = SyntaxTree(parsing: mutated)
            if tree.printed() != mutated {
                Issue.record("\(relativePath) without byte \(index) does not round-trip")
                return
            }
        }
    }

    @Test("truncating at any offset", arguments: smallFixtures)
    func truncations(_ relativePath: String) throws {
        let bytes = try TestPaths.read(TestPaths.fixtures.appendingPathComponent(relativePath))
        for length in 0...bytes.count {
            let prefix = Array(bytes[..<length])
            let tree = SyntaxTree(parsing: prefix)
            if tree.printed() != prefix {
                Issue.record("\(relativePath) cut at \(length) does not round-trip")
                return
            }
            expectWellFormed(tree, "\(relativePath) cut at \(length)")
        }
    }

    @Test("small fixtures exist to mutate")
    func fixturesPresent() {
        #expect(Self.smallFixtures.count >= 10)
    }
}
