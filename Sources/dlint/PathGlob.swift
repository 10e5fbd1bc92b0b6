/// An exclude pattern, as ruff and `.gitignore` write them.
///
/// A pattern without a slash (`vendor`, `*.tmpl`, `Dockerfile.dev`) matches the name of any
/// file or directory at any depth. A pattern with a slash (`docker/legacy/**`) matches a whole
/// path, relative to the directory the pattern was given in: the current directory for the
/// command line, the configuration file's directory for `exclude:`. A trailing slash
/// (`build/`) matches directories only. `*` and `?` never cross a slash, `**` crosses any number
/// of directories, `[abc]`/`[a-z]`/`[!a]` match one character.
struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    let pattern: String
    private let segments: [String]
    private let anchoredBase: String?
    let directoriesOnly: Bool

    /// `base` is the absolute directory a pattern with a slash is relative to.
    init(_ pattern: String, base: String) {
        self.pattern = pattern
        var text = pattern
        directoriesOnly = text.hasByteSuffix("/") && text.count > 1
        while text.hasByteSuffix("/") && text.count > 1 { text.removeLast() }
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.contains("/") {
            let absolute = text.hasBytePrefix("/") ? text : (base.hasByteSuffix("/") ? base : base + "/") + text
            anchoredBase = absolute
            segments = absolute.split(separator: "/").map(String.init)
        } else {
            anchoredBase = nil
            segments = [text]
        }
    }

    var description: String { pattern }

    /// Whether the file or directory at `absolutePath` (standardized, no trailing slash) matches.
    func matches(absolutePath: String, isDirectory: Bool) -> Bool {
        if directoriesOnly && !isDirectory { return false }
        if anchoredBase == nil {
            // A name pattern looks at the last component only: no need to split the whole path
            // for every pattern and every entry of the walk.
            let name = absolutePath.utf8.split(separator: UInt8(ascii: "/")).last ?? []
            return Self.matchName(Array(segments[0].utf8)[...], name)
        }
        return Self.matchSegments(segments[...], absolutePath.split(separator: "/").map(String.init)[...])
    }

    /// Whether `absolutePath` lies inside a directory that the pattern matches: a file in
    /// `vendor/x/Dockerfile` is excluded by `vendor`.
    func matchesAncestor(of absolutePath: String) -> Bool {
        var components = absolutePath.split(separator: "/").map(String.init)
        components.removeLast()
        while !components.isEmpty {
            if matches(absolutePath: "/" + components.joined(separator: "/"), isDirectory: true) { return true }
            components.removeLast()
        }
        return false
    }

    private static func matchSegments(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var remaining = path
            while true {
                if matchSegments(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let name = path.first, matchName(Array(first.utf8)[...], Array(name.utf8)[...]) else { return false }
        return matchSegments(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one path component with `*`, `?` and brackets; iterative over `*` so that it stays
    /// linear in practice (backtracking only to the last star).
    static func matchName(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, n = name.startIndex
        var starP: Int?, starN = 0
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p; starN = n; p += 1; continue
                }
                if c == UInt8(ascii: "?") { p += 1; n += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = bracket(pattern, from: p, byte: name[n]) {
                    if matched { p = next; n += 1; continue }
                } else if c == UInt8(ascii: "\\"), p + 1 < pattern.endIndex {
                    if pattern[p + 1] == name[n] { p += 2; n += 1; continue }
                } else if c == name[n] {
                    p += 1; n += 1; continue
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starN += 1
            n = starN
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// A `[...]` class at `start`: whether `byte` is in it and the index after it; nil when the
    /// bracket is not closed (then `[` is an ordinary character).
    private static func bracket(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negated = false
        if index < pattern.endIndex, pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.endIndex {
            let c = pattern[index]
            if c == UInt8(ascii: "]") && !first { return (matched != negated, index + 1) }
            first = false
            if index + 2 < pattern.endIndex, pattern[index + 1] == UInt8(ascii: "-"), pattern[index + 2] != UInt8(ascii: "]") {
                if c <= byte && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if c == byte { matched = true }
                index += 1
            }
        }
        return nil
    }
}
