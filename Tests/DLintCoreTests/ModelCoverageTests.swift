@testable import DLintCore
import DLintRules
import Testing

/// What the model lets rules see that they did not see before: files without `FROM`, `ONBUILD`
/// triggers, exec-form shells, Windows stages told by name, escape and SHELL.
@Suite("Model coverage: fragments, ONBUILD triggers, exec-form shells, Windows stages")
struct ModelCoverageTests {
    private func model(_ text: String) -> DockerfileModel {
        DockerfileModel(tree: SyntaxTree(parsing: text))
    }

    /// `CODE@line:column=text` of each finding of the given codes (all codes when empty).
    private func findings(_ text: String, _ codes: Set<String> = []) -> [String] {
        let bytes = Array(text.utf8)
        let result = RuleRegistry.linter.lint(bytes)
        return result.diagnostics.filter { codes.isEmpty || codes.contains($0.code) }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return "\(diagnostic.code)@\(location.line):\(location.column)=" + String(decoding: bytes[diagnostic.range], as: UTF8.self)
        }
    }

    private func fixed(_ text: String, _ code: String) -> (text: String, again: Bool) {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        let again = rewriter.fix(outcome.fixed, applying: [.safe, .unsafe])
        return (String(decoding: outcome.fixed, as: UTF8.self), again.changed)
    }

    // MARK: - Files without FROM

    @Test("outside any stage: stageIndex nil, USER/WORKDIR/SHELL tracked, ARGs and ENVs seen by what follows")
    func fragmentState() {
        let model = model("""
        ARG VERSION=1.2
        ENV HOME=/home/app
        USER app
        WORKDIR $HOME
        RUN pip install flask==$VERSION

        """)
        #expect(model.isFragment)
        #expect(model.stages.isEmpty)
        let run = model.runs[0]
        #expect(run.state.stageIndex == nil)
        #expect(run.state.user == "app")
        #expect(run.state.workingDirectory == .path("/home/app"))
        #expect(run.state.variables["VERSION"] == .known("1.2"))
        #expect(!run.state.isWindows)
        #expect(run.commands.map(\.name) == ["pip"])
        #expect(model.layersShip(ofInstruction: run.instructionIndex))
        #expect(model.instructionGroups == [0..<5])
    }

    /// Each rule on a fragment: what it reports, beside hadolint 2.15.1 on the same lines.
    static let fragmentCases: [(text: String, expected: [String])] = [
        // hadolint DL3004 too.
        ("RUN sudo make install\n", ["DL3004@1:5=sudo"]),
        // hadolint says nothing for DL3009 without FROM; dlint: the fragment's layer may ship.
        ("RUN apt-get update && apt-get install -y curl\n", ["DL3009@1:5=apt-get update", "DL3015@1:23=apt-get install", "DL3008@1:42=curl"]),
        ("RUN apk add curl\n", ["DL3019@1:5=apk add", "DL3018@1:13=curl"]),
        ("RUN pip install flask\n", ["DL3042@1:5=pip install", "DL3013@1:17=flask"]),
        ("RUN yum install -y git\n", ["DL3032@1:5=yum install", "DL3033@1:20=git"]),
        ("RUN dnf install -y git\n", ["DL3040@1:5=dnf install", "DL3041@1:20=git"]),
        ("RUN zypper install -y git\n", ["DL3036@1:5=zypper install", "DL3037@1:23=git"]),
        ("RUN yarn install\n", ["DL3060@1:5=yarn install"]),
        ("RUN useradd app\n", ["DX1001@1:5=useradd"]),
        ("WORKDIR app\n", ["DL3000@1:9=app"]),
        ("MAINTAINER me\n", ["DL4000@1:1=MAINTAINER"]),
        ("ENV K v\n", ["DX1012@1:5=K"]),
        ("run true\n", ["DX1010@1:1=run"]),
        // hadolint DL3066 too: the last USER of the file.
        ("USER app\nRUN true\nUSER www-data\n", ["DL3066@3:6=www-data"]),
        ("COPY . /srv\nRUN npm ci\n", ["DX1002@1:6=."]),
        // Stage rules need stages: hadolint's DL3022 reports `--from=builder`, dlint does not
        // (the stage is defined in the file the fragment goes into).
        ("COPY --from=builder /a /b\n", []),
        // Not built on its own: no syntax directive asked for.
        ("RUN <<EOF\necho hi\nEOF\n", []),
    ]

    @Test("rules that need no stage check a fragment; stage and directive rules do not", arguments: fragmentCases)
    func fragmentRules(_ example: (text: String, expected: [String])) {
        let reported = findings(example.text).filter { !$0.hasPrefix("DX0007") && !$0.hasPrefix("DX0011") }
        #expect(reported == example.expected)
        // The parser's diagnostics stay.
        #expect(findings(example.text, ["DX0011"]).count == 1)
    }

    @Test("DL3004 on a fragment: no fix unless the fragment itself says USER root")
    func fragmentSudoFix() {
        let unknownUser = RuleRegistry.linter.lint(Array("RUN sudo make install\n".utf8))
        #expect(unknownUser.diagnostics.first { $0.code == "DL3004" }?.fix == nil)
        #expect(fixed("USER root\nRUN sudo make install\n", "DL3004").text == "USER root\nRUN make install\n")
    }

    @Test("RUN lines before the first FROM are checked too, and keep DX0007")
    func beforeFirstFrom() {
        let text = "RUN sudo true\nFROM alpine\nRUN true\n"
        #expect(findings(text, ["DX0007", "DL3004"]) == ["DX0007@1:1=RUN", "DL3004@1:5=sudo"])
        let model = model(text)
        #expect(model.instructionGroups == [0..<1, 1..<3])
        #expect(model.states[0].stageIndex == nil && model.states[2].stageIndex == 0)
    }

    // MARK: - ONBUILD triggers

    @Test("ONBUILD RUN is among runs, marked, with exact positions, in the state the child image has")
    func onbuildRun() throws {
        let text = """
        FROM debian:12
        ARG TOOL=curl
        ONBUILD RUN apt-get install -y $TOOL
        ONBUILD WORKDIR /src
        ONBUILD RUN make
        USER app
        ENV MODE=release

        """
        let model = model(text)
        #expect(model.runs.count == 2)
        let first = model.runs[0]
        #expect(first.isOnbuildTrigger && first.instructionIndex == 2)
        #expect(first.instruction.kind == .run)
        let install = first.commands[0]
        #expect(model.tree.location(of: install.fileRange.lowerBound) == SourceLocation(line: 3, column: 13))
        // The child starts from the end of this stage: USER and ENV set after the ONBUILD apply,
        // the stage's ARGs do not.
        #expect(first.state.user == "app")
        #expect(first.state.variables["MODE"] == .known("release"))
        #expect(first.state.variables["TOOL"] == nil)
        #expect(first.state.workingDirectory == .baseImage)
        // Triggers run in order: the WORKDIR trigger applies to the RUN trigger after it.
        #expect(model.runs[1].state.workingDirectory == .path("/src"))
        // `run(atInstruction:)` is for RUN instructions; the ONBUILD is not one.
        #expect(model.run(atInstruction: 2) == nil)
        let checked = model.checkedInstructions.map { "\($0.index):\($0.instruction.kind.rawValue)\($0.isOnbuildTrigger ? "*" : "")" }
        #expect(checked == ["0:from", "1:arg", "2:onbuild", "2:run*", "3:onbuild", "3:workdir*", "4:onbuild", "4:run*", "5:user", "6:env"])
    }

    @Test("rules fire inside ONBUILD triggers: sudo, caches, relative WORKDIR, useradd")
    func onbuildRules() {
        let text = """
        FROM debian:12
        ONBUILD RUN sudo apt-get update
        ONBUILD WORKDIR /app
        ONBUILD WORKDIR src
        ONBUILD RUN useradd app
        ONBUILD USER app

        """
        #expect(findings(text, ["DL3004", "DL3009", "DL3000", "DX1001", "DL3066"]) == [
            "DL3004@2:13=sudo", "DL3009@2:18=apt-get update", "DL3000@4:17=src", "DX1001@5:13=useradd",
        ])
        // The fix prefixes the directory the child is in when the trigger runs.
        #expect(fixed(text, "DL3000").text.contains("ONBUILD WORKDIR /app/src\n"))
        // A trigger's account is created in the child: a USER of this stage does not see it.
        let model = model(text + "USER app\n")
        #expect(model.accountCreations.count == 1 && model.accountCreations[0].isOnbuildTrigger)
        #expect(model.accountCreations(before: 6).isEmpty)
    }

    @Test("a trigger in a stage whose layers do not ship is exempt from cache rules, like its stage")
    func onbuildInBuilder() {
        let text = "FROM debian AS build\nONBUILD RUN apt-get update\nFROM alpine\nRUN true\n"
        #expect(findings(text, ["DL3009"]).isEmpty)
    }

    // MARK: - Exec-form shells

    @Test("exec form whose program is a POSIX shell with -c is parsed, with its options", arguments: [
        (#"RUN ["/bin/sh", "-c", "sudo ls"]"#, ["/bin/sh", "-c"]),
        (#"RUN ["bash", "-c", "sudo ls"]"#, ["bash", "-c"]),
        (#"RUN ["sh", "-eux", "-c", "sudo ls"]"#, ["sh", "-eux", "-c"]),
        (#"RUN ["sh", "-ec", "sudo ls", "zero"]"#, ["sh", "-ec"]),
        (#"RUN ["/bin/bash", "-o", "pipefail", "-c", "sudo ls"]"#, ["/bin/bash", "-o", "pipefail", "-c"]),
        (#"RUN ["/usr/bin/env", "bash", "-c", "sudo ls"]"#, ["/usr/bin/env", "bash", "-c"]),
    ])
    func execShells(_ example: (line: String, shell: [String])) throws {
        let model = model("FROM alpine\n" + example.line + "\n")
        let run = try #require(model.runs.first)
        #expect(run.shell == example.shell)
        #expect(run.scripts.count == 1 && run.scripts[0].isJSONString)
        #expect(run.commands.map(\.name) == ["sudo"])
        let column = Array(example.line.utf8).firstRange(of: Array("sudo".utf8))!.lowerBound + 1
        #expect(findings("FROM alpine\n" + example.line + "\n", ["DL3004"]) == ["DL3004@2:\(column)=sudo"])
    }

    @Test("exec forms that run no command string are not shell scripts", arguments: [
        #"RUN ["sh", "script.sh"]"#, #"RUN ["sh", "-e"]"#, #"RUN ["sudo", "ls"]"#, #"RUN ["cmd", "/S", "/C", "dir"]"#,
        #"RUN ["python", "-c", "print(1)"]"#,
    ])
    func execNotShells(_ line: String) {
        #expect(model("FROM alpine\n" + line + "\n").runs[0].scripts.isEmpty)
    }

    @Test("JSON escapes map back to the exact file bytes: \\\" \\\\ \\n \\u0041, surrogate pairs, continuations")
    func jsonMapping() throws {
        let text = #"""
        FROM debian
        RUN ["sh", "-c", "echo \"a\\b\" \u0041\n\ud83d\ude00 é && \
             sudo apt-get update"]

        """#
        let model = model(text)
        let run = try #require(model.runs.first)
        let script = run.scripts[0]
        #expect(script.string(0..<script.text.count) == "echo \"a\\b\" A\n\u{1F600} é &&      sudo apt-get update")
        let echo = run.commands[0]
        #expect(echo.command.arguments.count == 2)
        // Each word covers its bytes as written in the file.
        #expect(model.tree.text(of: echo.fileRange(of: echo.command.words[1])) == #"\"a\\b\""#)
        #expect(model.tree.text(of: echo.fileRange(of: echo.command.words[2])) == #"\u0041"#)
        #expect(run.commands.map(\.name) == ["echo", "\u{1F600}", "sudo"])
        let emoji = try #require(run.commands.dropFirst().first?.command.words.first)
        #expect(model.tree.text(of: run.commands[1].fileRange(of: emoji)) == #"\ud83d\ude00"#)
        #expect(findings(text, ["DL3004", "DL3009"]) == ["DL3004@3:6=sudo", "DL3009@3:11=apt-get update"])
    }

    @Test("fixes inside a JSON string: sudo removed, cleanup appended, the array stays valid JSON")
    func jsonFixes() {
        let sudo = fixed(#"FROM debian\#nRUN ["/bin/sh", "-c", "sudo apt-get install -y curl"]\#n"#, "DL3004")
        #expect(sudo.text == #"FROM debian\#nRUN ["/bin/sh", "-c", "apt-get install -y curl"]\#n"#)
        #expect(!sudo.again)
        let cleanup = fixed(#"FROM debian\#nRUN ["sh", "-ec", "apt-get update && apt-get install -y curl"]\#n"#, "DL3009")
        #expect(cleanup.text == #"FROM debian\#nRUN ["sh", "-ec", "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"]\#n"#)
        #expect(!cleanup.again)
        let tree = SyntaxTree(parsing: cleanup.text)
        #expect(tree.instructions[1].isExecForm)
    }

    @Test("an edit inside a JSON string gets its quotes escaped; a backslash, a line break or an edit beside the string drops the fix")
    func jsonFixAdjustment() throws {
        let model = model(#"FROM debian\#nRUN ["sh", "-c", "echo hi"]\#n"#)
        let regions = model.execFormScriptRegions
        let region = try #require(regions.first)
        #expect(model.tree.text(of: region.string) == "echo hi")
        let inside = region.string.upperBound
        func fix(_ replacement: String, at offset: Int) -> Fix {
            Fix(title: "t", applicability: .unsafe, edits: [TextEdit(range: offset..<offset, replacement: replacement)])
        }
        #expect(DockerfileModel.adjusted(fix(#" "x""#, at: inside), regions: regions)?.edits.first?.replacement == #" \"x\""#)
        #expect(DockerfileModel.adjusted(fix(" \\\n x", at: inside), regions: regions) == nil)
        #expect(DockerfileModel.adjusted(fix("\n x", at: inside), regions: regions) == nil)
        #expect(DockerfileModel.adjusted(fix(" x", at: inside + 1), regions: regions) == nil)
        // Before the array (a flag of the RUN) is not the script's business.
        #expect(DockerfileModel.adjusted(fix(" --network=none", at: 15), regions: regions) != nil)
        #expect(DockerfileModel.adjusted(fix(" ok", at: inside), regions: regions)?.edits.first?.replacement == " ok")
    }

    // MARK: - Windows stages

    @Test("Windows images by name", arguments: [
        ("mcr.microsoft.com/windows:ltsc2019", true),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", true),
        ("mcr.microsoft.com/windows/nanoserver:1809", true),
        ("mcr.microsoft.com/windows/server:ltsc2022", true),
        ("mcr.microsoft.com/windows/servercore/iis", true),
        ("mcr.microsoft.com/dotnet/framework/sdk:4.8", true),
        ("mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", true),
        ("mcr.microsoft.com/powershell:lts-7.4-windowsservercore-ltsc2022", true),
        ("mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809", true),
        ("mcr.microsoft.com/dotnet/runtime:8.0-ltsc2022", true),
        ("python:3.13-windowsservercore-ltsc2022", true),
        ("golang:1.22-nanoserver", true),
        ("microsoft/windowsservercore", true),
        ("microsoft/nanoserver:sac2016", true),
        ("mirror.example.com/windows/servercore:ltsc2025", true),
        ("mcr.microsoft.com/powershell:lts-7.4-ubuntu-22.04", false),
        ("mcr.microsoft.com/dotnet/sdk:8.0", false),
        ("mcr.microsoft.com/openjdk/jdk:25-ubuntu", false),
        ("example.com/windows-tools:1", false),
        ("python:3.12", false),
        ("node:18090", false),
        ("alpine:3.20", false),
    ])
    func windowsNames(_ example: (image: String, isWindows: Bool)) {
        #expect(ImageReference(example.image).namesWindowsImage == example.isWindows)
        let model = model("FROM \(example.image)\nRUN echo hi\n")
        #expect(model.stages[0].isWindows == example.isWindows)
        // A Windows stage runs RUN with cmd: no POSIX script.
        #expect(model.runs[0].scripts.isEmpty == example.isWindows)
    }

    @Test("Windows by escape (when the image cannot be read), by a Windows-only SHELL, and by the parent stage")
    func windowsSignals() {
        let escapeVariable = model("# escape=`\nARG BASE\nFROM $BASE\nRUN dir\n")
        #expect(escapeVariable.stages[0].isWindows)
        // A Linux file may use the backtick too: a readable image name wins.
        #expect(!model("# escape=`\nFROM python:3.12\nRUN ls\n").stages[0].isWindows)
        let shell = model("FROM example.com/agent:2 AS agent\nRUN dir\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Item\nFROM agent\nRUN dir\n")
        #expect(shell.stages.map(\.isWindows) == [true, true])
        // The RUN before the SHELL already goes to cmd.
        #expect(shell.runs.allSatisfy { $0.scripts.isEmpty })
        #expect(shell.runs[0].state.shell == ["cmd", "/S", "/C"])
        #expect(!model("FROM alpine\nSHELL [\"pwsh\", \"-c\"]\n").stages[0].isWindows)
        #expect(model("FROM example.com/agent\nSHELL [\"C:\\\\Program Files\\\\Git\\\\bin\\\\bash.exe\", \"-c\"]\n").stages[0].isWindows)
        // Outside any stage: a backtick escape or a Windows SHELL.
        #expect(model("# escape=`\nRUN dir\n").runs[0].state.isWindows)
        #expect(!model("RUN ls\n").runs[0].state.isWindows)
    }

    @Test("rules that skip Windows skip every kind of Windows stage", arguments: [
        "FROM mcr.microsoft.com/windows:ltsc2019\n",
        "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8\n",
        "# escape=`\nARG BASE\nFROM ${BASE}\n",
        "FROM example.com/agent:2\nSHELL [\"cmd\", \"/S\", \"/C\"]\n",
    ])
    func windowsRules(_ head: String) {
        let text = head + "RUN net user app /add\nUSER ContainerUser\n"
        #expect(findings(text, ["DX1004", "DX1001", "DL3066"]).isEmpty)
    }

    @Test("DX1004 is style and silent on a file with a Windows stage or without FROM")
    func missingDirective() {
        let descriptor = RuleRegistry.rules.first { $0.descriptor.code == "DX1004" }!.descriptor
        #expect(descriptor.severity == .style)
        #expect(findings("FROM alpine\nRUN true\n", ["DX1004"]).count == 1)
        #expect(findings("FROM golang:1.22 AS build\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n", ["DX1004"]).isEmpty)
        #expect(findings("RUN true\n", ["DX1004"]).isEmpty)
    }

    // MARK: - DX1001 and DL3066

    @Test("DX1001 and DL3066 never report the same bytes", arguments: [
        "FROM debian\nUSER app\n",
        "FROM debian\nRUN useradd app\nUSER app\n",
        "FROM debian\nRUN useradd -u 10001 app\nUSER app:app\n",
        "FROM debian AS base\nUSER app\nFROM base\nUSER www-data\n",
        "FROM debian AS base\nUSER daemon\nFROM base\n",
        "USER app\n",
    ])
    func privilegeOverlap(_ text: String) {
        let reported = findings(text, ["DX1001", "DL3066"])
        let ranges = reported.map { $0.split(separator: "@", maxSplits: 1)[1] }
        #expect(Set(ranges).count == ranges.count, "\(reported)")
        #expect(!reported.isEmpty)
    }
}
