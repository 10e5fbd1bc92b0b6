import DLintCore

/// A `$NAME` or `${NAME...}` in an instruction word, found the way BuildKit's word lexer finds
/// them: an escaped `$` is literal, single quotes keep their text (where quotes are processed),
/// and the words inside `${NAME:-word}` are read too, as BuildKit expands them either way.
struct VariableReference: Sendable, Hashable {
    let name: String
    /// File bytes of `$NAME`, or of `${NAME` plus the closing brace when it follows the name.
    let range: Range<Int>
}

enum VariableReferences {
    /// The references in the logical bytes `range` of `line`.
    static func find(in line: LogicalLine, _ range: Range<Int>, escape: UInt8, processesQuotes: Bool = true) -> [VariableReference] {
        scan(line.bytes, range, escape: escape, processesQuotes: processesQuotes).map { found in
            VariableReference(name: found.name, range: line.fileRange(of: found.range))
        }
    }

    /// The references in file bytes that map one to one (a heredoc body).
    static func find(inFile bytes: [UInt8], _ range: Range<Int>, escape: UInt8, processesQuotes: Bool) -> [VariableReference] {
        scan(bytes, range, escape: escape, processesQuotes: processesQuotes).map { VariableReference(name: $0.name, range: $0.range) }
    }

    /// The references in a word of an instruction.
    static func find(in span: TextSpan, of instruction: Instruction, escape: UInt8) -> [VariableReference] {
        find(in: instruction.logicalLine, span.logicalRange, escape: escape)
    }

    private static func scan(_ bytes: [UInt8], _ range: Range<Int>, escape: UInt8, processesQuotes: Bool) -> [(name: String, range: Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        var index = range.lowerBound
        var inDoubleQuotes = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == escape {
                index += 2
                continue
            }
            if processesQuotes, byte == UInt8(ascii: "'"), !inDoubleQuotes {
                index += 1
                while index < range.upperBound, bytes[index] != UInt8(ascii: "'") { index += 1 }
                index += 1
                continue
            }
            if processesQuotes, byte == UInt8(ascii: "\"") {
                inDoubleQuotes.toggle()
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "$"), index + 1 < range.upperBound else { index += 1; continue }
            let start = index
            var nameStart = index + 1
            let braced = bytes[nameStart] == UInt8(ascii: "{")
            if braced { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < range.upperBound, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, !isDigit(bytes[nameStart]) else { index += 1; continue }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            var end = nameEnd
            if braced, end < range.upperBound, bytes[end] == UInt8(ascii: "}") { end += 1 }
            found.append((name, start..<end))
            index = nameEnd
        }
        return found
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// BuildKit's "did you mean" (`util/suggest`): the option nearest in Levenshtein distance, if
/// it is fewer than three edits away; none when the value is itself an option.
enum Suggestion {
    static func nearest(to value: String, in options: [String]) -> String? {
        var best: String?
        var bestDistance = 3
        let target = Array(value.unicodeScalars)
        for option in options.sorted() {
            if option == value { return nil }
            let distance = levenshtein(target, Array(option.unicodeScalars))
            if distance < bestDistance {
                bestDistance = distance
                best = option
            }
        }
        return best
    }

    private static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The build arguments BuildKit defines before the first `FROM` without any `ARG`.
enum PredefinedArguments {
    static let platform: [String] = [
        "BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
    ]

    /// A value each takes on a typical build, for judging what a `FROM` becomes with defaults.
    static func typicalValue(of name: String) -> String? {
        switch name {
        case "BUILDPLATFORM", "TARGETPLATFORM": "linux/amd64"
        case "BUILDOS", "TARGETOS": "linux"
        case "BUILDARCH", "TARGETARCH": "amd64"
        case "BUILDVARIANT", "TARGETVARIANT", "BUILDOSVERSION", "TARGETOSVERSION": ""
        case "TARGETSTAGE": "default"
        default: nil
        }
    }
}

/// An `os[/arch[/variant]]` platform as containerd's `platforms.Parse` reads it, normalised.
struct PlatformSpecifier: Sendable, Hashable {
    let os: String
    let architecture: String

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isComponentCharacter) }) else { return nil }
        if parts.count == 1 {
            // One component is an OS or an architecture; the other half is the host's.
            if Self.knownOperatingSystems.contains(parts[0]) {
                os = parts[0]
                architecture = ""
            } else {
                os = ""
                architecture = Self.normalizedArchitecture(parts[0])
            }
            return
        }
        os = parts[0] == "macos" ? "darwin" : parts[0]
        architecture = Self.normalizedArchitecture(parts[1])
    }

    private static func isComponentCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_.-".contains(character))
    }

    static let knownOperatingSystems: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "macos",
        "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    ]

    static func normalizedArchitecture(_ architecture: String) -> String {
        switch architecture {
        case "i386", "x86": "386"
        case "x86_64", "x86-64", "amd64": "amd64"
        case "aarch64", "arm64": "arm64"
        case "armhf", "armel", "arm": "arm"
        default: architecture
        }
    }
}

