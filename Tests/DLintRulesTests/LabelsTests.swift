import DLintCore
@testable import DLintRules
import Testing

/// A Dockerfile linted with a `.dlint.yaml`, and how many findings of one code it must give.
struct LabelCase: Sendable, CustomTestStringConvertible {
    let code: String
    let configuration: String
    let dockerfile: String
    let expected: Int
    /// The hadolint `it` the case comes from, or why dlint differs.
    let note: String

    var testDescription: String { "\(code) \(note): \(dockerfile.debugDescription) → \(expected)" }
}

private func lint(_ dockerfile: String, configuration yaml: String, format: ConfigurationFormat = .dlint) throws -> LintResult {
    let (configuration, warnings) = try ConfigurationParser.parse(yaml, format: format, path: "test.yaml", catalog: RuleRegistry.catalog)
    #expect(warnings.isEmpty, "\(warnings)")
    return RuleRegistry.linter.lint(Array(dockerfile.utf8), configuration: configuration)
}

/// (line, column, text under the range, message) of each finding of `code`.
private func findings(_ dockerfile: String, _ code: String, configuration: String = "{}\n", format: ConfigurationFormat = .dlint) throws
    -> [(line: Int, column: Int, text: String, message: String)] {
    let result = try lint(dockerfile, configuration: configuration, format: format)
    return result.diagnostics.filter { $0.code == code }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (location.line, location.column, result.tree.text(of: diagnostic.range), diagnostic.message)
    }
}

private let noSchema = "{}\n"
private let fooSchema = "label-schema:\n  foo: text\n"

