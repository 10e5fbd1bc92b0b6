import Foundation

/// Builds `Sources/DLintRules/RulePages.swift` from `rules/*.md`, so the binary carries the pages.
enum RulePageGenerator {
    static func source(pages: [(code: String, text: String)]) -> String {
        var output = """
        // Generated from rules/*.md; do not edit. Regenerate with:
        //   DLINT_REGENERATE=1 swift test --filter RulePages
        // The test suite fails when this file and rules/ disagree.

        enum RulePages {
            static let pages: [String: String] = [

        """
        for page in pages.sorted(by: { $0.code < $1.code }) {
            output += "        \"\(page.code)\": ##\"\"\"\n\(page.text)\n\"\"\"##,\n"
        }
        output += "    ]\n}\n"
        return output
    }
}
