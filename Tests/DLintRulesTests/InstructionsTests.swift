import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of a hadolint `*Spec.hs`: the Dockerfile and whether dlint reports the rule.
struct HadolintSpecCase: Sendable, CustomTestStringConvertible {
    let code: String
    let name: String
    let dockerfile: String
    let fires: Bool
    /// Set where dlint deliberately differs from hadolint: the page section that says why.
    let difference: String?

    init(_ code: String, _ name: String, _ dockerfile: String, fires: Bool, difference: String? = nil) {
        self.code = code
        self.name = name
        self.dockerfile = dockerfile
        self.fires = fires
        self.difference = difference
    }

    var testDescription: String { "\(code): \(name)" }
}

@Suite("Instruction rules: DL3010 DL3011 DL3012 DL3020 DL3021 DL3025 DL3044 DL3045 DL3057 DL4003 DL4004")
struct InstructionsTests {
    static let hadolintSpec: [HadolintSpecCase] = [
        // DL3010Spec.hs
        .init("DL3010", "catch: copy archive then extract 1", "COPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n", fires: true),
        .init("DL3010", "catch: copy archive then extract 2", "COPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n", fires: true),
        .init("DL3010", "catch: copy archive then extract 3", "COPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n", fires: true),
        .init("DL3010", "catch: copy archive then extract windows paths 1", "COPY build\\foo\\bar.tar.gz \"C:\\Program Files\\Foo\"\nRUN tar -xf \"C:\\Program Files\\Foo\\bar.tar.gz\"\n", fires: true),
        .init("DL3010", "catch: copy archive then extract windows paths 2", "COPY build\\foo\\bar.tar.gz \"C:\\Program Files\\foo.tar.gz\"\nRUN tar -xf foo.tar.gz\n", fires: true),
        .init("DL3010", "ignore: copy archive without extract", "COPY packaged-app.tar /usr/src/app\nFROM debian:11 as newstage\n", fires: false),
        .init("DL3010", "ignore: non archive", "COPY package.json /usr/src/app", fires: false),
        .init("DL3010", "ignore: copy from previous stage", "COPY --from=builder /usr/local/share/some.tar /opt/some.tar", fires: false),
        // DL3011Spec.hs
        .init("DL3011", "invalid port", "EXPOSE 80000", fires: true),
        .init("DL3011", "valid port", "EXPOSE 60000", fires: false),
        // DL3012Spec.hs
        .init("DL3012", "ok with no HEALTHCHECK instruction", "FROM scratch", fires: false),
        .init("DL3012", "ok with one HEALTHCHECK instruction", "FROM scratch\nHEALTHCHECK CMD /bin/bla", fires: false),
        .init("DL3012", "ok with two HEALTHCHECK instructions in two stages", "FROM scratch\nHEALTHCHECK CMD /bin/bla1\nFROM scratch\nHEALTHCHECK CMD /bin/bla2", fires: false),
        .init("DL3012", "warn with two HEALTHCHECK instructions", "FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK CMD /bin/bla2", fires: true),
        // DL3020Spec.hs
        .init("DL3020", "add for tar", "ADD file.tar /usr/src/app/", fires: false),
        .init("DL3020", "add for gzip", "ADD file.gz /usr/src/app/", fires: false),
        .init("DL3020", "add for bz2", "ADD file.bz2 /usr/src/app/", fires: false),
        .init("DL3020", "add for xz", "ADD file.xz /usr/src/app/", fires: false),
        .init("DL3020", "add for tgz", "ADD file.tgz /usr/src/app/", fires: false),
        .init("DL3020", "add for url", "ADD http://file.com /usr/src/app/", fires: false),
        .init("DL3020", "using add", "ADD file /usr/src/app/", fires: true),
        .init("DL3020", "warn for zip", "ADD file.zip /usr/src/app/", fires: true),
        .init("DL3020", "add for tgz with quotes", "ADD \"file.tgz\" /usr/src/app/", fires: false),
        .init("DL3020", "add for url with quotes", "ADD \"http://file.com\" /usr/src/app/", fires: false),
        .init("DL3020", "warn for zip with quotes", "ADD \"file.zip\" /usr/src/app/", fires: true),
        // DL3021Spec.hs
        .init("DL3021", "no warn on 2 args", "COPY foo bar", fires: false),
        .init("DL3021", "warn on 3 args", "COPY foo bar baz", fires: true),
        .init("DL3021", "no warn on 3 args", "COPY foo bar baz/", fires: false),
        // DL3025Spec.hs
        .init("DL3025", "warn on ENTRYPOINT", "FROM node as foo\nENTRYPOINT something\n", fires: true),
        .init("DL3025", "don't warn on ENTRYPOINT json notation", "FROM scratch as build\nENTRYPOINT [\"foo\", \"bar\"]\n", fires: false),
        .init("DL3025", "warn on CMD", "FROM node as foo\nCMD something\n", fires: true),
        .init("DL3025", "don't warn on CMD json notation", "FROM scratch as build\nCMD [\"foo\", \"bar\"]\nCMD [ \"foo\", \"bar\" ]\n", fires: false),
        // DL3044Spec.hs
        .init("DL3044", "ok with normal ENV", "ENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"", fires: false),
        .init("DL3044", "ok with partial match 1", "ENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\"", fires: false),
        .init("DL3044", "ok with partial match 2", "ENV BLA=\"blubb\" BLUBB=\"${BLAFOO}/blubb\"", fires: false),
        .init("DL3044", "ok with partial match 3", "ENV BLA=\"blubb\" BLUBB=\"$FOOBLA/blubb\"", fires: false),
        .init("DL3044", "ok with partial match 4", "ENV BLA=\"blubb\" BLUBB=\"$BLAFOO/blubb\"", fires: false),
        .init("DL3044", "fail with partial match 5", "ENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"", fires: true),
        .init("DL3044", "ok with parial match 6", "ENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\"", fires: false),
        .init("DL3044", "ok when previously defined in `ARG`", "ARG BLA\nENV BLA=${BLA}", fires: false),
        .init("DL3044", "ok when previously defined in `ENV`", "ENV BLA blubb\nENV BLA=${BLA}", fires: false),
        .init("DL3044", "ok with referencing a variable on its own right hand side", "ENV PATH=/bla:${PATH}", fires: false),
        .init("DL3044", "ok with referencing a variable on its own right side twice in different `ENV`s", "ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}", fires: false),
        .init("DL3044", "fail when referencing a variable on its own right side twice within the same `ENV`", "ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}", fires: true),
        .init("DL3044", "fail with selfreferencing with curly braces ENV", "ENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"", fires: true),
        .init("DL3044", "fail with selfreferencing without curly braces ENV", "ENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"", fires: true),
        .init("DL3044", "fail with full match 1", "ENV BLA=\"blubb\" BLUBB=\"$BLA\"", fires: true),
        .init("DL3044", "fail with full match 2", "ENV BLA=\"blubb\" BLUBB=\"${BLA}\"", fires: true),
        // DL3045Spec.hs
        .init("DL3045", "ok: `COPY` with absolute destination and no `WORKDIR` set", "COPY bla.sh /usr/local/bin/blubb.sh", fires: false),
        .init("DL3045", "ok: `COPY` with absolute destination and no `WORKDIR` set with quotes", "COPY bla.sh \"/usr/local/bin/blubb.s\"", fires: false),
        .init("DL3045", "ok: `COPY` with absolute destination and no `WORKDIR` set - windows", "COPY bla.sh c:\\system32\\blubb.sh", fires: false),
        .init("DL3045", "ok: `COPY` with absolute destination and no `WORKDIR` set - windows with quotes", "COPY bla.sh \"c:\\system32\\blubb.sh\"", fires: false),
        .init("DL3045", "ok: `COPY` with absolute destination and no `WORKDIR` set - windows with alternative paths", "COPY bla.sh c:/system32/blubb.sh", fires: false),
        .init("DL3045", "ok: `COPY` with relative destination and `WORKDIR` set", "FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh", fires: false),
        .init("DL3045", "ok: `COPY` with relative destination and `WORKDIR` set - windows", "FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh", fires: false),
        .init("DL3045", "ok: `COPY` with destination being an environment variable 1", "COPY src.sh ${SRC_BASE_ENV}", fires: false),
        .init("DL3045", "ok: `COPY` with destination being an environment variable 2", "COPY src.sh $SRC_BASE_ENV", fires: false),
        .init("DL3045", "ok: `COPY` with destination being an environment variable 3", "COPY src.sh \"${SRC_BASE_ENV}\"", fires: false),
        .init("DL3045", "ok: `COPY` with destination being an environment variable 4", "COPY src.sh \"$SRC_BASE_ENV\"", fires: false),
        .init("DL3045", "not ok: `COPY` with relative destination and no `WORKDIR` set", "COPY bla.sh blubb.sh", fires: true),
        .init("DL3045", "not ok: `COPY` with relative destination and no `WORKDIR` set with quotes", "COPY bla.sh \"blubb.sh\"", fires: true),
        .init("DL3045", "not ok: `COPY` to relative destination if `WORKDIR` is set in a previous stage but not inherited", "FROM debian:buster as stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n", fires: true),
        .init("DL3045", "not ok: `COPY` to relative destination if `WORKDIR` is set in a previous stage but not inherited - windows", "FROM microsoft/windowsservercore as stage1\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore\nCOPY foo bar\n", fires: true),
        .init("DL3045", "ok: `COPY` to relative destination if `WORKDIR` has been set in base image", "FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n", fires: false),
        .init("DL3045", "ok: `COPY` to relative destination if `WORKDIR` has been set in base image - windows", "FROM microsoft/windowsservercore as base\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n", fires: false),
        .init("DL3045", "ok: `COPY` to relative destination if `WORKDIR` has been set in previous stage, deep case", "FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n", fires: false),
        .init("DL3045", "ok: `COPY` to relative destination if `WORKDIR` has been set in previous stage, deep case - windows", "FROM microsoft/windowsservercore as base1\nWORKDIR c:\\system32\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n", fires: false),
        .init("DL3045", "ok: `COPY` to relative destination if `WORKDIR` has been set, both within an `ONBUILD` context", "FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n", fires: false),
        .init("DL3045", "regression: don't crash with single character paths", "COPY a b", fires: true),
        // DL3057Spec.hs
        .init("DL3057", "warn with no HEALTHCHECK instructions", "FROM scratch", fires: true),
        .init("DL3057", "ok with one HEALTHCHECK instruction", "FROM scratch\nHEALTHCHECK CMD /bin/bla", fires: false),
        .init("DL3057", "ok with inheriting HEALTHCHECK instruction", "FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base", fires: false),
        .init("DL3057", "warn when not inheriting with no HEALTHCHECK instruction", "FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch", fires: true),
        // DL4003Spec.hs
        .init("DL4003", "many cmds", "FROM debian\nCMD bash\nRUN foo\nCMD another\n", fires: true),
        .init("DL4003", "single cmds, different stages", "FROM debian as distro1\nCMD bash\nRUN foo\nFROM debian as distro2\nCMD another\n", fires: false),
        .init("DL4003", "many cmds, different stages", "FROM debian as distro1\nCMD bash\nRUN foo\nCMD another\nFROM debian as distro2\nCMD another\n", fires: true),
        .init("DL4003", "single cmd", "CMD /bin/true", fires: false),
        // DL4004Spec.hs
        .init("DL4004", "no cmd", "FROM busybox", fires: false),
        .init("DL4004", "many entrypoints", "FROM debian\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n", fires: true),
        .init("DL4004", "single entrypoint, different stages", "FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nFROM debian as distro2\nENTRYPOINT another\n", fires: false),
        .init("DL4004", "many entrypoints, different stages", "FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\nFROM debian as distro2\nENTRYPOINT another\n", fires: true),
        .init("DL4004", "single entry", "ENTRYPOINT /bin/true", fires: false),
        .init("DL4004", "no entry", "FROM busybox", fires: false),
    ]

    /// Lints with every rule, the one off by default (DL3057) switched on.
    private func lint(_ text: String) -> LintResult {
        var configuration = Configuration()
        configuration.ruleOptions["DL3057"] = RuleOptions()
        return RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration)
    }

    /// (code, line, column, text under the range) of each finding of the given codes.
    private func findings(_ text: String, _ codes: Set<String>) -> [(code: String, line: Int, column: Int, text: String)] {
        let bytes = Array(text.utf8)
        let result = lint(text)
        return result.diagnostics.filter { codes.contains($0.code) }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
        }
    }

    @Test("hadolint's spec cases", arguments: hadolintSpec)
    func hadolintCase(_ spec: HadolintSpecCase) {
        let found = !findings(spec.dockerfile, [spec.code]).isEmpty
        #expect(found == spec.fires, "\(spec.code) \(spec.name)\(spec.difference.map { " (differs from hadolint: \($0))" } ?? "")")
    }

    // MARK: - Behaviour beyond hadolint's spec

    private func fixed(_ text: String, _ code: String) throws -> (text: String, applicability: [Applicability]) {
        let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == code })
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        #expect(outcome.converged)
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed, "a second run changes nothing")
        return (String(decoding: outcome.fixed, as: UTF8.self), outcome.applied.map(\.fix.applicability))
    }

    private func fixes(_ text: String, _ code: String) -> [Fix?] {
        lint(text).diagnostics.filter { $0.code == code }.map(\.fix)
    }

    /// Found by the fuzzer: `/` followed by a combining mark (U+0652) is one Swift character, so
    /// `hasPrefix("/")` said the fixed path was still relative, and every rewriter round put the
    /// directory in front of it again, doubling the file: 15 MB after twelve rounds.
    @Test("DL3000 reads the path's bytes: a combining mark after the `/` keeps it absolute")
    func workdirCombiningMark() throws {
        #expect(findings("FROM alpine:3.20\nWORKDIR /\u{652}rl\n", ["DL3000"]).isEmpty)
        let result = try fixed("FROM alpine:3.20\nWORKDIR \u{652}rl\nWORKDIR \u{652}b\n", "DL3000")
        #expect(result.text == "FROM alpine:3.20\nWORKDIR /\u{652}rl\nWORKDIR /\u{652}rl/\u{652}b\n")
        #expect(result.applicability == [.unsafe, .unsafe])
    }

    @Test("DL3000's fix inserts the directory: the path's own bytes, UTF-8 or not, stay as they were")
    func workdirFixKeepsBytes() throws {
        let source: [UInt8] = Array("FROM alpine:3.20\nWORKDIR /srv\nWORKDIR caf".utf8) + [0xE9] + Array("\nWORKDIR x\n".utf8)
        let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == "DL3000" })
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(source, applying: [.safe, .unsafe])
        // The second relative WORKDIR's directory is known only as repaired text: no fix for it.
        #expect(outcome.fixed == Array("FROM alpine:3.20\nWORKDIR /srv\nWORKDIR /srv/caf".utf8) + [0xE9] + Array("\nWORKDIR x\n".utf8))
        #expect(outcome.applied.map(\.fix.edits) == [[TextEdit(range: 38..<38, replacement: "/srv/")]])
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed)
    }

    @Test("DL3057 is off by default and on once the configuration gives it a severity or options")
    func healthcheckOffByDefault() throws {
        let text = Array("FROM alpine:3.20\nRUN true\n".utf8)
        #expect(!RuleRegistry.linter.lint(text).diagnostics.contains { $0.code == "DL3057" })
        let catalog = RuleRegistry.catalog
        for (yaml, format) in [
            ("severity:\n  DL3057: warning\n", ConfigurationFormat.dlint),
            ("rules:\n  require-healthcheck: {}\n", .dlint),
            ("override:\n  error:\n    - DL3057\n", .hadolint),
        ] {
            let (configuration, warnings) = try ConfigurationParser.parse(yaml, format: format, path: "config.yaml", catalog: catalog)
            #expect(warnings.isEmpty)
            let found = RuleRegistry.linter.lint(text, configuration: configuration).diagnostics.filter { $0.code == "DL3057" }
            #expect(found.count == 1, "\(yaml)")
        }
        // Ignoring it still wins.
        var configuration = Configuration()
        configuration.ruleOptions["DL3057"] = RuleOptions()
        configuration.ignored = ["DL3057"]
        #expect(!RuleRegistry.linter.lint(text, configuration: configuration).diagnostics.contains { $0.code == "DL3057" })
        #expect(RuleRegistry.catalog.descriptor(for: "DL3057")?.enabledByDefault == false)
        #expect(RuleRegistry.rules.filter { !$0.descriptor.enabledByDefault }.map(\.descriptor.code).contains("DL3057"))
    }

    @Test("DL3057 reports each image to run, at its FROM, not builder stages")
    func healthcheckStages() {
        let found = findings("""
            FROM golang:1.22 AS build
            RUN go build
            FROM alpine:3.20 AS dev
            COPY --from=build /out /out
            FROM alpine:3.20
            COPY --from=build /out /out
            """, ["DL3057"])
        #expect(found.map(\.line) == [3, 5])
        #expect(found.map(\.text) == ["FROM", "FROM"])
    }

    @Test("DL3020 ADD to COPY: safe for literal paths, unsafe for wildcards, none for ADD-only flags")
    func addToCopy() throws {
        #expect(try fixed("FROM alpine\nADD a /a\nAdd b* /b/\n", "DL3020") == ("FROM alpine\nCOPY a /a\nCopy b* /b/\n", [.safe, .unsafe]))
        #expect(fixes("FROM alpine\nADD --checksum=sha256:0 a /a\n", "DL3020").map { $0 == nil } == [true])
        // ONBUILD triggers, JSON form, a variable resolved to a local path.
        #expect(try fixed("FROM alpine\nARG SRC=conf\nONBUILD ADD [\"$SRC\", \"/etc/\"]\n", "DL3020").text
            == "FROM alpine\nARG SRC=conf\nONBUILD COPY [\"$SRC\", \"/etc/\"]\n")
        // A variable resolved to an archive or a URL: ADD is needed.
        #expect(findings("FROM alpine\nARG URL=https://x/y\nADD $URL /y\nENV PKG=p.tar.gz\nADD $PKG /opt/\n", ["DL3020"]).isEmpty)
    }

    @Test("DL3021 appends the slash inside quotes and JSON strings, safe only for a known directory")
    func destinationSlash() throws {
        let result = try fixed("""
            FROM alpine
            WORKDIR /srv
            COPY a b .
            COPY a b "/srv"
            COPY ["a", "b", "/opt"]
            ADD a b \\
                /etc
            """, "DL3021")
        #expect(result.text == """
            FROM alpine
            WORKDIR /srv
            COPY a b ./
            COPY a b "/srv/"
            COPY ["a", "b", "/opt/"]
            ADD a b \\
                /etc/
            """)
        #expect(result.applicability == [.safe, .safe, .unsafe, .unsafe])
        let windows = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a b C:\\app\nCOPY a b C:\\app\\\n"
        #expect(fixes(windows, "DL3021").map { $0 == nil } == [true])
    }

    @Test("DL3025 JSON form: word by word through continuations, comments and CRLF; none for shell syntax")
    func execForm() throws {
        #expect(try fixed("FROM node\r\nCMD node \\\r\n# the server\r\n    server.js --port=80\r\n", "DL3025").text
            == "FROM node\r\nCMD [\"node\", \\\r\n# the server\r\n    \"server.js\", \"--port=80\"]\r\n")
        #expect(try fixed("# escape=`\nFROM node\nENTRYPOINT exec  node `\n  app.js\n", "DL3025").text
            == "# escape=`\nFROM node\nENTRYPOINT [\"node\", `\n  \"app.js\"]\n")
        for body in ["echo $HOME", "a && b", "a | b", "a; b", "a > log", "ls *.js", "say \"hi\"", "say 'hi'", "a\\ b",
                     "X=1 app", "cd /srv", "exec", "a `b`", "run ~/app", "a # comment", "(a)", "a &"] {
            #expect(fixes("FROM node\nCMD \(body)\n", "DL3025").map { $0 == nil } == [true], "CMD \(body)")
        }
        // Meant as JSON but read as shell form: reported, with a message that says so, and not fixed.
        let quoted = lint("FROM node\nCMD ['node', 'app.js']\n").diagnostics.filter { $0.code == "DL3025" }
        #expect(quoted.map { $0.message.contains("not a valid JSON array") } == [true])
        #expect(quoted.map { $0.fix == nil } == [true])
        #expect(fixes("FROM node\nCMD [1, 2]\n", "DL3025").isEmpty)
        // Windows images: reported, not fixed.
        #expect(fixes("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD app.exe serve\n", "DL3025").map { $0 == nil } == [true])
    }

    @Test("DL3025 follows BuildKit: silent after a SHELL in the stage or an ancestor, not after one in an unrelated stage")
    func execFormAfterShell() {
        let found = findings("""
            FROM alpine AS base
            CMD early
            SHELL ["/bin/ash", "-c"]
            CMD late
            FROM base
            CMD inherited
            FROM alpine
            ENTRYPOINT fresh
            ONBUILD CMD trigger
            HEALTHCHECK CMD check
            """, ["DL3025"])
        #expect(found.map(\.text) == ["early", "fresh"])
    }

    @Test("DL3012, DL4003, DL4004 report the instructions a later one replaces, per stage")
    func repeated() {
        let found = findings("""
            FROM alpine
            CMD ["a"]
            ENTRYPOINT ["x"]
            CMD ["b"]
            HEALTHCHECK NONE
            ENTRYPOINT ["y"]
            CMD ["c"]
            HEALTHCHECK CMD true
            FROM alpine
            CMD ["d"]
            ONBUILD CMD ["e"]
            """, ["DL3012", "DL4003", "DL4004"])
        #expect(found.map(\.code) == ["DL4003", "DL4004", "DL4003", "DL3012"])
        #expect(found.map(\.line) == [2, 3, 4, 5])
        #expect(lint("FROM alpine\nCMD [\"a\"]\nCMD [\"b\"]\n").diagnostics.first { $0.code == "DL4003" }?.message.contains("line 3") == true)
        // Before any FROM, as hadolint's spec files are written.
        #expect(findings("CMD [\"a\"]\nCMD [\"b\"]\n", ["DL4003"]).map(\.line) == [1])
    }

    @Test("DL3011 resolves constant variables and checks both ends of a range")
    func ports() {
        let found = findings("""
            FROM alpine
            ARG HIGH=70000
            ARG LOW=80
            ARG UNSET
            EXPOSE $LOW ${HIGH}/udp 1-65536 65535 $UNSET 99999999999999999999999 80:80 abc
            """, ["DL3011"])
        #expect(found.map(\.text) == ["${HIGH}/udp", "1-65536", "99999999999999999999999"])
    }

    @Test("DL3010 old tar form, decompressors of tarballs, wrappers; not across stages or with --strip-components")
    func extractAfterCopy() {
        let found = findings("""
            FROM debian
            COPY a.tar b.tgz c.tar.gz d.txz e.tar.xz /tmp/
            RUN tar xf /tmp/a.tar && sudo tar --extract -f /tmp/b.tgz
            RUN zcat /tmp/c.tar.gz | tar -x && tar -xJf d.txz --strip-components=1
            FROM debian
            RUN tar -xf /tmp/e.tar.xz
            """, ["DL3010"])
        #expect(found.map(\.text) == ["a.tar", "b.tgz", "c.tar.gz"])
    }

    @Test("DL3045 and ONBUILD: an ONBUILD WORKDIR before, or any WORKDIR of the image, counts")
    func relativeDestinationTriggers() {
        let found = findings("""
            FROM alpine AS a
            ONBUILD COPY x y
            ONBUILD WORKDIR /w
            FROM alpine AS b
            ONBUILD COPY x y
            WORKDIR /srv
            FROM alpine
            ARG DEST=rel
            COPY x $DEST
            ADD x "rel"
            """, ["DL3045"])
        #expect(found.map(\.line) == [2, 9, 10])
        #expect(found.map(\.text) == ["y", "$DEST", "\"rel\""])
    }

    @Test("DL3044 marks each reference, skips single quotes, escapes and values that stay the same")
    func envReferences() {
        let found = findings("""
            FROM alpine
            ARG V=1
            ENV A=x B=$A C='$A' D=\\$A E="${A:-y}" V=$V W=$V
            ENV V=1 U=$V
            ENV V=2 T=$V
            """, ["DL3044"])
        #expect(found.map(\.text) == ["$A", "${A:-y}", "$V"])
        #expect(found.map(\.line) == [3, 3, 5])
    }

    // MARK: - BuildKit's own lint tests (frontend/dockerfile/dockerfile_lint_test.go)

    @Test("BuildKit testJSONArgsRecommended: shell form reported, silent after a SHELL in the stage or its base stage")
    func buildKitJSONArgs() {
        #expect(findings("\nFROM scratch\nCMD mycommand\n", ["DL3025"]).map(\.line) == [3])
        #expect(findings("\nFROM scratch\nENTRYPOINT mycommand\n", ["DL3025"]).map(\.line) == [3])
        #expect(findings("\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nCMD mycommand\n", ["DL3025"]).isEmpty)
        #expect(findings("\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nENTRYPOINT mycommand\n", ["DL3025"]).isEmpty)
        #expect(findings("\nFROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\nFROM base\nCMD mycommand\n", ["DL3025"]).isEmpty)
        #expect(findings("\nFROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\nFROM base\nENTRYPOINT mycommand\n", ["DL3025"]).isEmpty)
    }

    @Test("BuildKit testMultipleInstructionsDisallowed: the earlier instruction is reported, per stage")
    func buildKitMultipleInstructions() {
        let codes: Set<String> = ["DL3012", "DL4003", "DL4004"]
        let adjacent = "\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n"
        #expect(findings(adjacent, codes).map(\.line) == [3, 5, 7])
        let brokenUp = "\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nCOPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n"
        #expect(findings(brokenUp, codes).map(\.line) == [3, 4, 5])
        let stages = "\nFROM scratch AS a\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\n\nFROM a AS b\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n"
        #expect(findings(stages, codes).isEmpty)
    }
}
