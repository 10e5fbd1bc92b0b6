/// A shell word with its quoting and expansions preserved as parts.
public struct Word: Sendable {
    public let range: Range<Int>
    public let parts: [WordPart]
    /// The word's value after quote removal, or nil when it contains an
    /// expansion whose value is only known at run time. Read once, when the
    /// word is made: rules ask for it of the same words again and again.
    public let literalValue: String?

    public init(range: Range<Int>, parts: [WordPart]) {
        self.range = range
        self.parts = parts
        // Most words are a single piece of text: it is the value, with nothing to join.
        if parts.count == 1 {
            switch parts[0] {
            case .literal(let text, _), .escaped(let text, _), .singleQuoted(let text, _), .ansiCQuoted(let text, _):
                self.literalValue = text
                return
            default:
                break
            }
        }
        var result = ""
        self.literalValue = WordPart.appendLiteralValue(of: parts, to: &result) ? result : nil
    }

    /// Whether any part is quoted or escaped, which (among other things)
    /// suppresses reserved-word, tilde and here-document body expansion.
    public var isQuoted: Bool {
        parts.contains { part in
            switch part {
            case .escaped, .singleQuoted, .doubleQuoted, .ansiCQuoted: true
            default: false
            }
        }
    }

    /// Whether the word contains any parameter, command or arithmetic expansion.
    public var hasExpansion: Bool { literalValue == nil }
}

public enum WordPart: Sendable {
    /// Unquoted text.
    case literal(String, range: Range<Int>)
    /// A backslash and the character it escapes; the string is the character.
    case escaped(String, range: Range<Int>)
    /// `'…'`; the string is the content without the quotes.
    case singleQuoted(String, range: Range<Int>)
    /// `"…"` (or bash's `$"…"`) with its nested parts.
    case doubleQuoted([WordPart], range: Range<Int>)
    /// Bash's `$'…'`; the string is the content with escapes decoded.
    case ansiCQuoted(String, range: Range<Int>)
    /// `$name`, `$1`, `${name…}`.
    /// Boxed, as is `commandSubstitution`: inline, their 72 to 80 bytes would make every part of
    /// every word (mostly short literals) 88 bytes instead of 40.
    indirect case parameter(ParameterExpansion)
    /// `$(…)` or backticks.
    indirect case commandSubstitution(CommandSubstitution)
    /// `$((…))`; the string is the raw expression between the parentheses.
    case arithmetic(String, range: Range<Int>)

    public var range: Range<Int> {
        switch self {
        case .literal(_, let range), .escaped(_, let range), .singleQuoted(_, let range),
             .doubleQuoted(_, let range), .ansiCQuoted(_, let range), .arithmetic(_, let range):
            range
        case .parameter(let p): p.range
        case .commandSubstitution(let c): c.range
        }
    }

    /// Returns false as soon as an expansion makes the value unknowable.
    static func appendLiteralValue(of parts: [WordPart], to result: inout String) -> Bool {
        for part in parts {
            switch part {
            case .literal(let s, _), .escaped(let s, _), .singleQuoted(let s, _), .ansiCQuoted(let s, _):
                result += s
            case .doubleQuoted(let inner, _):
                if !appendLiteralValue(of: inner, to: &result) { return false }
            case .parameter, .commandSubstitution, .arithmetic:
                return false
            }
        }
        return true
    }
}

/// `$name` or `${…}`.
public struct ParameterExpansion: Sendable {
    /// The parameter: a name, digits or a special character (`@`, `#`, …),
    /// including a bash subscript such as `arr[0]`.
    public var name: String
    public var isBraced: Bool
    /// `${#name}`.
    public var isLength: Bool
    /// Bash's `${!name}`.
    public var isIndirect: Bool
    public var op: ParameterOperator?
    /// The word after the operator (empty word for `${x:-}`).
    public var argument: Word?
    public var range: Range<Int>
}

public enum ParameterOperator: String, Sendable, Hashable, CaseIterable {
    case useDefault = ":-"
    case useDefaultIfUnset = "-"
    case assignDefault = ":="
    case assignDefaultIfUnset = "="
    case errorIfNullOrUnset = ":?"
    case errorIfUnset = "?"
    case useAlternative = ":+"
    case useAlternativeIfSet = "+"
    case removeShortestPrefix = "#"
    case removeLongestPrefix = "##"
    case removeShortestSuffix = "%"
    case removeLongestSuffix = "%%"
    case replaceFirst = "/"
    case replaceAll = "//"
    case substring = ":"
    case uppercaseFirst = "^"
    case uppercaseAll = "^^"
    case lowercaseFirst = ","
    case lowercaseAll = ",,"
}

public struct CommandSubstitution: Sendable {
    public var script: ShellScript
    public var isBackquoted: Bool
    public var range: Range<Int>
}
