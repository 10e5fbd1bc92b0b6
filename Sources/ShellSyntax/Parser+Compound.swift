/// Compound commands and function definitions.
extension Parser {
    /// From a local start position to the end of an already mapped range.
    func range(from start: Int, through end: Range<Int>) -> Range<Int> {
        let lower = span(start, start).lowerBound
        return lower..<max(lower, end.upperBound)
    }

    /// Redirections after a compound command, and the command's full range.
    mutating func finishCompound(start: Int) -> ([Redirection], Range<Int>) {
        var redirections: [Redirection] = []
        var end = pos
        while true {
            skipBlanks()
            guard let redirection = parseRedirectionIfPresent() else { break }
            redirections.append(redirection)
            end = pos
        }
        return (redirections, span(start, end))
    }

    /// Consumes `word` if present; otherwise reports that `opener` is unclosed.
    mutating func expectClosing(_ word: ReservedWord, for opener: String, at openerRange: Range<Int>) {
        if reservedWord() == word {
            _ = consume(word)
        } else {
            diagnose("'\(opener)' without matching '\(word.rawValue)'", openerRange)
        }
    }

    mutating func parseIf() -> Command {
        let start = pos
        let keyword = consume(.if)
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }
        open.ifs += 1
        defer { open.ifs -= 1 }

