import DLintCore
@testable import DLintRules
import Testing

private func breakageFindings(_ text: String, _ code: String, context: [String]? = nil) -> [String] {
    var configuration = Configuration()
    configuration.settings.buildContext = context.map { BuildContext(listing: $0) }
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
    return result.diagnostics.filter { $0.code == code }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return "\(location.line):\(location.column) \(String(decoding: bytes[diagnostic.range], as: UTF8.self))"
    }
}

private func breakageFixed(_ text: String, _ code: String) -> String {
    let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
    let outcome = Rewriter(linter: Linter(rules: [rule])).fix(Array(text.utf8), applying: [.safe, .unsafe])
    return String(decoding: outcome.fixed, as: UTF8.self)
}

@Suite("Breakage and context rules: DX1201-DX1212")
struct BreakageTests {
    @Test("DX1203: what was meant as JSON, and shell syntax that only starts with a bracket", arguments: [
        ("RUN ['a', 'b']", true), ("RUN [\"a\", \"b\",]", true), ("RUN [a, b]", true), ("RUN ['a']", true),
        ("RUN [ -f /etc/x ]", false), ("RUN [ \"$a\" = b ]", false), ("RUN [app]", false), ("RUN [ -d /x ] && ls", false),
        ("RUN [\"a\", \"b\"]", false), ("HEALTHCHECK CMD ['curl', '-f', 'http://x/']", true), ("CMD ['a', 'b']", false),
        ("SHELL [\"/bin/bash\", \"-c\"]\nCMD ['a', 'b']", true), ("ONBUILD RUN ['make']", true),
    ])
    func malformedExecForm(line: String, fires: Bool) {
        #expect(breakageFindings("FROM alpine:3.20\n\(line)\n", "DX1203").isEmpty == !fires, "\(line)")
    }

    @Test("DX1203 fixes plain words only, keeps CRLF, leaves continued arrays alone")
    func malformedExecFormFix() {
        #expect(breakageFixed("FROM alpine:3.20\r\nRUN ['a', 'b c']\r\n", "DX1203") == "FROM alpine:3.20\r\nRUN [\"a\", \"b c\"]\r\n")
        #expect(breakageFixed("FROM alpine:3.20\nRUN ['say', 'a\"b']\n", "DX1203") == "FROM alpine:3.20\nRUN ['say', 'a\"b']\n")
        #expect(breakageFixed("FROM alpine:3.20\nRUN ['a', \\\n  'b']\n", "DX1203") == "FROM alpine:3.20\nRUN ['a', \\\n  'b']\n")
        #expect(breakageFixed("# escape=`\nFROM alpine:3.20\nRUN [a, b,]\n", "DX1203") == "# escape=`\nFROM alpine:3.20\nRUN [\"a\", \"b\"]\n")
    }

    @Test("DX1204: scratch and distroless chains, not debug images, not after a SHELL or a copied busybox")
    func shellFormWithoutShell() {
        #expect(breakageFindings("FROM scratch\nCMD /app\n", "DX1204") == ["2:5 /app"])
        #expect(breakageFindings("FROM scratch AS base\nFROM base\nRUN <<EOF\nls\nEOF\n", "DX1204") == ["3:5 <<EOF"])
        #expect(breakageFindings("FROM gcr.io/distroless/base-debian12:nonroot\nHEALTHCHECK CMD wget -q localhost\n", "DX1204") == ["2:17 wget -q localhost"])
        #expect(breakageFindings("FROM gcr.io/distroless/base-debian12:debug\nRUN ls\n", "DX1204").isEmpty)
        #expect(breakageFindings("FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/busybox\nRUN ls\n", "DX1204").isEmpty)
        #expect(breakageFindings("FROM scratch\nSHELL [\"/busybox\", \"sh\", \"-c\"]\nRUN ls\n", "DX1204").isEmpty)
        #expect(breakageFindings("FROM alpine:3.20\nRUN ls\n", "DX1204").isEmpty)
    }

