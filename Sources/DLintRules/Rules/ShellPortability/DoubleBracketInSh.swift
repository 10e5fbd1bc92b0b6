import DLintCore

/// SC3010: `[[ … ]]` is a bash (and BusyBox ash) keyword; dash and POSIX sh run a command
/// named `[[`, which does not exist.
struct DoubleBracketInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3010", name: "double-bracket-in-sh", severity: .warning,
        summary: "In POSIX sh, [[ ]] is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.portabilityCommands.compactMap { sh in
            guard sh.flavor != .ash, let first = sh.words.first, first.literalValue == "[[" else { return nil }
            // `[[ a && b ]]` is two commands to this parser: the test ends where `]]` is, if here.
            let close = sh.words.last { $0.literalValue == "]]" } ?? first
            let start = sh.fileRange(of: first).lowerBound
            return Finding(sh.flavor.message("[[ ]]"), at: start..<sh.fileRange(of: close).upperBound)
        }
    }
}
