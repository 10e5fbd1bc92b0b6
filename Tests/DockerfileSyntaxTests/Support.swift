import DockerfileSyntax
import Foundation
import Testing

/// Where the package's files and the shared corpus are, for tests that read them.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// `$DLINT_CORPUS`, or `../shared/corpus` beside the package.
    static let corpus: URL = {
        if let override = ProcessInfo.processInfo.environment["DLINT_CORPUS"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    static var corpusIsAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.path)
    }

    static let corpusMissingMessage: Comment = "the shared corpus is absent: set DLINT_CORPUS or put it at ../shared/corpus"

    /// Every regular file below `directory`, sorted, as paths relative to it.
    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue { files.append(relative) }
        }
        return files.sorted()
    }

    static func read(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}

/// Checks the tree's structural invariants: leaves are non-empty, consecutive and cover the
/// file; instruction token spans and ranges lie inside the file.
func expectWellFormed(_ tree: SyntaxTree, _ comment: Comment? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    var position = 0
    for token in tree.tokens {
        guard token.range.lowerBound == position, !token.range.isEmpty else {
            Issue.record("leaf \(token.kind) at \(token.range) does not continue at \(position). \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
            return
        }
        position = token.range.upperBound
    }
    #expect(position == tree.source.count, "leaves end at \(position) of \(tree.source.count). \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    #expect(tree.printed() == tree.source, "printing must give back the input. \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    for instruction in tree.instructions {
        #expect(instruction.tokenIndices.upperBound <= tree.tokens.count, sourceLocation: sourceLocation)
        #expect(instruction.fullRange.upperBound <= tree.source.count, sourceLocation: sourceLocation)
        #expect(instruction.range.lowerBound <= instruction.range.upperBound, sourceLocation: sourceLocation)
    }
    for diagnostic in tree.diagnostics {
        #expect(diagnostic.range.upperBound <= tree.source.count, "\(diagnostic.message)", sourceLocation: sourceLocation)
    }
}

extension SyntaxTree {
    /// The text and 1-based line:column of `range`.
    func describe(_ range: Range<Int>) -> String {
        "\(location(of: range.lowerBound)) \(text(of: range))"
    }
}
