import DLintCore

/// SC3046: `source` is bash's name for `.`. BusyBox ash has it; dash and POSIX sh do not.
struct SourceInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3046", name: "source-in-sh", severity: .warning,
        summary: "In POSIX sh, 'source' in place of '.' is undefined", fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.portabilityCommands.compactMap { sh in
            guard sh.flavor != .ash, sh.name == "source",
                  let word = sh.words.first, !word.isQuoted else { return nil }
            let range = sh.fileRange(of: word)
            let fix = Fix(title: "Replace `source` with `.`", applicability: .safe, edits: [TextEdit(range: range, replacement: ".")])
            return Finding(sh.flavor.message("'source' in place of '.'"), at: range, fix: fix)
        }
    }
}
