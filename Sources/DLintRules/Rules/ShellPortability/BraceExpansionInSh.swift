import DLintCore

/// SC3009: `{a,b}` and `{1..3}` are bash's brace expansion; dash, BusyBox ash and POSIX sh
/// leave the braces as they are (`cp a{,.bak}` copies `a` to a file named `a{,.bak}`).
struct BraceExpansionInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3009", name: "brace-expansion-in-sh", severity: .warning,
        summary: "In POSIX sh, brace expansion is undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for sh in context.model.portabilityCommands(inRunsMentioning: UInt8(ascii: "{")) {
            // Command words only: assignments (`X={a,b}`) are not brace-expanded in bash either.
            for word in sh.words.dropFirst() {
                for span in Self.braceExpansions(in: word, script: sh.command.source.text) {
                    let range = sh.command.source.fileRange(of: span)
                    findings.append(Finding(sh.flavor.message("brace expansion"), at: range))
                }
            }
        }
        // The word lists of `for` loops (`for i in {1..3}`), in the RUN's own scripts.
        for (run, bytes) in zip(context.model.runs, context.model.runScriptBytes) where bytes.contains(UInt8(ascii: "{")) {
            for script in run.scripts {
                guard let flavor = script.dialect.shFlavor, flavor != .bash, Self.mayHoldForLoop(script.text) else { continue }
                script.script.forEachCommand { command in
                    guard case .forClause(let loop) = command else { return }
                    for word in loop.words ?? [] {
                        for span in Self.braceExpansions(in: word, script: script.text) {
                            findings.append(Finding(flavor.message("brace expansion"), at: script.fileRange(of: span)))
                        }
                    }
                }
            }
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// False when the script's text has no `for`: the parser reads a loop only from those bytes,
    /// so most scripts are not walked command by command for one.
    static func mayHoldForLoop(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            guard bytes.count >= 3 else { return false }
            for index in 0...(bytes.count - 3)
            where bytes[index] == UInt8(ascii: "f") && bytes[index + 1] == UInt8(ascii: "o") && bytes[index + 2] == UInt8(ascii: "r") {
                return true
            }
            return false
        }
    }

    /// The unquoted `{…}` spans of a word that bash expands: with a comma (`{a,b}`, `{,.bak}`)
    /// or a sequence (`{1..3}`, `{a..z}`) at their own level.
    static func braceExpansions(in word: Word, script: [UInt8]) -> [Range<Int>] {
        // Most words have no unquoted `{`: skip building their skeleton.
        let hasBrace = word.parts.contains { part in
            if case .literal(let text, _) = part { return text.containsByte { $0 == UInt8(ascii: "{") } }
            return false
        }
        guard hasBrace else { return [] }
        let skeleton = word.unquotedSkeleton(in: script)
        var spans: [Range<Int>] = []
        var index = 0
        while index < skeleton.count {
            guard skeleton[index].character == UInt8(ascii: "{") else { index += 1; continue }
            var depth = 0
            var expands = false
            var end: Int?
            var cursor = index
            while cursor < skeleton.count {
                let character = skeleton[cursor].character
                if character == UInt8(ascii: "{") {
                    depth += 1
                } else if character == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { end = cursor; break }
                } else if depth == 1, character == UInt8(ascii: ",") {
                    expands = true
                } else if depth == 1, character == UInt8(ascii: "."), cursor + 1 < skeleton.count,
                          skeleton[cursor + 1].character == UInt8(ascii: "."), cursor > index + 1,
                          cursor + 2 < skeleton.count, skeleton[cursor + 2].character != UInt8(ascii: "}") {
                    expands = true
                }
                cursor += 1
            }
            guard let close = end else { break }
            if expands {
                spans.append(skeleton[index].offset..<(skeleton[close].offset + 1))
                index = close + 1
            } else {
                index += 1
            }
        }
        return spans
    }
}