/// Every assertion of hadolint's DL1001 and DL3048–DL3058 specs (DL3057 is not a label-schema
/// rule). hadolint's `onBuildRuleCatches` wraps only `RUN` in `ONBUILD`, so its on-build variants
/// of these cases are the same files, asserted to fail exactly once.
let hadolintLabelSpec: [LabelCase] = [
    // DL3048Spec
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL com.docker.label=\"foo\"", expected: 1, note: "not ok with reserved namespace"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL io.docker.label=\"foo\"", expected: 1, note: "not ok with reserved namespace"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL org.dockerproject.label=\"foo\"", expected: 1, note: "not ok with reserved namespace"),
    // hadolint judges the text as written; BuildKit expands `$character` (to nothing, unless the
    // base image sets it), so dlint does not judge the key (rules/DL3048.md, Differences from hadolint).
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL invalid$character=\"foo\"", expected: 0, note: "not ok with invalid character — differs"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL .invalid =\"foo\"", expected: 1, note: "not ok with invalid start and end characters"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL -invalid =\"foo\"", expected: 1, note: "not ok with invalid start and end characters"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL 1invalid =\"foo\"", expected: 1, note: "not ok with invalid start and end characters"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL .invalid=\"foo\"", expected: 1, note: "not ok with invalid start and end characters (onbuild)"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL -invalid=\"foo\"", expected: 1, note: "not ok with invalid start and end characters (onbuild)"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL 1invalid=\"foo\"", expected: 1, note: "not ok with invalid start and end characters (onbuild)"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL invalid..character=\"foo\"", expected: 1, note: "not ok with consecutive dividers"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL invalid--character=\"foo\"", expected: 1, note: "not ok with consecutive dividers"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL org.valid-key.label3=\"foo\"", expected: 0, note: "ok with valid labels"),
    LabelCase(code: "DL3048", configuration: noSchema, dockerfile: "LABEL validlabel=\"foo\"", expected: 0, note: "ok with valid labels"),
    // DL3049Spec: label-schema {foo: text}
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage", expected: 1, note: "not ok: single stage, no label"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage\nLABEL bar=\"baz\"", expected: 1, note: "not ok: single stage, wrong label"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage\nLABEL foo=\"bar\"", expected: 0, note: "ok: single stage, label present"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM stage1\nFROM stage2\n", expected: 2, note: "warn twice: two stages, no labels"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM stage1\nLABEL bar=\"baz\"\nFROM stage2\nLABEL buzz=\"fuzz\"\n", expected: 2, note: "warn twice: two stages, wrong labels only"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage\nFROM newimage\nLABEL foo=\"bar\"\n", expected: 1, note: "warn once: two stages, label present in second only"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage\nLABEL baz=\"bar\"\nFROM newimage\nLABEL foo=\"bar\"\n", expected: 1, note: "warn once: two stages, no inheritance, wrong label in one"),
    // hadolint: 1 (the `base` stage). dlint: 0, a stage others build on is not an image
    // (rules/DL3049.md, Differences from hadolint).
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage as base\nFROM base\nLABEL foo=\"bar\"\n", expected: 0, note: "warn once: two stages, inheritance, label only defined in second stage — differs"),
    LabelCase(code: "DL3049", configuration: fooSchema, dockerfile: "FROM baseimage as base\nLABEL foo=\"bar\"\nFROM base\n", expected: 0, note: "don't warn: two stages, inheritance"),
    // DL3050Spec: label-schema {required: text}, strict-labels
    LabelCase(code: "DL3050", configuration: "label-schema:\n  required: text\nstrict-labels: true\n", dockerfile: "", expected: 0, note: "ok with no label"),
    LabelCase(code: "DL3050", configuration: "label-schema:\n  required: text\nstrict-labels: true\n", dockerfile: "LABEL required=\"foo\"", expected: 0, note: "ok with required label"),
    LabelCase(code: "DL3050", configuration: "label-schema:\n  required: text\nstrict-labels: true\n", dockerfile: "LABEL required=\"bar\"", expected: 0, note: "ok with required label (onbuild)"),
    LabelCase(code: "DL3050", configuration: "label-schema:\n  required: text\nstrict-labels: true\n", dockerfile: "LABEL other=\"bar\"", expected: 1, note: "not ok with just other label"),
    LabelCase(code: "DL3050", configuration: "label-schema:\n  required: text\nstrict-labels: true\n", dockerfile: "LABEL required=\"foo\" other=\"bar\"", expected: 1, note: "not ok with other label and required label"),
    // DL3051Spec: label-schema {emptylabel: text}
    LabelCase(code: "DL3051", configuration: "label-schema:\n  emptylabel: text\n", dockerfile: "LABEL emptylabel=\"\"", expected: 1, note: "not ok with label empty"),
    LabelCase(code: "DL3051", configuration: "label-schema:\n  emptylabel: text\n", dockerfile: "LABEL emptylabel=\"foo\"", expected: 0, note: "ok with label not empty"),
    LabelCase(code: "DL3051", configuration: "label-schema:\n  emptylabel: text\n", dockerfile: "LABEL emptylabel=\"bar\"", expected: 0, note: "ok with label not empty (onbuild)"),
    LabelCase(code: "DL3051", configuration: "label-schema:\n  emptylabel: text\n", dockerfile: "LABEL other=\"\"", expected: 0, note: "ok with other label empty"),
    // DL3052Spec: label-schema {urllabel: url}
    LabelCase(code: "DL3052", configuration: "label-schema:\n  urllabel: url\n", dockerfile: "LABEL urllabel=\"not-url\"", expected: 1, note: "not ok with label not containing URL"),
    LabelCase(code: "DL3052", configuration: "label-schema:\n  urllabel: url\n", dockerfile: "LABEL urllabel=\"http://example.com\"", expected: 0, note: "ok with label containing URL"),
    LabelCase(code: "DL3052", configuration: "label-schema:\n  urllabel: url\n", dockerfile: "LABEL other=\"foo\"", expected: 0, note: "ok with other label not containing URL"),
    LabelCase(code: "DL3052", configuration: "label-schema:\n  urllabel: url\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing URL (onbuild)"),
    // DL3053Spec: label-schema {datelabel: rfc3339}
    LabelCase(code: "DL3053", configuration: "label-schema:\n  datelabel: rfc3339\n", dockerfile: "LABEL datelabel=\"not-date\"", expected: 1, note: "not ok with label not containing RFC3339 date"),
    LabelCase(code: "DL3053", configuration: "label-schema:\n  datelabel: rfc3339\n", dockerfile: "LABEL datelabel=\"2021-03-10T10:26:33.564595127+01:00\"", expected: 0, note: "ok with label containing RFC3339 date"),
    LabelCase(code: "DL3053", configuration: "label-schema:\n  datelabel: rfc3339\n", dockerfile: "LABEL other=\"doo\"", expected: 0, note: "ok with other label not containing RFC3339 date"),
    LabelCase(code: "DL3053", configuration: "label-schema:\n  datelabel: rfc3339\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing RFC3339 date (onbuild)"),
    // DL3054Spec: label-schema {spdxlabel: spdx}
    LabelCase(code: "DL3054", configuration: "label-schema:\n  spdxlabel: spdx\n", dockerfile: "LABEL spdxlabel=\"not-spdx\"", expected: 1, note: "not ok with label not containing SPDX identifier"),
    LabelCase(code: "DL3054", configuration: "label-schema:\n  spdxlabel: spdx\n", dockerfile: "LABEL spdxlabel=\"BSD-3-Clause\"", expected: 0, note: "ok with label containing SPDX identifier"),
    LabelCase(code: "DL3054", configuration: "label-schema:\n  spdxlabel: spdx\n", dockerfile: "LABEL spdxlabel=\"MIT\"", expected: 0, note: "ok with label containing SPDX identifier (onbuild)"),
    LabelCase(code: "DL3054", configuration: "label-schema:\n  spdxlabel: spdx\n", dockerfile: "LABEL other=\"fooo\"", expected: 0, note: "ok with other label not containing SPDX identifier"),
    LabelCase(code: "DL3054", configuration: "label-schema:\n  spdxlabel: spdx\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing SPDX identifier (onbuild)"),
    // DL3055Spec: label-schema {githash: hash}
    LabelCase(code: "DL3055", configuration: "label-schema:\n  githash: hash\n", dockerfile: "LABEL githash=\"not-git-hash\"", expected: 1, note: "not ok with label not containing git hash"),
    LabelCase(code: "DL3055", configuration: "label-schema:\n  githash: hash\n", dockerfile: "LABEL githash=\"2dbfae9\"", expected: 0, note: "ok with label containing short git hash"),
    LabelCase(code: "DL3055", configuration: "label-schema:\n  githash: hash\n", dockerfile: "LABEL githash=\"43c572f1272b6b3171dd1db9e41b7027128ce080\"", expected: 0, note: "ok with label containing long git hash"),
    LabelCase(code: "DL3055", configuration: "label-schema:\n  githash: hash\n", dockerfile: "LABEL other=\"foo\"", expected: 0, note: "ok with other label not containing git hash"),
    LabelCase(code: "DL3055", configuration: "label-schema:\n  githash: hash\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing git hash (onbuild)"),
    // DL3056Spec: label-schema {semver: semver}
    LabelCase(code: "DL3056", configuration: "label-schema:\n  semver: semver\n", dockerfile: "LABEL semver=\"not-sem-ver\"", expected: 1, note: "not ok with label not containing semantic version"),
    LabelCase(code: "DL3056", configuration: "label-schema:\n  semver: semver\n", dockerfile: "LABEL semver=\"1.0.0\"", expected: 0, note: "ok with label containing semantic version"),
    LabelCase(code: "DL3056", configuration: "label-schema:\n  semver: semver\n", dockerfile: "LABEL semver=\"2.0.1-rc1\"", expected: 0, note: "ok with label containing semantic version (onbuild)"),
    LabelCase(code: "DL3056", configuration: "label-schema:\n  semver: semver\n", dockerfile: "LABEL other=\"foo\"", expected: 0, note: "ok with other label not containing semantic version"),
    LabelCase(code: "DL3056", configuration: "label-schema:\n  semver: semver\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing semantic version (onbuild)"),
    // DL3058Spec: label-schema {maintainer: email}
    LabelCase(code: "DL3058", configuration: "label-schema:\n  maintainer: email\n", dockerfile: "LABEL maintainer=\"not-email\"", expected: 1, note: "not ok with label not containing valid email"),
    LabelCase(code: "DL3058", configuration: "label-schema:\n  maintainer: email\n", dockerfile: "LABEL maintainer=\"abcd@google.com\"", expected: 0, note: "ok with label containing valid email"),
    LabelCase(code: "DL3058", configuration: "label-schema:\n  maintainer: email\n", dockerfile: "LABEL other=\"doo\"", expected: 0, note: "ok with other label not containing valid email"),
    LabelCase(code: "DL3058", configuration: "label-schema:\n  maintainer: email\n", dockerfile: "LABEL other=\"bar\"", expected: 0, note: "ok with other label not containing valid email (onbuild)"),
    // DL1001Spec: hadolint runs the rule in its spec whatever its severity; dlint runs it once
    // the configuration gives it one.
    LabelCase(code: "DL1001", configuration: "severity:\n  DL1001: warning\n", dockerfile: "# hadolint ignore=DL3003\nRUN foo bar\n", expected: 1, note: "catches inline ignore pragma"),
    LabelCase(code: "DL1001", configuration: "severity:\n  DL1001: warning\n", dockerfile: "# hadolint shell=powershell\nRUN foo bar\n", expected: 0, note: "does not catch other pragma"),
    LabelCase(code: "DL1001", configuration: "severity:\n  DL1001: warning\n", dockerfile: "# foobar\nRUN foo bar\n", expected: 0, note: "does not catch other comment"),
    LabelCase(code: "DL1001", configuration: "severity:\n  DL1001: warning\n", dockerfile: "FROM debian\nRUN foo bar\n", expected: 0, note: "does not catch when inline ignore pragma is absent"),
]

