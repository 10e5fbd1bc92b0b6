import ShellSyntax
import Testing

@Suite struct CompoundTests {
    func firstCommand(_ script: ShellScript) -> Command? {
        script.items.first?.andOr.pipelines.first?.commands.first
    }

    @Test func ifClause() {
        let source = "if [ -f a ]; then echo yes; elif true; then :; else echo no; fi > log"
        let (script, bytes) = parsed(source)
        #expect(script.diagnostics.isEmpty)
        guard case .ifClause(let clause) = firstCommand(script) else {
            Issue.record("expected if")
            return
        }
        #expect(clause.range == 0..<bytes.count)
        #expect(clause.branches.count == 2)
        #expect(text(clause.branches[0].range, in: bytes) == "if [ -f a ]; then echo yes;")
        #expect(text(clause.branches[1].range, in: bytes) == "elif true; then :;")
        #expect(clause.branches[0].condition.items.count == 1)
        #expect(clause.elseBody?.items.count == 1)
        #expect(clause.redirections.map { $0.target?.literalValue } == ["log"])
        #expect(script.simpleCommands.map(\.commandName) == ["[", "echo", "true", ":", "echo"])
    }

    @Test func forClause() {
        let (script, bytes) = parsed("for f in a 'b c' $D; do rm \"$f\"; done")
        #expect(script.diagnostics.isEmpty)
        guard case .forClause(let clause) = firstCommand(script) else {
            Issue.record("expected for")
            return
        }
        #expect(clause.variable == "f")
        #expect(clause.variableRange == 4..<5)
        #expect(clause.words?.map(\.literalValue) == ["a", "b c", nil])
        #expect(clause.body.items.count == 1)
        #expect(clause.range == 0..<bytes.count)

        let (withoutIn, _) = parsed("for x\ndo :; done")
        #expect(withoutIn.diagnostics.isEmpty)
        guard case .forClause(let bare) = firstCommand(withoutIn) else {
            Issue.record("expected for")
            return
        }
        #expect(bare.words == nil)
    }

    @Test func whileAndUntil() {
        let (script, _) = parsed("while read -r l; do echo \"$l\"; done < file\nuntil false; do break; done")
        #expect(script.diagnostics.isEmpty)
        let loops = script.items.compactMap { item -> WhileClause? in
            guard case .whileClause(let clause) = item.andOr.pipelines[0].commands[0] else { return nil }
            return clause
        }
        #expect(loops.map(\.isUntil) == [false, true])
        #expect(loops[0].redirections.map(\.op) == [.input])
        #expect(loops[0].redirections.first?.target?.literalValue == "file")
        #expect(script.simpleCommands.map(\.commandName) == ["read", "echo", "false", "break"])
    }

    @Test func caseClause() {
        let (script, bytes) = parsed("case $1 in\n  a|b) echo ab ;;\n  (*) echo other;;\nesac")
        #expect(script.diagnostics.isEmpty)
        guard case .caseClause(let clause) = firstCommand(script) else {
            Issue.record("expected case")
            return
        }
        #expect(clause.range == 0..<bytes.count)
        #expect(clause.subject.range == 5..<7)
        #expect(clause.items.map { $0.patterns.map(\.literalValue) } == [["a", "b"], ["*"]])
        #expect(clause.items.map { $0.terminator?.kind } == [.break, .break])
        #expect(text(clause.items[0].range, in: bytes) == "a|b) echo ab ;;")
        #expect(text(clause.items[1].range, in: bytes) == "(*) echo other;;")
        #expect(script.simpleCommands.map { $0.words.compactMap(\.literalValue) } == [["echo", "ab"], ["echo", "other"]])
    }

    @Test func caseWithoutFinalTerminatorAndFallThrough() {
        let (script, _) = parsed("case x in a) one;& b) two;;& c) three\nesac")
        #expect(script.diagnostics.isEmpty)
        guard case .caseClause(let clause) = firstCommand(script) else {
            Issue.record("expected case")
            return
        }
        #expect(clause.items.map { $0.terminator?.kind } == [.fallThrough, .continueMatching, nil])
    }

