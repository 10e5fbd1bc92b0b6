@testable import DockerfileSyntax
import Testing

private func parse(_ text: String) -> SyntaxTree { SyntaxTree(parsing: text) }

private func codes(_ tree: SyntaxTree) -> [String] {
    tree.diagnostics.map { "\($0.code.name)@\(tree.location(of: $0.range.lowerBound))" }
}

@Suite("Instructions")
struct InstructionTests {
    @Test("every instruction of the reference, keywords in any case")
    func kinds() {
        let tree = parse("""
        ARG V=1
        from alpine AS base
        Run echo
        CMD ["a"]
        LABEL a=b
        MAINTAINER me
        EXPOSE 80
        ENV A=b
        ADD a b
        COPY a b
        ENTRYPOINT ["e"]
        VOLUME /v
        USER u
        WORKDIR /w
        ONBUILD RUN x
        STOPSIGNAL SIGKILL
        HEALTHCHECK NONE
        SHELL ["sh", "-c"]

        """)
        #expect(tree.instructions.map(\.kind) == [
            .arg, .from, .run, .cmd, .label, .maintainer, .expose, .env, .add, .copy,
            .entrypoint, .volume, .user, .workdir, .onbuild, .stopsignal, .healthcheck, .shell,
        ])
        #expect(tree.instructions[1].keyword.text == "from")
        #expect(tree.diagnostics.isEmpty)
    }

    @Test("flags keep their raw text and give name and value")
    func flags() {
        let tree = parse("FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\nCOPY --chown=\"app user\" --link a b\n")
        let run = tree.instructions[1]
        #expect(run.flags.map(\.name) == ["mount", "network"])
        #expect(run.flag("mount")?.value == "type=cache,target=/root/.cache")
        #expect(tree.describe(run.flags[1].range) == "2:44 --network=none")
        let copy = tree.instructions[2]
        #expect(copy.flags.map(\.text) == ["--chown=app user", "--link"])
        #expect(copy.flag("link")?.value == nil)
        #expect(tree.describe(copy.flags[0].range) == "3:6 --chown=\"app user\"")
        #expect(BuildKitDump.dump(tree).contains("(copy [\"--chown=app user\" \"--link\"] \"a\" \"b\")"))
    }

    @Test("hasName answers name == expected, on bytes for ASCII flags and by characters otherwise")
    func flagHasName() {
        func flag(_ text: String) -> InstructionFlag {
            InstructionFlag(word: TextSpan(text: text, range: 0..<text.utf8.count, logicalRange: 0..<text.utf8.count))
        }
        let texts = [
            "--mount=type=cache", "--mount", "--mounted", "--moun", "--mount=", "-", "", "--", "--=x", "--link",
            "--mount\r=x", "--moünt=x", "--mount=\u{301}x", "--é=x", "--mount\u{301}", "xxmount=a",
        ]
        for text in texts {
            let candidate = flag(text)
            for expected in ["mount", "link", "", "moünt", "é", "mount=type", "moun"] {
                #expect(candidate.hasName(expected) == (candidate.name == expected), "\(text) named \(expected)")
            }
        }
        #expect(flag("--mount=type=cache").hasName("mount"))
        #expect(!flag("--mounted").hasName("mount"))
    }

    @Test("exec form, shell form and invalid JSON falling back to shell form")
    func execAndShell() {
        let tree = parse("FROM a\nCMD [\"echo\", \"a b\"]\nCMD echo a b\nCMD ['single']\nENTRYPOINT [\"x\",]\n")
        guard case .exec(let exec) = tree.instructions[1].arguments else {
            Issue.record("expected exec form")
            return
        }
        #expect(exec.map(\.text) == ["echo", "a b"])
        #expect(tree.describe(exec[1].range) == "2:14 \"a b\"")
        #expect(tree.instructions[1].isExecForm)
        #expect(!tree.instructions[2].isExecForm)
        #expect(!tree.instructions[3].isExecForm)
        #expect(!tree.instructions[4].isExecForm)
        #expect(codes(tree).isEmpty)
        let kinds = tree.instructions[1].tokenIndices.map { tree.tokens[$0].kind }
        #expect(kinds == [.keyword, .whitespace, .jsonPunctuation, .jsonString, .jsonPunctuation, .whitespace, .jsonString, .jsonPunctuation, .newline])
    }

    @Test("a JSON array holding a non-string is an error")
    func nonStringJSON() {
        #expect(codes(parse("FROM a\nCMD [\"a\", 1]\n")) == ["invalid-arguments@2:11"])
    }

    @Test("ENV and LABEL pairs, legacy form and quoted values")
    func keyValues() {
        let tree = parse("FROM a\nENV A=1 B=\"two words\" C='x y'\nENV LEGACY some value\nLABEL \"quoted key\"=v\n")
        guard case .keyValues(let pairs) = tree.instructions[1].arguments,
              case .keyValues(let legacy) = tree.instructions[2].arguments,
              case .keyValues(let label) = tree.instructions[3].arguments else {
            Issue.record("expected key/value pairs")
            return
        }
        #expect(pairs.map(\.key.text) == ["A", "B", "C"])
        #expect(pairs.map(\.value.text) == ["1", "\"two words\"", "'x y'"])
        #expect(tree.describe(pairs[1].value.range) == "2:11 \"two words\"")
        #expect(legacy.map(\.separator) == [.whitespace])
        #expect(legacy[0].key.text == "LEGACY")
        #expect(tree.describe(legacy[0].value.range) == "3:12 some value")
        #expect(label[0].key.text == "\"quoted key\"")
        let kinds = tree.instructions[1].tokenIndices.map { tree.tokens[$0].kind }
        #expect(kinds.prefix(5) == [.keyword, .whitespace, .key, .assignmentOperator, .value])
    }

    @Test("ARG declarations with and without defaults")
    func args() {
        let tree = parse("ARG A B=2 C=\"x y\"\nFROM a\n")
        guard case .declarations(let declarations) = tree.instructions[0].arguments else {
            Issue.record("expected declarations")
            return
        }
        #expect(declarations.map(\.name.text) == ["A", "B", "C"])
        #expect(declarations.map { $0.defaultValue?.text } == [nil, "2", "\"x y\""])
        #expect(tree.describe(declarations[2].defaultValue!.range) == "1:13 \"x y\"")
    }

    @Test("FROM with platform, registry, repository, tag, digest and stage name")
    func from() {
        let tree = parse("FROM --platform=linux/amd64 registry.example.com:5000/team/app:1.2@sha256:abc AS Build\nFROM ${REG}/app:${TAG:-latest}\nFROM ubuntu\nFROM localhost/x\n")
        let clause = tree.instructions[0].fromClause!
        #expect(clause.platform?.value == "linux/amd64")
        #expect(clause.reference.registry == "registry.example.com:5000")
        #expect(clause.reference.repository == "team/app")
        #expect(clause.reference.tag == "1.2")
        #expect(clause.reference.digest == "sha256:abc")
        #expect(clause.stageName?.text == "Build")
        #expect(tree.describe(clause.stageName!.range) == "1:82 Build")
        #expect(tree.describe(clause.asKeyword!.range) == "1:79 AS")
        let variables = tree.instructions[1].fromClause!.reference
        #expect(variables.registry == "${REG}")
        #expect(variables.repository == "app")
        #expect(variables.tag == "${TAG:-latest}")
        #expect(variables.hasVariables)
        let plain = tree.instructions[2].fromClause!.reference
        #expect(plain.registry == nil && plain.repository == "ubuntu" && plain.tag == nil)
        #expect(tree.instructions[3].fromClause!.reference.registry == "localhost")
    }

    @Test("FROM with the wrong number of arguments or a bad stage name")
    func fromErrors() {
        #expect(codes(parse("FROM a b\n")) == ["invalid-arguments@1:6"])
        #expect(codes(parse("FROM a AS 1x\n")) == ["invalid-arguments@1:11"])
        #expect(codes(parse("FROM\n")) == ["invalid-arguments@1:1"])
    }

    @Test("ONBUILD wraps an instruction")
    func onbuild() {
        let tree = parse("FROM a\nONBUILD COPY --from=x a b\nONBUILD ONBUILD RUN x\n")
        let trigger = tree.instructions[1].trigger
        #expect(trigger?.kind == .copy)
        #expect(trigger?.flag("from")?.value == "x")
        #expect(tree.describe(trigger!.keyword.range) == "2:9 COPY")
        #expect(codes(tree) == ["invalid-onbuild-trigger@3:9"])
    }

    @Test("HEALTHCHECK NONE and HEALTHCHECK with flags and CMD")
    func healthcheck() {
        let tree = parse("FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s --retries=3 CMD [\"curl\", \"-f\", \"x\"]\nHEALTHCHECK CMD curl -f x || exit 1\nHEALTHCHECK NONE x\n")
        guard case .healthcheck(let none, .none) = tree.instructions[1].arguments,
              case .healthcheck(let cmd, .exec(let exec)) = tree.instructions[2].arguments,
              case .healthcheck(_, .shell(let shell)) = tree.instructions[3].arguments else {
            Issue.record("unexpected healthcheck arguments")
            return
        }
        #expect(none.text == "NONE")
        #expect(cmd.text == "CMD")
        #expect(tree.instructions[2].flags.map(\.name) == ["interval", "retries"])
        #expect(exec.map(\.text) == ["curl", "-f", "x"])
        #expect(shell.text == "curl -f x || exit 1")
        #expect(codes(tree) == ["invalid-arguments@5:13"])
    }

    @Test("SHELL, STOPSIGNAL, MAINTAINER, USER and WORKDIR")
    func simpleInstructions() {
        let tree = parse("FROM a\nSHELL [\"pwsh\", \"-Command\"]\nSTOPSIGNAL SIGQUIT\nMAINTAINER Jane <j@x>\nUSER app:app\nWORKDIR /srv/my app\nSHELL pwsh\n")
        #expect(tree.instructions[1].isExecForm)
        guard case .text(let signal) = tree.instructions[2].arguments,
              case .text(let maintainer) = tree.instructions[3].arguments,
              case .text(let workdir) = tree.instructions[5].arguments else {
            Issue.record("expected text arguments")
            return
        }
        #expect(signal.text == "SIGQUIT")
        #expect(maintainer.text == "Jane <j@x>")
        #expect(workdir.text == "/srv/my app")
        #expect(codes(tree) == ["invalid-arguments@7:7"])
    }
}

