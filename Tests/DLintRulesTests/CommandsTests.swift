import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of a hadolint spec: the Dockerfile and whether dlint reports the code.
struct CommandSpecCase: CustomTestStringConvertible, Sendable {
    let code: String
    let name: String
    let dockerfile: String
    let fires: Bool

    init(_ code: String, _ name: String, _ dockerfile: String, fires: Bool) {
        self.code = code
        self.name = name
        self.dockerfile = dockerfile
        self.fires = fires
    }

    var testDescription: String { "\(code) \(name)" }
}

private func lint(_ text: String, configuration: Configuration = Configuration()) -> LintResult {
    RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration)
}

private let hadolintSpecs: [CommandSpecCase] = [
    // DL3059Spec.hs
    .init("DL3059", "ok with no RUN at all", "FROM debian:10", fires: false),
    .init("DL3059", "ok with one RUN", "RUN /foo.sh", fires: false),
    .init("DL3059", "ok with two not consecutive RUN", "RUN /foo.sh\nWORKDIR /\nRUN /bar.sh", fires: false),
    .init("DL3059", "not ok with two consecutive RUNs", "RUN /foo.sh\nRUN /bar.sh", fires: true),
    .init("DL3059", "not ok with two RUNs separated by a comment", "RUN /foo.sh\n# a comment\nRUN /bar.sh", fires: true),
    .init("DL3059", "not ok with two RUNs separated by two comments", "RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh", fires: true),
    .init("DL3059", "ok with one RUN after a comment", "# a comment\nRUN /foo.sh", fires: false),
    .init("DL3059", "ok when flags are different 1", "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh", fires: false),
    .init("DL3059", "ok when flags are different 2", "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n", fires: false),
    .init("DL3059", "not ok when flags are equal", "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n", fires: true),
    .init("DL3059", "ok when commands are chained 1", "RUN foo && bar\nRUN foobar\n", fires: false),
    .init("DL3059", "ok when commands are chained 2", "RUN foo; bar\nRUN foobar\n", fires: false),
    .init("DL3059", "ok when commands are chained 3", "RUN foobar\nRUN foo && bar\n", fires: false),
    .init("DL3059", "ok when commands are chained 4", "RUN foobar\nRUN foo; bar\n", fires: false),
    .init("DL3059", "ok when commands are chained 5", "RUN foo && bar\nRUN foo; bar\n", fires: false),
    .init("DL3059", "not ok when more than one RUN has just one command in a row", "RUN foo && bar\nRUN foo\nRUN bar\n", fires: true),
    // DL3003Spec.hs
    .init("DL3003", "ok using WORKDIR", "WORKDIR /opt", fires: false),
    .init("DL3003", "not ok using cd", "RUN cd /opt", fires: true),
    // DL3001Spec.hs
    .init("DL3001", "invalid cmd", "RUN top", fires: true),
    .init("DL3001", "invalid cmd (ONBUILD)", "ONBUILD RUN top", fires: true),
    .init("DL3001", "install ssh", "RUN apt-get install ssh", fires: false),
    .init("DL3001", "install ssh (ONBUILD)", "ONBUILD RUN apt-get install ssh", fires: false),
    // DL3046Spec.hs
    .init("DL3046", "ok with useradd alone", "RUN useradd luser", fires: false),
    .init("DL3046", "ok with useradd short uid", "RUN useradd -u 12345 luser", fires: false),
    .init("DL3046", "ok with useradd long uid and flag -l", "RUN useradd -l -u 123456 luser", fires: false),
    .init("DL3046", "ok with useradd and just flag -l", "RUN useradd -l luser", fires: false),
    .init("DL3046", "warn when useradd and long uid without flag -l", "RUN useradd -u 123456 luser", fires: true),
    // DL3047Spec.hs
    .init("DL3047", "warns when using wget without --progress option", "FROM node as foo\nRUN wget my.xyz\n", fires: true),
    .init("DL3047", "does not warn when running with --progress option", "FROM node as foo\nRUN wget --progress=dot:giga my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -q", "FROM node as foo\nRUN wget -q my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --quiet", "FROM node as foo\nRUN wget --quiet my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -nv", "FROM node as foo\nRUN wget -nv my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --no-verbose", "FROM node as foo\nRUN wget --no-verbose my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --output-file", "FROM node as foo\nRUN wget --output-file=/tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -o", "FROM node as foo\nRUN wget -o /tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --append-output", "FROM node as foo\nRUN wget --append-output=/tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -a", "FROM node as foo\nRUN wget -a /tmp/wget.log my.xyz\n", fires: false),
    // DL4001Spec.hs
    .init("DL4001", "warns when using both wget and curl", "FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n", fires: true),
    .init("DL4001", "warns when using both wget and curl in same instruction", "FROM node as foo\nRUN wget my.xyz && curl localhost\n", fires: true),
    .init("DL4001", "does not warn when using only wget", "FROM node as foo\nRUN wget my.xyz\n", fires: false),
    .init("DL4001", "does not warn when using both curl and wget in different stages", "FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n", fires: false),
    .init("DL4001", "warns when using both, on a single stage", "FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n", fires: true),
    .init("DL4001", "only warns on the relevant RUN instruction", "FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n", fires: true),
    .init("DL4001", "only warns on many relevant RUN instructions", "FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n", fires: true),
    // DL4005Spec.hs
    .init("DL4005", "RUN ln", "RUN ln -sfv /bin/bash /bin/sh", fires: true),
    .init("DL4005", "RUN ln (ONBUILD)", "ONBUILD RUN ln -sfv /bin/bash /bin/sh", fires: true),
    .init("DL4005", "RUN ln with unrelated symlinks", "RUN ln -sf /bin/true /sbin/initctl", fires: false),
    .init("DL4005", "RUN ln with unrelated symlinks (ONBUILD)", "ONBUILD RUN ln -sf /bin/true /sbin/initctl", fires: false),
    .init("DL4005", "RUN ln with multiple acceptable commands", "RUN ln -s foo bar && unrelated && something_with /bin/sh", fires: false),
    .init("DL4005", "RUN ln with multiple acceptable commands (ONBUILD)", "ONBUILD RUN ln -s foo bar && unrelated && something_with /bin/sh", fires: false),
    // DL4006Spec.hs
    .init("DL4006", "warn on missing pipefail", "FROM scratch\nRUN wget -O - https://some.site | wc -l > /number\n", fires: true),
    .init("DL4006", "don't warn on commands with no pipes", "FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n", fires: false),
    .init("DL4006", "don't warn with the pipefail option", #"FROM scratch as build\#nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail option 2", #"FROM scratch as build\#nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail option 3", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail zsh", #"FROM scratch as build\#nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn when bash is invoked via a non-standard absolute path", #"FROM scratch as build\#nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn when zsh is invoked via a non-standard absolute path", #"FROM scratch as build\#nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn on powershell", #"FROM scratch as build\#nSHELL ["pwsh", "-c"]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    // Deliberately different (rules/DL4006.md, "Differences from hadolint"): a shell that accepts
    // `-o pipefail` runs with it; one that does not fails every RUN, loudly.
    .init("DL4006", "warns when using plain sh (dlint: sh -o pipefail is pipefail)", #"FROM scratch as build\#nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "warn on missing pipefail in the next image", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#nFROM scratch as build2\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: true),
    .init("DL4006", "warn on missing pipefail if next SHELL is not using it", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#nSHELL ["/bin/sh", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: true),
    .init("DL4006", "ignore non posix shells: pwsh", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "pwsh", "-c" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    .init("DL4006", "ignore non posix shells: powershell", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "powershell.exe" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    .init("DL4006", "ignore non posix shells: cmd.exe", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "cmd.exe", "/c" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
]

@Suite("Command rules: hadolint's spec cases")
struct CommandSpecTests {
    @Test(arguments: hadolintSpecs)
    func specCase(_ specCase: CommandSpecCase) {
        let reported = lint(specCase.dockerfile).diagnostics.contains { $0.code == specCase.code }
        #expect(reported == specCase.fires, "\(specCase.code): \(specCase.name)")
    }

    @Test("DL4001 reports each RUN from the one that brings the second tool, as hadolint counts")
    func wgetOrCurlCounts() {
        #expect(findingPositions("FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n", "DL4001").count == 1)
        #expect(findingPositions("FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n", "DL4001").map(\.line) == [3, 5])
        #expect(findingPositions("FROM node\nRUN wget a && curl b && wget c\n", "DL4001").map(\.text) == ["curl"])
    }
}

@Suite("Command rules: what they report")
struct CommandFindingTests {
    @Test("DL3059: [ ] tests do not count, PowerShell RUNs are counted as shell text, ONBUILD RUN resets")
    func consecutiveCounting() {
        #expect(findingPositions("FROM alpine\nRUN [ -e /etc/x ] && grep a /etc/x\nRUN echo b\n", "DL3059").map(\.line) == [3])
        let windows = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
        #expect(findingPositions(windows + "RUN Write-Host a\nRUN Write-Host b\n", "DL3059").map(\.line) == [4])
        #expect(findingPositions(windows + "RUN Write-Host a; Write-Host c\nRUN Write-Host b\n", "DL3059").isEmpty)
        #expect(findingPositions("FROM alpine\nRUN a\nONBUILD RUN b\nRUN c\n", "DL3059").isEmpty)
        #expect(findingPositions("FROM alpine\nRUN --network=none --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c --network=none b\n", "DL3059").map(\.text) == ["RUN"])
    }

    @Test("DL3059 with only-shipped-stages: a stage used only by COPY --from is not reported")
    func consecutiveShippedStages() {
        let text = "FROM golang:1.22 AS build\nRUN go mod download\nRUN go build -o /app .\nFROM alpine AS base\nRUN a\nRUN b\nFROM base\nCOPY --from=build /app /app\n"
        var configuration = Configuration()
        #expect(findingPositions(text, "DL3059", configuration: configuration).map(\.line) == [3, 6])
        configuration.ruleOptions["DL3059"] = RuleOptions([ConsecutiveRuns.shippedStagesOption: .boolean(true)])
        #expect(findingPositions(text, "DL3059", configuration: configuration).map(\.line) == [6])
    }

    @Test("DL3001 behind wrappers and by path, not for lookups or arguments")
    func pointless() {
        let found = findingPositions("FROM debian\nRUN sudo service x start && env A=1 /bin/ps && command -v ps && which top && echo kill\n", "DL3001")
        #expect(found.map(\.text) == ["service", "/bin/ps"])
    }

    @Test("DL3003 reports every cd, in sh -c strings and heredocs too")
    func cdEverywhere() {
        let found = findingPositions("FROM debian\nRUN cd /a && make; cd /b\nRUN sh -c 'cd /c && ls'\nRUN <<EOF\ncd /d\nEOF\n", "DL3003")
        #expect(found.map(\.line) == [2, 2, 3, 5])
        #expect(found.allSatisfy { $0.text == "cd" })
    }

    @Test("DL3046 resolves the UID through ARG defaults, reads -l in clusters and long spellings")
    func useradd() {
        #expect(findingPositions("FROM debian\nARG ID=1234567\nRUN useradd -u \"$ID\" a && useradd -u 99999 b && useradd --uid=100000 c\n", "DL3046").map(\.column) == [5, 49])
        #expect(findingPositions("FROM debian\nRUN useradd -lmu 123456 a && useradd --no-log --uid 123456 b && useradd -mu123456 -l c\n", "DL3046").isEmpty)
        #expect(findingPositions("FROM debian\nARG ID\nRUN useradd -u \"$ID\" a && adduser --uid 123456 b\n", "DL3046").isEmpty)
    }

    @Test("DL3047 reads short-option clusters as GNU wget does")
    func wgetOptions() {
        #expect(WgetProgress.setsLogging(["-qO-", "url"]))
        #expect(WgetProgress.setsLogging(["-n", "v", "url"]))
        #expect(WgetProgress.setsLogging(["-cnv", "url"]))
        #expect(!WgetProgress.setsLogging(["-nc", "url"]))
        #expect(!WgetProgress.setsLogging(["-O", "-q", "url"]), "-q is the file name of -O")
        #expect(!WgetProgress.setsLogging(["--", "-q"]))
        #expect(findingPositions("FROM debian\nRUN sudo wget a && sh -c 'wget -O- b | tar x'\nONBUILD RUN wget c\n", "DL3047").map(\.line) == [2, 2, 3])
    }

    @Test("DL4005 names the /bin/sh link only")
    func shellLink() {
        #expect(findingPositions("FROM debian\nRUN ln -sf bash /bin/sh && ln -s /bin/sh /usr/local/bin/sh && ln -sft /bin /bin/sh\n", "DL4005").map(\.column) == [17])
    }

    @Test("DL4006 follows set -o pipefail through the shell's order and scopes")
    func pipefailOrder() {
        func fires(_ run: String, shell: String = "") -> Bool {
            !findingPositions("FROM debian:bookworm\n\(shell)RUN \(run)\n", "DL4006").isEmpty
        }
        #expect(!fires("set -eux -o pipefail; a | b"))
        #expect(!fires("set -o errexit -o pipefail && a | b"))
        #expect(fires("a | b; set -o pipefail"))
        #expect(fires("(set -o pipefail) && a | b"), "a subshell's set does not last")
        #expect(!fires("{ set -o pipefail; } && a | b"), "a group runs in the same shell")
        #expect(fires("set -o pipefail; set +o pipefail; a | b"))
        #expect(fires("x=$(a | b) && echo $x"))
        #expect(!fires("set -o pipefail; x=$(a | b)"), "a substitution inherits the options")
        #expect(!fires("echo 'a | b' \"c|d\""))
        #expect(fires("bash -c 'a | b'", shell: "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"), "a new shell does not inherit SHELL's options")
        #expect(!fires("bash -euo pipefail -c 'a | b'"))
        #expect(!fires("a | b", shell: "SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\n"))
        #expect(fires("a |& b"))
    }

    @Test("DL4006 in heredocs: SHELL applies unless the heredoc has a #! line or feeds a shell")
    func pipefailHeredocs() {
        let pipefailShell = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
        #expect(findingPositions("FROM debian\n\(pipefailShell)RUN <<EOF\na | b\nEOF\n", "DL4006").isEmpty)
        #expect(findingPositions("FROM debian\n\(pipefailShell)RUN <<EOF\n#!/bin/sh\na | b\nEOF\n", "DL4006").map(\.line) == [5])
        #expect(findingPositions("FROM debian\nRUN <<EOF\n#!/bin/bash\nset -euo pipefail\na | b\nEOF\n", "DL4006").isEmpty)
        #expect(findingPositions("FROM debian\n\(pipefailShell)RUN bash <<EOF\na | b\nEOF\n", "DL4006").map(\.line) == [4])
        #expect(findingPositions("FROM debian\nRUN bash -o pipefail <<EOF\na | b\nEOF\n", "DL4006").isEmpty)
    }

    @Test("DL4006: a child stage inherits SHELL; Windows and exec form with pipefail are fine")
    func pipefailStages() {
        #expect(findingPositions("FROM debian AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM a\nRUN x | y\n", "DL4006").isEmpty)
        #expect(findingPositions("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n", "DL4006").isEmpty)
        #expect(findingPositions("FROM debian\nRUN [\"bash\", \"-o\", \"pipefail\", \"-c\", \"a | b\"]\n", "DL4006").isEmpty)
        #expect(findingPositions("FROM debian\nRUN [\"bash\", \"-c\", \"a | b\"]\n", "DL4006").map(\.text) == ["\"a | b\""])
    }

    @Test("DX1013: upper-case keywords as command names only, ONBUILD included")
    func keywordAsCommand() {
        let found = findingPositions("FROM debian\nRUN a && RUN b; ENV=1 c; Run d; echo COPY; sudo COPY x\nONBUILD RUN x && ADD y z\n", "DX1013")
        #expect(found.map(\.text) == ["RUN", "ADD"])
    }
}

@Suite("Command rules: fixes")
struct CommandFixTests {
    /// The text fixed with the rule's fixes (unsafe included), checking that a second run changes
    /// nothing and the result parses.
    private func fixed(_ text: String, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        #expect(outcome.converged, sourceLocation: sourceLocation)
        #expect(outcome.rolledBackRules.isEmpty, sourceLocation: sourceLocation)
        #expect(!SyntaxTree(parsing: outcome.fixed).hasErrors, sourceLocation: sourceLocation)
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed, sourceLocation: sourceLocation)
        return String(decoding: outcome.fixed, as: UTF8.self)
    }

    private func fix(_ text: String, _ code: String) -> Fix? {
        lint(text).diagnostics.first { $0.code == code }?.fix
    }

    @Test("DL3003: continuations, CRLF, the escape directive, indentation and comments above")
    func workdirLayouts() {
        #expect(fixed("FROM debian\nRUN cd /app \\\n    && make\n", "DL3003") == "FROM debian\nWORKDIR /app\nRUN make\n")
        #expect(fixed("FROM debian\r\nRUN cd /app &&\\\r\n\tmake\r\n", "DL3003") == "FROM debian\r\nWORKDIR /app\r\nRUN make\r\n")
        #expect(fixed("# escape=`\nFROM debian\nRUN cd /app && `\n    make\n", "DL3003") == "# escape=`\nFROM debian\nWORKDIR /app\nRUN make\n")
        #expect(fixed("FROM debian\n# hadolint ignore=DL3008\n  RUN cd /app && make\n", "DL3003") == "FROM debian\n  WORKDIR /app\n# hadolint ignore=DL3008\n  RUN make\n")
        #expect(fixed("FROM debian\nWORKDIR /srv\nRUN cd ../opt/./x && make\n", "DL3003") == "FROM debian\nWORKDIR /srv\nWORKDIR /opt/x\nRUN make\n")
    }

    @Test("DL3003: no fix where WORKDIR would not mean the same")
    func workdirNotFixed() {
        for text in [
            "FROM debian\nRUN cd /app; make\n", "FROM debian\nRUN cd /app || exit 1\n", "FROM debian\nRUN cd app && make\n",
            "FROM debian\nRUN cd \"$DIR\" && make\n", "FROM debian\nRUN cd - && make\n", "FROM debian\nRUN make && cd /app && make\n",
            "FROM debian\nRUN cd /app \\\n# comment\n && make\n", "FROM debian\nRUN --mount=type=cache,target=cache cd /app && make\n",
            "FROM debian\nRUN cd /app && cat <<EOF\nx\nEOF\n", "FROM debian\nONBUILD RUN cd /app && make\n", "FROM debian\nRUN cd '/my app' && make\n",
        ] {
            #expect(lint(text).diagnostics.contains { $0.code == "DL3003" }, "\(text)")
            #expect(fix(text, "DL3003") == nil, "\(text)")
        }
        #expect(fix("FROM debian\nRUN cd /app && make\n", "DL3003")?.applicability == .unsafe)
    }

    @Test("DL3046: -l after useradd, --no-log-init for long-option commands, through sudo")
    func useraddFix() {
        #expect(fixed("FROM debian\nRUN sudo useradd -u 200000 a\n", "DL3046") == "FROM debian\nRUN sudo useradd -l -u 200000 a\n")
        #expect(fixed("FROM debian\nRUN useradd \\\n  --uid 200000 a\n", "DL3046") == "FROM debian\nRUN useradd --no-log-init \\\n  --uid 200000 a\n")
        #expect(fix("FROM debian\nRUN useradd -u 200000 a\n", "DL3046")?.applicability == .safe)
    }

    @Test("DL3047: safe on Debian, unsafe on unknown images, none on BusyBox without GNU wget")
    func wgetFix() {
        #expect(fixed("FROM debian\nRUN wget \\\n  x\n", "DL3047") == "FROM debian\nRUN wget --progress=dot:giga \\\n  x\n")
        #expect(fix("FROM debian:bookworm\nRUN wget x\n", "DL3047")?.applicability == .safe)
        #expect(fix("FROM python:3.12-slim\nRUN wget x\n", "DL3047")?.applicability == .safe)
        #expect(fix("FROM fedora:40\nRUN wget x\n", "DL3047")?.applicability == .unsafe)
        #expect(fix("FROM example.com/base\nRUN wget x\n", "DL3047")?.applicability == .unsafe)
        #expect(fix("FROM alpine:3.20\nRUN wget x\n", "DL3047") == nil)
        #expect(fix("FROM node:20-alpine\nRUN wget x\n", "DL3047") == nil)
        #expect(fix("FROM alpine:3.20 AS base\nRUN apk add --no-cache wget\nFROM base\nRUN wget x\n", "DL3047")?.applicability == .safe)
    }

    @Test("DL4006: SHELL before the stage's first piped RUN, once per stage, with indentation and CRLF")
    func pipefailFix() {
        #expect(fixed("FROM debian\r\n  RUN a | b\r\n  RUN c | d\r\n", "DL4006") == "FROM debian\r\n  SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\r\n  RUN a | b\r\n  RUN c | d\r\n")
        #expect(fixed("FROM ubuntu AS a\nRUN a | b\nFROM centos\nRUN c | d\n", "DL4006") == "FROM ubuntu AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM centos\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN c | d\n")
        let fixes = lint("FROM debian\nRUN a | b\nRUN c | d\n").diagnostics.filter { $0.code == "DL4006" }.map(\.fix)
        #expect(fixes.map { $0 != nil } == [true, false])
        #expect(fixes.first??.applicability == .unsafe)
    }

    @Test("DL4006: a bash, zsh or ash SHELL of the stage gets -o pipefail, with its own separator, once")
    func pipefailShellEdit() {
        #expect(fixed("FROM debian\nSHELL [\"/bin/bash\",\"-c\"]\nRUN a | b\nRUN c | d\n", "DL4006")
            == "FROM debian\nSHELL [\"/bin/bash\",\"-o\",\"pipefail\",\"-c\"]\nRUN a | b\nRUN c | d\n")
        #expect(fixed("FROM alpine\nSHELL [\"/bin/sh\", \"-ex\", \"-c\"]\nRUN a | b\n", "DL4006")
            == "FROM alpine\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-ex\", \"-c\"]\nRUN a | b\n")
        #expect(fix("FROM debian\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b\n", "DL4006") == nil, "dash has no pipefail")
        let message = lint("FROM debian\nRUN sh -c 'a | b'\n").diagnostics.first { $0.code == "DL4006" }?.message ?? ""
        #expect(message.contains("run that shell with -o pipefail"))
    }

    @Test("DL4006: no fix without bash, under another SHELL, or where SHELL would not reach the pipe")
    func pipefailNotFixed() {
        for text in [
            "FROM alpine:3.20\nRUN a | b\n", "FROM busybox\nRUN a | b\n", "FROM gcr.io/distroless/base-debian12\nRUN a | b\n",
            "FROM example.com/base\nRUN a | b\n", "FROM debian\nSHELL [\"/bin/sh\", \"-ex\", \"-c\"]\nRUN a | b\n",
            "FROM debian AS a\nSHELL [\"/bin/bash\", \"-c\"]\nFROM a\nRUN a | b\n",
            "FROM debian\nRUN sh -c 'a | b'\n", "FROM debian\nRUN [\"sh\", \"-c\", \"a | b\"]\n",
        ] {
            #expect(lint(text).diagnostics.contains { $0.code == "DL4006" }, "\(text)")
            #expect(fix(text, "DL4006") == nil, "\(text)")
        }
        #expect(fix("FROM example.com/base\nRUN apt-get update && a | b\n", "DL4006") != nil, "apt-get tells Debian")
    }

    @Test("DX1013: removes a RUN keyword left in a joined line, nothing else")
    func keywordFix() {
        #expect(fixed("FROM debian\nRUN a && \\\r\n  RUN  \\\r\n  b c\n", "DX1013") == "FROM debian\nRUN a && \\\r\n  b c\n")
        #expect(fix("FROM debian\nRUN a && COPY x y\n", "DX1013") == nil)
        #expect(fix("FROM debian\nRUN a && RUN\n", "DX1013") == nil)
    }
}

@Suite("Command rules: base systems and exec form")
struct CommandBaseSystemTests {
    @Test("the base system comes from the image name, its tag, the FROM chain or the package manager")
    func baseSystems() {
        func system(_ text: String) -> BaseSystem? {
            let model = lint(text).model
            return BaseSystem.of(stage: model.stages.count - 1, in: model)
        }
        #expect(system("FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n") == .debian)
        #expect(system("FROM nvidia/cuda:12.4.1-devel-ubi9\n") == .redHat)
        #expect(system("FROM node:20-alpine\n") == .busybox)
        #expect(system("FROM gcr.io/distroless/base-debian12\n") == .shellless)
        #expect(system("FROM debian AS a\nFROM a\n") == .debian)
        #expect(system("FROM example.com/app\nRUN microdnf install -y x\n") == .redHat)
        #expect(system("FROM example.com/app\n") == nil)
        #expect(system("FROM $BASE\n") == nil)
    }

    @Test("DL3047 in exec form: the option becomes the second element")
    func wgetExecForm() {
        let text = "FROM debian\nRUN [\"wget\", \"https://example.com/a\"]\n"
        let fix = lint(text).diagnostics.first { $0.code == "DL3047" }?.fix
        let fixed = fix.map { String(decoding: Rewriter.apply($0.edits, to: Array(text.utf8)), as: UTF8.self) }
        #expect(fixed == "FROM debian\nRUN [\"wget\", \"--progress=dot:giga\", \"https://example.com/a\"]\n")
        #expect(findingPositions("FROM debian\nRUN [\"wget\", \"-q\", \"x\"]\n", "DL3047").isEmpty)
    }
}