/// Whether a string is an image reference `docker pull` accepts (distribution's
/// `ParseNormalizedNamed`): `[domain/]path[:tag][@digest]`, lower-case path components.
enum ImageReferenceGrammar {
    static func isValid(_ reference: String) -> Bool {
        guard !reference.isEmpty else { return false }
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            guard isDigest(rest[rest.index(after: at)...]) else { return false }
            rest = rest[..<at]
        }
        // Path components hold no colon, so one after the last slash starts the tag.
        var name = rest
        let tail = rest.lastIndex(of: "/").map { rest[rest.index(after: $0)...] } ?? rest
        if let colon = tail.firstIndex(of: ":") {
            guard isTag(rest[rest.index(after: colon)...]) else { return false }
            name = rest[..<colon]
        }
        guard !name.isEmpty, name.count <= 255 else { return false }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
            guard isDomain(first) else { return false }
            components.removeFirst()
        }
        if components.count == 1, components[0].count == 64, components[0].allSatisfy(\.isHexDigit) { return false }
        return components.allSatisfy(isPathComponent)
    }

    private static func isPathComponent(_ component: Substring) -> Bool {
        // alphanumeric ((`.` | `_` | `__` | `-`+) alphanumeric)*
        let characters = Array(component)
        guard let first = characters.first, let last = characters.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        var index = 0
        while index < characters.count {
            if isLowerAlphanumeric(characters[index]) { index += 1; continue }
            var separator = ""
            while index < characters.count, !isLowerAlphanumeric(characters[index]) { separator.append(characters[index]); index += 1 }
            guard separator == "." || separator == "_" || separator == "__" || (!separator.isEmpty && separator.allSatisfy { $0 == "-" }) else { return false }
        }
        return true
    }

    private static func isLowerAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isNumber || ("a"..."z").contains(character))
    }

    private static func isTag(_ tag: Substring) -> Bool {
        guard let first = tag.first, tag.count <= 128, isWordCharacter(first) else { return false }
        return tag.allSatisfy { isWordCharacter($0) || $0 == "." || $0 == "-" }
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    private static func isDomain(_ domain: Substring) -> Bool {
        var host = domain
        if let colon = domain.lastIndex(of: ":"), !domain.hasPrefix("[") || domain[..<colon].hasSuffix("]") {
            let port = domain[domain.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isNumber) else { return false }
            host = domain[..<colon]
        }
        if host.hasPrefix("[") { return host.hasSuffix("]") && host.count > 2 }
        return !host.isEmpty && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return first.isASCII && (first.isLetter || first.isNumber) && last.isASCII && (last.isLetter || last.isNumber)
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    private static func isDigest(_ digest: Substring) -> Bool {
        guard let colon = digest.firstIndex(of: ":") else { return false }
        let algorithm = digest[..<colon]
        let hex = digest[digest.index(after: colon)...]
        guard let first = algorithm.first, first.isASCII, first.isLetter,
              algorithm.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_+.".contains($0)) }) else { return false }
        return hex.count >= 32 && hex.allSatisfy(\.isHexDigit)
    }
}

extension DockerfileModel {
    /// Names the stage sees from the stages it is built on: their ENVs and, as BuildKit counts
    /// a parent's build arguments as declared, their ARGs. A `FROM base-$TARGETARCH` picks its
    /// parent at build time: then every earlier stage whose name fits counts.
    func namesDeclaredInParents(ofStage stageIndex: Int) -> Set<String> {
        var parents = Set(stageChain(from: stageIndex).dropFirst())
        let from = tree.instructions[stages[stageIndex].fromIndex]
        if stages[stageIndex].parentStage == nil, let image = from.fromClause?.image.text, image.contains("$") {
            let pieces = Self.literalPieces(of: image)
            for candidate in stages[..<stageIndex] {
                guard let name = candidate.normalizedName, Self.name(name, fits: pieces) else { continue }
                parents.formUnion(stageChain(from: candidate.index))
            }
        }
        var names: Set<String> = []
        for parent in parents {
            for index in stages[parent].instructionIndices {
                switch tree.instructions[index].arguments {
                case .declarations(let declarations): names.formUnion(declarations.map(\.name.text))
                case .keyValues(let pairs) where tree.instructions[index].kind == .env: names.formUnion(pairs.map(\.key.text))
                default: break
                }
            }
        }
        return names
    }

    /// The text around the variables of `text`, lower-cased: `base-$ARCH` gives `["base-", ""]`.
    private static func literalPieces(of text: String) -> [String] {
        var pieces = [""]
        var characters = Substring(text.lowercased())
        while let first = characters.first {
            characters.removeFirst()
            guard first == "$" else { pieces[pieces.count - 1].append(first); continue }
            if characters.first == "{" {
                characters = characters.drop { $0 != "}" }.dropFirst()
            } else {
                characters = characters.drop { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            }
            pieces.append("")
        }
        return pieces
    }

    /// True when the variables between `pieces` can be filled to give `name`.
    private static func name(_ name: String, fits pieces: [String]) -> Bool {
        guard let first = pieces.first, let last = pieces.last, name.hasPrefix(first) else { return false }
        var rest = Substring(name.dropFirst(first.count))
        for middle in pieces.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.firstRange(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return pieces.count > 1 && rest.hasSuffix(last)
    }
}
