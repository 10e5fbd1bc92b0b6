import ShellSyntax
import Testing

@Suite struct QueryTests {
    @Test func effectiveCommandSkipsWrappers() {
        let (script, _) = parsed("sudo -E -u root env -i A=1 nice -n 5 apt-get install -y x")
        let invocation = onlySimpleCommand(script)?.effectiveCommand
        #expect(invocation?.commandName == "apt-get")
        #expect(invocation?.wrappers == ["sudo", "env", "nice"])
        #expect(invocation?.arguments.compactMap(\.literalValue) == ["install", "-y", "x"])
        #expect(onlySimpleCommand(script)?.commandName == "sudo")
    }

    @Test func effectiveCommandSkipsXargsTimeoutAndTheirOperands() {
        let (script, _) = parsed("xargs -r -n 1 -I {} timeout -s KILL 10m setsid ionice -c 3 apt-get install {}")
        let invocation = onlySimpleCommand(script)?.effectiveCommand
        #expect(invocation?.commandName == "apt-get")
        #expect(invocation?.wrappers == ["xargs", "timeout", "setsid", "ionice"])
        #expect(invocation?.arguments.compactMap(\.literalValue) == ["install", "{}"])
        // The duration is an operand of timeout, whatever it is; the command after it must be literal.
        let (computed, _) = parsed("timeout \"$T\" apt-get update")
        #expect(onlySimpleCommand(computed)?.effectiveCommand?.commandName == "apt-get")
        let (noCommand, _) = parsed("timeout 10")
        #expect(onlySimpleCommand(noCommand)?.effectiveCommand?.commandName == "timeout")
    }

    @Test func effectiveCommandWithoutWrapper() {
        let (script, _) = parsed("sudo")
        #expect(onlySimpleCommand(script)?.effectiveCommand?.commandName == "sudo")
        #expect(onlySimpleCommand(script)?.effectiveCommand?.wrappers == [])
    }

    @Test func shellCommandStringMapsOffsets() throws {
        let (script, bytes) = parsed("sh -c 'apt-get update && apt-get install -y curl'")
        let word = try #require(onlySimpleCommand(script)?.shellCommandString)
        let inner = try #require(ShellParser.parseCommandString(word, in: bytes))
        #expect(inner.diagnostics.isEmpty)
        #expect(inner.range == 7..<48)
        let second = inner.simpleCommands[1]
        #expect(second.range == 25..<48)
        #expect(second.words.map(\.range) == [25..<32, 33..<40, 41..<43, 44..<48])
        #expect(second.words.map { text($0.range, in: bytes) } == ["apt-get", "install", "-y", "curl"])
    }

    @Test func shellCommandStringWithEscapes() throws {
        let (script, bytes) = parsed(#"sudo bash -o pipefail -euxc "echo \"a b\"; ls \$HOME" name"#)
        let word = try #require(onlySimpleCommand(script)?.shellCommandString)
        let inner = try #require(ShellParser.parseCommandString(word, in: bytes))
        #expect(inner.diagnostics.isEmpty)
        let commands = inner.simpleCommands
        #expect(commands.map(\.commandName) == ["echo", "ls"])
        // Offsets: `sudo bash -o pipefail -euxc "` is 28 bytes.
        #expect(commands[0].words[1].range == 35..<41)
        #expect(commands[0].words[1].literalValue == "a b")
        #expect(commands[1].range == 43..<52)
        #expect(text(commands[1].words[1].range, in: bytes) == "$HOME")
    }

    @Test func diagnosticsInsideCommandStringPointIntoSource() throws {
        let (script, bytes) = parsed("sh -c 'echo \"oops'")
        let word = try #require(onlySimpleCommand(script)?.shellCommandString)
        let inner = try #require(ShellParser.parseCommandString(word, in: bytes))
        #expect(inner.diagnostics.count == 1)
        #expect(inner.diagnostics.first?.range == 12..<17)
    }

    @Test func commandStringWithExpansionIsNotMapped() throws {
        let (script, bytes) = parsed("sh -c \"$CMD\"")
        let word = try #require(onlySimpleCommand(script)?.shellCommandString)
        #expect(ShellParser.parseCommandString(word, in: bytes) == nil)
    }

    @Test func shellRunningAFileHasNoCommandString() {
        #expect(onlySimpleCommand(parsed("sh script.sh -c x").script)?.shellCommandString == nil)
        #expect(onlySimpleCommand(parsed("echo -c x").script)?.shellCommandString == nil)
    }

    @Test func simpleCommandsEverywhereInSourceOrder() {
        let source = """
            A=$(a) b "$(c)" > "$(d)"
            if e; then f; fi
            for x in $(g); do h; done
            case $(i) in j) k;; esac
            l() { m; }
            while n; do o `p`; done
            ( q ) | { r; }
            """
        let (script, _) = parsed(source)
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.map { $0.commandName ?? "-" } == [
            "b", "a", "c", "d", "e", "f", "g", "h", "i", "k", "m", "n", "o", "p", "q", "r",
        ])
    }
}
