import DLintCore

/// DL3025: a shell-form CMD or ENTRYPOINT runs under `/bin/sh -c`, which becomes PID 1 and does
/// not pass signals on: `docker stop` waits, then kills.
struct ExecFormCommand: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3025", name: "exec-form-command", severity: .warning,
        summary: "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
        aliases: ["JSONArgsRecommended"],
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let shells = ShellInstructions(model)
        var findings: [Finding] = []
        for index in model.instructions.indices {
            let instruction = model.instructions[index]
            guard instruction.kind == .cmd || instruction.kind == .entrypoint,
                  case .shell(let text) = instruction.arguments else { continue }
            // A JSON array of other things than strings (`CMD [1, 2]`) is a syntax error already.
            if text.text.hasPrefix("["), context.tree.diagnostics.contains(where: { text.range.overlaps($0.range) }) { continue }
            // As BuildKit: a SHELL instruction says the shell is wanted.
            guard !shells.isExplicit(before: index) else { continue }
            let state = model.states[index]
            let isWindows = model.stage(ofInstruction: index)?.isWindows ?? false
            let keyword = instruction.kind.rawValue.uppercased()
            let shell = state.shell.joined(separator: " ")
            // `CMD ['a', 'b']` or a missing bracket: meant as JSON, read as shell form.
            let message = text.text.hasPrefix("[")
                ? "'\(text.text)' is not a valid JSON array (strings need double quotes), so \(keyword) runs it in shell form under '\(shell)'"
                : "Use the JSON form for \(keyword): in shell form '\(text.text)' runs under '\(shell)', which does not pass signals on to it"
            findings.append(Finding(
                message,
                at: text.range,
                fix: isWindows ? nil : Self.fix(text, line: instruction.logicalLine)
            ))
        }
        return findings
    }

    /// Where `SHELL` instructions are: BuildKit's JSONArgsRecommended says nothing after one in
    /// the stage, or anywhere in a stage it is built on.
    struct ShellInstructions {
        let model: DockerfileModel
        /// Per stage: the index of its first SHELL, and whether a stage it is built on has one.
        let firstShell: [Int?]
        let inherited: [Bool]

        init(_ model: DockerfileModel) {
            self.model = model
            var firstShell: [Int?] = []
            var inherited: [Bool] = []
            for stage in model.stages {
                firstShell.append(stage.instructionIndices.first { model.instructions[$0].kind == .shell })
                // A parent stage comes earlier in the file, so its facts are known already.
                inherited.append(stage.parentStage.map { firstShell[$0] != nil || inherited[$0] } ?? false)
            }
            self.firstShell = firstShell
            self.inherited = inherited
        }

        func isExplicit(before index: Int) -> Bool {
            guard let stage = model.states[index].stageIndex else { return false }
            return inherited[stage] || (firstShell[stage].map { $0 < index } ?? false)
        }
    }

    /// Characters with no meaning to the shell, in a word that needs no quoting in JSON.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return true }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "-_./:=@%+,^".unicodeScalars.contains(scalar)
    }

    /// Words that are shell syntax or built-ins, not programs `exec` can find.
    static let shellWords: Set<String> = [
        ".", ":", "!", "{", "}", "[[", "alias", "bg", "break", "case", "cd", "command", "continue", "declare", "do",
        "done", "elif", "else", "esac", "eval", "exec", "exit", "export", "fg", "fi", "for", "function", "getopts", "hash",
        "if", "in", "jobs", "local", "read", "readonly", "return", "select", "set", "shift", "source", "then",
        "times", "trap", "type", "typeset", "ulimit", "umask", "unset", "until", "wait", "while",
    ]

    /// The JSON form with the same words, when the shell would only have split them on blanks:
    /// no quotes, variables, operators, redirections, globs, escapes or comments, no leading
    /// assignment or built-in. A leading `exec` is dropped: the JSON form does what it did.
    ///
    /// Unsafe: the program becomes PID 1 and receives signals (the point), no longer gets the
    /// shell's environment handling, and an ENTRYPOINT in JSON form receives CMD as arguments.
    static func fix(_ text: TextSpan, line: LogicalLine) -> Fix? {
        let bytes = line.bytes
        var words: [Range<Int>] = []
        var position = text.logicalRange.lowerBound
        while position < text.logicalRange.upperBound {
            while position < text.logicalRange.upperBound, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            let start = position
            while position < text.logicalRange.upperBound, bytes[position] != 0x20, bytes[position] != 0x09 { position += 1 }
            if position > start { words.append(start..<position) }
        }
        var values = words.map { String(decoding: bytes[$0], as: UTF8.self) }
        guard !values.isEmpty, values.allSatisfy({ $0.unicodeScalars.allSatisfy(isPlain) }) else { return nil }
        var dropped = 0
        if values[0] == "exec", values.count > 1, !values[1].hasPrefix("-") {
            dropped = 1
            values.removeFirst()
        }
        guard !values[0].contains("="), !shellWords.contains(values[0]) else { return nil }
        // Each word must be contiguous in the file, so that it can be rewritten in place.
        let pieces = words.map { line.filePieces(of: $0) }
        guard pieces.allSatisfy({ $0.count == 1 }) else { return nil }
        let fileRanges = pieces.map { $0[0] }
        var edits: [TextEdit] = []
        for (offset, value) in values.enumerated() {
            let wordIndex = offset + dropped
            var replacement = "\"\(value)\""
            if offset == 0 { replacement = "[" + replacement }
            replacement += offset == values.count - 1 ? "]" : ","
            var range = fileRanges[wordIndex]
            if offset == 0, dropped == 1 {
                // `exec` and the blanks after it go; only blanks may stand between.
                let gap = line.filePieces(of: words[0].upperBound..<words[1].lowerBound)
                guard gap == [fileRanges[0].upperBound..<fileRanges[1].lowerBound] else { return nil }
                range = fileRanges[0].lowerBound..<range.upperBound
            }
            edits.append(TextEdit(range: range, replacement: replacement))
        }
        let shown = "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        return Fix(title: "Use the JSON form \(shown)", applicability: .unsafe, edits: edits)
    }
}