@Suite("Label rules: DL3048–DL3058 and DL1001")
struct LabelsTests {
    @Test("hadolint's spec cases", arguments: hadolintLabelSpec)
    func hadolintSpec(_ specCase: LabelCase) throws {
        // hadolint's specs lint bare instructions; a FROM keeps the file a build here.
        let text = specCase.dockerfile.hasPrefix("FROM") ? specCase.dockerfile : "FROM debian\n" + specCase.dockerfile
        let found = try findings(text, specCase.code, configuration: specCase.configuration)
        #expect(found.count == specCase.expected, "\(found.map(\.message))")
    }

    // MARK: DL3048

    @Test("key findings cover the key and name the broken guideline; quotes and variables are resolved first")
    func keyRanges() throws {
        let found = try findings("""
            FROM alpine
            ARG PREFIX=Com.Example
            ARG UNKNOWN
            LABEL "com.docker.x"=1 ${PREFIX}.team=a $UNKNOWN.team=b ok.key=c
            ONBUILD LABEL Bad=1

            """, "DL3048")
        #expect(found.map(\.text) == ["\"com.docker.x\"", "${PREFIX}.team", "Bad"])
        #expect(found.map(\.column) == [7, 24, 15])
        #expect(found[0].message == "Label key 'com.docker.x' is invalid: the namespace 'com.docker' is reserved by Docker")
        #expect(found[1].message.contains("'C' is not allowed"))
    }

