/// A YAML document as a tree, read by `YAMLParser`: scalars, sequences and mappings, each with the
/// position where it starts. Aliases are resolved: an alias is the anchored node itself, with the
/// anchor's position (as the readers always reported it). Merge keys (`<<`) are left as entries;
/// `YAMLMapping.mergingKeys()` applies them for the readers that follow them.
enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence(YAMLSequence)
    case mapping(YAMLMapping)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    /// A scalar's text; nil for a collection.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.text }
        return nil
    }

    /// `true`/`yes`/`on` and `false`/`no`/`off` in any case, unless the scalar is a string by its
    /// tag (quoted, or `!!str`).
    var bool: Bool? {
        guard case .scalar(let scalar) = self else { return nil }
        return YAMLScalarResolution.bool(scalar)
    }

    /// A plain scalar read as an integer: decimal, `0x`, `0b`, `0o` or `0` (octal), `_` between
    /// digits, or sexagesimal `1:30`.
    var int: Int? {
        guard case .scalar(let scalar) = self else { return nil }
        return YAMLScalarResolution.int(scalar)
    }

    /// True for a plain `~`, `null`, `Null`, `NULL` or nothing at all (`key:` with no value).
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return YAMLScalarResolution.isNull(scalar)
    }

    /// The tag YAML's core schema gives the node: its own tag, or for a plain untagged scalar the
    /// one its text resolves to. Two mapping keys are the same key when text and this tag agree.
    var resolvedTag: String {
        switch self {
        case .scalar(let scalar):
            switch scalar.tag {
            case nil: return YAMLScalarResolution.implicitTag(of: scalar.text)
            case "!": return YAMLTag.string
            case let tag?: return tag
            }
        case .sequence(let sequence): return sequence.tag.flatMap { $0 == "!" ? nil : $0 } ?? YAMLTag.sequence
        case .mapping(let mapping): return mapping.tag.flatMap { $0 == "!" ? nil : $0 } ?? YAMLTag.mapping
        }
    }

    /// Whether two mapping keys are equal by YAML's rules: same kind, same resolved tag, same
    /// text or the same entries in order; positions and styles do not count.
    func isSameKey(as other: YAMLNode) -> Bool {
        switch (self, other) {
        case (.scalar(let left), .scalar(let right)):
            return left.text == right.text && resolvedTag == other.resolvedTag
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && resolvedTag == other.resolvedTag
                && zip(left, right).allSatisfy { $0.isSameKey(as: $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count && resolvedTag == other.resolvedTag
                && zip(left, right).allSatisfy { $0.key.isSameKey(as: $1.key) && $0.value.isSameKey(as: $1.value) }
        default:
            return false
        }
    }
}

/// The core schema's tag names.
enum YAMLTag {
    static let string = "tag:yaml.org,2002:str"
    static let bool = "tag:yaml.org,2002:bool"
    static let int = "tag:yaml.org,2002:int"
    static let float = "tag:yaml.org,2002:float"
    static let null = "tag:yaml.org,2002:null"
    static let merge = "tag:yaml.org,2002:merge"
    static let timestamp = "tag:yaml.org,2002:timestamp"
    static let value = "tag:yaml.org,2002:value"
    static let sequence = "tag:yaml.org,2002:seq"
    static let mapping = "tag:yaml.org,2002:map"
}

/// Where a node starts: 1-based line, and 1-based column counted in Unicode scalars, as libyaml
/// counts (`ProjectSource.offset(line:column:)` turns it into a byte offset).
struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    let line: Int
    let column: Int

    var description: String { "\(line):\(column)" }
}

struct YAMLScalar: Sendable {
    enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    let text: String
    let style: Style
    /// The tag libyaml reports, handles expanded (`!!str` is `tag:yaml.org,2002:str`); a quoted
    /// or block scalar without one is a string. Nil for a plain scalar without a tag, whose text
    /// decides its type.
    let tag: String?
    let mark: YAMLMark
}

struct YAMLSequence: Sendable, RandomAccessCollection {
    let items: [YAMLNode]
    /// The explicit tag, if any.
    let tag: String?
    let mark: YAMLMark

    var startIndex: Int { items.startIndex }
    var endIndex: Int { items.endIndex }
    subscript(position: Int) -> YAMLNode { items[position] }
}

/// A mapping's entries in the order written (a key written twice is a parse error).
struct YAMLMapping: Sendable, RandomAccessCollection {
    let keys: [YAMLNode]
    let values: [YAMLNode]
    /// The explicit tag, if any.
    let tag: String?
    let mark: YAMLMark

    var startIndex: Int { keys.startIndex }
    var endIndex: Int { keys.endIndex }
    subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { (keys[position], values[position]) }

    /// The entries with `<<` merge keys applied: a `<<` entry's mapping (or each mapping of its
    /// list) adds the keys this mapping does not have, the first source of a key winning; merged
    /// keys come after the explicit ones. What Compose files use for shared service settings.
    func mergingKeys() -> [(key: YAMLNode, value: YAMLNode)] {
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var merged: [(key: YAMLNode, value: YAMLNode)] = []
        for (key, value) in self {
            if case .scalar(let scalar) = key, scalar.text == "<<" {
                let sources: [YAMLNode] = if case .sequence(let items) = value { items.items } else { [value] }
                for source in sources {
                    if case .mapping(let mapping) = source { merged += mapping.mergingKeys() }
                }
                continue
            }
            entries.append((key, value))
        }
        let explicit = Set(entries.compactMap { $0.key.string })
        var seen: Set<String> = []
        for entry in merged {
            guard let name = entry.key.string, !explicit.contains(name), seen.insert(name).inserted else { continue }
            entries.append(entry)
        }
        return entries
    }
}

/// A YAML text libyaml cannot read, or one this reader refuses (a key written twice, an alias to
/// an anchor not yet defined, aliases expanding past the bound, nesting past the bound).
struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// What is wrong (libyaml's problem, e.g. "found unexpected end of stream").
    let problem: String
    /// Where it was noticed.
    let mark: YAMLMark
    /// What was being read when it was noticed ("while scanning a quoted scalar"), and where
    /// that began.
    let context: String?
    let contextMark: YAMLMark?

    init(problem: String, mark: YAMLMark, context: String? = nil, contextMark: YAMLMark? = nil) {
        self.problem = problem
        self.mark = mark
        self.context = context
        self.contextMark = contextMark
    }

    /// "while scanning a quoted scalar, found unexpected end of stream".
    var message: String {
        context.map { "\($0), \(problem)" } ?? problem
    }

    var description: String { "\(mark): \(message)" }

    /// The line to blame. libyaml notices an unterminated flow collection or quoted scalar only
    /// where it expected the end (the next line, or the end of the file), and names the line
    /// where the construct opened as its context: that line is the error's.
    var blamedLine: Int {
        if let context, let contextMark, contextMark.line < mark.line,
           ["flow sequence", "flow mapping", "quoted scalar"].contains(where: { context.contains($0) }) {
            return contextMark.line
        }
        return mark.line
    }
}
