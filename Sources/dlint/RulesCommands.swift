import ArgumentParser
import DLintCore
import DLintRules

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: code, name, severity, whether it can fix, and other names it answers to."
    )

    @Flag(help: "Print the rules that have a page as README's Markdown table.")
    var markdown = false

    func run() throws {
        let descriptors = RuleRegistry.catalog.descriptors.sorted { $0.code < $1.code }
        if markdown {
            Console.write(Self.markdownTable(descriptors.filter { RuleRegistry.page(for: $0.code) != nil }))
            return
        }
        let rows = [["CODE", "NAME", "SEVERITY", "FIX", "ALIASES"]] + descriptors.map { descriptor in
            // An opt-in rule shows the severity it reports with once switched on.
            [descriptor.code, descriptor.name, descriptor.enabledByDefault ? descriptor.severity.rawValue : "off (\(descriptor.severity.rawValue))",
             descriptor.fixable ? "yes" : "-",
             descriptor.aliases.isEmpty ? "-" : descriptor.aliases.joined(separator: ", ")]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var output = ""
        for row in rows {
            for column in 0..<4 { output += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2) }
            output += row[4] + "\n"
        }
        Console.write(output)
    }
}

extension ListRules {
    /// One row per rule, linking its page; README's rule table is this output.
    static func markdownTable(_ descriptors: [RuleDescriptor]) -> String {
        var output = "| code | name | severity | fix | also known as | what |\n| --- | --- | --- | --- | --- | --- |\n"
        for descriptor in descriptors {
            let severity = descriptor.enabledByDefault ? descriptor.severity.rawValue : "off (\(descriptor.severity.rawValue))"
            let aliases = descriptor.aliases.map { "`\($0)`" }.joined(separator: ", ")
            let summary = descriptor.summary.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
            output += "| [\(descriptor.code)](rules/\(descriptor.code).md) | `\(descriptor.name)` | \(severity) | \(descriptor.fixable ? "yes" : "no") | \(aliases) | \(summary). |\n"
        }
        return output
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a rule's page: what it checks, why, and examples."
    )

    @Argument(help: "A rule code, name, hadolint code or BuildKit check name.")
    var code: String

    func run() throws {
        if let page = RuleRegistry.page(for: code) {
            Console.write(page.hasSuffix("\n") ? page : page + "\n")
            return
        }
        if let descriptor = RuleRegistry.catalog.descriptor(for: code) {
            // The parser's and the engine's own diagnostics are described by their summary.
            let aliases = descriptor.aliases.isEmpty ? "" : "Also known as: \(descriptor.aliases.joined(separator: ", "))\n\n"
            Console.write("# \(descriptor.code) \(descriptor.name)\n\nSeverity: \(descriptor.severity.rawValue)\n\n\(aliases)\(descriptor.summary).\n")
            return
        }
        let catalog = RuleRegistry.catalog
        let group = catalog.codes(for: code)
        if group.count > 1 {
            // A group alias: list its rules, each explained on its own.
            Console.write("\(code) names \(group.count) rules: \(group.joined(separator: ", ")) (see 'dlint explain CODE' for each)\n")
            return
        }
        if let description = catalog.foreignCodeDescription(code) {
            Console.write(description + "\n")
            return
        }
        Console.error("dlint: unknown rule '\(code)' (see 'dlint rules')")
        throw ExitCode(ExitStatus.usageOrIOError)
    }
}
