import DLintCore

/// SC2174: `mkdir -p -m MODE a/b` gives MODE to `b` only; the parents it creates get the
/// default mode.
struct MkdirParentsMode: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2174", name: "mkdir-parents-mode", severity: .warning,
        summary: "When used with -p, -m only applies to the deepest directory"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands(mayRun: ["mkdir"]) {
            let simple = command.command
            guard let invocation = simple.effectiveCommand, invocation.commandName.map(PathText.basename) == "mkdir" else { continue }
            let flags = Self.flags(invocation.arguments)
            guard flags.contains(where: { $0.flag == "p" || $0.flag == "parents" }),
                  let mode = flags.first(where: { $0.flag == "m" || $0.flag == "mode" }) else { continue }
            // As ShellCheck: every argument after the first may be a directory with parents.
            guard invocation.arguments.dropFirst().contains(where: Self.couldHaveParents) else { continue }
            findings.append(Finding(
                "When used with -p, -m only applies to the deepest directory",
                at: command.fileRange(trimmedOf: mode.word)
            ))
        }
        return findings
    }

    static func flags(_ arguments: [Word]) -> [(flag: String, word: Word)] {
        var flags: [(String, Word)] = []
        for word in arguments {
            guard let value = word.literalValue else { continue }
            if value == "--" { break }
            if value.hasPrefix("--") {
                flags.append((String(value.dropFirst(2).prefix { $0 != "=" }), word))
            } else if value.hasPrefix("-"), value.count > 1 {
                for character in value.dropFirst() { flags.append((String(character), word)) }
            }
        }
        return flags
    }

    /// A path with a slash, other than `../name` or `./name`; any word with an expansion.
    static func couldHaveParents(_ word: Word) -> Bool {
        guard let path = word.literalValue else { return true }
        guard path.contains("/") else { return false }
        var components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = components.popLast(), !last.isEmpty, !components.isEmpty else { return true }
        return !components.allSatisfy { $0 == "." || $0 == ".." }
    }
}