@Suite("Heredocs")
struct HeredocTests {
    @Test("a heredoc whose body looks like instructions and comments")
    func plain() {
        let tree = parse("FROM a\nRUN <<EOF\nFROM b\n# not a comment\nEOF\nRUN after\n")
        #expect(tree.instructions.map(\.kind) == [.from, .run, .run])
        let heredoc = tree.instructions[1].heredocs[0]
        #expect(heredoc.name == "EOF" && heredoc.expands && !heredoc.chomps)
        #expect(heredoc.body == "FROM b\n# not a comment\n")
        #expect(tree.describe(heredoc.marker.range) == "2:5 <<EOF")
        #expect(tree.describe(heredoc.terminatorRange!) == "5:1 EOF")
        #expect(tree.location(of: tree.instructions[1].fullRange.upperBound) == SourceLocation(line: 5, column: 4))
        #expect(tree.diagnostics.isEmpty)
    }

    @Test("<<- strips tabs before the terminator; quoted names do not expand")
    func chompAndQuotes() {
        let tree = parse("FROM a\nRUN <<-\"EOT\" cat\n\tbody $X\n\tEOT\nCOPY <<'A' <<B /dst/\na\nA\nb\nB\n")
        let run = tree.instructions[1].heredocs[0]
        #expect(run.name == "EOT" && run.chomps && !run.expands)
        #expect(tree.describe(run.terminatorRange!) == "4:2 EOT")
        let copy = tree.instructions[2].heredocs
        #expect(copy.map(\.name) == ["A", "B"])
        #expect(copy.map(\.expands) == [false, true])
        #expect(copy.map(\.body) == ["a\n", "b\n"])
        #expect(tree.diagnostics.isEmpty)
    }

