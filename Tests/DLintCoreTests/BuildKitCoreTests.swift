import DLintCore
import Testing

@Suite(".dockerignore patterns, as Docker matches them")
struct DockerIgnoreTests {
    /// (ignore file, path, excluded?)
    static let cases: [(String, String, Bool)] = [
        ("node_modules\n", "node_modules", true),
        ("node_modules\n", "node_modules/a/b.js", true),
        ("node_modules\n", "src/node_modules", false),
        ("**/node_modules\n", "src/node_modules/x", true),
        ("**/node_modules\n", "node_modules", true),
        ("*.md\n", "README.md", true),
        ("*.md\n", "docs/README.md", false),
        ("**/*.md\n", "docs/README.md", true),
        ("*/tmp/*\n", "a/tmp/file", true),
        ("*/tmp/*\n", "tmp/file", false),
        ("/secrets\n", "secrets/key.pem", true),
        ("./build/\n", "build/out", true),
        ("# a comment\n", "# a comment", false),
        (" #not a comment\n", "#not a comment", true),
        ("\u{FEFF}bom\n", "bom", true),
        ("*.log\n!keep.log\n", "keep.log", false),
        ("*.log\n!keep.log\n", "other.log", true),
        ("docs\n!docs/keep.md\n", "docs/keep.md", false),
        ("docs\n!docs/keep.md\n", "docs/other.md", true),
        ("!a\na\n", "a", true),
        ("file?.txt\n", "file1.txt", true),
        ("file?.txt\n", "file10.txt", false),
        ("file[0-9].txt\n", "file5.txt", true),
        ("file[^0-9].txt\n", "file5.txt", false),
        ("file[^0-9].txt\n", "fileX.txt", true),
        ("a\\*b\n", "a*b", true),
        ("a\\*b\n", "axb", false),
        ("**\n", "anything/at/all", true),
        ("a/**\n", "a/b/c", true),
        ("a/**/z\n", "a/z", true),
        ("a/**/z\n", "a/b/c/z", true),
        ("a/**/z\n", "a/b/c/y", false),
        ("src/*/test\n", "src/x/test/file", true),
        ("src/*/test\n", "src/x/y/test", false),
        ("\n\n   \n", "anything", false),
        ("a\r\n", "a", true),
    ]

    @Test("exclusion of one path", arguments: cases)
    func excluded(_ ignoreFile: String, _ path: String, _ expected: Bool) {
        let ignore = DockerIgnore(ignoreFile)
        #expect((ignore.excludingPattern(for: path) != nil) == expected, "\(ignoreFile.debugDescription) on \(path)")
    }

    @Test("patterns keep their line and whether they re-include; the root is excluded only by catch-alls")
    func patternFacts() {
        let ignore = DockerIgnore("# c\n\n/build\n!build/keep\n*\n")
        #expect(ignore.patterns.map(\.text) == ["build", "build/keep", "*"])
        #expect(ignore.patterns.map(\.line) == [3, 4, 5])
        #expect(ignore.patterns.map(\.isExclusion) == [false, true, false])
        #expect(ignore.hasExclusions)
        #expect(ignore.excludesContextRoot)
        #expect(!DockerIgnore("build\n").excludesContextRoot)
        #expect(ignore.excludingPattern(for: "build/x")?.line == 3, "once excluded, only a ! pattern is tried again")
    }

    @Test("matching is linear in the path for a pattern with many stars")
    func manyStars() {
        let ignore = DockerIgnore(String(repeating: "*a", count: 40) + "\n")
        #expect(ignore.excludingPattern(for: String(repeating: "a", count: 2_000) + "b") == nil)
    }
}

/// Stand-ins for rules another family writes, to test the catalogue's group aliases alone.
private struct StandIn: Rule {
    let descriptor: RuleDescriptor
    let kind: InstructionKind
    func check(_ context: RuleContext) -> [Finding] {
        context.model.instructions.filter { $0.kind == kind }.map {
            Finding("stand-in", at: $0.keyword.range)
        }
    }
}

private struct OffByDefault: Rule {
    let descriptor = RuleDescriptor(code: "DX9998", name: "off-by-default", severity: .info, summary: "Off", aliases: ["SomeExperimentalCheck"], enabledByDefault: false)
    func check(_ context: RuleContext) -> [Finding] {
        [Finding("experimental", at: context.model.instructions[0].keyword.range)]
    }
}

