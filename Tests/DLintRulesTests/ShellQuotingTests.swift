import DLintCore
@testable import DLintRules
import Testing

/// A RUN script and the columns (on the RUN's line, 1-based) where a code must report; empty:
/// nothing. Most come from the `prop_` cases of ShellCheck's Parser.hs and Analytics.hs for the
/// check, and were run through ShellCheck 0.11 to confirm the columns.
struct ShellQuotingCase: Sendable, CustomTestStringConvertible {
    let code: String
    let script: String
    let columns: [Int]
    var shell = "/bin/sh"
    var testDescription: String { "\(code): \(script)" }
}

private let shellQuotingCases: [ShellQuotingCase] = [
    // SC1001: readNormalEscaped.
    ShellQuotingCase(code: "SC1001", script: #"echo \o"#, columns: [6]),
    ShellQuotingCase(code: "SC1001", script: #"grep -E ^\s+foo /etc/hosts && sed -e s/\//x/ /etc/hosts"#, columns: [10, 40]),
    ShellQuotingCase(code: "SC1001", script: #"grep \= x"#, columns: [6]),
    ShellQuotingCase(code: "SC1001", script: ##"echo \$HOME \* \? \  \. \, \~ \# \{ \} \[ \] \! \@ \+ \; \| \& \( \) \< \> \" \' \\"##, columns: []),
    ShellQuotingCase(code: "SC1001", script: #"echo \n \t \r"#, columns: []),  // SC1012
    ShellQuotingCase(code: "SC1001", script: #"echo "\o" '\o' $'\o'"#, columns: [], shell: "/bin/bash"),
    ShellQuotingCase(code: "SC1001", script: #"echo \o 'x"#, columns: []),  // a parse error drops the note
    // SC1003: readSingleEscaped.
    ShellQuotingCase(code: "SC1003", script: #"echo 'foo bar\'"#, columns: [14]),
    ShellQuotingCase(code: "SC1003", script: #"echo 'Dont\'t panic' > /etc/motd"#, columns: [11]),  // kept before the parse error
    ShellQuotingCase(code: "SC1003", script: #"echo 'a\' 'x'y 'b"#, columns: [8]),
    ShellQuotingCase(code: "SC1003", script: #"echo 'it'\''s' "a\'" 'C:\dir'"#, columns: []),
    ShellQuotingCase(code: "SC1003", script: #"echo $'it\'s'"#, columns: [], shell: "/bin/bash"),
    // SC1083: readLiteralCurlyBraces and readBraced.
    ShellQuotingCase(code: "SC1083", script: "echo {a} && echo {} && echo {a,b} {1..3} && { echo x; } && echo foo}", columns: [6, 8, 68]),
    ShellQuotingCase(code: "SC1083", script: "docker inspect -f {{.Id}} x", columns: [19, 20, 24, 25]),
    ShellQuotingCase(code: "SC1083", script: "echo ${foo}}", columns: [12]),
    ShellQuotingCase(code: "SC1083", script: "echo foo/{}", columns: []),
    ShellQuotingCase(code: "SC1083", script: #"echo {1..4} {foo,bar,"baz lol"} {1,\},2} {1,{2,3}} {JP{,E}G,jp{,e}g} {foo,bar,$((${var}))} x{,.bak}"#, columns: []),
    ShellQuotingCase(code: "SC1083", script: "echo {foo}", columns: [6, 10]),
    ShellQuotingCase(code: "SC1083", script: "awk '{print $1}' f && echo \\{x\\} \"{\"", columns: []),
    ShellQuotingCase(code: "SC1083", script: "echo {a} 'x", columns: [6, 8]),  // kept before the parse error
    // SC2026: checkInexplicablyUnquoted.
    ShellQuotingCase(code: "SC2026", script: "echo 'var='value';'", columns: [12]),
    ShellQuotingCase(code: "SC2026", script: "echo 'foo'*", columns: []),
    ShellQuotingCase(code: "SC2026", script: "wget --user-agent='something'", columns: []),
    ShellQuotingCase(code: "SC2026", script: "echo 'a'b-c 'a'\"b\" 'a''b' 'a'$x", columns: []),
    ShellQuotingCase(code: "SC2026", script: "echo 'a'b2 x", columns: [9]),
]

@Suite("Shell quoting checks (SC1001, SC1003, SC1083, SC2026)")
struct ShellQuotingTests {
    @Test("ShellCheck's cases, at ShellCheck's columns", arguments: shellQuotingCases)
    func shellCheckCases(_ specCase: ShellQuotingCase) {
        // `RUN ` before the script shifts every column by 4.
        let text = "FROM debian\nSHELL [\"\(specCase.shell)\", \"-c\"]\nRUN \(specCase.script)\n"
        let found = findingPositions(text, specCase.code)
        #expect(found.allSatisfy { $0.line == 3 })
        #expect(found.map { $0.column - 4 } == specCase.columns)
    }

    @Test("positions on continuation lines, past comment lines, in heredocs, exec-form JSON and sh -c payloads")
    func positions() {
        let text = """
        FROM alpine:3.20
        RUN echo a \\
        # a comment
            && grep \\s x
        RUN <<EOF
        echo {x}
        echo 'a'b
        EOF
        RUN ["/bin/sh", "-c", "echo 'it\\\\'"]
        RUN sh -c 'echo {y}'

        """
        #expect(findingPositions(text, "SC1001").map { [$0.line, $0.column] } == [[4, 13]])
        #expect(findingPositions(text, "SC1083").map { [$0.line, $0.column] } == [[6, 6], [6, 8], [10, 17], [10, 19]])
        #expect(findingPositions(text, "SC2026").map { [$0.line, $0.column, $0.text.count] } == [[7, 9, 1]])
        // The JSON string `echo 'it\\'` decodes to `echo 'it\'`: the finding covers the escape `\\` and the quote.
        #expect(findingPositions(text, "SC1003").map { [$0.line, $0.column] } == [[9, 32]])
        #expect(findingPositions(text, "SC1003").map(\.text) == [#"\\'"#])
    }

    @Test("Windows images, PowerShell and bash array values are not checked")
    func exempt() {
        #expect(findingPositions("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN mkdir c:\\config\n", "SC1001").isEmpty)
        #expect(findingPositions("FROM debian\nSHELL [\"pwsh\", \"-c\"]\nRUN echo {a}\n", "SC1083").isEmpty)
        #expect(findingPositions("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN A=(\"x-${V}\" b) && echo \"${A[@]}\"\n", "SC1083").isEmpty)
    }

    @Test("# hadolint ignore= and ignored: suppress them")
    func suppression() {
        #expect(findingPositions("FROM debian\n# hadolint ignore=SC1083\nRUN echo {a}\n", "SC1083").isEmpty)
        var configuration = Configuration()
        configuration.ignored.insert("SC2026")
        let result = RuleRegistry.linter.lint(Array("FROM debian\nRUN echo 'a'b\n".utf8), configuration: configuration)
        #expect(!result.diagnostics.contains { $0.code == "SC2026" })
    }

    /// The fuzzer's crash (Fixtures/fuzz/brace-after-invalid-utf8.Dockerfile): braces were placed by
    /// the literal's decoded string, in which each byte that is not UTF-8 became a 3-byte U+FFFD,
    /// so they landed past the end of the script.
    @Test("A brace after bytes that are not UTF-8 is reported where it is")
    func braceAfterInvalidUTF8() {
        let bytes = Array("FROM alpine\nRUN echo ".utf8) + [0xFF, 0xFF, 0xFF, 0xFF] + Array("}\nRUN cp ".utf8)
            + [0xFF, 0xFE] + Array("{a,b} /tmp\nRUN echo é}\n".utf8)
        let result = RuleRegistry.linter.lint(bytes)
        let braces = result.diagnostics.filter { ["SC1083", "SC3009"].contains($0.code) }.map { diagnostic in
            [diagnostic.code, String(decoding: bytes[diagnostic.range], as: UTF8.self)]
        }
        #expect(braces == [["SC1083", "}"], ["SC3009", "{a,b}"], ["SC1083", "}"]])
    }
}