    @Test("DX1205 and DX1207: empty stages and stages nothing reaches")
    func stages() {
        #expect(breakageFindings("FROM scratch AS a\nENV X=1\nFROM a AS b\nFROM alpine:3.20\nCOPY --from=b /x /x\n", "DX1205") == ["5:13 b"])
        #expect(breakageFindings("FROM scratch AS a\nFROM alpine:3.20\nCOPY --from=a /x /x\n", "DX1205").isEmpty)
        #expect(breakageFindings("FROM scratch AS a\nWORKDIR /x\nFROM alpine:3.20\nCOPY --from=a /x /x\n", "DX1205").isEmpty)
        #expect(breakageFindings("FROM alpine:3.20\nFROM alpine:3.20\nFROM alpine:3.20 AS test\nFROM alpine:3.20\n", "DX1207") == ["1:1 FROM", "2:1 FROM"])
        #expect(breakageFindings("FROM alpine:3.20\nFROM alpine:3.20\nARG S=0\nCOPY --from=$S /x /x\n", "DX1207").isEmpty)
        #expect(breakageFindings("FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 /x /x\n", "DX1207").isEmpty)
    }

    @Test("DX1208 and DX1209: created users that are never used; root-owned files in a user's home")
    func users() {
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m app\n", "DX1208") == ["2:16 app"])
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m app\nUSER app\n", "DX1208").isEmpty)
        #expect(breakageFindings("FROM debian:12\nRUN useradd -r app\n", "DX1208").isEmpty, "system accounts")
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m app\nENTRYPOINT [\"/entrypoint.sh\"]\n", "DX1208").isEmpty)
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m app && apt-get install -y gosu\n", "DX1208").isEmpty)
        #expect(breakageFindings("FROM debian:12 AS build\nRUN useradd -m app\nFROM debian:12\n", "DX1208").isEmpty, "not the final image")
        #expect(breakageFindings("FROM debian:12 AS base\nRUN useradd -m app\nFROM base\nCMD [\"app\"]\n", "DX1208") == ["2:16 app"])
        #expect(breakageFindings("FROM debian:12 AS base\nRUN useradd -m app\nUSER app\nFROM base\n", "DX1208").isEmpty)
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m app\nENTRYPOINT [\"node\", \"app.js\"]\n", "DX1208") == ["2:16 app"])
        #expect(breakageFindings("FROM debian:12\nRUN useradd -m -d /srv/app app\nUSER app\nCOPY x /srv/app/\nCOPY y /home/app/\nCOPY z /opt/\n", "DX1209")
            == ["4:8 /srv/app/", "5:8 /home/app/"])
        #expect(breakageFindings("FROM debian:12\nUSER app\nCOPY --chown=app x /home/app/\nUSER root\nCOPY x /home/app/\n", "DX1209").isEmpty)
        #expect(breakageFixed("FROM debian:12\nUSER app:staff\ncopy x /home/app/\n", "DX1209") == "FROM debian:12\nUSER app:staff\ncopy --chown=app:staff x /home/app/\n")
    }

    @Test("DX1210 and DX1211: signal names as moby reads them", arguments: [
        ("SIGTERM", nil), ("term", nil), ("15", nil), ("SIGRTMIN+3", nil), ("RTMAX-1", nil), ("SIGTREM", "DX1210"), ("0", "DX1210"),
        ("65", "DX1210"), ("SIGKILL", "DX1211"), ("kill", "DX1211"), ("9", "DX1211"),
    ] as [(String, String?)])
    func stopSignals(signal: String, code: String?) {
        for rule in ["DX1210", "DX1211"] {
            #expect(breakageFindings("FROM alpine:3.20\nSTOPSIGNAL \(signal)\n", rule).isEmpty == (code != rule), "\(signal) \(rule)")
        }
        #expect(breakageFindings("FROM alpine:3.20\nARG S=SIGKIL\nSTOPSIGNAL $S\n", "DX1210") == ["3:12 $S"])
    }

    @Test("DX1212 only in Windows stages; DX1210 and DX1211 leave them to it")
    func windows() {
        let windows = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSTOPSIGNAL SIGKILL\nCOPY --chown=a x C:/x\n"
        #expect(breakageFindings(windows, "DX1212") == ["2:1 STOPSIGNAL", "3:6 --chown=a"])
        #expect(breakageFindings(windows, "DX1211").isEmpty)
        #expect(breakageFindings("FROM alpine:3.20\nRUN --mount=type=cache,target=/c ls\nCOPY --chown=a x /x\n", "DX1212").isEmpty)
    }

    @Test("DX1201: literal paths, the directories before a wildcard, silent without a context")
    func missingSources() {
        let listing = ["app/main.py", "app/util/", "req.txt"]
        let text = "FROM python:3.12\nCOPY req.txt app/main.py app/*.cfg ./\nCOPY docs/*.md nope.txt /d/\nCOPY --from=x /y /y\nADD https://e.com/a /a\nARG V\nCOPY $V /v\nCOPY <<EOF /h\nhi\nEOF\n"
        #expect(breakageFindings(text, "DX1201", context: listing) == ["3:6 docs/*.md", "3:16 nope.txt"])
        #expect(breakageFindings(text, "DX1201").isEmpty)
        #expect(breakageFindings("FROM python:3.12\nONBUILD COPY nope /x\n", "DX1201", context: listing).isEmpty, "a trigger copies from the child's context")
    }

    @Test("BuildContext: wildcard matching stays in a segment; unread directories make absence unknown")
    func contextMatching() {
        let context = BuildContext(listing: ["a/b/c.txt", "a/d.txt", "e.txt"])
        #expect(context.matches(ofSource: "a/*.txt")?.map(\.path) == ["a/d.txt"])
        #expect(context.matches(ofSource: "*/*/c.txt")?.map(\.path) == ["a/b/c.txt"])
        #expect(context.matches(ofSource: "./a/../e.txt")?.map(\.path) == ["e.txt"])
        #expect(context.matches(ofSource: "/a/b")?.map(\.kind) == [.directory])
        let partial = BuildContext(entries: [.init(path: "x", kind: .directory)], unlistedDirectories: ["x"])
        #expect(partial.matches(ofSource: "x/y") == nil)
        #expect(partial.matches(ofSource: "z") == [])
    }
}

