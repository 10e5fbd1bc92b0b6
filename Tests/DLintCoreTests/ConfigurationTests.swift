import DLintCore
import DLintRules
import Testing

private let catalog = RuleRegistry.catalog

@Suite("Configuration files")
struct ConfigurationTests {
    @Test(".dlint.yaml: ignore, severity, failure threshold, rule options, any spelling of a code")
    func dlintFormat() throws {
        let (configuration, warnings) = try ConfigurationParser.parse("""
        ignore: [WorkdirRelativePath]
        severity:
          DX0004: error
          unknown-directive: off
        failure-threshold: warning
        trusted-registries: [docker.io, ghcr.io]
        rules:
          absolute-workdir:
            strict: true
            limit: 3

        """, format: .dlint, path: ".dlint.yaml", catalog: catalog)
        #expect(warnings.isEmpty)
        #expect(configuration.ignored == ["DL3000", "DX0005"])
        #expect(configuration.severities == ["DX0004": .error])
        #expect(configuration.failureThreshold == .severity(.warning))
        #expect(configuration.settings.trustedRegistries == ["docker.io", "ghcr.io"])
        #expect(configuration.ruleOptions["DL3000"]?.boolean("strict") == true)
        #expect(configuration.ruleOptions["DL3000"]?.integer("limit") == 3)
    }

    @Test(".hadolint.yaml: ignored, override, failure-threshold, trustedRegistries, no-fail")
    func hadolintFormat() throws {
        let (configuration, warnings) = try ConfigurationParser.parse("""
        ignored:
          - DL3000
        override:
          warning: [DX0007]
          style: [DX0009]
        failure-threshold: error
        trustedRegistries:
          - my.registry
        label-schema:
          author: text

        """, format: .hadolint, path: ".hadolint.yaml", catalog: catalog)
        #expect(warnings.isEmpty)
        #expect(configuration.ignored == ["DL3000"])
        #expect(configuration.severities == ["DX0007": .warning, "DX0009": .style])
        #expect(configuration.failureThreshold == .severity(.error))
        #expect(configuration.settings.trustedRegistries == ["my.registry"])
        let noFail = try ConfigurationParser.parse("no-fail: true\n", format: .hadolint, path: "h", catalog: catalog).0
        #expect(noFail.failureThreshold == .never)
    }

    @Test("unknown codes and keys are warnings naming the file and line")
    func unknownCodes() throws {
        let (configuration, warnings) = try ConfigurationParser.parse("ignore:\n  - DL3000\n  - NOPE123\nfrobnicate: 1\n", format: .dlint, path: "dir/.dlint.yaml", catalog: catalog)
        #expect(configuration.ignored == ["DL3000"])
        #expect(warnings.map(\.description) == [
            "dir/.dlint.yaml:3: warning: unknown rule 'NOPE123' is ignored",
            "dir/.dlint.yaml:4: warning: unknown key 'frobnicate' is ignored",
        ])
    }

    @Test("malformed files are errors naming the file and line", arguments: [
        ("ignore: [DL3000\nseverity: {}\n", 1), // the list opens (and is unterminated) on line 1
        ("severity:\n  DL3000: loud\n", 2),
        ("failure-threshold: sometimes\n", 1),
        ("- just\n- a list\n", 1),
        ("ignore: 5\n", 1),
    ])
    func malformed(_ text: String, _ line: Int) {
        do {
            _ = try ConfigurationParser.parse(text, format: .dlint, path: "bad.yaml", catalog: catalog)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.path == "bad.yaml")
            #expect(error.line == line, "\(error.description)")
        }
    }

    @Test("the command line is applied over a file")
    func overlay() {
        var file = Configuration()
        file.ignored = ["DL3000"]
        file.failureThreshold = .severity(.error)
        var commandLine = Configuration()
        commandLine.ignored = ["DX0004"]
        commandLine.severities = ["DX0001": .warning]
        let merged = file.overlaid(with: commandLine)
        #expect(merged.ignored == ["DL3000", "DX0004"])
        #expect(merged.failureThreshold == .severity(.error))
        #expect(merged.severities["DX0001"] == .warning)
    }

    @Test("failure thresholds")
    func thresholds() {
        #expect(FailureThreshold.default.fails(.info))
        #expect(!FailureThreshold.default.fails(.style))
        #expect(FailureThreshold("warning")!.fails(.error))
        #expect(!FailureThreshold("warning")!.fails(.info))
        #expect(!FailureThreshold("none")!.fails(.error))
        #expect(FailureThreshold("loud") == nil)
    }
}

