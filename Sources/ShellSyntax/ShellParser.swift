/// Entry points for parsing POSIX shell text (with common bash extensions).
public enum ShellParser {
    /// Deeper nesting of compound commands, quotes or substitutions is
    /// reported and the rest of the input skipped, so that hostile input
    /// cannot exhaust the stack.
    public static let maximumNestingDepth = 200

    /// Parses `source`, the logical shell text (line continuations of the
    /// surrounding file already removed). Never fails: problems are reported
    /// in `diagnostics`. All ranges are byte offsets into `source`.
    public static func parse(_ source: [UInt8]) -> ShellScript {
        var parser = Parser(bytes: source, offsets: nil, depth: 0)
        return parser.parseScript()
    }

    public static func parse(_ source: String) -> ShellScript {
        parse(Array(source.utf8))
    }

    /// Parses the script held by `word`, such as the operand of `sh -c '…'`,
    /// with ranges pointing into `source`, the input `word` was parsed from.
    ///
    /// Works for any word built only from literal text, escapes and quotes
    /// (each byte of the script comes from a known byte of `source`).
    /// Returns nil when the word contains an expansion or `$'…'`, because its
    /// run-time value cannot be mapped back onto the source.
    public static func parseCommandString(_ word: Word, in source: [UInt8]) -> ShellScript? {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        guard collectMappedBytes(word.parts, source: source, into: &bytes, offsets: &offsets) else {
            return nil
        }
        offsets.append(offsets.last.map { $0 + 1 } ?? min(word.range.upperBound, source.count))
        var parser = Parser(bytes: bytes, offsets: offsets, depth: 0)
        return parser.parseScript()
    }

    private static func collectMappedBytes(
        _ parts: [WordPart], source: [UInt8], into bytes: inout [UInt8], offsets: inout [Int]
    ) -> Bool {
        func append(_ range: Range<Int>) {
            let clamped = range.clamped(to: 0..<source.count)
            bytes.append(contentsOf: source[clamped])
            offsets.append(contentsOf: clamped)
        }
        for part in parts {
            switch part {
            case .literal(_, let range):
                append(range)
            case .escaped(_, let range):
                append(range.lowerBound + 1..<range.upperBound)
            case .singleQuoted(_, let range):
                // An unterminated quote runs to the end of the word.
                let closed = range.count >= 2 && range.upperBound <= source.count
                    && source[range.upperBound - 1] == UInt8(ascii: "'")
                append(range.lowerBound + 1..<(closed ? range.upperBound - 1 : range.upperBound))
            case .doubleQuoted(let inner, _):
                if !collectMappedBytes(inner, source: source, into: &bytes, offsets: &offsets) { return false }
            case .ansiCQuoted, .parameter, .commandSubstitution, .arithmetic:
                return false
            }
        }
        return true
    }
}
