import ShellSyntax
import Testing

@Suite struct WordTests {
    @Test func quotesAndExpansions() throws {
        let (script, _) = parsed("echo \"a $(date +%s) b\" 'c' d\\ e ${X:-y} $((1+2))")
        #expect(script.diagnostics.isEmpty)
        let echo = try #require(script.simpleCommands.first)
        #expect(echo.words.map(\.range) == [0..<4, 5..<22, 23..<26, 27..<31, 32..<39, 40..<48])
        #expect(echo.words.map(\.literalValue) == ["echo", nil, "c", "d e", nil, nil])
        #expect(echo.words.map(\.isQuoted) == [false, true, true, true, false, false])

        guard case .doubleQuoted(let inner, let range) = echo.words[1].parts.first else {
            Issue.record("expected a double-quoted part")
            return
        }
        #expect(range == 5..<22)
        #expect(inner.map(\.range) == [6..<8, 8..<19, 19..<21])
        guard case .commandSubstitution(let substitution) = inner[1] else {
            Issue.record("expected a command substitution")
            return
        }
        #expect(!substitution.isBackquoted)
        let date = try #require(onlySimpleCommand(substitution.script))
        #expect(date.range == 10..<18)
        #expect(date.words.map(\.literalValue) == ["date", "+%s"])

        #expect(echo.words[3].parts.map(\.range) == [27..<28, 28..<30, 30..<31])
        guard case .escaped(" ", _) = echo.words[3].parts[1] else {
            Issue.record("expected an escaped space")
            return
        }

        guard case .parameter(let parameter) = echo.words[4].parts.first else {
            Issue.record("expected a parameter expansion")
            return
        }
        #expect(parameter.name == "X")
        #expect(parameter.isBraced)
        #expect(parameter.op == .useDefault)
        #expect(parameter.argument?.range == 37..<38)
        #expect(parameter.argument?.literalValue == "y")

        guard case .arithmetic(let expression, let arithmeticRange) = echo.words[5].parts.first else {
            Issue.record("expected arithmetic")
            return
        }
        #expect(expression == "1+2")
        #expect(arithmeticRange == 40..<48)
        #expect(script.simpleCommands.count == 2)
    }

    @Test func literalValuesAfterQuoteRemoval() {
        let (script, _) = parsed(#"x "--no-cache" 'a b' a\ b "q\"uote" "\d" $'t\tab' ab'c'"d" ''"#)
        #expect(onlySimpleCommand(script)?.words.map(\.literalValue) == [
            "x", "--no-cache", "a b", "a b", "q\"uote", "\\d", "t\tab", "abcd", "",
        ])
    }

    @Test func parameterForms() {
        let (script, _) = parsed("e $1 $@ $# $? $name_1x ${#v} ${!ref} ${a[0]} ${v%%.*} ${v//a/b} ${v:1:2} ${x:-${y:-z w}}")
        #expect(script.diagnostics.isEmpty)
        let parameters = (onlySimpleCommand(script)?.arguments ?? []).compactMap { word -> ParameterExpansion? in
            guard case .parameter(let p) = word.parts.first else { return nil }
            return p
        }
        #expect(parameters.map(\.name) == ["1", "@", "#", "?", "name_1x", "v", "ref", "a[0]", "v", "v", "v", "x"])
        #expect(parameters.map(\.isLength) == [false, false, false, false, false, true, false, false, false, false, false, false])
        #expect(parameters[6].isIndirect)
        #expect(parameters.map(\.op) == [
            nil, nil, nil, nil, nil, nil, nil, nil, .removeLongestSuffix, .replaceAll, .substring, .useDefault,
        ])
        #expect(parameters[9].argument?.literalValue == "a/b")
        guard case .parameter(let nested) = parameters[11].argument?.parts.first else {
            Issue.record("expected a nested expansion")
            return
        }
        #expect(nested.argument?.literalValue == "z w")
    }

    @Test func dollarWithoutExpansionIsLiteral() {
        let (script, _) = parsed("echo $ a$ \"$\" 5$")
        #expect(onlySimpleCommand(script)?.words.map(\.literalValue) == ["echo", "$", "a$", "$", "5$"])
    }

    @Test func nestedCommandSubstitutions() {
        let (script, _) = parsed("echo $(basename $(pwd))")
        #expect(script.diagnostics.isEmpty)
        let commands = script.simpleCommands
        #expect(commands.map(\.commandName) == ["echo", "basename", "pwd"])
        #expect(commands.map(\.range) == [0..<23, 7..<22, 18..<21])
    }

    @Test func subshellInsideSubstitutionIsNotArithmetic() {
        let (script, _) = parsed("x=$( (cd a; pwd) )")
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.map(\.commandName) == [nil, "cd", "pwd"])
    }

    @Test func backquotes() {
        let (script, _) = parsed("echo `date +%s` \"`id -u`\"")
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.map(\.commandName) == ["echo", "date", "id"])
        #expect(script.simpleCommands.map(\.range) == [0..<25, 6..<14, 18..<23])
    }

    @Test func escapedBackquotesMapToOriginalOffsets() {
        let (script, _) = parsed("echo `echo \\`date\\``")
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.map(\.commandName) == ["echo", "echo", "date"])
        #expect(script.simpleCommands[2].range == 13..<17)
    }

    @Test func caseBodiesInsideSubstitution() {
        let (script, _) = parsed("v=$(case $x in a) echo A;; esac)")
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.map(\.commandName) == [nil, "echo"])
    }
}
