/// What a scalar's text means, exactly as the readers have always read it (Yams 6's constructors
/// and default resolver, whose patterns are matched here byte by byte).
enum YAMLScalarResolution {
    /// Any case of `true`/`yes`/`on` or `false`/`no`/`off`, whatever the style, unless the scalar
    /// is tagged a string (every quoted or block scalar without a tag is).
    static func bool(_ scalar: YAMLScalar) -> Bool? {
        if scalar.tag == YAMLTag.string { return nil }
        switch asciiLowercased(scalar.text) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A plain scalar's integer, whatever its tag: `_` is dropped anywhere; then `0x`, `0b`, `0o`
    /// and a leading `0` pick the radix after an optional sign, a `:` makes it sexagesimal, and
    /// anything else is decimal. (`-0` is no integer: it reads as octal with no digits.)
    static func int(_ scalar: YAMLScalar) -> Int? {
        guard scalar.style == .plain else { return nil }
        let signed = String(decoding: scalar.text.utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if signed == "0" { return 0 }
        let negative = signed.utf8.first == UInt8(ascii: "-")
        let hasSign = negative || signed.utf8.first == UInt8(ascii: "+")
        let unsigned = Substring(signed).utf8.dropFirst(hasSign ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where unsigned.starts(with: prefix.utf8) {
            let digits = String(decoding: unsigned.dropFirst(prefix.utf8.count), as: UTF8.self)
            return Int((negative ? "-" : "") + digits, radix: radix)
        }
        if unsigned.contains(UInt8(ascii: ":")) { return sexagesimal(signed) }
        return Int(signed)
    }

    /// `1:30` is 90: base-60 digits, each a decimal integer. Nil when a part is not one or the
    /// value does not fit.
    private static func sexagesimal(_ text: String) -> Int? {
        var body = Substring(text)
        var sign = 1
        if body.hasPrefix("-") { sign = -1; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        var value = 0
        var base = 1
        for part in body.split(separator: ":", omittingEmptySubsequences: false).reversed() {
            guard let digit = Int(part, radix: 10) else { return nil }
            let (term, termOverflow) = digit.multipliedReportingOverflow(by: base)
            let (sum, sumOverflow) = value.addingReportingOverflow(term)
            let (nextBase, baseOverflow) = base.multipliedReportingOverflow(by: 60)
            if termOverflow || sumOverflow || baseOverflow { return nil }
            value = sum
            base = nextBase
        }
        return sign * value
    }

    /// A plain `~`, `null`, `Null`, `NULL` or empty scalar, whatever its tag.
    static func isNull(_ scalar: YAMLScalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    /// The tag of a plain scalar without one: the first of bool, int, float, merge, null,
    /// timestamp and value whose pattern the whole text matches, else str.
    static func implicitTag(of text: String) -> String {
        let bytes = Array(text.utf8)
        if ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF"].contains(text) { return YAMLTag.bool }
        if isInt(bytes) { return YAMLTag.int }
        if isFloat(bytes) { return YAMLTag.float }
        if text == "<<" { return YAMLTag.merge }
        if ["~", "null", "Null", "NULL", ""].contains(text) { return YAMLTag.null }
        if isTimestamp(bytes) { return YAMLTag.timestamp }
        if text == "=" { return YAMLTag.value }
        return YAMLTag.string
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: The resolver's patterns

    /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
    /// [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
    static func isInt(_ bytes: [UInt8]) -> Bool {
        var body = YAMLPatternCursor(bytes)
        body.skipSign()
        let afterSign = body
        func whole(_ match: (inout YAMLPatternCursor) -> Bool) -> Bool {
            var cursor = afterSign
            return match(&cursor) && cursor.atEnd
        }
        return whole { $0.literal("0b") && $0.oneOrMore(\.isBinaryOrUnderscore) }
            || whole { $0.literal("0") && $0.optionalLiteral("o") && $0.oneOrMore(\.isOctalOrUnderscore) }
            || whole { $0.literal("0") }
            || whole { $0.one(\.isNonZeroDigit) && $0.zeroOrMore(\.isDigitOrUnderscore) }
            || whole { $0.literal("0x") && $0.oneOrMore(\.isHexOrUnderscore) }
            || whole { $0.one(\.isNonZeroDigit) && $0.zeroOrMore(\.isDigitOrUnderscore) && $0.sexagesimalParts() }
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
    /// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
    static func isFloat(_ bytes: [UInt8]) -> Bool {
        let start = YAMLPatternCursor(bytes)
        func whole(_ match: (inout YAMLPatternCursor) -> Bool) -> Bool {
            var cursor = start
            return match(&cursor) && cursor.atEnd
        }
        return whole { cursor in
            cursor.skipSign()
            guard cursor.one(\.isDigit) else { return false }
            _ = cursor.zeroOrMore(\.isDigitOrUnderscore)
            if cursor.literal(".") { _ = cursor.zeroOrMore(\.isDigitOrUnderscore) }
            return cursor.optionalExponent(signRequired: false)
        }
            || whole { cursor in
                cursor.literal(".") && cursor.oneOrMore(\.isDigitOrUnderscore) && cursor.optionalExponent(signRequired: true)
            }
            || whole { cursor in
                cursor.skipSign()
                return cursor.one(\.isDigit) && cursor.zeroOrMore(\.isDigitOrUnderscore) && cursor.sexagesimalParts()
                    && cursor.literal(".") && cursor.zeroOrMore(\.isDigitOrUnderscore)
            }
            || whole { cursor in
                cursor.skipSign()
                return cursor.literal(".") && (cursor.literal("inf") || cursor.literal("Inf") || cursor.literal("INF"))
            }
            || whole { $0.literal(".") && ($0.literal("nan") || $0.literal("NaN") || $0.literal("NAN")) }
    }

    /// `[0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
    /// (\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?`
    static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        let start = YAMLPatternCursor(bytes)
        var date = start
        if date.digits(4...4), date.literal("-"), date.digits(2...2), date.literal("-"), date.digits(2...2), date.atEnd {
            return true
        }
        var cursor = start
        guard cursor.digits(4...4), cursor.literal("-"), cursor.digits(1...2), cursor.literal("-"), cursor.digits(1...2) else { return false }
        if !(cursor.literal("T") || cursor.literal("t")) {
            guard cursor.oneOrMore(\.isBlank) else { return false }
        }
        guard cursor.digits(1...2), cursor.literal(":"), cursor.digits(2...2), cursor.literal(":"), cursor.digits(2...2) else { return false }
        if cursor.literal(".") { _ = cursor.zeroOrMore(\.isDigit) }
        if cursor.atEnd { return true }
        _ = cursor.zeroOrMore(\.isBlank)
        if cursor.literal("Z") { return cursor.atEnd }
        guard cursor.one({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }), cursor.digits(1...2) else { return false }
        if cursor.atEnd { return true }
        return cursor.literal(":") && cursor.digits(2...2) && cursor.atEnd
    }
}

/// A position in a scalar's bytes for the resolver's patterns. Every pattern is deterministic
/// when its repetitions are taken greedily, so no backtracking is needed.
struct YAMLPatternCursor {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func one(_ accepts: (UInt8) -> Bool) -> Bool {
        guard index < bytes.count, accepts(bytes[index]) else { return false }
        index += 1
        return true
    }

    /// Always succeeds; returns true for the chaining of conditions.
    mutating func zeroOrMore(_ accepts: (UInt8) -> Bool) -> Bool {
        while one(accepts) {}
        return true
    }

    mutating func oneOrMore(_ accepts: (UInt8) -> Bool) -> Bool {
        one(accepts) && zeroOrMore(accepts)
    }

    mutating func literal(_ text: String) -> Bool {
        guard bytes[index...].starts(with: text.utf8) else { return false }
        index += text.utf8.count
        return true
    }

    /// Always succeeds.
    mutating func optionalLiteral(_ text: String) -> Bool {
        _ = literal(text)
        return true
    }

    mutating func skipSign() {
        _ = one { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    }

    /// Between `range.lowerBound` and `range.upperBound` digits, as many as there are.
    mutating func digits(_ range: ClosedRange<Int>) -> Bool {
        var count = 0
        while count < range.upperBound, one(\.isDigit) { count += 1 }
        return count >= range.lowerBound
    }

    /// `(:[0-5]?[0-9])+`: two digits when the first is 0–5 and a digit follows (one digit then
    /// could not go on, since a digit never follows a part).
    mutating func sexagesimalParts() -> Bool {
        var parts = 0
        while literal(":") {
            guard index < bytes.count, bytes[index].isDigit else { return false }
            if bytes[index] <= UInt8(ascii: "5"), index + 1 < bytes.count, bytes[index + 1].isDigit { index += 2 } else { index += 1 }
            parts += 1
        }
        return parts > 0
    }

    /// `([eE][-+]?[0-9]+)?`, or with the sign required.
    mutating func optionalExponent(signRequired: Bool) -> Bool {
        guard one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return true }
        let signed = one { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        if signRequired && !signed { return false }
        return oneOrMore(\.isDigit)
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isNonZeroDigit: Bool { self >= UInt8(ascii: "1") && self <= UInt8(ascii: "9") }
    var isDigitOrUnderscore: Bool { isDigit || self == UInt8(ascii: "_") }
    var isBinaryOrUnderscore: Bool { self == UInt8(ascii: "0") || self == UInt8(ascii: "1") || self == UInt8(ascii: "_") }
    var isOctalOrUnderscore: Bool { (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "7")) || self == UInt8(ascii: "_") }
    var isHexOrUnderscore: Bool {
        isDigitOrUnderscore || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
    var isBlank: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}
