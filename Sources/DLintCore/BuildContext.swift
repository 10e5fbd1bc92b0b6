/// The build context a Dockerfile is built with, as a value: the relative paths it holds (read by
/// the CLI, bounded) and its ignore file. Rules ask it whether a `COPY` source exists, what a
/// wildcard matches, and what `COPY .` would send.
public struct BuildContext: Sendable, Hashable {
    public enum EntryKind: Sendable, Hashable {
        case file
        case directory
    }

    public struct Entry: Sendable, Hashable {
        /// Relative to the context root, `/`-separated, no leading `./`.
        public let path: String
        public let kind: EntryKind

        public init(path: String, kind: EntryKind) {
            self.path = path
            self.kind = kind
        }

        public var name: Substring {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
            return path[path.utf8.index(after: slash)...]
        }
    }

    /// What the listing holds, in the order read.
    public let entries: [Entry]
    /// Directories whose contents were not read (`.git`, or what was left when the listing hit
    /// its cap; `""` when the root itself was cut short): nothing can be said about what is
    /// missing below them.
    public let unlistedDirectories: Set<String>
    /// True when the listing stopped at its cap.
    public let isTruncated: Bool
    /// The ignore file BuildKit would use, and its name (`.dockerignore` or `NAME.dockerignore`).
    public let ignore: DockerIgnore?
    public let ignoreFileName: String?
    /// A name for the context in messages: its directory as the user wrote it.
    public let displayName: String
    /// True when the user (`--context`) or a Compose/Bake file named the context. Otherwise it is
    /// taken to be the Dockerfile's directory, which may be wrong (`docker build -f sub/Dockerfile .`).
    public let isExplicit: Bool

    /// Lookups by path, built from `entries`; shared by every context made from one listing.
    private let index: EntryIndex
    private var kinds: [String: EntryKind] { index.kinds }
    private var children: [String: [Entry]] { index.children }

    /// The entries by path and by parent directory: a context can hold tens of thousands of
    /// entries, and several Dockerfiles of a folder share its listing, so this is built once.
    private final class EntryIndex: Sendable {
        let kinds: [String: EntryKind]
        let children: [String: [Entry]]

        init(_ entries: [Entry]) {
            var kinds: [String: EntryKind] = [:]
            var children: [String: [Entry]] = [:]
            kinds.reserveCapacity(entries.count)
            for entry in entries {
                kinds[entry.path] = entry.kind
                children[BuildContext.parent(of: entry.path), default: []].append(entry)
            }
            self.kinds = kinds
            self.children = children
        }
    }

    public static func == (lhs: BuildContext, rhs: BuildContext) -> Bool {
        lhs.entries == rhs.entries && lhs.unlistedDirectories == rhs.unlistedDirectories && lhs.isTruncated == rhs.isTruncated
            && lhs.ignore == rhs.ignore && lhs.ignoreFileName == rhs.ignoreFileName && lhs.displayName == rhs.displayName
            && lhs.isExplicit == rhs.isExplicit
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
        hasher.combine(unlistedDirectories)
        hasher.combine(isTruncated)
        hasher.combine(ignore)
        hasher.combine(ignoreFileName)
        hasher.combine(displayName)
        hasher.combine(isExplicit)
    }

    public init(entries: [Entry], unlistedDirectories: Set<String> = [], isTruncated: Bool = false,
                ignore: DockerIgnore? = nil, ignoreFileName: String? = nil, displayName: String = ".", isExplicit: Bool = true) {
        self.entries = entries
        self.unlistedDirectories = unlistedDirectories
        self.isTruncated = isTruncated
        self.ignore = ignore
        self.ignoreFileName = ignore == nil ? nil : (ignoreFileName ?? ".dockerignore")
        self.displayName = displayName
        self.isExplicit = isExplicit
        self.index = EntryIndex(entries)
    }

    /// The same listing with another ignore file, name or origin; shares this context's index.
    public func with(ignore: DockerIgnore?, ignoreFileName: String?, displayName: String, isExplicit: Bool) -> BuildContext {
        BuildContext(
            entries: entries, unlistedDirectories: unlistedDirectories, isTruncated: isTruncated, index: index,
            ignore: ignore, ignoreFileName: ignoreFileName, displayName: displayName, isExplicit: isExplicit
        )
    }

    private init(entries: [Entry], unlistedDirectories: Set<String>, isTruncated: Bool, index: EntryIndex,
                 ignore: DockerIgnore?, ignoreFileName: String?, displayName: String, isExplicit: Bool) {
        self.entries = entries
        self.unlistedDirectories = unlistedDirectories
        self.isTruncated = isTruncated
        self.index = index
        self.ignore = ignore
        self.ignoreFileName = ignore == nil ? nil : (ignoreFileName ?? ".dockerignore")
        self.displayName = displayName
        self.isExplicit = isExplicit
    }

