/// A problem found while parsing. The parser never fails: it records a
/// diagnostic, produces the best tree it can and carries on.
public struct ShellDiagnostic: Sendable, Hashable {
    public var message: String
    /// Byte offsets into the original input.
    public var range: Range<Int>

    public init(message: String, range: Range<Int>) {
        self.message = message
        self.range = range
    }
}

/// A parsed script: the top-level input, the body of a `$(…)` or backtick
/// substitution, or the operand of `sh -c`.
public struct ShellScript: Sendable {
    public var body: CommandList
    /// Every diagnostic found in this script, including those inside nested
    /// substitutions (which also appear in the nested script's own list).
    public var diagnostics: [ShellDiagnostic]
    public var range: Range<Int>

    public var items: [ListItem] { body.items }
}

/// A sequence of and-or lists, as found at top level and in the bodies of
/// compound commands.
public struct CommandList: Sendable {
    public var items: [ListItem]
    public var range: Range<Int>
}

/// One and-or list plus the separator that ended it, if any. The separator
/// tells whether the next item runs after this one (`;`, newline) or
/// concurrently (`&`).
public struct ListItem: Sendable {
    public var andOr: AndOrList
    public var separator: ListSeparator?
    /// The and-or list's range; the separator has its own.
    public var range: Range<Int>

    public var isAsynchronous: Bool { separator?.kind == .ampersand }
}

public struct ListSeparator: Sendable {
    public enum Kind: Sendable, Hashable {
        case semicolon
        case ampersand
        case newline
    }

    public var kind: Kind
    public var range: Range<Int>
}

/// Pipelines joined by `&&` / `||`; `operators[i]` sits between
/// `pipelines[i]` and `pipelines[i + 1]`.
public struct AndOrList: Sendable {
    public var pipelines: [Pipeline]
    public var operators: [LogicalOperator]
    public var range: Range<Int>
}

public struct LogicalOperator: Sendable {
    public enum Kind: Sendable, Hashable {
        case and
        case or
    }

    public var kind: Kind
    public var range: Range<Int>
}

/// Commands joined by `|` / `|&`; `operators[i]` sits between `commands[i]`
/// and `commands[i + 1]`.
public struct Pipeline: Sendable {
    /// The range of a leading `!`, if present.
    public var bang: Range<Int>?
    public var commands: [Command]
    public var operators: [PipeOperator]
    public var range: Range<Int>

    public var isNegated: Bool { bang != nil }
}

public struct PipeOperator: Sendable {
    public enum Kind: Sendable, Hashable {
        case pipe
        /// `|&`, which also pipes standard error.
        case pipeWithStandardError
    }

    public var kind: Kind
    public var range: Range<Int>
}
