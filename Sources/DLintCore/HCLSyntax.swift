/// The subset of HCL that Bake files use, read into values with byte positions: blocks with
/// labels, attributes, strings with `${}` templates, heredocs, numbers, bools, null, lists,
/// objects and the three comment forms. Anything else an expression can be (function calls,
/// operators, conditionals, `for` expressions, traversals) is kept as `.expression(text)`, whose
/// value is not known statically.
public struct HCLFile: Sendable {
    public let body: HCLBody

    /// Parses `source`; the first syntax error stops it (Bake rejects such a file as a whole).
    public static func parse(_ source: [UInt8]) -> Result<HCLFile, HCLSyntaxError> {
        var parser = HCLParser(source: source)
        do {
            let body = try parser.body(closedBy: nil)
            return .success(HCLFile(body: body))
        } catch {
            return .failure(error)
        }
    }
}

public struct HCLSyntaxError: Error, Sendable, Hashable {
    public let message: String
    public let offset: Int
}

public struct HCLBody: Sendable {
    public var attributes: [HCLAttribute] = []
    public var blocks: [HCLBlock] = []

    public func attribute(_ name: String) -> HCLAttribute? { attributes.last { $0.name == name } }
}

public struct HCLAttribute: Sendable {
    public let name: String
    public let nameRange: Range<Int>
    public let value: HCLExpression
}

public struct HCLBlock: Sendable {
    public let type: String
    public let typeRange: Range<Int>
    public let labels: [HCLLabel]
    public let body: HCLBody
}

public struct HCLLabel: Sendable {
    public let text: String
    public let range: Range<Int>
}

public struct HCLExpression: Sendable {
    public indirect enum Value: Sendable {
        case string(HCLTemplate)
        case number(String)
        case bool(Bool)
        case null
        case list([HCLExpression])
        case object([HCLObjectItem])
        /// A bare name: a variable reference in Bake.
        case name(String)
        /// Anything else, as written.
        case expression(String)
    }

    public let value: Value
    public let range: Range<Int>

    /// A short word for the kind of value, for messages.
    public var kindName: String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a bool"
        case .null: "null"
        case .list: "a list"
        case .object: "an object"
        case .name, .expression: "an expression"
        }
    }
}

public struct HCLObjectItem: Sendable {
    /// The key as a string; nil for a computed key (`(expr) = …`).
    public let key: String?
    public let keyRange: Range<Int>
    public let value: HCLExpression
}

/// A string with its literal parts and `${…}` interpolations.
public struct HCLTemplate: Sendable {
    public enum Part: Sendable {
        case literal(String)
        /// The expression between `${` and `}`, trimmed (strip markers `~` removed).
        case interpolation(String)
        /// A `%{…}` directive: its result is not known statically.
        case directive
    }

    public let parts: [Part]
}

private struct HCLParser {
    let source: [UInt8]
    var index = 0

    init(source: [UInt8]) {
        self.source = source
        if source.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    // MARK: Bytes

    var atEnd: Bool { index >= source.count }

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < source.count ? source[index + offset] : nil
    }

    func error(_ message: String, at offset: Int? = nil) -> HCLSyntaxError {
        HCLSyntaxError(message: message, offset: min(offset ?? index, source.count))
    }

    func text(_ range: Range<Int>) -> String { String(decoding: source[range], as: UTF8.self) }