        var branches: [IfBranch] = []
        var branchStart = keyword
        var elseBody: CommandList?
        while true {
            let condition = parseList()
            var bodyStart = condition.range
            if reservedWord() == .then {
                bodyStart = consume(.then)
            } else {
                diagnose("expected 'then'", span(pos, pos))
            }
            let body = parseList()
            let end = body.items.isEmpty ? bodyStart : body.range
            branches.append(IfBranch(
                condition: condition, body: body,
                range: branchStart.lowerBound..<max(branchStart.lowerBound, end.upperBound)))
            guard reservedWord() == .elif else { break }
            branchStart = consume(.elif)
        }
        if reservedWord() == .else {
            _ = consume(.else)
            elseBody = parseList()
        }
        expectClosing(.fi, for: "if", at: keyword)
        let (redirections, range) = finishCompound(start: start)
        return .ifClause(IfClause(branches: branches, elseBody: elseBody, redirections: redirections, range: range))
    }

    mutating func parseFor() -> Command {
        let start = pos
        let keyword = consume(.for)
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }

        skipBlanks()
        var variable = ""
        var variableRange = span(pos, pos)
        if atWordEnd {
            diagnose("expected a variable name after 'for'", variableRange)
        } else {
            let word = parseWord()
            variable = word.literalValue ?? ""
            variableRange = word.range
            if !Parser.isValidName(variable) {
                diagnose("'for' needs a variable name", word.range)
            }
        }
        skipLinebreaks()
        var words: [Word]?
        if reservedWord() == .in {
            _ = consume(.in)
            var list: [Word] = []
            while true {
                skipBlanks()
                if atWordEnd || peek() == .hash { break }
                list.append(parseWord())
            }
            words = list
            skipComment()
        }
        if peek() == .semicolon {
            pos += 1
        }
        skipLinebreaks()
        let body = parseDoGroup(for: "for", at: keyword)
        let (redirections, range) = finishCompound(start: start)
        return .forClause(ForClause(
            variable: variable, variableRange: variableRange, words: words, body: body,
            redirections: redirections, range: range))
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isNameStart(first) else { return false }
        return name.utf8.allSatisfy(isNameChar)
    }

    mutating func parseWhile(isUntil: Bool) -> Command {
        let start = pos
        let keyword = consume(isUntil ? .until : .while)
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }
        open.loops += 1
        let condition = parseList()
        open.loops -= 1
        let body = parseDoGroup(for: isUntil ? "until" : "while", at: keyword)
        let (redirections, range) = finishCompound(start: start)
        return .whileClause(WhileClause(
            isUntil: isUntil, condition: condition, body: body, redirections: redirections, range: range))
    }

    /// `do … done`, the body of `for`, `while` and `until`.
    mutating func parseDoGroup(for opener: String, at openerRange: Range<Int>) -> CommandList {
        open.loops += 1
        defer { open.loops -= 1 }
        if reservedWord() == .do {
            _ = consume(.do)
        } else {
            diagnose("expected 'do'", span(pos, pos))
        }
        let body = parseList()
        expectClosing(.done, for: opener, at: openerRange)
        return body
    }

    mutating func parseCase() -> Command {
        let start = pos
        let keyword = consume(.case)
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }

        skipBlanks()
        var subject = Word(range: span(pos, pos), parts: [])
        if atWordEnd {
            diagnose("expected a word after 'case'", subject.range)
        } else {
            subject = parseWord()
        }
        skipLinebreaks()
        if reservedWord() == .in {
            _ = consume(.in)
        } else {
            diagnose("expected 'in'", span(pos, pos))
        }

        open.cases += 1
        defer { open.cases -= 1 }
        var items: [CaseItem] = []
        while true {
            skipLinebreaks()
            if atEnd || reservedWord() == .esac || (isAtListStop() && !looking(at: ";")) { break }
            let item = parseCaseItem()
            items.append(item)
            if item.terminator == nil { break }
        }
        expectClosing(.esac, for: "case", at: keyword)
        let (redirections, range) = finishCompound(start: start)
        return .caseClause(CaseClause(subject: subject, items: items, redirections: redirections, range: range))
    }

    mutating func parseCaseItem() -> CaseItem {
        let start = pos
        if peek() == .openParen {
            pos += 1
        }
        var patterns: [Word] = []
        while true {
            skipBlanks()
            if atWordEnd { break }
            patterns.append(parseWord())
            skipBlanks()
            guard peek() == .pipe else { break }
            pos += 1
        }
        if patterns.isEmpty {
            diagnose("expected a case pattern", span(pos, pos))
        }
        if peek() == .closeParen {
            pos += 1
        } else {
            diagnose("expected ')' after case pattern", span(pos, pos))
        }
        let body = parseList()
        var terminator: CaseTerminator?
        for kind in [CaseTerminator.Kind.continueMatching, .break, .fallThrough] {
            let length = kind.rawValue.utf8.count
            if pos + length <= bytes.count && bytes[pos..<pos + length].elementsEqual(kind.rawValue.utf8) {
                terminator = CaseTerminator(kind: kind, range: span(pos, pos + length))
                pos += length
                break
            }
        }
        let end = terminator?.range ?? (body.items.isEmpty ? span(start, pos) : body.range)
        return CaseItem(patterns: patterns, body: body, terminator: terminator, range: range(from: start, through: end))
    }

    mutating func parseBraceGroup() -> Command {
        let start = pos
        let keyword = consume(.openBrace)
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }
        open.braces += 1
        let body = parseList()
        open.braces -= 1
        expectClosing(.closeBrace, for: "{", at: keyword)
        let (redirections, range) = finishCompound(start: start)
        return .braceGroup(BraceGroup(body: body, redirections: redirections, range: range))
    }

    mutating func parseSubshell() -> Command {
        let start = pos
        pos += 1
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }
        open.parens += 1
        let body = parseList()
        open.parens -= 1
        if peek() == .closeParen {
            pos += 1
        } else {
            diagnose("'(' without matching ')'", span(start, start + 1))
        }
        let (redirections, range) = finishCompound(start: start)
        return .subshell(Subshell(body: body, redirections: redirections, range: range))
    }

    /// Whether `()` follows, making the preceding word a function name.
    func atFunctionParentheses() -> Bool {
        var i = pos
        while i < bytes.count && Parser.isBlank(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == .openParen else { return false }
        i += 1
        while i < bytes.count && Parser.isBlank(bytes[i]) { i += 1 }
        return i < bytes.count && bytes[i] == .closeParen
    }

    mutating func parseFunctionWithKeyword() -> Command {
        let start = pos
        let keyword = consume(.function)
        skipBlanks()
        guard !atWordEnd else {
            diagnose("expected a function name", keyword)
            return .error(ErrorCommand(range: keyword))
        }
        let name = parseWord()
        return parseFunctionBody(name: name, start: start, usesKeyword: true)
    }

    mutating func parseFunctionBody(name: Word, start: Int, usesKeyword: Bool) -> Command {
        if atFunctionParentheses() {
            while peek() != .closeParen { pos += 1 }
            pos += 1
        }
        skipLinebreaks()
        guard descend() else { return .error(ErrorCommand(range: span(start, pos))) }
        defer { depth -= 1 }
        let body = parseCommand()
        if case .simple = body {
            diagnose("a function body should be a compound command such as { …; }", body.range)
        }
        return .functionDefinition(FunctionDefinition(
            name: name.literalValue ?? "", nameRange: name.range, usesFunctionKeyword: usesKeyword,
            body: body, range: range(from: start, through: body.range)))
    }
}
