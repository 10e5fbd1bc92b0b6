import DLintCore

/// SC2035: a glob at the start of an argument expands to file names, and a file named `-rf`
/// becomes an option.
struct GlobAsOption: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2035", name: "glob-as-option", severity: .info,
        summary: "Use ./*glob* or -- *glob* so names with dashes won't become options",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands(inRunsMentioning: UInt8(ascii: "*"), UInt8(ascii: "?")) {
            let simple = command.command
            // Cheap test first: some argument starts with a glob character.
            let startsWithGlob = simple.arguments.contains { word in
                // The first byte before the first character: most arguments start with neither.
                if case .literal(let text, _)? = word.parts.first, let byte = text.utf8.first,
                   byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") { return text.first == "*" || text.first == "?" }
                return false
            }
            guard startsWithGlob else { continue }
            let invocation = simple.effectiveCommand
            let name = invocation?.commandName.map(PathText.basename) ?? simple.baseName
            if name == "echo" || name == "printf" { continue }
            let arguments = invocation?.arguments ?? Array(simple.arguments)
            for word in arguments {
                // `--` (and GNU parallel's `:::`) ends the options.
                if let value = word.literalValue, ["--", ":::", "::::"].contains(value) { break }
                guard case .literal(let text, _)? = word.parts.first, text.first == "*" || text.first == "?" else { continue }
                let start = command.fileRange(trimmedOf: word).lowerBound
                findings.append(Finding(
                    "Use './\(command.text(word.range))' or '-- \(command.text(word.range))' so names with dashes won't become options",
                    at: command.fileRange(trimmedOf: word),
                    fix: Fix(title: "Prefix the glob with `./`", applicability: .unsafe, edits: [
                        TextEdit(range: start..<start, replacement: "./"),
                    ])
                ))
            }
        }
        return findings
    }
}
