import DLintCore
@testable import DLintRules
import Testing

/// One of ShellCheck's own cases (`prop_checkBashisms…` in ShellSupport.hs) as a RUN: the
/// heredoc's shebang picks the shell as ShellCheck's does (`#!/bin/sh` on an image dlint does
/// not know is plain POSIX sh).
struct ShellPortabilitySpecCase: CustomTestStringConvertible, Sendable {
    let code: String
    let script: String
    let fires: Bool

    init(_ code: String, _ script: String, fires: Bool) {
        self.code = code
        self.script = script
        self.fires = fires
    }

    var dockerfile: String {
        let body = script.hasPrefix("#!") ? script : "#!/bin/sh\n" + script
        return "FROM example.com/base:1\nRUN <<EOF\n\(body)\nEOF\n"
    }

    var testDescription: String { "\(code) \(fires ? "fires" : "passes"): \(script.replacingOccurrences(of: "\n", with: "⏎"))" }
}

@Suite("POSIX sh family: SC3003, SC3009, SC3010, SC3014, SC3036, SC3037, SC3040, SC3043, SC3046, SC3057, SC3060")
struct ShellPortabilityTests {
    static let shellCheckCases: [ShellPortabilitySpecCase] = [
        .init("SC3046", "source file", fires: true),
        .init("SC3046", "#!/bin/busybox sh\nsource /dev/null", fires: false),
        .init("SC3046", "#!/bin/dash\nsource /dev/null", fires: true),
        .init("SC3014", "[ \"$a\" == 42 ]", fires: true),
        .init("SC3014", "test \"$a\" == 42", fires: true),
        .init("SC3014", "#!/bin/sh\n[ x == y ]", fires: true),
        .init("SC3014", "#!/bin/busybox sh\nx=x\n[ \"$x\" == \"$x\" ]", fires: false),
        .init("SC3009", "echo {a,b}", fires: true),
        .init("SC3009", "echo {1..3}", fires: true),
        .init("SC3010", "[[ -z $var ]]", fires: true),
        .init("SC3010", "#!/bin/busybox sh\nx=x\n[[ \"$x\" = \"$x\" ]]", fires: false),
        .init("SC3043", "#!/bin/sh\nf() { local i=; }", fires: true),
        .init("SC3043", "#!/bin/dash\nf() { local i=; }", fires: false),
        .init("SC3043", "#!/bin/dash\nlocal foo", fires: false),
        .init("SC3037", "echo -n \"Foo: \"", fires: true),
        .init("SC3037", "#!/bin/sh\necho -n foo", fires: true),
        .init("SC3037", "#!/bin/dash\necho -n foo", fires: false),
        .init("SC3036", "#!/bin/dash\necho -n foo", fires: false),
        .init("SC3037", "#!/bin/sh\necho \"-n foo\"", fires: false),
        .init("SC3037", "#!/bin/sh\necho \"-ne foo\"", fires: false),
        .init("SC3037", "#!/bin/sh\necho -Q foo", fires: false),
        .init("SC3037", "#!/bin/sh\necho -ne foo", fires: true),
        .init("SC3036", "#!/bin/busybox sh\necho -ne foo", fires: false),
        .init("SC3036", "#!/bin/dash\necho -ne foo", fires: true),
        .init("SC3040", "#!/bin/sh\nset -v +o allexport -o errexit -C", fires: false),
        .init("SC3040", "#!/bin/sh\nset --", fires: false),
        .init("SC3040", "#!/bin/sh\nset -o pipefail", fires: false),
        .init("SC3040", "#!/bin/busybox sh\nset -o pipefail", fires: false),
        .init("SC3040", "#!/bin/sh\nset -o emacs", fires: true),
        .init("SC3040", "#!/bin/dash\nset -o emacs", fires: false),
        .init("SC3040", "#!/bin/sh\nset -- wget -o foo 'https://some.url'", fires: false),
        .init("SC3040", "#!/bin/sh\nopts=$-\nset -\"$opts\"", fires: false),
        .init("SC3040", "#!/bin/sh\nset -o \"$opt\"", fires: false),
        .init("SC3057", "#!/bin/dash\nx='test'\n${x:0:3}", fires: true),
        .init("SC3057", "#!/bin/busybox sh\nx='test'\n${x:0:3}", fires: false),
        .init("SC3057", "echo ${var:4:12}", fires: true),
        .init("SC3057", "echo ${var:-4}", fires: false),
        .init("SC3060", "#!/bin/dash\nx='test'\n${x/st/xt}", fires: true),
        .init("SC3060", "#!/bin/busybox sh\nx='test'\n${x/st/xt}", fires: false),
        .init("SC3060", "echo ${var//foo/bar}", fires: true),
        .init("SC3003", "#!/bin/dash\n$'a'", fires: false),
        .init("SC3003", "#!/bin/busybox sh\n$'a'", fires: false),
        .init("SC3003", "echo $'a'", fires: true),
        // Not sh at all: bash runs the script.
        .init("SC3046", "#!/bin/bash\nsource file", fires: false),
        .init("SC3010", "#!/usr/bin/env bash\n[[ -z $var ]]", fires: false),
    ]

