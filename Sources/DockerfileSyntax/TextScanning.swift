/// Byte-level text helpers that reproduce how BuildKit (Go) reads a Dockerfile, so that our
/// split of words and lines agrees with `docker build` on every input, valid UTF-8 or not.
enum UTF8Scan {
    /// Decodes one scalar as Go's `utf8.DecodeRune` does: an invalid or truncated sequence is
    /// U+FFFD with width 1.
    @inline(__always)
    static func decode(_ bytes: [UInt8], at index: Int, end: Int) -> (scalar: UInt32, width: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let width: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: width = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: width = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: width = 4; scalar = UInt32(lead & 0x07)
        default: return (0xFFFD, 1)
        }
        guard index + width <= end else { return (0xFFFD, 1) }
        for offset in 1..<width {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return (0xFFFD, 1) }
        return (scalar, width)
    }

    /// Number of code points in `range`, each invalid byte counting as one.
    static func scalarCount(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            index += decode(bytes, at: index, end: range.upperBound).width
            count += 1
        }
        return count
    }

    /// Go's `unicode.IsSpace`.
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The `[\t\v\f\r ]` class BuildKit splits instructions and word lists on.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// RE2's `\s`: `[\t\n\f\r ]`.
    @inline(__always)
    static func isRegexSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// End of the leading run of `unicode.IsSpace` characters in `range`.
    static func skipSpaces(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = decode(bytes, at: index, end: range.upperBound)
            guard isSpace(scalar) else { break }
            index += width
        }
        return index
    }

    /// Start of the trailing run of `unicode.IsSpace` characters in `range`.
    static func trimTrailingSpaces(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        // From the end while the bytes are ASCII: most lines end in a letter, and decoding the
        // whole line forward for its last character made this the parser's costliest step.
        var tail = range.upperBound
        while tail > range.lowerBound, bytes[tail - 1] < 0x80 {
            let byte = bytes[tail - 1]
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return tail }
            tail -= 1
        }
        if tail == range.lowerBound { return tail }
        var index = range.lowerBound
        var end = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = decode(bytes, at: index, end: range.upperBound)
            index += width
            if !isSpace(scalar) { end = index }
        }
        return end
    }

    /// Go's `strings.TrimSpace` as a range.
    static func trimSpaces(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        let start = skipSpaces(bytes, range)
        let end = trimTrailingSpaces(bytes, start..<range.upperBound)
        return start..<end
    }

    /// Text for a message: control characters shown as escapes so they cannot garble a terminal.
    static func displayable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Go's `strconv.Quote`, which BuildKit's AST dump uses for every value.
enum GoQuote {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value < 0x10000 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// `fmt.Sprintf("%q", []string{...})`.
    static func quoteList(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: " ") + "]"
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
