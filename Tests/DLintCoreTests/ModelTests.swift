import DLintCore
import Testing

private func model(_ text: String) -> DockerfileModel {
    DockerfileModel(tree: SyntaxTree(parsing: text))
}

@Suite("Semantic model")
struct ModelTests {
    @Test("stages: index, name, base image, parent stage, final stage and what it depends on")
    func stages() {
        let model = model("""
        ARG BASE=alpine
        ARG TAG=3.20
        FROM ${BASE}:${TAG} AS Base
        RUN echo base
        FROM golang:1.22 AS build
        RUN go build
        FROM base AS runtime
        COPY --from=build /out /app
        RUN --mount=type=bind,from=tools,target=/t true
        FROM scratch AS unused

        """)
        #expect(model.stages.map(\.index) == [0, 1, 2, 3])
        #expect(model.stages.map { $0.name?.text } == ["Base", "build", "runtime", "unused"])
        #expect(model.stages[0].baseImage.repository == "alpine")
        #expect(model.stages[0].baseImage.tag == "3.20")
        #expect(model.stages[2].parentStage == 0)
        #expect(model.stages[2].dependencies == [0, 1])
        #expect(model.finalStage?.index == 3)
        #expect(model.stagesInFinalImage == [3])
        #expect(model.stages[1].instructionIndices == 4..<6)
        #expect(model.stage(named: "BUILD", before: 3)?.index == 1)
        #expect(model.stage(named: "1", before: 3)?.index == 1)
        #expect(model.stage(named: "runtime", before: 2) == nil)
    }

    @Test("the final stage's dependencies are followed transitively")
    func finalDependencies() {
        let model = model("FROM a AS one\nFROM b AS two\nCOPY --from=one / /\nFROM c\nCOPY --from=two / /\n")
        #expect(model.stagesInFinalImage == [0, 1, 2])
    }

    @Test("USER, WORKDIR and SHELL before each instruction, inherited by child stages")
    func state() {
        let model = model("""
        FROM alpine AS base
        WORKDIR /srv
        WORKDIR app/../api
        USER 1000
        SHELL ["/bin/bash", "-c"]
        RUN pwd
        FROM base
        RUN pwd
        FROM ubuntu
        WORKDIR rel
        RUN pwd

        """)
        let runs = model.instructions.indices.filter { model.instructions[$0].kind == .run }
        #expect(model.states[runs[0]].workingDirectory == .path("/srv/api"))
        #expect(model.states[runs[0]].user == "1000")
        #expect(model.states[runs[0]].shell == ["/bin/bash", "-c"])
        #expect(model.states[runs[1]].workingDirectory == .path("/srv/api"))
        #expect(model.states[runs[1]].user == "1000")
        #expect(model.states[runs[2]].workingDirectory == .relativeToBaseImage("rel"))
        #expect(model.states[runs[2]].user == nil)
        #expect(model.states[runs[2]].shell == ["/bin/sh", "-c"])
        #expect(model.states[1].workingDirectory == .baseImage)
    }

    @Test("ARG and ENV scopes: global ARGs reach a stage only when redeclared; ENV values expand")
    func variables() {
        let model = model("""
        ARG VERSION=1.2
        ARG OTHER=x
        FROM alpine
        ARG VERSION
        ARG BUILD_ID
        ENV HOME=/home/app PATH="$HOME/bin:/usr/bin"
        WORKDIR $HOME/src
        RUN true

        """)
        let run = model.instructions.count - 1
        let variables = model.states[run].variables
        #expect(variables["VERSION"] == .known("1.2"))
        #expect(variables["OTHER"] == nil)
        #expect(variables["BUILD_ID"] == .unknown)
        #expect(variables["PATH"] == .known("/home/app/bin:/usr/bin"))
        #expect(model.states[run].workingDirectory == .path("/home/app/src"))
        #expect(model.globalVariables["OTHER"] == .known("x"))
    }

    @Test("an unknown variable in WORKDIR makes the directory unknown")
    func unknownWorkdir() {
        let model = model("FROM a\nARG DIR\nWORKDIR $DIR\nRUN x\n")
        #expect(model.states[3].workingDirectory == .unknown)
    }