    @Test("ShellCheck's own cases, as heredoc scripts", arguments: shellCheckCases)
    func shellCheckCase(_ spec: ShellPortabilitySpecCase) {
        #expect(!findingPositions(spec.dockerfile, spec.code).isEmpty == spec.fires)
    }

    @Test("the flavor of sh decides, through FROM chains, SHELL, bash -c payloads and pragmas")
    func flavors() {
        let text = """
            FROM example.com/base:1 AS unknown
            RUN apk add --no-cache curl
            FROM unknown
            RUN source /x
            FROM debian:bookworm
            RUN sh -c 'source /x' && bash -c 'source /y'
            # hadolint shell=/bin/bash
            RUN source /z
            FROM registry.access.redhat.com/ubi9/ubi
            RUN source /w
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            RUN source /v
            """
        // Stage 2 inherits BusyBox ash from its parent's `apk`; bash-as-sh (UBI) has `source`.
        #expect(findingPositions(text, "SC3046").map { [$0.line, $0.column] } == [[6, 12]])
    }

    @Test("positions inside continuations, heredocs and exec-form JSON strings")
    func positions() {
        let text = """
            FROM debian:bookworm
            RUN set -eux; \\
                if [ "$a" == b ]; then \\
                    source /x; \\
                fi
            RUN ["/bin/sh", "-c", "echo \\"x\\" && [ a == b ]"]
            RUN <<EOF
              test x == y
            EOF
            """
        #expect(findingPositions(text, "SC3014").map { [$0.line, $0.column] } == [[3, 15], [6, 42], [8, 10]])
        #expect(findingPositions(text, "SC3046").map { [$0.line, $0.column] } == [[4, 9]])
    }

    @Test("brace expansion spans, and what is not brace expansion")
    func braces() {
        func spans(_ word: String) -> [String] {
            let text = "FROM debian\nRUN echo \(word)\n"
            return findingPositions(text, "SC3009").map(\.text)
        }
        #expect(spans("a{b,c}d") == ["{b,c}"])
        #expect(spans("x{,.bak} {1..10} {a..z}") == ["{,.bak}", "{1..10}", "{a..z}"])
        #expect(spans("{a,{b,c}}") == ["{a,{b,c}}"])
        #expect(spans("{} {a} '{a,b}' \\{a,b} ${x} {..} {a.b}").isEmpty)
        #expect(spans("\"$x\"{a,b}") == ["{a,b}"])
    }

    @Test("SC2039 names the whole family in pragmas and configuration")
    func legacyCode() {
        let text = "FROM debian\n# hadolint ignore=SC2039\nRUN source /x && [ a == b ]\nRUN source /y\n"
        #expect(findingPositions(text, "SC3046").map(\.line) == [4])
        #expect(findingPositions(text, "SC3014").isEmpty)
        var configuration = Configuration()
        configuration.ignored = ["SC3046"]
        let configured = RuleRegistry.linter.lint(Array("FROM debian\nRUN source /x\n".utf8), configuration: configuration)
        #expect(!configured.diagnostics.contains { $0.code == "SC3046" })
        #expect(!RuleRegistry.catalog.isForeignCode("SC3043") && RuleRegistry.catalog.isForeignCode("SC2086") == RuleRegistry.catalog.codes(for: "SC2086").isEmpty)
    }
}