    @Test("a heredoc after a continued line, and with a file descriptor")
    func afterContinuation() {
        let tree = parse("FROM a\nRUN cat \\\n  3<<EOF >/x\nhello\nEOF\n")
        let heredoc = tree.instructions[1].heredocs[0]
        #expect(heredoc.fileDescriptor == 3)
        #expect(tree.describe(heredoc.marker.range) == "3:3 3<<EOF")
        #expect(heredoc.body == "hello\n")
    }

    @Test("an unterminated heredoc is an error at its marker")
    func unterminated() {
        let tree = parse("FROM a\nRUN python3 <<PY\nprint(1)\n")
        #expect(codes(tree) == ["unterminated-heredoc@2:13"])
        #expect(tree.instructions[1].heredocs[0].terminatorRange == nil)
        expectWellFormed(tree)
    }

    @Test("exec form and other instructions take no heredocs")
    func notHeredocs() {
        let tree = parse("FROM a\nRUN [\"cat\", \"<<EOF\"]\nENV X=<<EOF\nRUN echo a<<b\nRUN echo\n")
        #expect(tree.instructions.allSatisfy { $0.heredocs.isEmpty })
        #expect(tree.instructions.count == 5)
    }
}

@Suite("Syntax diagnostics")
struct SyntaxDiagnosticTests {
    @Test("unknown instruction, missing arguments, instruction before FROM")
    func errors() {
        let tree = parse("RUN x\nARG A\nFROM a\nRUNN x\nCOPY one\nEXPOSE\nADD [\"only\"]\n")
        #expect(codes(tree) == [
            "instruction-before-from@1:1", "unknown-instruction@4:1", "invalid-arguments@5:6",
            "invalid-arguments@6:1", "invalid-arguments@7:5",
        ])
        #expect(tree.diagnostics.first { $0.code == .unknownInstruction }?.message == "Unknown instruction 'RUNN'")
    }

    @Test("files without instructions or without FROM")
    func noInstructions() {
        #expect(codes(parse("")) == ["no-instructions@1:1"])
        #expect(codes(parse("# only a comment\n\n")) == ["no-instructions@1:1"])
        #expect(codes(parse("ARG A=1\n")) == ["no-build-stage@1:1"])
    }

    @Test("control characters in messages are escaped")
    func controlCharacters() {
        let tree = SyntaxTree(parsing: Array("FROM a\n".utf8) + [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x0A])
        #expect(tree.diagnostics.first?.message == "Unknown instruction '\\u{1b}[31m'")
    }
}