    @Test("a mount path contains a directory: clean paths as written, others with //, ., .. and a final slash collapsed")
    func mountPathContainment() {
        #expect(Mount.path("/var/cache", contains: "/var/cache/apt"))
        #expect(Mount.path("/", contains: "/var"))
        #expect(Mount.path("/var/cache/", contains: "/var/cache"))
        #expect(Mount.path("/var//cache", contains: "/var/cache/apt"))
        #expect(Mount.path("/var/./cache", contains: "/var/cache"))
        #expect(Mount.path("/var/lib/../cache", contains: "/var/cache/apt"))
        #expect(Mount.path("/root/...", contains: "/root/.../x"))
        #expect(Mount.path("/root/.cache", contains: "/root/.cache/pip"))
        #expect(Mount.path("var/cache", contains: "/var/cache/apt"))
        #expect(!Mount.path("/var/cache", contains: "/var/cache2"))
        #expect(!Mount.path("/var/cache/apt", contains: "/var/cache"))
        #expect(Mount.path("/var/cache/..", contains: "/var/lib"))
        #expect(!Mount.path("/var/cache/..", contains: "/usr"))
    }

    @Test("RUN: mounts, the shell script with file ranges, heredoc scripts, sh -c payloads")
    func runs() throws {
        let text = "FROM a\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && \\\n    sh -c 'apt-get install -y curl'\nRUN <<EOF\nset -e\nmake install\nEOF\nRUN [\"exec\", \"form\"]\n"
        let model = model(text)
        #expect(model.runs.count == 3)
        let first = model.runs[0]
        #expect(first.mounts.map(\.type) == ["cache"])
        #expect(first.mounts[0].target == "/var/cache/apt")
        #expect(first.mounts[0].options["sharing"] == "locked")
        #expect(first.mounts[0].caches("/var/cache/apt/archives"))
        #expect(!first.mounts[0].caches("/var/lib/apt/lists"))
        let names = first.commands.compactMap(\.name)
        #expect(names == ["apt-get", "sh", "apt-get"])
        let install = first.commands[2]
        let location = model.tree.location(of: install.fileRange.lowerBound)
        #expect(location == SourceLocation(line: 4, column: 12))
        #expect(model.tree.text(of: install.fileRange) == "apt-get install -y curl")
        let heredoc = model.runs[1]
        #expect(heredoc.commands.compactMap(\.name) == ["set", "make"])
        let make = try #require(heredoc.commands.first { $0.name == "make" })
        #expect(model.tree.location(of: make.fileRange.lowerBound) == SourceLocation(line: 7, column: 1))
        #expect(model.runs[2].scripts.isEmpty)
    }

    @Test("PowerShell and cmd turn shell analysis off; Windows images default to cmd")
    func nonPOSIXShells() {
        let model = model("""
        FROM alpine
        SHELL ["pwsh", "-Command"]
        RUN Get-ChildItem
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN dir
        FROM alpine
        RUN ls

        """)
        #expect(model.runs.map(\.scripts.isEmpty) == [true, true, false])
        #expect(model.stages[1].isWindows)
    }
}

@Suite("Variable expansion")
struct VariableScopeTests {
    static let scope: VariableScope = {
        var scope = VariableScope()
        scope["A"] = .known("/a")
        scope["EMPTY"] = .known("")
        scope["LATER"] = .unknown
        return scope
    }()

    @Test("expansions, quotes and escapes", arguments: [
        ("$A/b", "/a/b"), ("${A}/b", "/a/b"), ("\"$A b\"", "/a b"), ("'$A'", "$A"),
        ("${MISSING:-/d}", "/d"), ("${EMPTY:-/d}", "/d"), ("${EMPTY-/d}", ""), ("${A:+set}", "set"),
        ("${MISSING:+set}", ""), ("\\$A", "$A"), ("plain", "plain"),
    ])
    func expands(_ text: String, _ expected: String) {
        #expect(Self.scope.expand(text) == expected)
    }

    @Test("unknown values give nil", arguments: ["$LATER", "${MISSING}/x", "$MISSING", "${LATER:-x}"])
    func unknown(_ text: String) {
        #expect(Self.scope.expand(text) == nil)
    }
}