@Suite("Group aliases and off-by-default rules")
struct RuleGroupTests {
    static let linter = Linter(rules: [
        StandIn(descriptor: RuleDescriptor(code: "DL4003", name: "multiple-cmd", severity: .warning, summary: "s"), kind: .cmd),
        StandIn(descriptor: RuleDescriptor(code: "DL4004", name: "multiple-entrypoint", severity: .error, summary: "s"), kind: .entrypoint),
        StandIn(descriptor: RuleDescriptor(code: "DL3012", name: "multiple-healthcheck", severity: .error, summary: "s"), kind: .healthcheck),
        OffByDefault(),
    ])
    static let text = "FROM alpine\nCMD a\nENTRYPOINT b\nHEALTHCHECK CMD c\n"

    func codes(_ text: String, _ configuration: Configuration = Configuration()) -> [String] {
        Self.linter.lint(Array(text.utf8), configuration: configuration).diagnostics.map(\.code)
    }

    @Test("MultipleInstructionsDisallowed names DL4003, DL4004 and DL3012")
    func groupSpelling() {
        let catalog = Self.linter.catalog
        #expect(catalog.codes(for: "MultipleInstructionsDisallowed") == ["DL4003", "DL4004", "DL3012"])
        #expect(catalog.codes(for: "multipleinstructionsdisallowed").count == 3)
        #expect(catalog.code(for: "MultipleInstructionsDisallowed") == nil, "no single rule is called that")
        #expect(!catalog.isForeignCode("MultipleInstructionsDisallowed"))
        #expect(Linter(rules: []).catalog.isForeignCode("MultipleInstructionsDisallowed"), "without the rules it is a BuildKit name dlint lacks")
        #expect(Linter(rules: []).catalog.codes(for: "MultipleInstructionsDisallowed").isEmpty)
    }

    @Test("the group suppresses all three: check=skip, pragmas, configuration")
    func groupSuppression() throws {
        #expect(codes(Self.text) == ["DL4003", "DL4004", "DL3012"])
        #expect(codes("# check=skip=MultipleInstructionsDisallowed\n" + Self.text).isEmpty)
        #expect(codes("# check=skip=MultipleInstructionsDisallowed;error=true\n" + Self.text).isEmpty)
        #expect(codes("# dlint global ignore=MultipleInstructionsDisallowed\n" + Self.text).isEmpty)
        #expect(codes("FROM alpine\nCMD a\n# hadolint ignore=MultipleInstructionsDisallowed\nENTRYPOINT b\n") == ["DL4003"])
        let (configuration, warnings) = try ConfigurationParser.parse(
            "ignore: [MultipleInstructionsDisallowed]\n", format: .dlint, path: ".dlint.yaml", catalog: Self.linter.catalog)
        #expect(warnings.isEmpty)
        #expect(configuration.ignored == ["DL4003", "DL4004", "DL3012"])
        let (severities, _) = try ConfigurationParser.parse(
            "severity:\n  MultipleInstructionsDisallowed: info\n", format: .dlint, path: ".dlint.yaml", catalog: Self.linter.catalog)
        #expect(severities.severities == ["DL4003": .info, "DL4004": .info, "DL3012": .info])
    }

    @Test("an off-by-default rule runs only when enabled: configuration or # check=experimental")
    func offByDefault() throws {
        #expect(!codes("FROM alpine\n").contains("DX9998"))
        #expect(codes("# check=experimental=SomeExperimentalCheck\nFROM alpine\n").contains("DX9998"))
        #expect(codes("# check=experimental=all\nFROM alpine\n").contains("DX9998"))
        #expect(codes("# check=skip=all;experimental=SomeExperimentalCheck\nFROM alpine\n").contains("DX9998"), "skip does not reach an experimental check, as in BuildKit")
        let (configuration, warnings) = try ConfigurationParser.parse("enable: [off-by-default]\n", format: .dlint, path: ".dlint.yaml", catalog: Self.linter.catalog)
        #expect(warnings.isEmpty)
        #expect(codes("FROM alpine\n", configuration).contains("DX9998"))
        var ignored = configuration
        ignored.ignored.insert("DX9998")
        #expect(!codes("FROM alpine\n", ignored).contains("DX9998"), "ignore wins over enable")
    }
}
