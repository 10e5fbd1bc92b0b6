import DLintCore
import Testing

@Suite("HCL reader, Compose and Bake readers")
struct ProjectFilesReaderTests {
    private static func bake(_ text: String) -> ProjectDefinition {
        ProjectDefinition.read([ProjectSource(path: "docker-bake.hcl", bytes: Array(text.utf8))], kinds: [.bake])
    }

    private static func text(_ range: Range<Int>, in source: String) -> String {
        String(decoding: Array(source.utf8)[range], as: UTF8.self)
    }

    @Test("blocks, labels, attributes, comments, lists, objects, heredocs and templates, with positions")
    func hclShapes() throws {
        let source = """
        # comment
        // another
        /* block
           comment */
        variable "TAG" { default = "1.0" }
        target "app" {
          context = "."
          list    = ["a", "b",
                     "c"] # trailing
          object  = { A = 1, "B" = true
                      C: null }
          script  = <<-EOT
            echo ${TAG}
            done
          EOT
          call    = notequal("", TAG) ? "x" : "y"
          quoted  = "a \\"q\\" $${literal} ${TAG}-${lower(TAG)}"
        }
        """
        let file = try HCLFile.parse(Array(source.utf8)).get()
        #expect(file.body.blocks.map(\.type) == ["variable", "target"])
        let target = file.body.blocks[1]
        #expect(target.labels.first?.text == "app")
        #expect(Self.text(target.labels[0].range, in: source) == "\"app\"")
        #expect(target.body.attributes.map(\.name) == ["context", "list", "object", "script", "call", "quoted"])
        guard case .list(let items) = target.body.attribute("list")?.value.value else { Issue.record("list"); return }
        #expect(items.count == 3)
        guard case .object(let entries) = target.body.attribute("object")?.value.value else { Issue.record("object"); return }
        #expect(entries.map(\.key) == ["A", "B", "C"])
        #expect(Self.text(entries[1].keyRange, in: source) == "\"B\"")
        guard case .string(let heredoc) = target.body.attribute("script")?.value.value else { Issue.record("heredoc"); return }
        #expect(heredoc.parts.count == 4)
        guard case .expression(let call) = target.body.attribute("call")?.value.value else { Issue.record("call"); return }
        #expect(call == "notequal(\"\", TAG) ? \"x\" : \"y\"")
        guard case .string(let quoted) = target.body.attribute("quoted")?.value.value else { Issue.record("quoted"); return }
        guard case .literal(let first) = quoted.parts.first else { Issue.record("literal"); return }
        #expect(first == "a \"q\" ${literal} ")
    }

    @Test("syntax errors are values with the offset where reading stopped", arguments: [
        ("target \"a\" {\n  x = \"open\n}\n", 19),
        ("target \"a\" {\n  x = 1\n", 21),
        ("target \"a\" {\n  x = [1, 2\n}\n", 25),
        ("= 1\n", 0),
        ("/* never closed", 0),
    ])
    func hclErrors(_ source: String, _ offset: Int) {
        guard case .failure(let error) = HCLFile.parse(Array(source.utf8)) else { Issue.record("\(source) parsed"); return }
        #expect(error.offset == offset, "\(source): \(error.message)")
    }

