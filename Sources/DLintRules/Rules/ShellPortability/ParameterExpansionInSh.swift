import DLintCore

/// SC3057 (`${var:1:2}`, string indexing) and SC3060 (`${var/a/b}`, string replacement): bash
/// expansions that dash and POSIX sh reject ("Bad substitution"); BusyBox ash has both.
struct StringIndexingInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3057", name: "string-indexing-in-sh", severity: .warning,
        summary: "In POSIX sh, string indexing is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        BashExpansions.findings(in: context.model, operators: [.substring], feature: "string indexing")
    }
}

struct StringReplacementInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3060", name: "string-replacement-in-sh", severity: .warning,
        summary: "In POSIX sh, string replacement is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        BashExpansions.findings(in: context.model, operators: [.replaceFirst, .replaceAll], feature: "string replacement")
    }
}

enum BashExpansions {
    /// The `${…}` expansions with one of the operators in the words, assignments and redirection
    /// targets of commands run by dash or POSIX sh (BusyBox ash has them).
    static func findings(in model: DockerfileModel, operators: Set<ParameterOperator>, feature: String) -> [Finding] {
        let findings = expansions(in: model).filter { operators.contains($0.op) }.map { use in
            Finding(use.flavor.message(feature), at: use.range)
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// One expansion with an operator, where it is in the file, and the `sh` it runs in.
    struct Use: Sendable {
        let op: ParameterOperator
        let range: Range<Int>
        let flavor: ShellFlavor
    }

    /// The expansions with an operator, in the order the rules once found them: by command, then
    /// words, assignment values, redirection targets. One walk for every rule that asks; each
    /// keeps the operators it is about.
    static func expansions(in model: DockerfileModel) -> [Use] {
        model.facts.value(BashExpansionsFact.self) {
            var uses: [Use] = []
            // An operator is written `${name…}`: RUNs without a `{` have none.
            for sh in model.portabilityCommands(inRunsMentioning: UInt8(ascii: "{")) where sh.flavor != .ash {
                let simple = sh.command.command
                func visitWord(_ word: Word) {
                    visit(word.parts) { expansion in
                        guard let op = expansion.op else { return }
                        uses.append(Use(op: op, range: sh.command.source.fileRange(of: expansion.range), flavor: sh.flavor))
                    }
                }
                for word in simple.words { visitWord(word) }
                for assignment in simple.assignments { if let value = assignment.value { visitWord(value) } }
                for redirection in simple.redirections { if let target = redirection.target { visitWord(target) } }
            }
            return uses
        }
    }

    private enum BashExpansionsFact: ModelFactKey { typealias Value = [Use] }

    /// Parameter expansions in parts, inside double quotes and defaults (`${a:-${b:1}}`), not in
    /// command substitutions (their commands are visited on their own).
    private static func visit(_ parts: [WordPart], _ body: (ParameterExpansion) -> Void) {
        for part in parts {
            switch part {
            case .doubleQuoted(let inner, _): visit(inner, body)
            case .parameter(let expansion):
                body(expansion)
                if let argument = expansion.argument { visit(argument.parts, body) }
            default: break
            }
        }
    }
}
