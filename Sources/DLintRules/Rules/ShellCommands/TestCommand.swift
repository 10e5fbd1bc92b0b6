import DLintCore

/// The expression of a test command, `[ … ]` or `[[ … ]]`, without the brackets. (ShellCheck
/// parses only these as test expressions; `test …` is an ordinary command to it.)
struct TestExpression {
    let words: ArraySlice<Word>

    init?(_ command: SimpleCommand) {
        guard let name = command.commandName else { return nil }
        let words = command.words
        switch name {
        case "[":
            guard words.count >= 2, words.last?.literalValue == "]" else { return nil }
            self.words = words.dropFirst().dropLast()
        case "[[":
            guard words.count >= 2, words.last?.literalValue == "]]" else { return nil }
            self.words = words.dropFirst().dropLast()
        default:
            return nil
        }
    }

    /// The expression without leading `!`s and one pair of enclosing parentheses: the single
    /// test it is, if it is only one.
    var core: ArraySlice<Word> {
        var rest = words
        while let first = rest.first, first.literalValue == "!" { rest = rest.dropFirst() }
        if rest.count >= 2, rest.first?.literalValue == "(" || rest.first?.literalValue == "\\(",
           rest.last?.literalValue == ")" || rest.last?.literalValue == "\\)" {
            rest = rest.dropFirst().dropLast()
        }
        return rest
    }
}

extension Word {
    /// `$?`, `${?}`, `"$?"`.
    var isExitStatus: Bool {
        func only(_ parts: [WordPart]) -> Bool {
            guard parts.count == 1 else { return false }
            switch parts[0] {
            case .parameter(let parameter): return parameter.name == "?" && parameter.op == nil && !parameter.isLength
            case .doubleQuoted(let inner, _): return only(inner)
            default: return false
            }
        }
        return only(parts)
    }
}