    static func isNameStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Skips blanks and comments; newlines too when `newlines` (inside brackets).
    mutating func skipTrivia(newlines: Bool) throws(HCLSyntaxError) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n") where newlines:
                index += 1
            case UInt8(ascii: "#"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = index
                index += 2
                while !atEnd, !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { index += 1 }
                guard !atEnd else { throw error("unterminated /* comment", at: start) }
                index += 2
            default:
                return
            }
        }
    }

    /// Leaves the index on the newline that ends the comment.
    mutating func skipLineComment() {
        while let byte = peek(), byte != UInt8(ascii: "\n") { index += 1 }
    }

    mutating func identifier() -> (String, Range<Int>)? {
        guard let byte = peek(), Self.isNameStart(byte) else { return nil }
        let start = index
        while let byte = peek(), Self.isNameByte(byte) { index += 1 }
        return (text(start..<index), start..<index)
    }

    // MARK: Structure

    mutating func body(closedBy closer: UInt8?) throws(HCLSyntaxError) -> HCLBody {
        var body = HCLBody()
        while true {
            try skipTrivia(newlines: true)
            guard let byte = peek() else {
                if closer != nil { throw error("expected '}' to close the block") }
                return body
            }
            if byte == closer {
                index += 1
                return body
            }
            guard let (name, nameRange) = identifier() else {
                throw error("expected an attribute name or a block type, found '\(Character(UnicodeScalar(byte)))'")
            }
            try skipTrivia(newlines: false)
            if peek() == UInt8(ascii: "=") && peek(1) != UInt8(ascii: "=") {
                index += 1
                let value = try expression(inBrackets: false)
                body.attributes.append(HCLAttribute(name: name, nameRange: nameRange, value: value))
                try endOfItem(closer: closer)
                continue
            }
            var labels: [HCLLabel] = []
            while true {
                try skipTrivia(newlines: false)
                if peek() == UInt8(ascii: "\"") {
                    let start = index
                    let template = try quotedTemplate()
                    labels.append(HCLLabel(text: template.literalText ?? text((start + 1)..<(index - 1)), range: start..<index))
                } else if let (label, range) = identifier() {
                    labels.append(HCLLabel(text: label, range: range))
                } else {
                    break
                }
            }
            guard peek() == UInt8(ascii: "{") else {
                throw error("expected '=' after the attribute name '\(name)' or '{' to open the block")
            }
            index += 1
            let inner = try self.body(closedBy: UInt8(ascii: "}"))
            body.blocks.append(HCLBlock(type: name, typeRange: nameRange, labels: labels, body: inner))
            try endOfItem(closer: closer)
        }
    }

    /// After an attribute or a block: a newline, the end of the file or the enclosing `}`.
    mutating func endOfItem(closer: UInt8?) throws(HCLSyntaxError) {
        try skipTrivia(newlines: false)
        guard let byte = peek() else { return }
        if byte == UInt8(ascii: "\n") || byte == closer { return }
        throw error("expected a newline after the item, found '\(Character(UnicodeScalar(byte)))'")
    }

    // MARK: Expressions

    /// An expression; anything beyond a single literal, list, object or name (operators, calls,
    /// traversals, conditionals) is skipped to its end and kept as text.
    mutating func expression(inBrackets: Bool) throws(HCLSyntaxError) -> HCLExpression {
        try skipTrivia(newlines: inBrackets)
        let start = index
        let primary = try primaryExpression()
        try skipTrivia(newlines: false)
        if isExpressionEnd(inBrackets: inBrackets) { return primary }
        try skipExpressionRest(inBrackets: inBrackets)
        var end = index
        while end > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(source[end - 1]) { end -= 1 }
        return HCLExpression(value: .expression(text(start..<end)), range: start..<end)
    }

    func isExpressionEnd(inBrackets: Bool) -> Bool {
        guard let byte = peek() else { return true }
        switch byte {
        case UInt8(ascii: "\n"): return true
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"): return true
        case UInt8(ascii: "#"): return true
        case UInt8(ascii: "/"): return peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*")
        default: return false
        }
    }

    /// Skips the rest of a compound expression up to its end: a newline (outside brackets), or a
    /// `,` or closing bracket at depth 0.
    mutating func skipExpressionRest(inBrackets: Bool) throws(HCLSyntaxError) {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth == 0 { return }
                depth -= 1
                index += 1
            case UInt8(ascii: ","):
                if depth == 0 { return }
                index += 1
            case UInt8(ascii: "\n"):
                if depth == 0 {
                    // An operator at the end of a line continues the expression on the next.
                    var back = index - 1
                    while back >= 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(source[back]) { back -= 1 }
                    let last = back >= 0 ? source[back] : 0
                    if !"?:+-*/%&|=<>!".utf8.contains(last) { return }
                }
                index += 1
            case UInt8(ascii: "\""):
                _ = try quotedTemplate()
            case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<") && depth >= 0 && heredocFollows():
                _ = try heredoc()
            case UInt8(ascii: "#"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"):
                try skipTrivia(newlines: false)
            default:
                index += 1
            }
        }
    }

    func heredocFollows() -> Bool {
        var offset = 2
        if peek(offset) == UInt8(ascii: "-") { offset += 1 }
        guard let byte = peek(offset) else { return false }
        return Self.isNameStart(byte)
    }

    mutating func primaryExpression() throws(HCLSyntaxError) -> HCLExpression {
        let start = index
        guard let byte = peek() else { throw error("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            let template = try quotedTemplate()
            return HCLExpression(value: .string(template), range: start..<index)
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<") && heredocFollows():
            let template = try heredoc()
            return HCLExpression(value: .string(template), range: start..<index)
        case UInt8(ascii: "["):
            index += 1
            try skipTrivia(newlines: true)
            if startsWithWord("for") { return try skippedBracket(start: start, closer: UInt8(ascii: "]")) }
            var items: [HCLExpression] = []
            while true {
                try skipTrivia(newlines: true)
                if peek() == UInt8(ascii: "]") { index += 1; break }
                items.append(try expression(inBrackets: true))
                try skipTrivia(newlines: true)
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                if peek() == UInt8(ascii: "]") { index += 1; break }
                throw error("expected ',' or ']' in the list")
            }
            return HCLExpression(value: .list(items), range: start..<index)
        case UInt8(ascii: "{"):
            index += 1
            try skipTrivia(newlines: true)
            if startsWithWord("for") { return try skippedBracket(start: start, closer: UInt8(ascii: "}")) }
            var items: [HCLObjectItem] = []
            while true {
                try skipTrivia(newlines: true)
                if peek() == UInt8(ascii: "}") { index += 1; break }
                let keyStart = index
                var key: String?
                if peek() == UInt8(ascii: "\"") {
                    let template = try quotedTemplate()
                    key = template.literalText
                } else if peek() == UInt8(ascii: "(") {
                    try skipBalanced(closer: UInt8(ascii: ")"))
                } else if let (name, _) = identifier() {
                    key = name
                } else {
                    throw error("expected a key in the object")
                }
                let keyRange = keyStart..<index
                try skipTrivia(newlines: false)
                guard peek() == UInt8(ascii: "=") || peek() == UInt8(ascii: ":") else { throw error("expected '=' or ':' after the object key") }
                index += 1
                let value = try expression(inBrackets: true)
                items.append(HCLObjectItem(key: key, keyRange: keyRange, value: value))
                try skipTrivia(newlines: false)
                if peek() == UInt8(ascii: ",") || peek() == UInt8(ascii: "\n") { index += 1; continue }
                try skipTrivia(newlines: true)
                if peek() == UInt8(ascii: "}") { index += 1; break }
                throw error("expected ',', a newline or '}' in the object")
            }
            return HCLExpression(value: .object(items), range: start..<index)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            while let next = peek(), next.isHCLNumberByte || ((next == UInt8(ascii: "+") || next == UInt8(ascii: "-")) && [UInt8(ascii: "e"), UInt8(ascii: "E")].contains(source[index - 1])) {
                index += 1
            }
            return HCLExpression(value: .number(text(start..<index)), range: start..<index)
        case UInt8(ascii: "("):
            try skipBalanced(closer: UInt8(ascii: ")"))
            return HCLExpression(value: .expression(text(start..<index)), range: start..<index)
        case UInt8(ascii: "-"), UInt8(ascii: "!"):
            index += 1
            let operand = try primaryExpression()
            return HCLExpression(value: .expression(text(start..<operand.range.upperBound)), range: start..<operand.range.upperBound)
        default:
            guard let (word, range) = identifier() else {
                throw error("expected a value, found '\(Character(UnicodeScalar(byte)))'")
            }
            switch word {
            case "true": return HCLExpression(value: .bool(true), range: range)
            case "false": return HCLExpression(value: .bool(false), range: range)
            case "null": return HCLExpression(value: .null, range: range)
            default: return HCLExpression(value: .name(word), range: range)
            }
        }
    }

    func startsWithWord(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard index + bytes.count <= source.count, Array(source[index..<(index + bytes.count)]) == bytes else { return false }
        return index + bytes.count == source.count || !Self.isNameByte(source[index + bytes.count])
    }

    /// A `for` expression: skipped to its closing bracket.
    mutating func skippedBracket(start: Int, closer: UInt8) throws(HCLSyntaxError) -> HCLExpression {
        index = start
        try skipBalanced(closer: closer)
        return HCLExpression(value: .expression(text(start..<index)), range: start..<index)
    }

    /// From an opening bracket at `index` to just after its closer.
    mutating func skipBalanced(closer: UInt8) throws(HCLSyntaxError) {
        let start = index
        index += 1
        try skipExpressionRest(inBrackets: true)
        guard peek() == closer else { throw error("expected '\(Character(UnicodeScalar(closer)))' to close the bracket", at: start) }
        index += 1
    }

    // MARK: Templates

    /// A `"…"` string from its opening quote; the index ends after the closing quote.
    mutating func quotedTemplate() throws(HCLSyntaxError) -> HCLTemplate {
        let start = index
        index += 1
        var parts: [HCLTemplate.Part] = []
        var literal: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw error("unterminated string", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))) }
                return HCLTemplate(parts: parts)
            case UInt8(ascii: "\\"):
                guard let escaped = peek(1) else { throw error("unterminated string", at: start) }
                index += 2
                switch escaped {
                case UInt8(ascii: "n"): literal.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): literal.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "t"): literal.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): literal.append(escaped)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escaped == UInt8(ascii: "u") ? 4 : 8
                    guard index + count <= source.count, let value = UInt32(text(index..<(index + count)), radix: 16),
                          let scalar = Unicode.Scalar(value) else { throw error("invalid unicode escape", at: index - 2) }
                    literal += Array(String(Character(scalar)).utf8)
                    index += count
                default:
                    throw error("invalid escape '\\\(Character(UnicodeScalar(escaped)))' in the string", at: index - 2)
                }
            default:
                if try templateMarker(&parts, &literal) { continue }
                literal.append(byte)
                index += 1
            }
        }
    }

    /// Handles `${`, `%{`, `$${` and `%%{` at the index; false when none is there.
    mutating func templateMarker(_ parts: inout [HCLTemplate.Part], _ literal: inout [UInt8]) throws(HCLSyntaxError) -> Bool {
        guard let byte = peek(), byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") else { return false }
        if peek(1) == byte, peek(2) == UInt8(ascii: "{") {
            literal += [byte, UInt8(ascii: "{")]
            index += 3
            return true
        }
        guard peek(1) == UInt8(ascii: "{") else { return false }
        if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))) }
        literal = []
        let open = index
        index += 1
        try skipBalanced(closer: UInt8(ascii: "}"))
        if byte == UInt8(ascii: "%") {
            parts.append(.directive)
        } else {
            var inner = text((open + 2)..<(index - 1)).trimmingHCLSpace()
            if inner.hasPrefix("~") { inner.removeFirst() }
            if inner.hasSuffix("~") { inner.removeLast() }
            parts.append(.interpolation(inner.trimmingHCLSpace()))
        }
        return true
    }

    /// `<<EOF` or `<<-EOF` up to the line that holds only the delimiter.
    mutating func heredoc() throws(HCLSyntaxError) -> HCLTemplate {
        let start = index
        index += 2
        let indented = peek() == UInt8(ascii: "-")
        if indented { index += 1 }
        guard let (delimiter, _) = identifier() else { throw error("expected a heredoc delimiter", at: start) }
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else {
                throw error("expected a newline after the heredoc delimiter")
            }
            index += 1
        }
        guard !atEnd else { throw error("unterminated heredoc '\(delimiter)'", at: start) }
        index += 1
        var lines: [[HCLTemplate.Part]] = []
        while true {
            guard !atEnd else { throw error("unterminated heredoc '\(delimiter)'", at: start) }
            let lineStart = index
            while let byte = peek(), byte != UInt8(ascii: "\n") { index += 1 }
            if text(lineStart..<index).trimmingHCLSpace() == delimiter { break }
            // Interpolations inside the line.
            index = lineStart
            var parts: [HCLTemplate.Part] = []
            var literal: [UInt8] = []
            while let byte = peek(), byte != UInt8(ascii: "\n") {
                if try templateMarker(&parts, &literal) { continue }
                literal.append(byte)
                index += 1
            }
            literal.append(UInt8(ascii: "\n"))
            parts.append(.literal(String(decoding: literal, as: UTF8.self)))
            lines.append(parts)
            if !atEnd { index += 1 }
        }
        if indented {
            // `<<-` removes the smallest indentation of the lines.
            let indentation = lines.compactMap { parts -> Int? in
                guard case .literal(let text)? = parts.first, text.contains(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return nil }
                return text.prefix { $0 == " " || $0 == "\t" }.count
            }.min() ?? 0
            lines = lines.map { parts in
                guard case .literal(let text)? = parts.first else { return parts }
                return [.literal(String(text.dropFirst(min(indentation, text.prefix { $0 == " " || $0 == "\t" }.count))))] + parts.dropFirst()
            }
        }
        return HCLTemplate(parts: lines.flatMap { $0 })
    }
}

extension HCLTemplate {
    /// The text when the string has no interpolation or directive.
    public var literalText: String? {
        var text = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            text += literal
        }
        return text
    }
}

private extension UInt8 {
    var isHCLNumberByte: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: ".") || self == UInt8(ascii: "e") || self == UInt8(ascii: "E")
    }
}

private extension String {
    func trimmingHCLSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
        return String(scalars[first...last])
    }
}