    /// A context from a plain listing: paths ending in `/` are directories (parents are added).
    /// Tests and rule pages write contexts this way.
    public init(listing: [String], ignore: DockerIgnore? = nil, ignoreFileName: String? = nil, isExplicit: Bool = true) {
        var seen: Set<String> = []
        var entries: [Entry] = []
        for line in listing {
            let isDirectory = line.hasByteSuffix("/")
            let path = PathText.cleanedRelative(line)
            guard path != ".", !path.hasPrefix("..") else { continue }
            let parts = path.split(separator: "/")
            for depth in 1..<max(parts.count, 1) {
                let parent = parts.prefix(depth).joined(separator: "/")
                if seen.insert(parent).inserted { entries.append(Entry(path: parent, kind: .directory)) }
            }
            if seen.insert(path).inserted { entries.append(Entry(path: path, kind: isDirectory ? .directory : .file)) }
        }
        self.init(entries: entries, ignore: ignore, ignoreFileName: ignoreFileName, isExplicit: isExplicit)
    }

    /// The directory holding `path` (`""` for the root), found on the UTF-8 bytes: contexts hold
    /// tens of thousands of entries, and `lastIndex(of:)` on the characters walks graphemes.
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    public func kind(of path: String) -> EntryKind? {
        let cleaned = Self.contextPath(path)
        return cleaned == "." ? .directory : kinds[cleaned]
    }

    /// The entries directly inside a directory (`""` or `.` for the root).
    public func contents(of directory: String) -> [Entry] {
        let cleaned = Self.contextPath(directory)
        return children[cleaned == "." ? "" : cleaned] ?? []
    }

    /// True when the listing can tell that `path` is absent: no directory above it was left unread.
    public func knowsAbsence(of path: String) -> Bool {
        if unlistedDirectories.isEmpty { return true }
        if unlistedDirectories.contains("") { return false }
        var parent = Self.contextPath(path)
        while let slash = parent.lastIndex(of: "/") {
            parent = String(parent[..<slash])
            if unlistedDirectories.contains(parent) { return false }
        }
        return true
    }

    /// True when a COPY source has wildcard characters BuildKit expands.
    public static func hasWildcard(_ source: String) -> Bool {
        source.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// What a COPY/ADD source names, as BuildKit expands it: a plain path is itself (when it exists),
    /// a wildcard is matched segment by segment (`*` never crosses `/`). Nil when the listing cannot
    /// tell (a directory on the way was not read).
    public func matches(ofSource source: String) -> [Entry]? {
        let cleaned = Self.contextPath(source)
        if cleaned == "." { return [Entry(path: ".", kind: .directory)] }
        if !Self.hasWildcard(cleaned) {
            if let kind = kinds[cleaned] { return [Entry(path: cleaned, kind: kind)] }
            return knowsAbsence(of: cleaned) ? [] : nil
        }
        var current: [String] = [""]
        for segment in cleaned.split(separator: "/").map(String.init) {
            var next: [String] = []
            let glob = Self.hasWildcard(segment) ? Glob(segment) : nil
            for directory in current {
                if unlistedDirectories.contains(directory) { return nil }
                if let glob {
                    next += contents(of: directory).filter { glob.matches(String($0.name)) }.map(\.path)
                } else {
                    let path = directory.isEmpty ? segment : directory + "/" + segment
                    if kinds[path] != nil { next.append(path) }
                }
            }
            current = next
            if current.isEmpty { break }
        }
        return current.map { Entry(path: $0, kind: kinds[$0] ?? .file) }
    }

    /// The source as a path from the context root: sources are always relative to it.
    /// `..` cannot climb out of the context: BuildKit resolves it against the context root.
    public static func contextPath(_ path: String) -> String {
        let cleaned = PathText.cleanedRelative("/" + path).dropFirst()
        return cleaned.isEmpty ? "." : String(cleaned)
    }

    /// True when the ignore file keeps `path` out of the context.
    public func isIgnored(_ path: String) -> Bool {
        guard let ignore else { return false }
        return ignore.excludingPattern(for: path) != nil
    }
}

extension LintResult {
    /// The result without the diagnostics `resolved` names (a fix that created a file resolved them).
    public func removing(_ resolved: (Diagnostic) -> Bool) -> LintResult {
        LintResult(tree: tree, model: model, diagnostics: diagnostics.filter { !resolved($0) })
    }
}
