/// A `.dockerignore` file: the patterns that keep paths out of the build context, read and matched
/// as Docker does (moby's `ignorefile` reader and `patternmatcher`): one pattern a line, `#` lines
/// are comments, a leading `/` is dropped, `!` re-includes, `*` and `?` stay inside one path
/// segment, `**` spans any number of them, `[...]` is a character class, `\` escapes. A path is
/// excluded when the last pattern matching it, or one of its parent directories, is not a `!` one.
public struct DockerIgnore: Sendable, Hashable {
    public struct Pattern: Sendable, Hashable {
        /// The pattern as cleaned: slashes normalised, `!` and the leading `/` removed.
        public let text: String
        /// True for a `!pattern` line: paths it matches are put back.
        public let isExclusion: Bool
        /// 1-based line in the file.
        public let line: Int
        let glob: Glob
    }

    public let patterns: [Pattern]

    /// Reads the text of a `.dockerignore` file.
    public init(_ text: String) {
        var patterns: [Pattern] = []
        var lineNumber = 0
        // `\r\n` is one Character in Swift, so both line ends are named.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            // A comment only when `#` is the very first character, as in Docker's reader.
            if line.first == "#" { continue }
            var pattern = line.trimmingCharacters(in: " \t\r\u{0B}\u{0C}")
            guard !pattern.isEmpty else { continue }
            let isExclusion = pattern.first == "!"
            if isExclusion { pattern = String(pattern.dropFirst()).trimmingCharacters(in: " \t\r") }
            pattern = PathText.cleanedRelative(pattern)
            if pattern.count > 1, pattern.first == "/" { pattern.removeFirst() }
            guard !(isExclusion && pattern.isEmpty) else { continue }
            patterns.append(Pattern(text: pattern, isExclusion: isExclusion, line: lineNumber, glob: Glob(pattern)))
        }
        self.patterns = patterns
    }

    /// True when some line re-includes paths (`!pattern`).
    public var hasExclusions: Bool { patterns.contains(where: \.isExclusion) }

    /// The pattern that keeps `path` (relative to the context root) out of the context, or nil
    /// when the path is sent. A pattern matching a parent directory excludes everything in it.
    public func excludingPattern(for path: String) -> Pattern? {
        let file = PathText.cleanedRelative(path)
        let parents = file.split(separator: "/").dropLast().map(String.init)
        var excluding: Pattern?
        for pattern in patterns {
            // An inclusion only matters for a path not yet excluded, an exclusion for one that is.
            guard pattern.isExclusion == (excluding != nil) else { continue }
            var matched = pattern.glob.matches(file)
            if !matched, !parents.isEmpty {
                var prefix = ""
                for parent in parents {
                    prefix = prefix.isEmpty ? parent : prefix + "/" + parent
                    if pattern.glob.matches(prefix) { matched = true; break }
                }
            }
            if matched { excluding = pattern.isExclusion ? nil : pattern }
        }
        return excluding
    }

    /// True when the patterns exclude every entry of the context root (`*`, `**`, `**/*`).
    public var excludesContextRoot: Bool {
        patterns.contains { !$0.isExclusion && ["*", "**", "**/*"].contains($0.text) }
    }
}