    @Test func subshellsAndBraceGroups() {
        let (script, bytes) = parsed("(cd /x && make) | tee log; { a; b; } 2>&1 &")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.count == 2)
        guard case .subshell(let subshell) = script.items[0].andOr.pipelines[0].commands[0] else {
            Issue.record("expected subshell")
            return
        }
        #expect(subshell.range == 0..<15)
        #expect(subshell.body.items[0].andOr.pipelines.count == 2)
        guard case .braceGroup(let group) = script.items[1].andOr.pipelines[0].commands[0] else {
            Issue.record("expected brace group")
            return
        }
        #expect(text(group.range, in: bytes) == "{ a; b; } 2>&1")
        #expect(group.redirections.map(\.fd) == [2])
        #expect(script.items[1].isAsynchronous)
        #expect(script.simpleCommands.map(\.commandName) == ["cd", "make", "tee", "a", "b"])
    }

    @Test func functionDefinitions() {
        let (script, bytes) = parsed("f() { echo hi; }\nfunction g { ls; }\nfunction h() (pwd)\nf")
        #expect(script.diagnostics.isEmpty)
        let functions = script.items.compactMap { item -> FunctionDefinition? in
            guard case .functionDefinition(let f) = item.andOr.pipelines[0].commands[0] else { return nil }
            return f
        }
        #expect(functions.map(\.name) == ["f", "g", "h"])
        #expect(functions.map(\.usesFunctionKeyword) == [false, true, true])
        #expect(functions.map { text($0.range, in: bytes) } == ["f() { echo hi; }", "function g { ls; }", "function h() (pwd)"])
        #expect(functions[0].nameRange == 0..<1)
        #expect(script.simpleCommands.map(\.commandName) == ["echo", "ls", "pwd", "f"])
    }

    @Test func hereDocuments() {
        let (script, bytes) = parsed("cat <<EOF > out\nhello $X\nworld\nEOF\necho done\n")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.count == 2)
        let commands = script.simpleCommands
        #expect(commands.map(\.commandName) == ["cat", "echo"])
        #expect(commands[1].range == 35..<44)
        let redirections = commands[0].redirections
        #expect(redirections.map(\.op) == [.hereDocument, .output])
        let hereDocument = redirections[0].hereDocument
        #expect(hereDocument?.delimiter == "EOF")
        #expect(hereDocument?.isQuoted == false)
        #expect(hereDocument?.bodyRange == 16..<31)
        #expect(hereDocument.map { text($0.bodyRange, in: bytes) } == "hello $X\nworld\n")
        #expect(hereDocument?.delimiterLineRange == 31..<34)
        #expect(redirections[0].range == 4..<9)
    }

    @Test func quotedHereDocumentStrippingTabs() {
        let (script, _) = parsed("cat <<-'END'\n\tline\n\tEND\nls")
        #expect(script.diagnostics.isEmpty)
        let hereDocument = script.simpleCommands.first?.redirections.first?.hereDocument
        #expect(hereDocument?.isQuoted == true)
        #expect(hereDocument?.stripsLeadingTabs == true)
        #expect(hereDocument?.delimiter == "END")
        #expect(hereDocument?.bodyRange == 13..<19)
        #expect(hereDocument?.delimiterLineRange == 19..<23)
        #expect(script.simpleCommands.map(\.commandName) == ["cat", "ls"])
    }

    @Test func twoHereDocumentsOnOneLine() {
        let (script, _) = parsed("cat <<A <<\"B\" | sort\na\nA\nb\nB\necho x")
        #expect(script.diagnostics.isEmpty)
        let redirections = script.simpleCommands.first?.redirections ?? []
        #expect(redirections.map { $0.hereDocument?.bodyRange } == [21..<23, 25..<27])
        #expect(script.simpleCommands.map(\.commandName) == ["cat", "sort", "echo"])
        #expect(script.simpleCommands.last?.range == 29..<35)
    }

    @Test func unterminatedHereDocument() {
        let (script, bytes) = parsed("cat <<EOF\nnever ends")
        #expect(script.diagnostics.count == 1)
        #expect(script.simpleCommands.first?.redirections.first?.hereDocument?.bodyRange == 10..<bytes.count)
    }
}
