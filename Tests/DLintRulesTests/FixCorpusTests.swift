import DLintCore
import DLintRules
import Foundation
import Testing

/// `--fix --unsafe-fixes` over every real-world Dockerfile and every fixture.
@Suite("Fixing the corpus and the fixtures")
struct FixCorpusTests {
    static let files: [URL] = {
        var urls: [URL] = []
        let corpus = RulesPaths.corpus.appendingPathComponent("real")
        for root in [corpus, RulesPaths.packageRoot.appendingPathComponent("Fixtures")] {
            guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard name.contains("ockerfile") || name.hasPrefix("Containerfile") else { continue }
                var isDirectory: ObjCBool = false
                let url = root.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { urls.append(url) }
            }
        }
        return urls.sorted { $0.path < $1.path }
    }()

    @Test("the corpus is there to fix", .enabled(if: RulesPaths.corpusIsAvailable, "the shared corpus is absent: set DLINT_CORPUS or put it at ../shared/corpus"))
    func corpusPresent() {
        #expect(Self.files.count > 1300)
    }

    @Test("fixing terminates, keeps the file parsing, leaves nothing fixable, changes only edited bytes, and a second run changes nothing",
          arguments: files)
    func fix(_ url: URL) throws {
        let source = [UInt8](try Data(contentsOf: url))
        let name = url.path.replacingOccurrences(of: RulesPaths.packageRoot.deletingLastPathComponent().path + "/", with: "")
        // `--fix` leaves files with syntax errors alone (templates, broken fixtures): nothing to check.
        guard !SyntaxTree(parsing: source).hasErrors else { return }
        let rewriter = Rewriter(linter: RuleRegistry.linter)
        let outcome = rewriter.fix(source, applying: [.safe, .unsafe])
        #expect(outcome.converged, "\(name): fixes did not settle (\(outcome.nonConvergingRules))")
        #expect(outcome.rolledBackRules.isEmpty, "\(name): fixes of \(outcome.rolledBackRules) broke the syntax")
        let fixedTree = SyntaxTree(parsing: outcome.fixed)
        #expect(!fixedTree.hasErrors, "\(name): the fixed file has syntax errors: \(fixedTree.diagnostics.map(\.message))")
        let stillFixable = outcome.remaining.diagnostics.filter { $0.fix != nil }.map(\.code)
        #expect(stillFixable.isEmpty, "\(name): still fixable after fixing: \(stillFixable)")
        var text = source
        for round in outcome.rounds {
            #expect(round.before == text)
            text = try Self.checkedApplication(of: round.edits, to: round.before, file: name)
        }
        #expect(text == outcome.fixed)
        let again = rewriter.fix(outcome.fixed, applying: [.safe, .unsafe])
        #expect(!again.changed, "\(name): a second run changed the file again (\(again.applied.map(\.code)))")
    }

    /// Rebuilds a round's result piece by piece and checks that the edits are in bounds, do not
    /// overlap, and that everything between them is the original text.
    static func checkedApplication(of edits: [TextEdit], to before: [UInt8], file: String) throws -> [UInt8] {
        var result: [UInt8] = []
        var position = 0
        for edit in edits {
            try #require(edit.range.lowerBound >= position && edit.range.upperBound <= before.count, "\(file): edit \(edit.range) overlaps or is out of bounds")
            result += before[position..<edit.range.lowerBound]
            result += Array(edit.replacement.utf8)
            position = edit.range.upperBound
        }
        result += before[position...]
        return result
    }
}