/// A Docker ignore pattern, compiled once into pieces and matched by dynamic programming over the
/// pieces and the path's characters (no regular expression per file).
struct Glob: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case character(Character)
        /// `?`: one character other than `/`.
        case anyCharacter
        /// `*`: any run of characters without `/`.
        case anyRun
        /// `**/` or `**` inside a pattern: nothing, or anything ending in `/`.
        case anyDirectories
        /// `**` at the end: anything at all.
        case anything
        /// `[...]`: a character class; ranges as (low, high).
        case characterClass(negated: Bool, ranges: [ClosedRange<Character>])
    }

    let pieces: [Piece]
    /// The pattern was `**` alone.
    let matchesEverything: Bool

    init(_ pattern: String) {
        let characters = Array(pattern)
        var pieces: [Piece] = []
        var index = 0
        var everything = false
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "*":
                guard index < characters.count, characters[index] == "*" else { pieces.append(.anyRun); continue }
                index += 1
                if index < characters.count, characters[index] == "/" { index += 1 }
                if index == characters.count {
                    if pieces.isEmpty { everything = true } else { pieces.append(.anything) }
                } else {
                    pieces.append(.anyDirectories)
                }
            case "?":
                pieces.append(.anyCharacter)
            case "\\":
                if index < characters.count {
                    pieces.append(.character(characters[index]))
                    index += 1
                } else {
                    pieces.append(.character("\\"))
                }
            case "[":
                if let (piece, next) = Self.characterClass(characters, from: index) {
                    pieces.append(piece)
                    index = next
                } else {
                    pieces.append(.character("["))
                }
            default:
                pieces.append(.character(character))
            }
        }
        self.pieces = pieces
        self.matchesEverything = everything
    }

    /// Reads `[...]` after its `[`; nil when it never closes (then `[` is literal).
    private static func characterClass(_ characters: [Character], from start: Int) -> (Piece, Int)? {
        var index = start
        var negated = false
        if index < characters.count, characters[index] == "^" { negated = true; index += 1 }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while index < characters.count {
            var low = characters[index]
            if low == "]" && !first { return (.characterClass(negated: negated, ranges: ranges), index + 1) }
            first = false
            if low == "\\", index + 1 < characters.count { index += 1; low = characters[index] }
            index += 1
            if index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]" {
                var high = characters[index + 1]
                index += 2
                if high == "\\", index < characters.count { high = characters[index]; index += 1 }
                if low <= high { ranges.append(low...high) }
            } else {
                ranges.append(low...low)
            }
        }
        return nil
    }

    func matches(_ path: String) -> Bool {
        if matchesEverything { return true }
        let text = Array(path)
        let count = text.count
        // reachable[i]: the pieces so far can consume exactly the first i characters. Each piece
        // is one sweep over the path, so a match costs pieces × path length.
        var reachable = [Bool](repeating: false, count: count + 1)
        reachable[0] = true
        for piece in pieces {
            var next = [Bool](repeating: false, count: count + 1)
            switch piece {
            case .character(let expected):
                for start in 0..<count where reachable[start] && text[start] == expected { next[start + 1] = true }
            case .anyCharacter:
                for start in 0..<count where reachable[start] && text[start] != "/" { next[start + 1] = true }
            case .characterClass(let negated, let ranges):
                for start in 0..<count where reachable[start] && text[start] != "/"
                    && ranges.contains(where: { $0.contains(text[start]) }) != negated { next[start + 1] = true }
            case .anyRun:
                var open = false
                for end in 0...count {
                    if end > 0, text[end - 1] == "/" { open = false }
                    if reachable[end] { open = true }
                    next[end] = open
                }
            case .anyDirectories:
                var started = false
                for end in 0...count {
                    if reachable[end] { started = true; next[end] = true }
                    if started, end < count, text[end] == "/" { next[end + 1] = true }
                }
            case .anything:
                if let first = reachable.firstIndex(of: true) { for end in first...count { next[end] = true } }
            }
            reachable = next
        }
        return reachable[count]
    }
}

extension PathText {
    /// `filepath.Clean` for a relative or absolute slash path: `.`, `..` and repeated slashes
    /// resolved, no trailing slash; `.` for nothing. Leading `..` of a relative path stay:
    /// `readme/d2/../d2/Dockerfile` is `readme/d2/Dockerfile`.
    public static func cleanedRelative(_ path: String) -> String {
        let isAbsolute = path.hasBytePrefix("/")
        var parts: [Substring] = []
        // Split on the bytes: a combining mark after a `/` joins it into a larger character.
        for bytes in path.utf8.split(separator: UInt8(ascii: "/")) {
            let part = Substring(bytes)
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !isAbsolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
