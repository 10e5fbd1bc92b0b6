import DLintCore

/// SC2143: `[ -n "$(… | grep x)" ]` collects grep's output to test that there was some;
/// `grep -q` answers with its status and stops at the first match.
struct GrepOutputInTest: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2143", name: "grep-output-in-test", severity: .style,
        summary: "Use grep -q instead of comparing output with [ -n .. ]"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // grep's output is a command substitution: `$(…)` or backquotes.
        for command in context.model.shellCheckCommands(inRunsMentioning: UInt8(ascii: "$"), UInt8(ascii: "`")) {
            let simple = command.command
            guard let test = TestExpression(simple) else { continue }
            let words = Array(test.words)
            let core = test.core
            // `[ "$(grep …)" ]`: a nullary test is `-n`.
            if core.count == 1, let word = core.first, let grep = Self.finalGrep(word) {
                findings.append(Self.finding(grep, negated: false, range: command.fileRange(trimmedOf: word)))
            }
            for index in words.indices.dropLast() {
                guard let op = words[index].literalValue, op == "-n" || op == "-z",
                      let grep = Self.finalGrep(words[index + 1]) else { continue }
                let range = command.fileRange(words[index].range.lowerBound..<words[index + 1].range.upperBound)
                findings.append(Self.finding(grep, negated: op == "-z", range: range))
            }
        }
        return findings
    }

    static func finding(_ grep: String, negated: Bool, range: Range<Int>) -> Finding {
        Finding("Use \(negated ? "! " : "")\(grep) -q instead of comparing output with [ \(negated ? "-z" : "-n") .. ]", at: range)
    }

    /// For a word that is only `$(…)` (quoted or not) of one pipeline ending in grep: its name.
    static func finalGrep(_ word: Word) -> String? {
        guard let substitution = UselessEcho.onlySubstitution(word.parts), substitution.script.items.count == 1,
              substitution.script.items[0].andOr.pipelines.count == 1,
              case .simple(let last)? = substitution.script.items[0].andOr.pipelines[0].commands.last,
              let name = last.baseName, ["grep", "egrep", "fgrep", "zgrep"].contains(name) else { return nil }
        return name
    }
}