    @Test("every truncation of a Bake file and of a Compose file is read without a crash")
    func truncations() {
        let bake = """
        variable "V" { default = "1" }
        target "a" {
          inherits = ["b"]
          args = { X = "${V}", Y = <<EOT
        y
        EOT
          }
        }
        target "b" { contexts = { c = "./c" } }
        """
        let compose = """
        services:
          web:
            build:
              context: "./app"
              args: ["A=1", 'B']
              additional_contexts: { c: ./c }
        """
        for (text, kind) in [(bake, ProjectFileKind.bake), (compose, .compose)] {
            let bytes = Array(text.utf8)
            for length in 0...bytes.count {
                let definition = ProjectDefinition.read([ProjectSource(path: "f", bytes: Array(bytes[0..<length]))], kinds: [kind])
                for problem in definition.problems { #expect(problem.range.upperBound <= length) }
            }
        }
    }

    @Test("Bake: inherits merge args, variables interpolate, null removes an argument, templates are not builds")
    func bakeResolution() throws {
        let definition = Self.bake("""
        variable "GO" { default = "1.22" }
        variable "NOTHING" { default = null }
        variable "FULL" { default = "golang:${GO}" }
        target "_common" { args = { GO_VERSION = GO, DROP = "x" } }
        target "app" {
          inherits = ["_common"]
          args = { IMAGE = "${FULL}-alpine", DROP = null, ENV = "${UNKNOWN}", UNSET = NOTHING }
          target = "release"
        }
        """)
        #expect(definition.problems.isEmpty)
        #expect(definition.builds.map(\.name.value) == ["app"])
        let app = try #require(definition.builds.first)
        let arguments = Dictionary(uniqueKeysWithValues: app.arguments.map { ($0.name.value, $0.value) })
        #expect(arguments == ["GO_VERSION": .known("1.22"), "IMAGE": .known("golang:1.22-alpine"), "ENV": .unknown])
        #expect(app.target?.value == "release")
    }

    @Test("Compose: string and mapping builds, args as mapping or list, interpolation unknown, anchors and merge keys")
    func composeResolution() throws {
        let text = """
        x-args: &args
          COMMON: "1"
        services:
          a:
            build: ./a
          b:
            build:
              context: ${DIR:-.}
              args:
                <<: *args
                LOCAL: $$HOME
                FROM_ENV:
          c:
            build:
              context: .
              args:
                - "QUOTED=1"
                - BARE
        """
        let definition = ProjectDefinition.read([ProjectSource(path: "compose.yaml", bytes: Array(text.utf8))], kinds: [.compose])
        #expect(definition.problems.isEmpty)
        #expect(definition.builds.map(\.name.value) == ["a", "b", "c"])
        #expect(definition.builds[0].context?.value == "./a")
        #expect(definition.builds[1].context.map { $0.value == nil } == true)
        let b = Dictionary(uniqueKeysWithValues: definition.builds[1].arguments.map { ($0.name.value, $0.value) })
        #expect(b == ["COMMON": .known("1"), "LOCAL": .known("$HOME"), "FROM_ENV": .unknown])
        let c = definition.builds[2].arguments
        #expect(c.map(\.name.value) == ["QUOTED", "BARE"])
        #expect(Self.text(c[0].name.range, in: text) == "QUOTED")
        #expect(c[1].value == .unknown)
    }

    @Test("Compose: values of the wrong type are problems at their position; the other services are still read", arguments: [
        ("services: [a]\n", "'services' must be a mapping", 10),
        ("services:\n  a:\n    build: [x]\n  b:\n    build: .\n", "'build' of service 'a' must be a string", 26),
        ("services:\n  a:\n    build:\n      args: 5\n  b:\n    build: .\n", "'build.args' of service 'a' must be a mapping or a list", 38),
    ])
    func composeTypes(_ text: String, _ message: String, _ offset: Int) {
        let definition = ProjectDefinition.read([ProjectSource(path: "compose.yaml", bytes: Array(text.utf8))], kinds: [.compose])
        #expect(definition.problems.count == 1)
        #expect(definition.problems.first?.message.hasPrefix(message) == true, "\(definition.problems.map(\.message))")
        #expect(definition.problems.first?.range.lowerBound == offset)
        if text.contains("b:") { #expect(definition.builds.contains { $0.name.value == "b" }) }
    }

    @Test("paths join without the file system")
    func paths() {
        #expect(ProjectPaths.join("a/b", "../c") == "a/c")
        #expect(ProjectPaths.join(".", "./x/") == "x")
        #expect(ProjectPaths.join("a", "/abs/./p") == "/abs/p")
        #expect(ProjectPaths.join(".", "../up") == "../up")
        #expect(!ProjectPaths.isLocal("https://github.com/a/b.git"))
        #expect(!ProjectPaths.isLocal("docker-image://alpine"))
        #expect(ProjectPaths.isLocal("../shared"))
    }

    @Test("checks that share Dockerfile models find what checks with models of their own do, and see a changed file")
    func sharedModels() {
        struct Disk: ProjectFileSystem {
            let files: [String: String]
            func isDirectory(_ path: String) -> Bool { path == "." }
            func isFile(_ path: String) -> Bool { files[path] != nil }
            func contents(_ path: String) -> [UInt8]? { files[path].map { Array($0.utf8) } }
        }
        let bake = Self.bake("""
        target "one" { target = "build" }
        target "two" { target = "test" }
        target "three" { args = { V = "1" } }
        """)
        func summary(_ result: ProjectChecker.Result) -> [String] {
            result.diagnostics.joined().map { "\($0.code) \($0.message)" } + result.requests.map { "\($0.dockerfilePath) \($0.target ?? "-")" }
        }
        let first = Disk(files: [ProjectPaths.join(".", "Dockerfile"): "FROM alpine AS build\nFROM build AS test\n"])
        let changed = Disk(files: [ProjectPaths.join(".", "Dockerfile"): "ARG V\nFROM alpine AS build\n"])
        let shared = ProjectDockerfileModels(limit: 2)
        for disk in [first, first, changed, first] {
            let alone = ProjectChecker(fileSystem: disk).check(bake)
            let sharing = ProjectChecker(fileSystem: disk, models: shared).check(bake)
            #expect(summary(sharing) == summary(alone))
        }
        #expect(summary(ProjectChecker(fileSystem: changed, models: shared).check(bake)).contains { $0.hasPrefix("DX1303") })
    }

    @Test("a build's args replace ARG defaults in the model; its target is the final stage")
    func modelWithBuildValues() {
        let tree = SyntaxTree(parsing: Array("ARG BASE=alpine\nFROM ${BASE} AS one\nARG V=1\nRUN echo\nFROM one AS two\n".utf8))
        let plain = DockerfileModel(tree: tree)
        #expect(plain.stages[0].baseImage.text == "alpine")
        #expect(plain.finalStage?.index == 1)
        let built = DockerfileModel(tree: tree, buildArguments: ["BASE": .known("debian"), "V": .known("2")], target: "ONE")
        #expect(built.stages[0].baseImage.text == "debian")
        #expect(built.finalStage?.index == 0)
        #expect(built.stagesInFinalImage == [0])
        #expect(built.states[3].variables["V"] == .known("2"))
    }
}