    @Test("each guideline of a label key", arguments: [
        ("org.example.key", nil), ("a", nil), ("a1", nil), ("a-b.c", nil),
        ("A", "'A' is not allowed (use lower-case letters, digits, '.' and '-')"),
        ("1a", "it must start with a lower-case letter"), ("a.", "it must end with a lower-case letter or a digit"),
        ("a--b", "it has consecutive separators"), ("a_b", "'_' is not allowed (use lower-case letters, digits, '.' and '-')"),
        ("io.docker.x", "the namespace 'io.docker' is reserved by Docker"), ("", "it is empty"),
    ] as [(String, String?)])
    func keyGuidelines(_ key: String, _ problem: String?) {
        #expect(InvalidLabelKey.problem(with: key) == problem)
    }

    // MARK: DL3049

    @Test("only stages no other stage uses are images; labels are inherited through FROM")
    func missingAcrossStages() throws {
        let schema = "label-schema:\n  foo: text\n  bar: url\n"
        let found = try findings("""
            FROM alpine AS base
            LABEL foo=1
            FROM golang AS tools
            FROM base AS app
            RUN --mount=from=tools,target=/t true
            LABEL bar=https://example.com
            FROM app AS test
            ONBUILD LABEL bar=https://example.com

            """, "DL3049", configuration: schema)
        // `test` (the final stage) inherits both; `base`, `tools` and `app` are used by others.
        #expect(found.isEmpty)
        let two = try findings("FROM alpine AS base\nLABEL foo=1\nFROM base AS dev\nFROM base AS prod\nLABEL bar=https://x.example\n", "DL3049", configuration: schema)
        #expect(two.map(\.line) == [3])
        #expect(two.map(\.text) == ["FROM"])
        #expect(two.map(\.message) == ["Label 'bar' is missing in stage 'dev'"])
    }

