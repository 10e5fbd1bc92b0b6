@testable import DLintRules
import DLintCore
import Testing

/// The byte-level fast paths the rules take must answer as the character-level tests they stand
/// in for, on the texts where bytes and characters differ: CR LF (one character), combining
/// marks after an ASCII byte, non-ASCII letters that lower-case to ASCII.
struct RuleFastPathTests {
    static let texts = [
        "", "curl", "curl=8.5", "curl~8", "a<b", "x>", "=", "\r\n", "a\r\nb", "a\nb", "a\tb", "a b", "*", "[x]",
        "=\u{301}", "a=\u{301}b", "é=", "caf\u{E9}", "\u{212A}EY", "\r", "\r=", "{,}", "a{b", "ok,",
    ]

    @Test func asciiCharacterSearchAgreesWithCharacters() {
        for text in Self.texts {
            #expect(text.containsASCIICharacter(in: "=~<>") == text.contains { "=~<>".contains($0) }, "\(text.debugDescription)")
            #expect(text.containsASCIICharacter(in: "*?[] \t\n") == text.contains { "*?[] \t\n".contains($0) }, "\(text.debugDescription)")
            #expect(text.containsASCIICharacter(in: "*?[{,") == text.contains { "*?[{,".contains($0) }, "\(text.debugDescription)")
            #expect(text.containsASCIICharacter(in: "\r") == text.contains { "\r".contains($0) }, "\(text.debugDescription)")
        }
    }

    @Test func commandsThatMayRunAProgramAreThoseTheFilterKeeps() {
        let model = DockerfileModel(tree: SyntaxTree(parsing: """
        FROM debian
        RUN which a && /usr/bin/which b
        RUN sudo which c; echo which
        RUN mkdir -p x && env FOO=1 find . && ./find
        SHELL ["pwsh", "-c"]
        RUN which d

        """))
        for programs: Set<String> in [["which"], ["find"], ["mkdir"], ["curl"], ["which", "find"]] {
            let expected = model.runs.flatMap(ShellCheckScripts.commands(of:)).filter { command in
                guard let name = command.command.commandName else { return false }
                return programs.contains(name) || ShellCheckScripts.wrappers.contains(name)
                    || name.contains("/") && programs.contains(PathText.basename(name))
            }
            #expect(model.shellCheckCommands(mayRun: programs).map(\.fileRange) == expected.map(\.fileRange), "\(programs)")
        }
        #expect(model.shellCheckCommands(mayRun: ["which"]).count == 4)
    }

    @Test func subscriptIsCutAtTheFirstBracket() {
        for name in ["arr", "arr[0]", "a[b][c]", "[x", "", "a\u{301}[1]", "x[\u{301}]"] {
            #expect(name.withoutSubscript == String(name.prefix { $0 != "[" }), "\(name.debugDescription)")
        }
    }

    @Test func assignmentNamesAgreeWithCharacters() {
        func byCharacters(_ text: String) -> Bool {
            guard let first = text.first, first == "_" || first.isLetter else { return false }
            return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
        for name in ["PATH", "_x1", "1x", "", "a-b", "a\r\nb", "\r\n", "é", "aé", "A_B_C", "x y", "Z9"] {
            #expect(AssignmentSite.isName(name) == byCharacters(name), "\(name.debugDescription)")
        }
    }

    @Test func secretWordPrefilterKeepsEverySecretName() {
        for name in ["API_KEY", "apikey", "GITHUB_TOKEN", "DB_PASSWORD", "passwd", "AUTH", "my_credentials", "PWORD", "CLIENT_SECRET", "\u{212A}EY"] {
            #expect(SecretsInArgOrEnv.mayHoldSecretWord(name), "\(name)")
        }
        for name in ["PATH", "USERNAME", "KEYCLOAK_URL", "HOME", "NODE_VERSION"] {
            #expect(SecretsInArgOrEnv.isSecretLike(name) == (SecretsInArgOrEnv.mayHoldSecretWord(name) && SecretsInArgOrEnv.isSecretLike(name)))
        }
        #expect(!SecretsInArgOrEnv.mayHoldSecretWord("NODE_VERSION"))
    }

    @Test func forLoopPrefilter() {
        #expect(BraceExpansionInSh.mayHoldForLoop(Array("for i in {1..3}; do :; done".utf8)))
        #expect(!BraceExpansionInSh.mayHoldForLoop(Array("echo {a,b}".utf8)))
        #expect(!BraceExpansionInSh.mayHoldForLoop(Array("fo".utf8)))
    }
}
