import ShellSyntax
import Testing

@Suite struct ListTests {
    @Test func andListRangesAndWords() throws {
        let (script, bytes) = parsed("apt-get update && apt-get install -y curl")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.count == 1)
        let andOr = script.items[0].andOr
        #expect(andOr.pipelines.count == 2)
        #expect(andOr.operators.map(\.kind) == [.and])
        #expect(andOr.operators[0].range == 15..<17)
        #expect(andOr.range == 0..<41)
        guard case .simple(let second) = andOr.pipelines[1].commands[0] else {
            Issue.record("expected a simple command")
            return
        }
        #expect(second.range == 18..<41)
        #expect(second.words.map(\.range) == [18..<25, 26..<33, 34..<36, 37..<41])
        #expect(second.words.map(\.literalValue) == ["apt-get", "install", "-y", "curl"])
        #expect(second.commandName == "apt-get")
        #expect(second.arguments.map { text($0.range, in: bytes) } == ["install", "-y", "curl"])
    }

    @Test func separatorsAndAsynchronousItems() {
        let (script, _) = parsed("a; b & c\nd")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.map { $0.separator?.kind } == [.semicolon, .ampersand, .newline, nil])
        #expect(script.items.map(\.separator?.range) == [1..<2, 5..<6, 8..<9, nil])
        #expect(script.items.map(\.isAsynchronous) == [false, true, false, false])
        #expect(script.simpleCommands.map(\.commandName) == ["a", "b", "c", "d"])
    }

    @Test func andOrOperators() {
        let (script, _) = parsed("a || b && c")
        #expect(script.items[0].andOr.operators.map(\.kind) == [.or, .and])
        #expect(script.items[0].andOr.operators.map(\.range) == [2..<4, 7..<9])
    }

    @Test func operatorsMayBeFollowedByNewlines() {
        let (script, _) = parsed("a &&\n  b |\n c")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.count == 1)
        #expect(script.items[0].andOr.pipelines[1].commands.count == 2)
    }

    @Test func pipelinesWithBang() {
        let (script, _) = parsed("! a | b |& c")
        let pipeline = script.items[0].andOr.pipelines[0]
        #expect(pipeline.isNegated)
        #expect(pipeline.bang == 0..<1)
        #expect(pipeline.commands.count == 3)
        #expect(pipeline.operators.map(\.kind) == [.pipe, .pipeWithStandardError])
        #expect(pipeline.operators.map(\.range) == [4..<5, 8..<10])
        #expect(pipeline.range == 0..<12)
    }

    @Test func comments() {
        let (script, _) = parsed("echo a # comment\n# full line\necho b#c")
        #expect(script.diagnostics.isEmpty)
        #expect(script.items.count == 2)
        #expect(script.simpleCommands.map { $0.words.compactMap(\.literalValue) } == [["echo", "a"], ["echo", "b#c"]])
    }

    @Test func reservedWordsOnlyInCommandPosition() {
        let (script, _) = parsed("echo if then fi done }")
        #expect(script.diagnostics.isEmpty)
        #expect(onlySimpleCommand(script)?.words.count == 6)
    }

    @Test func assignmentsAndRedirections() {
        let (script, bytes) = parsed("A=1 B=\"x y\" C= make -j$(nproc) >/dev/null 2>&1")
        #expect(script.diagnostics.isEmpty)
        let commands = script.simpleCommands
        #expect(commands.map(\.commandName) == ["make", "nproc"])
        let make = commands[0]
        #expect(make.assignments.map(\.name) == ["A", "B", "C"])
        #expect(make.assignments.map(\.nameRange) == [0..<1, 4..<5, 12..<13])
        #expect(make.assignments.map(\.range) == [0..<3, 4..<11, 12..<14])
        #expect(make.assignments.map { $0.value?.literalValue } == ["1", "x y", nil])
        #expect(make.words.count == 2)
        #expect(make.words[1].literalValue == nil)
        #expect(make.redirections.map(\.op) == [.output, .duplicateOutput])
        #expect(make.redirections.map(\.fd) == [nil, 2])
        #expect(make.redirections.map { $0.target?.literalValue } == ["/dev/null", "1"])
        #expect(make.redirections.map { text($0.range, in: bytes) } == [">/dev/null", "2>&1"])
        #expect(make.range == 0..<bytes.count)
    }

    @Test func assignmentOnlyAfterCommandNameIsAWord() {
        let (script, _) = parsed("env A=1 run")
        let command = onlySimpleCommand(script)
        #expect(command?.assignments.isEmpty == true)
        #expect(command?.words.compactMap(\.literalValue) == ["env", "A=1", "run"])
    }

    @Test func allRedirectionOperators() {
        let source = "c <in >out >>app 2>err >|clob 3<>rw 0<&3 >&2 &>both &>>both2 <<<str"
        let (script, _) = parsed(source)
        #expect(script.diagnostics.isEmpty)
        let redirections = onlySimpleCommand(script)?.redirections ?? []
        #expect(redirections.map(\.op) == [
            .input, .output, .append, .output, .clobber, .readWrite, .duplicateInput,
            .duplicateOutput, .outputAndError, .appendOutputAndError, .hereString,
        ])
        #expect(redirections.map(\.fd) == [nil, nil, nil, 2, nil, 3, 0, nil, nil, nil, nil])
        #expect(redirections.map { $0.target?.literalValue } == [
            "in", "out", "app", "err", "clob", "rw", "3", "2", "both", "both2", "str",
        ])
    }
}