    @Test("one finding per missing label on the FROM keyword; ONBUILD LABEL does not count; unknown keys are not judged")
    func missingDetails() throws {
        let schema = "label-schema:\n  foo: text\n  bar: url\n"
        let found = try findings("from alpine\nONBUILD LABEL foo=1\n", "DL3049", configuration: schema)
        #expect(found.map(\.message) == ["Label 'bar' is missing", "Label 'foo' is missing"])
        #expect(found.map(\.text) == ["from", "from"])
        let unnamed = try findings("FROM alpine\nFROM debian\n", "DL3049", configuration: "label-schema:\n  foo: text\n")
        #expect(unnamed.map(\.message) == ["Label 'foo' is missing in stage 0", "Label 'foo' is missing in stage 1"])
        #expect(try findings("FROM alpine\nARG KEY\nLABEL $KEY=1\n", "DL3049", configuration: schema).isEmpty)
        #expect(try findings("FROM alpine\nARG KEY=foo\nLABEL $KEY=1 bar=https://x.example\n", "DL3049", configuration: schema).isEmpty)
        #expect(try findings("FROM alpine\n", "DL3049").isEmpty, "no schema, no finding")
    }

    // MARK: DL3050

    @Test("strict labels: one finding per key outside the schema, ONBUILD included; off without strict-labels")
    func superfluous() throws {
        let strict = "label-schema:\n  foo: text\nstrict-labels: true\n"
        let text = "FROM alpine\nLABEL foo=1 a=2 b=3\nONBUILD LABEL c=4\nARG K\nLABEL $K=5\n"
        #expect(try findings(text, "DL3050", configuration: strict).map(\.text) == ["a", "b", "c"])
        #expect(try findings(text, "DL3050", configuration: "label-schema:\n  foo: text\n").isEmpty)
        #expect(try findings("FROM alpine\nLABEL a=1\n", "DL3050", configuration: "strict-labels: true\n").map(\.text) == ["a"])
    }

    // MARK: DL3051 and the value rules

    @Test("empty values: written empty or resolved empty, the pair is covered; unknown values are not judged")
    func empty() throws {
        let schema = "label-schema:\n  foo: url\n  bar: text\n  baz: email\n"
        let found = try findings("FROM alpine\nARG E=\"\"\nARG U\nLABEL foo= bar=$E baz=$U other=\"\"\n", "DL3051", configuration: schema)
        #expect(found.map(\.text) == ["foo=", "bar=$E"])
        // The empty url is DL3051's, not also DL3052's.
        #expect(try findings("FROM alpine\nLABEL foo=\"\"\n", "DL3052", configuration: schema).isEmpty)
    }

    @Test("values are resolved from ARG and ENV; unknown ones are not judged; triggers judge literal text only")
    func resolution() throws {
        let schema = "label-schema:\n  v: semver\n"
        let found = try findings("""
            FROM alpine
            ARG GOOD=1.2.3
            ENV BAD=1.2
            ARG UNSET
            LABEL v=$GOOD v=${BAD} v=$UNSET v="${UNSET:-x}" v='$GOOD'
            ONBUILD LABEL v=$GOOD v=nope

            """, "DL3056", configuration: schema)
        #expect(found.map(\.text) == ["${BAD}", "'$GOOD'", "nope"])
        #expect(found[0].message == "Label 'v' is not a semantic version: '1.2'")
        #expect(found.map(\.line) == [5, 5, 6])
    }

    @Test("URLs", arguments: [
        ("http://example.com", true), ("https://example.com/a/b?c=d&e#f", true), ("git+ssh://git@github.com/a/b.git", true),
        ("mailto:jane@example.com", true), ("urn:isbn:0451450523", true), ("https://[::1]:8080/x", true),
        ("https://example.com/%20", true), ("ftp://example.com:21", true), ("foo:bar", true),
        ("not-url", false), ("example.com/app", false), ("git@github.com:a/b.git", false), ("https://a b", false),
        ("https://a.b/c%zz", false), ("https://a.b/é", false), ("//example.com", false), ("http:", false), ("https:///x", false),
        ("https://a.b/x#y#z", false), ("1http://x", false), ("https://a.b:80x/", false), ("https://a.b/{x}", false),
    ])
    func urls(_ text: String, _ valid: Bool) {
        #expect(InvalidURLLabel.isURL(text) == valid)
    }

