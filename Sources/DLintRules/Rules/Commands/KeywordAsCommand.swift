import DLintCore

/// DX1013: a Dockerfile instruction written as a command inside a RUN, usually a RUN or COPY
/// left over when lines were joined with `&&` and `\`. The shell finds no such program.
struct KeywordAsCommand: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1013", name: "keyword-as-command", severity: .error,
        summary: "A Dockerfile instruction keyword is run as a command inside RUN",
        fixable: true
    )

    /// The instruction keywords, upper-case only: Linux commands are case-sensitive and no
    /// distribution ships a program named `RUN` or `COPY`, while `env`, `user` or `add` may be
    /// real programs or scripts.
    static let keywords: Set<String> = Set(InstructionKind.allCases.filter { $0 != .unknown }.map { $0.rawValue.uppercased() })

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for run in model.runs {
            // Walked only for a RUN that runs a keyword: most run none.
            var defined: Set<String>?
            for command in run.commands {
                // Every keyword starts with a capital letter: most names are told apart without hashing.
                guard let word = command.command.name, let name = word.literalValue,
                      let first = name.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first),
                      Self.keywords.contains(name) else { continue }
                if defined == nil { defined = Self.functionNames(in: run) }
                guard defined?.contains(name) != true else { continue }
                let range = command.fileRange(of: word)
                findings.append(Finding(
                    "'\(name)' is a Dockerfile instruction, not a command: the shell fails with 'not found'",
                    at: range,
                    fix: name == "RUN" ? Self.removeKeyword(command, word: word, tree: model.tree) : nil
                ))
            }
        }
        return findings
    }

    /// Functions the RUN's scripts define (`RUN() { … }` would make the name a command).
    static func functionNames(in run: RunInstruction) -> Set<String> {
        var names: Set<String> = []
        for script in run.scripts {
            script.script.forEachCommand { command in
                if case .functionDefinition(let definition) = command { names.insert(definition.name) }
            }
        }
        return names
    }

    /// `… && RUN apt-get install x` → `… && apt-get install x`: the command the author meant.
    /// Unsafe: the RUN used to fail at that point and now runs the command.
    static func removeKeyword(_ command: ShellCommand, word: Word, tree: SyntaxTree) -> Fix? {
        let words = command.command.words
        guard words.count > 1 else { return nil }
        let start = command.fileRange(of: word).lowerBound
        let next = command.fileRange(of: words[1]).lowerBound
        let escape = tree.escapeCharacter
        guard tree.source[command.fileRange(of: word).upperBound..<next].allSatisfy({ [0x20, 0x09, 0x0A, 0x0D, escape].contains($0) }) else { return nil }
        return Fix(title: "Remove the `RUN` keyword", applicability: .unsafe, edits: [TextEdit(range: start..<next, replacement: "")])
    }
}
