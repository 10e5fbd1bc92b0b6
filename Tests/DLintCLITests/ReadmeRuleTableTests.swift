import Foundation
import Testing

/// README's rule table is what `dlint rules --markdown` prints, so it can never fall behind the
/// registry: a rule added without a row, or a severity changed without the README, fails here.
@Suite("README rule table")
struct ReadmeRuleTableTests {
    @Test("README lists every rule with a page, as dlint rules --markdown prints it")
    func tableMatchesRegistry() throws {
        let generated = try DLintBinary.run(["rules", "--markdown"])
        #expect(generated.status == 0)
        let readme = String(decoding: try DLintBinary.read("README.md"), as: UTF8.self)
        #expect(readme.contains(generated.stdout), "regenerate the table in README.md's Rules section with `dlint rules --markdown`")
        let rows = generated.stdout.split(separator: "\n").dropFirst(2)
        let pages = try FileManager.default.contentsOfDirectory(atPath: DLintBinary.packageRoot.appendingPathComponent("rules").path)
            .filter { $0.hasSuffix(".md") }
        #expect(rows.count == pages.count, "one row per page in rules/")
        #expect(rows.contains { $0.hasPrefix("| [DL3008](rules/DL3008.md) | `pin-apt-versions` | warning |") })
    }
}