    @Test("RFC 3339 date-times", arguments: [
        ("2021-03-10T10:26:33Z", true), ("2021-03-10t10:26:33z", true), ("2021-03-10T10:26:33.564595127+01:00", true),
        ("2024-02-29T00:00:00-00:00", true), ("2016-12-31T23:59:60Z", true),
        ("not-date", false), ("2021-03-10", false), ("2021-03-10 10:26:33Z", false), ("2021-03-10T10:26:33", false),
        ("2021-03-10T10:26:33+0100", false), ("2021-13-10T10:26:33Z", false), ("2023-02-29T00:00:00Z", false),
        ("2021-03-10T24:00:00Z", false), ("2021-03-10T10:26:33.Z", false), ("2021-03-10T10:26:33Z ", false),
    ])
    func dates(_ text: String, _ valid: Bool) {
        #expect(InvalidRFC3339Label.isDateTime(text) == valid)
    }

    @Test("semantic versions", arguments: [
        ("1.0.0", true), ("0.0.0", true), ("2.0.1-rc1", true), ("1.0.0-rc.1+build.5", true), ("1.0.0+0042", true),
        ("1.0.0-0.3.7", true), ("1.0.0-x-y-z.--", true),
        ("not-sem-ver", false), ("v1.0.0", false), ("1.0", false), ("1.2.3.4", false), ("01.0.0", false),
        ("1.0.0-01", false), ("1.0.0-alpha..1", false), ("1.0.0+", false), ("1.0.0-", false), ("1.0.0-é", false),
    ])
    func versions(_ text: String, _ valid: Bool) {
        #expect(InvalidSemverLabel.isSemanticVersion(text) == valid)
    }

    @Test("git hashes", arguments: [
        ("2dbfae9", true), ("43c572f1272b", true), ("43c572f1272b6b3171dd1db9e41b7027128ce080", true),
        (String(repeating: "a", count: 64), true),
        ("not-git-hash", false), ("2dbfae", false), ("2DBFAE9", false), ("main", false), (String(repeating: "a", count: 41), false),
    ])
    func hashes(_ text: String, _ valid: Bool) {
        #expect(InvalidHashLabel.isCommitHash(text) == valid)
    }

    @Test("email mailboxes", arguments: [
        ("abcd@google.com", true), ("jane.doe+docker@example.com", true), ("a@b", true), ("\"a b\"@example.com", true),
        ("a@[192.0.2.1]", true), ("Jane Doe <jane@example.com>", true), ("<jane@example.com>", true),
        ("\"Doe, Jane\" <jane@example.com>", true), ("John Q. Public <john@example.com>", true),
        ("Jane <jane@example.com>, John <john@example.com>", true), ("Kong <docker@konghq.com> (@team-bot)", true),
        ("a@b.c, ", false), ("Jane <jane@example.com> (unclosed", false), ("jane@example.com)", false),
        ("not-email", false), ("a b@c.d", false), ("a.@b.c", false), ("a@-b.c", false), ("a@b..c", false),
        ("Jane Doe jane@example.com", false), ("Doe, Jane <jane@example.com>", false), ("Jane <not-email>", false), ("@example.com", false),
    ])
    func emails(_ text: String, _ valid: Bool) {
        #expect(InvalidEmailLabel.isMailboxList(text) == valid)
    }

    @Test("SPDX license expressions", arguments: [
        ("MIT", true), ("mit", true), ("BSD-3-Clause", true), ("GPL-2.0", true), ("GPL-2.0+", true), ("GPL-2.0-or-later", true),
        ("MIT OR Apache-2.0", true), ("(MIT OR Apache-2.0) AND BSD-3-Clause", true), ("mit or apache-2.0", true),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", true), ("LicenseRef-Commercial", true),
        ("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", true), ("Apache-2.0 WITH AdditionRef-x", true),
        ("not-spdx", false), ("Apache 2", false), ("MIT OR", false), ("(MIT", false), ("MIT)", false), ("MIT Or Apache-2.0", false),
        ("MIT WITH Apache-2.0", false), ("NOASSERTION", false), ("LicenseRef-", false), ("MIT AND AND BSD-3-Clause", false), ("", false),
    ])
    func licenses(_ text: String, _ valid: Bool) {
        #expect(InvalidSPDXLabel.isLicenseExpression(text) == valid)
    }

