import DLintCore

/// DX1203: arguments written as a JSON array that is not valid JSON (`['node', 'app.js']`, a
/// trailing comma, bare words): BuildKit silently takes them as shell form, and the shell then
/// runs a command named `['node',`. CMD and ENTRYPOINT are DL3025's, except after a SHELL
/// instruction, where DL3025 is silent.
struct MalformedExecForm: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1203", name: "malformed-exec-form", severity: .error,
        summary: "Exec-form arguments must be a valid JSON array of double-quoted strings",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let shells = ExecFormCommand.ShellInstructions(model)
        var findings: [Finding] = []
        for checked in model.checkedInstructions {
            let instruction = checked.instruction
            let text: TextSpan
            switch (instruction.kind, instruction.arguments) {
            case (.run, .shell(let span)): text = span
            case (.healthcheck, .healthcheck(_, .shell(let span))): text = span
            case (.cmd, .shell(let span)), (.entrypoint, .shell(let span)):
                // DL3025 reports these unless a SHELL instruction came first.
                guard checked.isOnbuildTrigger || shells.isExplicit(before: checked.index) else { continue }
                text = span
            default: continue
            }
            guard let elements = Self.intendedArray(text.text),
                  !context.tree.diagnostics.contains(where: { text.range.overlaps($0.range) }) else { continue }
            let keyword = instruction.kind == .healthcheck ? "HEALTHCHECK CMD" : instruction.kind.rawValue.uppercased()
            findings.append(Finding(
                "'\(text.text)' is not a valid JSON array (\(Self.problem(text.text))), so \(keyword) runs it as a shell command line",
                at: text.range,
                fix: Self.fix(text, elements: elements)
            ))
        }
        return findings
    }

    /// What makes the text invalid, for the message.
    static func problem(_ text: String) -> String {
        if text.contains("'") { return "strings need double quotes" }
        let inner = blankTrimmed(String(text.dropFirst().dropLast()))
        if inner.hasSuffix(",") { return "a trailing comma" }
        if inner.hasPrefix(",") || inner.contains(",,") { return "an empty element" }
        return "every element must be a double-quoted string"
    }

    /// The elements of `[...]` that was meant as exec form: comma-separated, each a quoted string
    /// or a bare word without blanks, a trailing comma allowed. Nil for what is shell syntax, such
    /// as the test command `[ -f /etc/x ]` or `[ "$a" = b ]`.
    static func intendedArray(_ text: String) -> [String]? {
        // Most arguments are shell text: only one that starts with `[` is looked at further.
        guard text.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "[") else { return nil }
        let trimmed = blankTrimmed(text)
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]"), trimmed.count >= 2 else { return nil }
        let inner = Array(trimmed.dropFirst().dropLast())
        var elements: [(value: String, quoted: Bool)] = []
        var index = 0
        func skipBlanks() { while index < inner.count, inner[index] == " " || inner[index] == "\t" { index += 1 } }
        while true {
            skipBlanks()
            if index == inner.count { break }
            if inner[index] == "'" || inner[index] == "\"" {
                let quote = inner[index]
                var value = ""
                index += 1
                while index < inner.count, inner[index] != quote {
                    if quote == "\"", inner[index] == "\\", index + 1 < inner.count { value.append(inner[index]); index += 1 }
                    value.append(inner[index])
                    index += 1
                }
                guard index < inner.count else { return nil }
                index += 1
                elements.append((value, true))
            } else {
                var value = ""
                while index < inner.count, inner[index] != ",", inner[index] != " ", inner[index] != "\t" { value.append(inner[index]); index += 1 }
                guard !value.isEmpty, !value.contains("'"), !value.contains("\"") else { return nil }
                elements.append((value, false))
            }
            skipBlanks()
            if index == inner.count { break }
            guard inner[index] == "," else { return nil }
            index += 1
        }
        guard !elements.isEmpty, elements.count >= 2 || elements.contains(where: \.quoted) else { return nil }
        // `[ -f x ]` has no comma and no quotes; a lone bare word (`[app]`) is left alone too.
        guard trimmed.contains(",") || elements.allSatisfy(\.quoted) else { return nil }
        return elements.map(\.value)
    }

    static func blankTrimmed(_ text: String) -> String {
        let utf8 = text.utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first...last])
    }

    /// JSON for the elements, when each is plain text that means the same in JSON.
    static func fix(_ text: TextSpan, elements: [String]) -> Fix? {
        guard text.range.count == text.text.utf8.count,
              elements.allSatisfy({ element in !element.isEmpty && element.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } })
        else { return nil }
        let json = "[" + elements.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let leading = text.text.prefix { $0 == " " || $0 == "\t" }
        let trailing = String(text.text.reversed().prefix { $0 == " " || $0 == "\t" })
        return Fix(title: "Write the arguments as a JSON array", applicability: .safe,
                   edits: [TextEdit(range: text.range, replacement: leading + json + trailing)])
    }
}
