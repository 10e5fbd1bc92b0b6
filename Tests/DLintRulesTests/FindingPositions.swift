import DLintCore
import DLintRules

/// (line, column, text under the range) of each finding of `code` when `text` is linted with every
/// rule: the shape the command, shell-quoting and shell-portability tables assert.
func findingPositions(
    _ text: String, _ code: String, configuration: Configuration = Configuration()
) -> [(line: Int, column: Int, text: String)] {
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
    return result.diagnostics.filter { $0.code == code }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
    }
}
