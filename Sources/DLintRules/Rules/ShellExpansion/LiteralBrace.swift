import DLintCore

/// SC1083: a `{` or `}` in a word that is neither a brace expansion (`{a,b}`, `{1..3}`) nor the
/// `{}` of `find -exec` and `xargs -I{}`: the shell passes it literally, which usually means a
/// missing `;` before a closing `}` or a brace that should have been quoted.
struct LiteralBrace: Rule {
    let descriptor = RuleDescriptor(
        code: "SC1083", name: "literal-brace", severity: .warning,
        summary: "This { or } is literal: check the expression (missing ; or line break?) or quote it"
    )

    static let findingsPerWord = 4

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "{"), UInt8(ascii: "}")) {
            for event in context.model.shellEvents(of: run) {
                guard case .word(let use) = event, use.isReadAsShellCheckReadsIt(keptBeforeParseError: true) else { continue }
                // Most words have no brace: look no further.
                guard use.word.parts.contains(where: { if case .literal(let text, _) = $0 { text.containsByte { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") } } else { false } }) else { continue }
                // At most a few per word: a word of thousands of braces is one mistake, not thousands.
                for offset in BraceScanner(use.word, in: use.source.text).literalBraces().prefix(Self.findingsPerWord) {
                    let brace = use.source.text[offset] == UInt8(ascii: "{") ? "{" : "}"
                    findings.append(Finding(
                        "This \(brace) is literal: check the expression (missing ; or line break?) or quote it",
                        at: use.source.fileRange(of: offset..<(offset + 1))
                    ))
                }
            }
        }
        return findings
    }
}

/// ShellCheck's reading of braces in a word (`readBraced`, `readLiteralCurlyBraces`): the word as
/// a sequence of unquoted characters and opaque pieces (quotes, escapes, expansions), in which a
/// `{` starts a brace expansion when its comma-separated elements (at least two, or one holding
/// `..`) end in a `}`; a `{}` is literal and fine; any other `{` or `}` is reported.
struct BraceScanner {
    enum Piece {
        /// An unquoted character and its offset.
        case character(UInt8, Int)
        /// A quoted string, an escape or an expansion; its literal text for the `..` test.
        case opaque(String)
    }

    let pieces: [Piece]

    /// `script` is the text the word was parsed from: a literal's bytes are read there, not from its
    /// decoded string, in which each invalid UTF-8 sequence became a 3-byte U+FFFD.
    init(_ word: Word, in script: [UInt8]) {
        var pieces: [Piece] = []
        for part in word.parts {
            switch part {
            case .literal(_, let range):
                for offset in range { pieces.append(.character(script[offset], offset)) }
            case .escaped(let text, _):
                pieces.append(.opaque("\\" + text))
            case .singleQuoted, .doubleQuoted, .ansiCQuoted, .parameter, .commandSubstitution, .arithmetic:
                pieces.append(.opaque(""))
            }
        }
        self.pieces = pieces
    }

    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), comma = UInt8(ascii: ","), dot = UInt8(ascii: ".")

    /// For each `{` that starts a brace expansion, the index after its `}`. One pass with a stack,
    /// so that `{{{{…` thousands deep is linear and uses no recursion: a level is an expansion when
    /// it has a comma or `..` of its own and every level inside it is one too (ShellCheck's
    /// element reader cannot take a `{` that starts none, so the outer one fails with it).
    private func expansionEnds() -> [Int: Int] {
        struct Level { let start: Int; var commas = 0; var dots = false; var previousDot = false; var nestedOK = true }
        var levels: [Level] = []
        var ends: [Int: Int] = [:]
        for (index, piece) in pieces.enumerated() {
            guard !levels.isEmpty || { if case .character(Self.open, _) = piece { true } else { false } }() else { continue }
            switch piece {
            case .character(Self.open, _):
                levels.append(Level(start: index))
            case .character(Self.close, _):
                let level = levels.removeLast()
                let ok = level.nestedOK && (level.commas > 0 || level.dots)
                if ok { ends[level.start] = index + 1 }
                if !ok, !levels.isEmpty { levels[levels.count - 1].nestedOK = false }
                if !levels.isEmpty { levels[levels.count - 1].previousDot = false }
            case .character(let byte, _):
                let top = levels.count - 1
                if byte == Self.comma { levels[top].commas += 1 }
                if byte == Self.dot, levels[top].previousDot { levels[top].dots = true }
                levels[top].previousDot = byte == Self.dot
            case .opaque(let text):
                let top = levels.count - 1
                if text.contains("..") || (levels[top].previousDot && text.hasPrefix(".")) { levels[top].dots = true }
                levels[top].previousDot = text.hasSuffix(".")
            }
        }
        return ends
    }

    /// The offsets of the literal braces ShellCheck reports.
    func literalBraces() -> [Int] {
        let ends = expansionEnds()
        var result: [Int] = []
        var index = 0
        while index < pieces.count {
            guard case .character(let byte, let offset) = pieces[index], byte == Self.open || byte == Self.close else {
                index += 1
                continue
            }
            if byte == Self.open {
                if let end = ends[index] {
                    index = end
                    continue
                }
                if index + 1 < pieces.count, case .character(Self.close, _) = pieces[index + 1] {
                    index += 2
                    continue
                }
            }
            result.append(offset)
            index += 1
        }
        return result
    }
}

extension ShellWordUse {
    /// False for words ShellCheck's parser would not read as dlint's does: a bash array value,
    /// which dlint keeps verbatim (`(a "b c")` as one literal), and the words of a script that
    /// does not parse. There ShellCheck stops at the error: its parse-time warnings about the
    /// text before it stay (`keptBeforeParseError`: SC1003, SC1083), its parse notes (SC1001)
    /// and its analyses (SC2026) are dropped.
    func isReadAsShellCheckReadsIt(keptBeforeParseError: Bool) -> Bool {
        if let firstError = firstParseError {
            guard keptBeforeParseError, word.range.upperBound <= firstError else { return false }
        }
        if role == .assignmentValue || role == .declarationOperand, case .literal(let text, _)? = word.parts.first,
           text.hasPrefix("(") || text.contains("=(") {
            return false
        }
        return true
    }
}
