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
        // Every delimiter is ASCII, so the UTF-8 bytes split the text where its characters would.
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var remainder = 0..<bytes.count
        var digest: String?
        if let at = Self.lastIndex(of: UInt8(ascii: "@"), in: bytes, remainder) {
            digest = string((at + 1)..<remainder.upperBound)
            remainder = remainder.lowerBound..<at
        }
        var tag: String?
        if let colon = Self.lastIndex(of: UInt8(ascii: ":"), in: bytes, remainder),
           Self.lastIndex(of: UInt8(ascii: "/"), in: bytes, remainder).map({ $0 < colon }) ?? true {
            tag = string((colon + 1)..<remainder.upperBound)
            remainder = remainder.lowerBound..<colon
        }
        var registry: String?
        if let slash = Self.firstIndex(of: UInt8(ascii: "/"), in: bytes, remainder) {
            let first = bytes[remainder.lowerBound..<slash]
            if first.contains(UInt8(ascii: ".")) || first.contains(UInt8(ascii: ":")) || first.elementsEqual("localhost".utf8)
                || first.first == UInt8(ascii: "$") {
                registry = string(remainder.lowerBound..<slash)
                remainder = (slash + 1)..<remainder.upperBound
            }
        }
        self.registry = registry
        self.repository = string(remainder)
        self.tag = tag
        self.digest = digest
    }

    /// `scratch` is no image at all.
    public var isScratch: Bool { registry == nil && repository.lowercased() == "scratch" }

    /// True when the text uses `$VAR` or `${VAR}`.
    public var hasVariables: Bool { text.utf8.contains(UInt8(ascii: "$")) }

    /// Offsets of `byte` outside `${...}` within `range`, first or last.
    private static func firstIndex(of byte: UInt8, in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var found: Int?
        scan(for: byte, in: bytes, range) { index in
            found = index
            return false
        }
        return found
    }

    private static func lastIndex(of byte: UInt8, in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var found: Int?
        scan(for: byte, in: bytes, range) { index in
            found = index
            return true
        }
        return found
    }

    /// Calls `visit` with each offset of `byte` outside `${...}` while it returns true.
    private static func scan(for byte: UInt8, in bytes: [UInt8], _ range: Range<Int>, _ visit: (Int) -> Bool) {
        var depth = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let current = bytes[index]
            if current == UInt8(ascii: "$"), index + 1 < range.upperBound, bytes[index + 1] == UInt8(ascii: "{") {
                depth += 1
                index += 2
                continue
            }
            if current == UInt8(ascii: "}"), depth > 0 {
                depth -= 1
            } else if current == byte, depth == 0, !visit(index) {
                return
            }
            index += 1
        }
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