    @Test("value findings cover the value and quote it, across continuation lines")
    func valueRanges() throws {
        let schema = "label-schema:\n  u: url\n  e: email\n  d: rfc3339\n  s: spdx\n  h: hash\n"
        let text = "FROM alpine\nLABEL u=\"not a url\" \\\n      e=me \\\n      d=today s=\"Apache 2\" h=HEAD\n"
        #expect(try findings(text, "DL3052", configuration: schema).map { "\($0.line):\($0.column) \($0.text)" } == ["2:9 \"not a url\""])
        #expect(try findings(text, "DL3058", configuration: schema).map { "\($0.line):\($0.column) \($0.text)" } == ["3:9 me"])
        #expect(try findings(text, "DL3053", configuration: schema).map(\.message) == ["Label 'd' is not an RFC 3339 date and time: 'today'"])
        #expect(try findings(text, "DL3054", configuration: schema).map(\.message) == ["Label 's' is not an SPDX license expression: 'Apache 2'"])
        #expect(try findings(text, "DL3055", configuration: schema).map(\.message) == ["Label 'h' is not a git commit hash: 'HEAD'"])
        #expect(try findings(text, "DL3052").isEmpty, "no schema, no finding")
    }

    // MARK: Configuration

    @Test("label-schema and strict-labels are read from .dlint.yaml and .hadolint.yaml")
    func configuration() throws {
        let yaml = "label-schema:\n  author: text\n  url: URL\n  created: rfc3339\nstrict-labels: true\n"
        for format in [ConfigurationFormat.dlint, .hadolint] {
            let (configuration, warnings) = try ConfigurationParser.parse(yaml, format: format, path: "c.yaml", catalog: RuleRegistry.catalog)
            #expect(warnings.isEmpty)
            #expect(configuration.settings.labelSchema == ["author": .text, "url": .url, "created": .rfc3339])
            #expect(configuration.settings.strictLabels)
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationParser.parse("label-schema:\n  author: rawtext\n", format: .hadolint, path: "c.yaml", catalog: RuleRegistry.catalog)
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationParser.parse("label-schema: [author]\n", format: .dlint, path: "c.yaml", catalog: RuleRegistry.catalog)
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationParser.parse("strict-labels: sometimes\n", format: .dlint, path: "c.yaml", catalog: RuleRegistry.catalog)
        }
        var base = Configuration()
        base.settings.labelSchema = ["a": .text]
        var overrides = Configuration()
        overrides.settings.strictLabels = true
        let merged = base.overlaid(with: overrides)
        #expect(merged.settings.labelSchema == ["a": .text] && merged.settings.strictLabels)
    }

    // MARK: DL1001

    @Test("inline ignores: off by default, on with a severity from either format; every pragma form, the comment covered")
    func inlineIgnores() throws {
        let text = """
            # hadolint global ignore=DL3006
            FROM alpine
            # dlint ignore=DL3018 # reason
            RUN true
              #hadolint ignore = DL3059, DL3003
            RUN echo \\
            # hadolint ignore=DL3003
                x
            # check=skip=all

            """
        #expect(try findings(text, "DL1001").isEmpty)
        let dlint = try findings(text, "DL1001", configuration: "severity:\n  no-inline-ignore: error\n")
        #expect(dlint.map(\.text) == ["# hadolint global ignore=DL3006", "# dlint ignore=DL3018 # reason", "#hadolint ignore = DL3059, DL3003"])
        #expect(dlint.map(\.column) == [1, 1, 3])
        #expect(dlint[0].message == "Inline ignore pragma '# hadolint global ignore=DL3006': configure ignores in the configuration file instead")
        let hadolint = try findings(text, "DL1001", configuration: "override:\n  warning: [DL1001]\n", format: .hadolint)
        #expect(hadolint.count == 3)
        let result = try lint(text, configuration: "override:\n  warning: [DL1001]\n", format: .hadolint)
        #expect(result.diagnostics.filter { $0.code == "DL1001" }.allSatisfy { $0.severity == .warning })
    }
}
