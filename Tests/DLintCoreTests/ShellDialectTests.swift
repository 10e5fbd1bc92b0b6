import DLintCore
import Testing

@Suite("Shell dialect of each RUN, heredoc and sh -c payload")
struct ShellDialectTests {
    private func model(_ text: String) -> DockerfileModel {
        DockerfileModel(tree: SyntaxTree(parsing: Array(text.utf8)))
    }

    /// The dialect of the last RUN's line.
    private func lastRun(_ text: String) -> ShellDialect? {
        model(text).runs.last?.dialect
    }

    @Test("sh takes the flavor of the base image's /bin/sh", arguments: [
        ("FROM debian:bookworm\nRUN a\n", ShellDialect.sh(.dash)),
        ("FROM ubuntu\nRUN a\n", .sh(.dash)),
        ("FROM python:3.12-slim\nRUN a\n", .sh(.dash)),
        ("FROM alpine:3.20\nRUN a\n", .sh(.ash)),
        ("FROM node:20-alpine\nRUN a\n", .sh(.ash)),
        ("FROM busybox\nRUN a\n", .sh(.ash)),
        ("FROM fedora\nRUN a\n", .sh(.bash)),
        ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN a\n", .sh(.bash)),
        ("FROM example.com/app\nRUN a\n", .sh(.posix)),
        ("FROM $BASE\nRUN a\n", .sh(.posix)),
        ("RUN a\n", .sh(.posix)),
        // The package manager tells where the image does not.
        ("FROM example.com/app\nRUN apk add curl\n", .sh(.ash)),
        ("FROM example.com/app\nRUN a\nRUN apt-get update\n", .sh(.dash)),
        ("RUN apk add x\nRUN a\n", .sh(.ash)),
        // Stage inheritance.
        ("FROM alpine AS base\nFROM base\nRUN a\n", .sh(.ash)),
        ("FROM example.com/app AS base\nRUN apk add x\nFROM base\nRUN a\n", .sh(.ash)),
        ("FROM example.com/app AS base\nFROM base\nRUN apk add x\n", .sh(.ash)),
    ])
    func systemShell(_ text: String, _ expected: ShellDialect) {
        #expect(lastRun(text) == expected)
    }

    @Test("SHELL, exec form, Windows and pragmas", arguments: [
        ("FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a\n", ShellDialect.bash),
        ("FROM debian\nSHELL [\"/usr/bin/env\", \"bash\", \"-c\"]\nRUN a\n", .bash),
        ("FROM debian\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN a\n", .zsh),
        ("FROM debian\nSHELL [\"/bin/mksh\", \"-c\"]\nRUN a\n", .ksh),
        ("FROM alpine\nSHELL [\"/bin/ash\", \"-c\"]\nRUN a\n", .sh(.ash)),
        ("FROM debian\nSHELL [\"/bin/dash\", \"-c\"]\nRUN a\n", .sh(.dash)),
        ("FROM debian\nSHELL [\"pwsh\", \"-Command\"]\nRUN a\n", .powershell),
        ("FROM debian\nRUN [\"bash\", \"-c\", \"a\"]\n", .bash),
        ("FROM debian\nRUN [\"/bin/sh\", \"-c\", \"a\"]\n", .sh(.dash)),
        ("FROM debian\nRUN [\"python3\", \"a.py\"]\n", .unknown),
        ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n", .cmd),
        ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN dir\n", .powershell),
        ("FROM debian\n# hadolint shell=bash\nRUN a\n", .bash),
        ("# dlint shell=/bin/bash\nFROM debian\nFROM alpine\nRUN a\n", .bash),
        ("FROM debian\n# hadolint shell=powershell\nRUN a\n", .powershell),
        ("FROM alpine\nSHELL [\"/bin/bash\", \"-c\"]\n# hadolint shell=sh\nRUN a\n", .sh(.ash)),
        ("FROM debian\n# hadolint shell=bash\nFROM debian\n# dlint shell=dash\nRUN a\n", .sh(.dash)),
        // A pragma inside a stage ends with it, as in hadolint.
        ("FROM debian\n# hadolint shell=bash\nRUN a\nFROM debian\nRUN b\n", .sh(.dash)),
        ("# hadolint shell=/bin/bash\nFROM debian\nRUN a\nFROM debian\nRUN b\n", .bash),
        ("FROM debian\n# hadolint ignore=DL3008\nRUN a\n", .sh(.dash)),
        ("FROM debian\nRUN a\n# hadolint shell=bash\n", .sh(.dash)),
    ])
    func explicitShells(_ text: String, _ expected: ShellDialect) {
        #expect(lastRun(text) == expected)
    }