@Suite("Inline suppressions")
struct SuppressionTests {
    /// DL3000 alone, so that the findings of other rules do not blur what is checked here.
    private let linter = Linter(rules: RuleRegistry.rules.filter { $0.descriptor.code == "DL3000" })

    private func codes(_ text: String, _ configuration: Configuration = Configuration()) -> [String] {
        let result = linter.lint(Array(text.utf8), configuration: configuration)
        return result.diagnostics.map { "\($0.code)@\(result.tree.location(of: $0.range.lowerBound).line)" }
    }

    @Test("dlint and hadolint ignore comments silence the next instruction only")
    func nextInstruction() {
        let text = """
        FROM alpine
        # dlint ignore=DL3000
        WORKDIR a
        # hadolint ignore=absolute-workdir,DX0004 # because reasons
        WORKDIR b
        # dlint ignore = WorkdirRelativePath
        # an ordinary comment in between
        WORKDIR c
        WORKDIR d

        """
        #expect(codes(text) == ["DL3000@9"])
    }

    @Test("global ignores and the check=skip directive silence the whole file")
    func global() {
        #expect(codes("FROM alpine\n# hadolint global ignore=DL3000\nWORKDIR a\nWORKDIR b\n").isEmpty)
        #expect(codes("# check=skip=WorkdirRelativePath;error=true\nFROM alpine\nWORKDIR a\n").isEmpty)
        #expect(codes("# check=skip=all\nFROM alpine\nWORKDIR a\n").isEmpty)
    }

    @Test("an unknown code in a suppression comment is a warning at that comment")
    func unknownCode() {
        let result = linter.lint(Array("FROM alpine\n# dlint ignore=NOPE42,DL3000\nWORKDIR a\n".utf8))
        #expect(result.diagnostics.map(\.code) == ["DX0012"])
        #expect(result.diagnostics[0].message.contains("NOPE42"))
        #expect(result.tree.location(of: result.diagnostics[0].range.lowerBound).line == 2)
    }

    @Test("configured ignores, severities, and inline ignores turned off")
    func configured() {
        var configuration = Configuration()
        configuration.severities = ["DL3000": .style]
        let result = linter.lint(Array("FROM alpine\nWORKDIR a\n".utf8), configuration: configuration)
        #expect(result.diagnostics.map(\.severity) == [.style])
        configuration.ignored = ["DL3000"]
        #expect(codes("FROM alpine\nWORKDIR a\n", configuration).isEmpty)
        var strict = Configuration()
        strict.honoursInlineIgnores = false
        #expect(codes("FROM alpine\n# dlint ignore=DL3000\nWORKDIR a\n", strict) == ["DL3000@3"])
    }
}

@Suite("Codes of other tools")
struct ForeignCodeTests {
    @Test("hadolint, ShellCheck and BuildKit codes dlint has no rule for are accepted silently")
    func foreignCodes() throws {
        let catalog = RuleRegistry.catalog
        #expect(catalog.isForeignCode("DL3999"))
        #expect(catalog.isForeignCode("sc1090"))
        #expect(catalog.isForeignCode("InvalidBaseImagePlatform"))
        #expect(!catalog.isForeignCode("SecretsUsedInArgOrEnv"), "DL3064 answers to it")
        #expect(!catalog.isForeignCode("DL3000"), "a rule dlint has is not foreign")
        #expect(!catalog.isForeignCode("DL999"))
        #expect(!catalog.isForeignCode("NoSuchCheck"))
        let result = RuleRegistry.linter.lint(Array("# syntax=docker/dockerfile:1\n# check=skip=InvalidBaseImagePlatform\nFROM alpine:3.20\n# hadolint ignore=DL3999,SC1090\nRUN echo hi\n# dlint ignore=DL9O00\nRUN echo && echo\n".utf8))
        #expect(result.diagnostics.map(\.code) == ["DX0012"], "only the misspelt code is reported")
        let (_, warnings) = try ConfigurationParser.parse("ignored: [DL3999, SC2035, DL3000]\n", format: .hadolint, path: "h.yaml", catalog: catalog)
        #expect(warnings.isEmpty)
    }
}
