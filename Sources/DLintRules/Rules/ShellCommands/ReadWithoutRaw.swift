import DLintCore

/// SC2162: `read` without `-r` treats backslashes as escapes: a `\` in the input is dropped and
/// a trailing one joins the next line.
struct ReadWithoutRaw: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2162", name: "read-without-r", severity: .info,
        summary: "read without -r will mangle backslashes",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for command in context.model.shellCheckCommands where command.command.commandName == "read" {
            let simple = command.command
            guard let name = simple.name else { continue }
            if simple.allFlags.contains(where: { $0.flag == "r" }) { continue }
            // `read -t 0` only asks whether input is waiting.
            let values = simple.arguments.map(\.literalValue)
            let pollsOnly = values.contains("-t0") || zip(values, values.dropFirst()).contains { $0 == "-t" && $1 == "0" }
            if pollsOnly { continue }
            // ShellCheck leaves alone a `read` whose variables are never used (SC2034 says so).
            let names = Self.variables(simple)
            if !names.isEmpty, !names.contains(where: { Self.references($0, in: command) }) { continue }
            let end = command.fileRange(trimmedOf: name).upperBound
            findings.append(Finding(
                "read without -r will mangle backslashes",
                at: command.fileRange(trimmedOf: name),
                fix: Fix(title: "Add `-r`", applicability: .unsafe, edits: [TextEdit(range: end..<end, replacement: " -r")])
            ))
        }
        return findings
    }

    /// The variables `read` assigns: its operands, and the array of `-a`.
    static func variables(_ read: SimpleCommand) -> [String] {
        var names: [String] = []
        var arguments = read.arguments[...]
        var optionsEnded = false
        while let word = arguments.popFirst() {
            guard let value = word.literalValue else { continue }
            if !optionsEnded, value == "--" { optionsEnded = true; continue }
            if !optionsEnded, value.hasPrefix("-"), value.count > 1 {
                // The last option of a cluster may take the next word: `-p prompt`, `-a array`.
                if let last = value.last, "adinNptu".contains(last), value.firstIndex(of: last) == value.index(before: value.endIndex) {
                    let operand = arguments.popFirst()?.literalValue
                    if last == "a", let operand { names.append(operand) }
                }
                continue
            }
            optionsEnded = true
            names.append(value)
        }
        return names
    }

    /// `$name` or `${name…}` somewhere in the RUN command the command is in.
    static func references(_ name: String, in command: ShellCommand) -> Bool {
        let text = command.source.text
        let needle = Array(name.utf8)
        var index = 0
        while index < text.count {
            defer { index += 1 }
            guard text[index] == UInt8(ascii: "$") else { continue }
            var start = index + 1
            if start < text.count, text[start] == UInt8(ascii: "{") { start += 1 }
            guard start + needle.count <= text.count, Array(text[start..<(start + needle.count)]) == needle else { continue }
            let after = start + needle.count
            if after == text.count { return true }
            let next = text[after]
            let isIdentifier = (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == 0x5F
            if !isIdentifier { return true }
        }
        return false
    }
}