    @Test("a heredoc's shebang gives its own script's dialect; RUN bash <<EOF feeds it to bash")
    func heredocs() {
        let runs = model("""
            FROM alpine
            RUN <<EOF
            #!/bin/bash
            set -o pipefail
            EOF
            RUN <<EOF
            #!/usr/bin/env -S bash -e
            a
            EOF
            RUN <<EOF
            a
            EOF
            RUN bash <<EOF
            a
            EOF
            RUN <<EOF
            #!/usr/bin/env python3
            print(1)
            EOF
            RUN <<EOF
            #!/bin/sh -e
            a
            EOF

            """).runs
        #expect(runs.map { $0.scripts.last?.dialect } == [.bash, .bash, .sh(.ash), .bash, .unknown, .sh(.ash)])
        #expect(runs.map(\.dialect).allSatisfy { $0 == .sh(.ash) })
        // Each command knows its script's dialect.
        // (The RUN line `<<EOF` is a command of its own, read by the SHELL.)
        #expect(runs[0].commands.map(\.dialect) == [.sh(.ash), .bash])
        #expect(runs[0].scriptDialect(ofCommandAt: 1) == .bash)
    }

    @Test("the payload of sh -c / bash -c runs in that shell")
    func payloads() {
        let run = model("FROM debian\nRUN bash -c 'source x && [[ -n y ]]' && sh -c 'local a' && dash -c b\n").runs[0]
        let dialects = run.commands.map { ($0.name ?? "", $0.dialect) }
        #expect(dialects.map(\.0) == ["bash", "source", "[[", "sh", "local", "dash", "b"])
        #expect(dialects.map(\.1) == [.sh(.dash), .bash, .bash, .sh(.dash), .sh(.dash), .sh(.dash), .sh(.dash)])
        let adopted = model("FROM example.com/x\nRUN bash -c 'sh -c a'\nRUN apk add b\n").runs[0]
        #expect(adopted.commands.map(\.dialect) == [.sh(.ash), .bash, .sh(.ash)])
    }

    @Test("ONBUILD RUN triggers and the base system of a stage")
    func triggersAndSystems() {
        let file = model("FROM example.com/x AS a\nONBUILD RUN b\nRUN apk add c\nFROM a\nRUN d\n")
        #expect(file.runs.first { $0.isOnbuildTrigger }?.dialect == .sh(.ash))
        #expect(file.baseSystem(ofStage: 0) == .busybox)
        #expect(file.baseSystem(ofStage: 1) == .busybox)
        #expect(file.systemShell(ofStage: 1) == .ash)
        #expect(model("FROM scratch\nRUN a\n").baseSystem(ofStage: 0) == nil)
        #expect(model("RUN apt-get update\n").baseSystem(ofStage: nil) == .debian)
    }

    @Test("ShellCheck names and shebang parsing")
    func names() {
        #expect(ShellDialect.sh(.dash).shellCheckName == "dash")
        #expect(ShellDialect.sh(.ash).shellCheckName == "busybox")
        #expect(ShellDialect.sh(.bash).shellCheckName == "bash")
        #expect(ShellDialect.sh(.posix).shellCheckName == "sh")
        #expect(ShellDialect.bash.shellCheckName == "bash")
        #expect(ShellDialect.powershell.shellCheckName == nil)
        #expect(!ShellDialect.cmd.isPOSIXFamily && ShellDialect.zsh.isPOSIXFamily && ShellDialect.sh(.dash).isSh)
        #expect(ShellDialect.shebang(of: Array("#!/bin/busybox sh\n".utf8), systemShell: .dash) == .sh(.ash))
        #expect(ShellDialect.shebang(of: Array("echo\n".utf8), systemShell: .dash) == nil)
        #expect(ShellDialect.program("C:\\Windows\\System32\\cmd.exe", systemShell: .posix) == .cmd)
    }
}
