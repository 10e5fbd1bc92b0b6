/// Builds that a Compose or Bake file declares, read statically: which Dockerfile, context,
/// target stage, build arguments and named contexts each uses, with the positions in the file
/// that say so. Values that depend on the environment (`${VAR}` in Compose, functions in Bake)
/// are unknown (nil) and never judged.

/// A Compose or Bake file's text.
public struct ProjectSource: Sendable {
    /// The path as shown to the user.
    public let path: String
    public let bytes: [UInt8]
    public let lineTable: LineTable

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lineTable = LineTable(bytes)
    }

    /// The byte offset of a 1-based line and column counted in Unicode scalars (YAML marks).
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineTable.lineCount else { return bytes.count }
        var offset = lineTable.lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }
}

/// What kind of project file a name is.
public enum ProjectFileKind: String, Sendable, Hashable {
    case compose
    case bake
    case bakeJSON

    /// The names `docker compose` and `docker buildx bake` look for.
    public static func kind(ofFileName name: String) -> ProjectFileKind? {
        switch name {
        case "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml": .compose
        case "docker-bake.hcl", "docker-bake.override.hcl": .bake
        case "docker-bake.json", "docker-bake.override.json": .bakeJSON
        default: nil
        }
    }

    /// For `--bake FILE`: JSON by its extension, HCL otherwise.
    public static func bakeKind(ofPath path: String) -> ProjectFileKind {
        path.lowercased().hasSuffix(".json") ? .bakeJSON : .bake
    }
}

/// A value and where it is written: `file` indexes `ProjectDefinition.sources`.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let file: Int
    public let range: Range<Int>

    public init(_ value: Value, file: Int, range: Range<Int>) {
        self.value = value
        self.file = file
        self.range = range
    }
}

/// One build: a Compose service's `build:` or a Bake target.
public struct ProjectBuild: Sendable {
    public enum Tool: String, Sendable { case compose, bake }

    public struct Argument: Sendable {
        public let name: Located<String>
        /// `.known(text)`, or `.unknown` when the value comes from the environment.
        public let value: VariableScope.Value
        /// True when the value is an expression that may be `null` (Bake's
        /// `COND ? "x" : null`): the argument may not be passed at all.
        public var mayBeUnset = false
    }

    public struct NamedContext: Sendable {
        public let name: Located<String>
        /// The source (a path, `docker-image://…`, a URL, `target:…`, `service:…`); nil when unknown.
        public let value: Located<String?>
    }

    public let tool: Tool
    /// The service or target name, where it is declared.
    public let name: Located<String>
    /// nil: the default (`.`); an inner nil: not known statically.
    public var context: Located<String?>?
    /// nil: the default (`Dockerfile` in the context).
    public var dockerfile: Located<String?>?
    public var dockerfileInline: Located<String?>?
    public var target: Located<String?>?
    public var arguments: [Argument] = []
    public var namedContexts: [NamedContext] = []
    public var platforms: [String] = []

    public init(tool: Tool, name: Located<String>) {
        self.tool = tool
        self.name = name
    }

    /// `service 'web'` or `target 'app'`, for messages.
    public var label: String { "\(tool == .compose ? "service" : "target") '\(name.value)'" }
}

/// A problem in a project file itself: bad syntax, a value of the wrong type.
public struct ProjectFileProblem: Sendable {
    public let file: Int
    public let range: Range<Int>
    public let message: String
}

/// The builds of one Compose file, or of the Bake files of one directory (read together, as
/// `docker buildx bake` merges `docker-bake.hcl` and `docker-bake.override.hcl`).
public struct ProjectDefinition: Sendable {
    public let sources: [ProjectSource]
    public var builds: [ProjectBuild] = []
    public var problems: [ProjectFileProblem] = []
    /// Directories builds write to (Bake `output` destinations): they may not exist before
    /// those builds run, so a named context there is not reported missing.
    public var outputDirectories: [String] = []

    public init(sources: [ProjectSource]) {
        self.sources = sources
    }

    /// Reads a Compose file, or Bake files (HCL or JSON) given in the order Bake merges them.
    public static func read(_ sources: [ProjectSource], kinds: [ProjectFileKind]) -> ProjectDefinition {
        if kinds.first == .compose, sources.count == 1 {
            return ComposeReader(source: sources[0]).read()
        }
        return BakeReader(sources: sources, kinds: kinds).read()
    }
}

/// Compose interpolation, read statically: `$$` is a `$`; any `$NAME` or `${…}` depends on
/// the environment, so the value is unknown.
enum ComposeInterpolation {
    static func resolve(_ text: String) -> String? {
        guard text.contains("$") else { return text }
        var output = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "$" else { output.unicodeScalars.append(scalar); continue }
            guard let next = scalars.next() else { output += "$"; break }
            if next == "$" { output += "$"; continue }
            if next == "{" || next == "_" || next.properties.isAlphabetic { return nil }
            output += "$"
            output.unicodeScalars.append(next)
        }
        return output
    }
}
