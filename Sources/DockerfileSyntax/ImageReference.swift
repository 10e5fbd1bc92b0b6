/// An image reference split as Docker reads it: `[registry/]repository[:tag][@digest]`.
/// Variables (`${REGISTRY}/app:${TAG}`) are kept as written; a `:` inside `${...}` does not
/// start a tag.
public struct ImageReference: Sendable, Hashable {
    public let text: String
    /// `docker.io`, `localhost:5000`, ...; nil when the first path component is not a host.
    public let registry: String?
    /// The path after the registry, e.g. `library/ubuntu` or `ubuntu`.
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init(_ text: String) {
        self.text = text
        let characters = Array(text)
        var remainder = characters[...]
        var digest: String?
        if let at = Self.lastIndex(of: "@", in: remainder) {
            digest = String(remainder[(at + 1)...])
            remainder = remainder[..<at]
        }
        var tag: String?
        if let colon = Self.lastIndex(of: ":", in: remainder),
           Self.lastIndex(of: "/", in: remainder).map({ $0 < colon }) ?? true {
            tag = String(remainder[(colon + 1)...])
            remainder = remainder[..<colon]
        }
        var registry: String?
        if let slash = Self.firstIndex(of: "/", in: remainder) {
            let first = String(remainder[..<slash])
            if first.contains(".") || first.contains(":") || first == "localhost" || first.hasPrefix("$") {
                registry = first
                remainder = remainder[(slash + 1)...]
            }
        }
        self.registry = registry
        self.repository = String(remainder)
        self.tag = tag
        self.digest = digest
    }

    /// `scratch` is no image at all.
    public var isScratch: Bool { registry == nil && repository.lowercased() == "scratch" }

    /// True when the text uses `$VAR` or `${VAR}`.
    public var hasVariables: Bool { text.contains("$") }

    /// Offsets of `character` outside `${...}`, first or last.
    private static func firstIndex(of character: Character, in slice: ArraySlice<Character>) -> Int? {
        positions(of: character, in: slice).first
    }

    private static func lastIndex(of character: Character, in slice: ArraySlice<Character>) -> Int? {
        positions(of: character, in: slice).last
    }

    private static func positions(of character: Character, in slice: ArraySlice<Character>) -> [Int] {
        var result: [Int] = []
        var depth = 0
        var index = slice.startIndex
        while index < slice.endIndex {
            let current = slice[index]
            if current == "$", index + 1 < slice.endIndex, slice[index + 1] == "{" {
                depth += 1
                index += 2
                continue
            }
            if current == "}", depth > 0 {
                depth -= 1
            } else if current == character, depth == 0 {
                result.append(index)
            }
            index += 1
        }
        return result
    }
}

/// `FROM [--platform=...] image [AS name]`, read from a `from` instruction.
public struct FromClause: Sendable {
    public let image: TextSpan
    public let reference: ImageReference
    /// The `AS` keyword, when present.
    public let asKeyword: TextSpan?
    public let stageName: TextSpan?
    public let platform: InstructionFlag?
}

extension Instruction {
    /// The parts of a `FROM` instruction; nil for other instructions or a `FROM` without an image.
    public var fromClause: FromClause? {
        guard kind == .from, case .words(let words) = arguments, let image = words.first else { return nil }
        let hasName = words.count == 3 && words[1].text.lowercased() == "as"
        return FromClause(
            image: image,
            reference: ImageReference(image.text),
            asKeyword: hasName ? words[1] : nil,
            stageName: hasName ? words[2] : nil,
            platform: flag("platform")
        )
    }
}
