/// A command in a pipeline.
///
/// A simple command is one reference already (`SimpleCommand` boxes its fields) and needs no box of
/// its own; the compound commands are boxed, so that a command stays one reference in size.
public enum Command: Sendable {
    case simple(SimpleCommand)
    indirect case subshell(Subshell)
    indirect case braceGroup(BraceGroup)
    indirect case ifClause(IfClause)
    indirect case forClause(ForClause)
    indirect case whileClause(WhileClause)
    indirect case caseClause(CaseClause)
    indirect case functionDefinition(FunctionDefinition)
    /// Something that could not be parsed as a command; a diagnostic explains why.
    indirect case error(ErrorCommand)

    public var range: Range<Int> {
        switch self {
        case .simple(let c): c.range
        case .subshell(let c): c.range
        case .braceGroup(let c): c.range
        case .ifClause(let c): c.range
        case .forClause(let c): c.range
        case .whileClause(let c): c.range
        case .caseClause(let c): c.range
        case .functionDefinition(let c): c.range
        case .error(let c): c.range
        }
    }

    /// Redirections applying to the whole command.
    public var redirections: [Redirection] {
        switch self {
        case .simple(let c): c.redirections
        case .subshell(let c): c.redirections
        case .braceGroup(let c): c.redirections
        case .ifClause(let c): c.redirections
        case .forClause(let c): c.redirections
        case .whileClause(let c): c.redirections
        case .caseClause(let c): c.redirections
        case .functionDefinition(let c): c.body.redirections
        case .error: []
        }
    }
}

/// `A=1 cmd arg >out`: assignments come first; redirections may appear
/// anywhere and are collected separately from the words.
public struct SimpleCommand: Sendable {
    /// The fields live in one shared box: rules copy commands all the time (into events, out of
    /// `ShellCommand`), and a copy is then one reference, not five arrays.
    private final class Storage: Sendable {
        let assignments: [Assignment]
        let words: [Word]
        let redirections: [Redirection]
        let range: Range<Int>
        let effectiveCommand: CommandInvocation?
        let shellCommandString: Word?

        init(assignments: [Assignment], words: [Word], redirections: [Redirection], range: Range<Int>) {
            self.assignments = assignments
            self.words = words
            self.redirections = redirections
            self.range = range
            let effectiveCommand = SimpleCommand.effectiveCommand(of: words)
            self.effectiveCommand = effectiveCommand
            self.shellCommandString = SimpleCommand.shellCommandString(of: effectiveCommand)
        }
    }

    private let storage: Storage

    public var assignments: [Assignment] { storage.assignments }
    public var words: [Word] { storage.words }
    public var redirections: [Redirection] { storage.redirections }
    public var range: Range<Int> { storage.range }
    /// The command run once wrappers such as `sudo`, `env` or `nice` are looked through; found
    /// once here because dozens of rules ask for it (see `Queries.swift`).
    public var effectiveCommand: CommandInvocation? { storage.effectiveCommand }
    var storedShellCommandString: Word? { storage.shellCommandString }

    public init(assignments: [Assignment], words: [Word], redirections: [Redirection], range: Range<Int>) {
        storage = Storage(assignments: assignments, words: words, redirections: redirections, range: range)
    }

    public var name: Word? { storage.words.first }
    public var arguments: ArraySlice<Word> { storage.words.dropFirst() }
}

/// `NAME=value` or bash's `NAME+=value` before a command name.
public struct Assignment: Sendable {
    public var name: String
    public var nameRange: Range<Int>
    public var isAppend: Bool
    /// Nil for `NAME=` with nothing after it. A bash array value `NAME=(a b)`
    /// is kept as one literal word including the parentheses.
    public var value: Word?
    public var range: Range<Int>
}

public enum RedirectionOperator: String, Sendable, Hashable, CaseIterable {
    case input = "<"
    case output = ">"
    case append = ">>"
    case clobber = ">|"
    case readWrite = "<>"
    case duplicateInput = "<&"
    case duplicateOutput = ">&"
    case outputAndError = "&>"
    case appendOutputAndError = "&>>"
    case hereDocument = "<<"
    case hereDocumentStrippingTabs = "<<-"
    case hereString = "<<<"
}

public struct Redirection: Sendable {
    /// The explicit file descriptor, as in `2>&1`.
    public var fd: Int?
    public var op: RedirectionOperator
    public var opRange: Range<Int>
    /// The file or descriptor word; for here-documents, the delimiter word.
    /// Nil only when missing from the input (with a diagnostic).
    public var target: Word?
    public var hereDocument: HereDocument?
    /// From the fd (or operator) to the end of the target; a here-document
    /// body is not included, see `hereDocument.bodyRange`.
    public var range: Range<Int>
}

public struct HereDocument: Sendable {
    /// The delimiter after quote removal.
    public var delimiter: String
    /// A quoted delimiter (`<<'EOF'`, `<<"EOF"`, `<<\EOF`) means the body is
    /// taken literally, without expansions.
    public var isQuoted: Bool
    public var stripsLeadingTabs: Bool
    /// The body's lines, excluding the terminating delimiter line.
    public var bodyRange: Range<Int>
    /// The terminating delimiter line, nil when the input ended first.
    public var delimiterLineRange: Range<Int>?
}

public struct Subshell: Sendable {
    public var body: CommandList
    public var redirections: [Redirection]
    public var range: Range<Int>
}

public struct BraceGroup: Sendable {
    public var body: CommandList
    public var redirections: [Redirection]
    public var range: Range<Int>
}

/// `if`, then any `elif`s, as branches in order, plus an optional `else`.
public struct IfClause: Sendable {
    public var branches: [IfBranch]
    public var elseBody: CommandList?
    public var redirections: [Redirection]
    public var range: Range<Int>
}

public struct IfBranch: Sendable {
    public var condition: CommandList
    public var body: CommandList
    /// From the `if`/`elif` keyword to the end of the body.
    public var range: Range<Int>
}

public struct ForClause: Sendable {
    public var variable: String
    public var variableRange: Range<Int>
    /// Nil when there is no `in` (iterating over "$@").
    public var words: [Word]?
    public var body: CommandList
    public var redirections: [Redirection]
    public var range: Range<Int>
}

public struct WhileClause: Sendable {
    public var isUntil: Bool
    public var condition: CommandList
    public var body: CommandList
    public var redirections: [Redirection]
    public var range: Range<Int>
}

public struct CaseClause: Sendable {
    public var subject: Word
    public var items: [CaseItem]
    public var redirections: [Redirection]
    public var range: Range<Int>
}

public struct CaseItem: Sendable {
    public var patterns: [Word]
    public var body: CommandList
    /// Nil for a last item closed directly by `esac`.
    public var terminator: CaseTerminator?
    public var range: Range<Int>
}

public struct CaseTerminator: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case `break` = ";;"
        case fallThrough = ";&"
        case continueMatching = ";;&"
    }

    public var kind: Kind
    public var range: Range<Int>
}

/// `name() body` or `function name [()] body`.
public struct FunctionDefinition: Sendable {
    public var name: String
    public var nameRange: Range<Int>
    public var usesFunctionKeyword: Bool
    public var body: Command
    public var range: Range<Int>
}

public struct ErrorCommand: Sendable {
    public var range: Range<Int>
}
