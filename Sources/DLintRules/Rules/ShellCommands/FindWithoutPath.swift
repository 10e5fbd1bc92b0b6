import DLintCore

/// SC2185: `find` without a starting path searches `.` with GNU and BusyBox find, but not with
/// every find; writing `.` says what is searched.
struct FindWithoutPath: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2185", name: "find-without-path", severity: .info,
        summary: "Some finds don't have a default path: specify '.' explicitly",
        fixable: true
    )

    /// The options `find` takes before its paths (GNU and macOS), as ShellCheck lists them.
    private static let leadingFlagCharacters = Set("-EHLPXdfsxO0123456789")

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands(mayRun: ["find"]) {
            let simple = command.command
            // Through sudo, env, timeout …; not through xargs, which appends the paths it reads.
            guard let invocation = simple.effectiveCommand, !invocation.wrappers.contains("xargs"),
                  let name = invocation.commandName, name == "find" || name.hasSuffix("/find") else { continue }
            let arguments = invocation.arguments
            if arguments.contains(where: { ["--help", "-help", "--version", "-version"].contains($0.literalValue) }) { continue }
            // Leading options, then the first argument that is not one: a path, or the expression.
            var leading = 0
            var hasPath = false
            for word in arguments {
                // An expansion may be a path, as ShellCheck assumes.
                let value = word.literalValue ?? "___"
                if !value.hasPrefix("-") { hasPath = true; break }
                guard value.count <= 2 || value.allSatisfy(Self.leadingFlagCharacters.contains) else { break }
                leading += 1
            }
            if hasPath { continue }
            findings.append(Finding(
                "Some finds don't have a default path: specify '.' explicitly",
                at: command.fileRange(trimmedOf: invocation.name),
                fix: Self.fix(after: leading == 0 ? invocation.name : arguments[leading - 1], leadingOptions: arguments.prefix(leading), command)
            ))
        }
        return findings
    }

    /// Inserts ` .` after `find` and its leading options, when they are all real ones.
    static func fix(after word: Word, leadingOptions: ArraySlice<Word>, _ command: ShellCommand) -> Fix? {
        let known: Set<String> = ["-H", "-L", "-P", "-E", "-X", "-d", "-f", "-s", "-x"]
        guard leadingOptions.allSatisfy({ known.contains($0.literalValue ?? "") || ($0.literalValue ?? "").hasPrefix("-O") }) else { return nil }
        let end = command.fileRange(trimmedOf: word).upperBound
        return Fix(title: "Add '.' as the starting path", applicability: .safe, edits: [
            TextEdit(range: end..<end, replacement: " ."),
        ])
    }
}
