import DLintCore
@testable import DLintRules
import Foundation
import Testing

enum RulesPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesDirectory = packageRoot.appendingPathComponent("rules")

    /// `$DLINT_CORPUS`, or `../shared/corpus` beside the package.
    static let corpus: URL = {
        if let override = ProcessInfo.processInfo.environment["DLINT_CORPUS"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    static var corpusIsAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }
    static let ruleSources = packageRoot.appendingPathComponent("Sources/DLintRules/Rules")

    static func pages() throws -> [RulePage] {
        try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)
            .filter { $0.hasSuffix(".md") }
            .sorted()
            .map { try RulePage(text: String(contentsOf: rulesDirectory.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let examples: [(code: String, index: Int)] = {
        guard let pages = try? pages() else { return [] }
        return pages.flatMap { page in page.examples.indices.map { (page.code, $0) } }
    }()
}

@Suite("Rule pages and the registry agree")
struct RulePagesTests {
    @Test("every registered rule has a page named after its code whose title gives its code and name, and vice versa")
    func pagesMatchRegistry() throws {
        let pages = try RulesPaths.pages()
        let descriptors = RuleRegistry.rules.map(\.descriptor)
        #expect(Set(pages.map(\.code)) == Set(descriptors.map(\.code)))
        for descriptor in descriptors {
            let page = try #require(pages.first { $0.code == descriptor.code })
            #expect(page.name == descriptor.name, "page of \(descriptor.code)")
            #expect(page.text.contains("| \(descriptor.severity.rawValue) |"), "the page of \(descriptor.code) must state severity \(descriptor.severity.rawValue)")
            #expect(page.examples.contains { $0.kind == .fail }, "the page of \(descriptor.code) needs a failing example")
            #expect(page.examples.contains { $0.kind == .pass }, "the page of \(descriptor.code) needs a passing example")
        }
    }

    @Test("codes and names are unique, codes never collide with hadolint's outside its own meaning")
    func uniqueCodes() {
        let descriptors = RuleRegistry.catalog.descriptors
        #expect(Set(descriptors.map(\.code)).count == descriptors.count)
        #expect(Set(descriptors.map(\.name)).count == descriptors.count)
        let spellings = descriptors.flatMap(\.spellings).map { $0.lowercased() }
        #expect(Set(spellings).count == spellings.count, "a spelling names two rules")
        for descriptor in descriptors {
            #expect(descriptor.code.hasPrefix("DL") || descriptor.code.hasPrefix("DX") || descriptor.code.hasPrefix("SC"))
            #expect(descriptor.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
    }

    @Test("each rule's code is defined in exactly one file under Sources/DLintRules/Rules")
    func ruleFiles() throws {
        // One folder per rule family, so the files are searched recursively.
        let root = RulesPaths.ruleSources
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no rule sources under \(root.path)")
        let contents = try files.map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }
        for descriptor in RuleRegistry.rules.map(\.descriptor) {
            let defining = contents.filter { $0.contains("code: \"\(descriptor.code)\"") }
            #expect(defining.count == 1, "\(descriptor.code) is defined in \(defining.count) rule files")
        }
    }

    @Test("the pages embedded in the binary equal rules/*.md")
    func embeddedPages() throws {
        let pages = try RulesPaths.pages()
        let expected = RulePageGenerator.source(pages: pages.map { ($0.code, $0.text) })
        let path = RulesPaths.packageRoot.appendingPathComponent("Sources/DLintRules/RulePages.swift")
        if ProcessInfo.processInfo.environment["DLINT_REGENERATE"] == "1" {
            try expected.write(to: path, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: path, encoding: .utf8)
        #expect(actual == expected, "Sources/DLintRules/RulePages.swift is stale: run DLINT_REGENERATE=1 swift test --filter RulePages")
        for page in pages {
            #expect(RuleRegistry.page(for: page.code) == page.text)
        }
    }
}

@Suite("Rule page examples")
struct RuleExampleTests {
    @Test("every example of every rules/CODE.md page", arguments: RulesPaths.examples)
    func example(_ code: String, _ index: Int) throws {
        let page = try #require(try RulesPaths.pages().first { $0.code == code })
        let example = page.examples[index]
        let configuration = try Self.configuration(of: example, on: page)
        let result = RuleRegistry.linter.lint(Array(example.dockerfile.utf8), configuration: configuration)
        let found = result.diagnostics.filter { $0.code == code }.map { diagnostic -> RulePage.Mark in
            let start = result.tree.location(of: diagnostic.range.lowerBound)
            let lineEnd = result.tree.lineTable.contentRange(ofLine: start.line).upperBound
            let end = result.tree.location(of: min(diagnostic.range.upperBound, lineEnd))
            return RulePage.Mark(line: start.line, startColumn: start.column, endColumn: end.line == start.line ? end.column : start.column)
        }
        switch example.kind {
        case .fixed:
            try checkFix(page, exampleIndex: index)
            return
        case .fail:
            #expect(!example.marks.isEmpty, "failing example at rules/\(code).md:\(example.pageLine) marks nothing")
            #expect(found.sorted() == example.marks.sorted(), "rules/\(code).md:\(example.pageLine)")
        case .pass:
            #expect(found.isEmpty, "rules/\(code).md:\(example.pageLine) must pass, found \(found)")
        }
        #expect(!result.tree.hasErrors, "rules/\(code).md:\(example.pageLine) has syntax errors: \(result.tree.diagnostics.map(\.message))")
    }

    /// The configuration a page gives its example (rules such as the label schema's need one).
    /// A rule that is off by default is switched on for its own page.
    private static func configuration(of example: RulePage.Example, on page: RulePage) throws -> Configuration {
        var configuration = Configuration()
        if let text = example.configuration {
            let warnings: [ConfigurationWarning]
            (configuration, warnings) = try ConfigurationParser.parse(
                text, format: .dlint, path: "rules/\(page.code).md", catalog: RuleRegistry.catalog
            )
            #expect(warnings.isEmpty, "rules/\(page.code).md:\(example.pageLine): \(warnings)")
        }
        if let descriptor = RuleRegistry.catalog.descriptor(for: page.code), !descriptor.enabledByDefault, configuration.severities[page.code] == nil {
            configuration.severities[page.code] = descriptor.severity
        }
        configuration.settings.dockerIgnore = example.dockerIgnore.map(DockerIgnore.init)
        return configuration
    }

    /// A `fixed` block follows a `fail` block: fixing the failing example with this rule's fixes
    /// (safe and unsafe) gives the fixed block, a second run changes nothing, and the rule no
    /// longer reports anything.
    private func checkFix(_ page: RulePage, exampleIndex: Int) throws {
        let fixed = page.examples[exampleIndex]
        let failing = try #require(page.examples[..<exampleIndex].last, "rules/\(page.code).md:\(fixed.pageLine): a fixed block must follow a fail block")
        #expect(failing.kind == .fail, "rules/\(page.code).md:\(fixed.pageLine): a fixed block must follow a fail block")
        let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == page.code })
        #expect(rule.descriptor.fixable, "\(page.code) has a fixed example but is not marked fixable")
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let configuration = try Self.configuration(of: failing, on: page)
        let outcome = rewriter.fix(Array(failing.dockerfile.utf8), configuration: configuration, applying: [.safe, .unsafe])
        #expect(String(decoding: outcome.fixed, as: UTF8.self) == fixed.dockerfile, "rules/\(page.code).md:\(fixed.pageLine)")
        #expect(outcome.converged)
        let again = rewriter.fix(outcome.fixed, configuration: configuration, applying: [.safe, .unsafe])
        #expect(!again.changed, "rules/\(page.code).md:\(fixed.pageLine): a second run must change nothing")
        #expect(!outcome.remaining.diagnostics.contains { $0.code == page.code }, "rules/\(page.code).md:\(fixed.pageLine) still reports \(page.code) after fixing")
    }
}