@Suite("Context rules: sources from variables")
struct ContextSourceVariableTests {
    @Test("an ADD source whose ARG default is a git URL is remote, not a missing file")
    func remoteFromVariable() {
        let text = "FROM alpine:3.20\nARG REPO=https://github.com/a/b.git\nARG V=v1\nADD ${REPO}#${V} /src\nCOPY ${REPO} /x\n"
        #expect(breakageFindings(text, "DX1201", context: ["a"]) == ["5:6 ${REPO}"])
    }
}

@Suite("Context rules: one finding per problem")
struct ContextOneFindingTests {
    @Test("a missing source that .dockerignore excludes is DX1109's; a letter-case slip in a Windows image is no error")
    func oneFinding() {
        var configuration = Configuration()
        configuration.settings.buildContext = BuildContext(listing: ["App.exe", "a.txt"], ignore: DockerIgnore("secret.txt\n"))
        let result = RuleRegistry.linter.lint(Array("FROM alpine:3.20\nCOPY a.txt secret.txt /x/\n".utf8), configuration: configuration)
        #expect(result.diagnostics.filter { $0.code == "DX1201" }.isEmpty)
        #expect(result.diagnostics.filter { $0.code == "DX1109" }.count == 1)
        let windows = RuleRegistry.linter.lint(Array("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.txt app.exe C:/app/\n".utf8), configuration: configuration)
        #expect(windows.diagnostics.filter { $0.code == "DX1201" }.isEmpty)
        let linux = RuleRegistry.linter.lint(Array("FROM alpine:3.20\nCOPY a.txt app.exe /app/\n".utf8), configuration: configuration)
        #expect(linux.diagnostics.filter { $0.code == "DX1201" }.map(\.message) == ["COPY source 'app.exe' is not in the build context, so the build fails; did you mean 'App.exe'?"])
    }
}
