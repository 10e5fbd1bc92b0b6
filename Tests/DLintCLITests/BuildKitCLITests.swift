import Foundation
import Testing

@Suite("dlint command line: BuildKit checks", .serialized)
struct BuildKitCLITests {
    @Test("explain: a code of another tool that dlint lacks is named plainly, exit 0")
    func explainForeignCodes() throws {
        let shellCheck = try DLintBinary.run(["explain", "SC1090"])
        #expect(shellCheck.status == 0)
        #expect(shellCheck.stdout == "SC1090 is a ShellCheck check that dlint does not implement yet\n")
        let buildKit = try DLintBinary.run(["explain", "InvalidBaseImagePlatform"])
        #expect(buildKit.stdout == "InvalidBaseImagePlatform is a BuildKit build check (docker build --check) that dlint does not implement yet\n")
        let hadolint = try DLintBinary.run(["explain", "dl3005"])
        #expect(hadolint.stdout == "DL3005 was a hadolint rule; hadolint has removed it, and dlint does not have it\n")
        let unknown = try DLintBinary.run(["explain", "NoSuchCheck"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown rule 'NoSuchCheck'"))
        let parser = try DLintBinary.run(["explain", "NoEmptyContinuation"])
        #expect(parser.stdout == "# DX0009 empty-continuation-line\n\nSeverity: info\n\nAlso known as: NoEmptyContinuation\n\nA blank line inside a continued instruction.\n")
        let known = try DLintBinary.run(["explain", "UndefinedVar"])
        #expect(known.stdout.hasPrefix("# DX1104 undefined-variable\n"))
    }

    @Test("the .dockerignore beside a Dockerfile is read; NAME.dockerignore wins over it")
    func dockerIgnoreFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dockerignore", "*.md\n")
        try directory.write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY README.md notes.txt /docs/\n")
        try directory.write("build.Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY README.md notes.txt /docs/\n")
        try directory.write("build.Dockerfile.dockerignore", "notes.txt\n")
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile", "build.Dockerfile"], in: directory.url)
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("DX1109") }
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("Dockerfile:3:6:") == true)
        #expect(lines.last?.hasPrefix("build.Dockerfile:3:16:") == true)
        let standardInput = try DLintBinary.run(["--no-config", "-f", "gnu", "-", "--stdin-filename", "Dockerfile"],
                                                stdin: Array("FROM alpine:3.20\nCOPY README.md /\n".utf8), in: directory.url)
        #expect(standardInput.stdout.contains("DX1109"))
    }

    @Test("--ignore takes a BuildKit name, a group or one dlint lacks")
    func ignoreBuildKitNames() throws {
        let input = Array("# syntax=docker/dockerfile:1\nFROM alpine:3.20\nARG API_TOKEN\n".utf8)
        let reported = try DLintBinary.run(["--no-config", "-f", "gnu", "-"], stdin: input)
        #expect(reported.stdout.contains("DL3064"))
        let ignored = try DLintBinary.run(["--no-config", "-f", "gnu", "--ignore", "SecretsUsedInArgOrEnv", "--ignore", "MultipleInstructionsDisallowed", "-"], stdin: input)
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(!ignored.stdout.contains("DL3064"))
    }
}
