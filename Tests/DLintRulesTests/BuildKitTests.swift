import DLintCore
@testable import DLintRules
import Testing

private func lint(_ text: String, dockerIgnore: String? = nil) -> LintResult {
    var configuration = Configuration()
    configuration.settings.dockerIgnore = dockerIgnore.map(DockerIgnore.init)
    return RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration)
}

/// (line, text under the range) of each finding of `code`.
private func findings(_ text: String, _ code: String, dockerIgnore: String? = nil) -> [(line: Int, text: String)] {
    let result = lint(text, dockerIgnore: dockerIgnore)
    return result.diagnostics.filter { $0.code == code }.map {
        (result.tree.location(of: $0.range.lowerBound).line, result.tree.text(of: $0.range))
    }
}

private func messages(_ text: String, _ code: String) -> [String] {
    lint(text).diagnostics.filter { $0.code == code }.map(\.message)
}

/// All fixes of `code`, safe and unsafe, applied until nothing changes.
private func fixed(_ text: String, _ code: String) -> String {
    let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
    let outcome = Rewriter(linter: Linter(rules: [rule])).fix(Array(text.utf8), applying: [.safe, .unsafe])
    return String(decoding: outcome.fixed, as: UTF8.self)
}

struct BuildKitSpecCase: Sendable, CustomTestStringConvertible {
    let name: String
    let dockerfile: String
    let fires: Bool
    var testDescription: String { name }
}

@Suite("hadolint's spec: DL3064 and DL3065")
struct BuildKitHadolintSpecTests {
    /// Every `it` of DL3064Spec.hs, each also inside ONBUILD as hadolint runs them.
    static let dl3064: [BuildKitSpecCase] = [
        BuildKitSpecCase(name: "ok: no ARG, no ENV", dockerfile: "FROM debian:bullseye\nRUN foobar\n", fires: false),
        BuildKitSpecCase(name: "ok: ARG no sensitive data, no ENV", dockerfile: "ARG foobar\nFROM debian:bullseye\nRUN foobar\n", fires: false),
        BuildKitSpecCase(name: "ok: no ARG, ENV no sensitive data", dockerfile: "FROM debian:bullseye\nENV foobar=barfoo\nRUN foobar\n", fires: false),
        BuildKitSpecCase(name: "not ok: ARG with sensitive data", dockerfile: "ARG AWS_ACCESS_KEY_ID\nFROM debian:bullseye\nRUN foobar\n", fires: true),
        BuildKitSpecCase(name: "not ok: ARG with sensitive data, different casing", dockerfile: "ARG openai_api_key\nFROM debian:bullseye\nRUN foobar\n", fires: true),
        BuildKitSpecCase(name: "not ok: ENV with sensitive data", dockerfile: "FROM debian:bullseye\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n", fires: true),
        BuildKitSpecCase(name: "not ok: ENV with sensitive data, different casing", dockerfile: "FROM debian:bullseye\nENV my_password=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n", fires: true),
        // Deliberate differences (rules/DL3064.md, "Differences from hadolint"): hadolint matches
        // substrings and a fixed list of names, dlint BuildKit's `_`-separated words.
        BuildKitSpecCase(name: "dlint: USERNAME is no secret (hadolint reports it)", dockerfile: "FROM debian:bullseye\nARG USERNAME\n", fires: false),
        BuildKitSpecCase(name: "dlint: TOKENIZERS_PARALLELISM is no secret (hadolint reports it)", dockerfile: "FROM debian:bullseye\nENV TOKENIZERS_PARALLELISM=false\n", fires: false),
        BuildKitSpecCase(name: "dlint: a KEY word is a secret (hadolint misses GIT_KEY)", dockerfile: "FROM debian:bullseye\nENV GIT_KEY=x\n", fires: true),
    ]

    static let dl3064OnBuild: [BuildKitSpecCase] = dl3064.prefix(7).map { spec in
        let lines = spec.dockerfile.split(separator: "\n").map { line in
            line.hasPrefix("ENV") || line.hasPrefix("RUN") ? "ONBUILD " + line : String(line)
        }
        // A global ARG cannot be an ONBUILD trigger; hadolint's onbuild variant wraps the stage's instructions.
        let text = lines.map { $0.hasPrefix("ARG") ? "FROM debian:bullseye\nONBUILD " + $0 : $0 }.joined(separator: "\n") + "\n"
        return BuildKitSpecCase(name: spec.name + " (ONBUILD)", dockerfile: text, fires: spec.fires)
    }

    /// Every `it` of DL3065Spec.hs.
    static let dl3065: [BuildKitSpecCase] = [
        BuildKitSpecCase(name: "ok: FROM no --platform", dockerfile: "FROM alpine:3.24\n", fires: false),
        BuildKitSpecCase(name: "ok: FROM --platform not $TARGETPLATFORM ($FOOBAR)", dockerfile: "FROM --platform=$FOOBAR alpine:3.24\n", fires: false),
        BuildKitSpecCase(name: "ok: FROM --platform not $TARGETPLATFORM (foobar)", dockerfile: "FROM --platform=foobar alpine:3.24\n", fires: false),
        BuildKitSpecCase(name: "ok: FROM --platform not $TARGETPLATFORM (foobar/arm64)", dockerfile: "FROM --platform=foobar/arm64 alpine:3.24\n", fires: false),
        BuildKitSpecCase(name: "not ok: FROM --platform=$TARGETPLATFORM", dockerfile: "FROM --platform=$TARGETPLATFORM alpine:3.24\n", fires: true),
        BuildKitSpecCase(name: "not ok: FROM --platform=${TARGETPLATFORM}", dockerfile: "FROM --platform=${TARGETPLATFORM} alpine:3.24\n", fires: true),
    ]

    /// A secret's name with a literal value (`ENV my_password=abc…`) is reported by DX1401 instead
    /// (rules/DL3064.md, "One finding per problem"): the case fires when either does.
    @Test("DL3064Spec", arguments: dl3064 + dl3064OnBuild)
    func secrets(_ spec: BuildKitSpecCase) {
        let reported = findings(spec.dockerfile, "DL3064") + findings(spec.dockerfile, "DX1401")
        #expect(!reported.isEmpty == spec.fires, "\(spec.dockerfile)")
    }

    @Test("DL3065Spec", arguments: dl3065)
    func redundantPlatform(_ spec: BuildKitSpecCase) {
        #expect(!findings(spec.dockerfile, "DL3065").isEmpty == spec.fires)
    }
}

/// Cases of BuildKit's `dockerfile_lint_test.go`, with the dlint code each check maps to.
@Suite("BuildKit's lint tests")
struct BuildKitLintCaseTests {
    @Test("SecretsUsedInArgOrEnv: the names BuildKit reports, and only those")
    func secretNames() {
        let text = """
            FROM scratch
            ARG SECRET_PASSPHRASE
            ENV SUPER_Secret=foo
            ENV password=bar secret=baz
            ARG super_duper_secret_token=foo auth=bar
            ENV apikey=bar sunflower=foo
            ENV git_key=
            ENV PUBLIC_KEY=
            ARG public_token

            """
        // A secret's name with a literal value is DX1401's finding, at the value (rules/DL3064.md,
        // "One finding per problem"); BuildKit reports all eight names.
        #expect(findings(text, "DL3064").map(\.text) == ["SECRET_PASSPHRASE", "auth", "git_key"])
        #expect(findings(text, "DX1401").map(\.text) == ["foo", "bar", "baz", "foo", "bar"])
    }

    @Test("ReservedStageName: scratch and context as names, not as bases")
    func reservedNames() {
        #expect(findings("FROM scratch AS scratch\nFROM scratch AS context\n", "DX1101").map(\.line) == [1, 2])
        #expect(findings("FROM scratch\nFROM scratch AS a\n", "DX1101").isEmpty)
    }

    @Test("UndefinedArgInFrom: declared, predefined and defaulted arguments pass; typos are suggested")
    func undefinedArgInFrom() {
        for passing in [
            "ARG base=scratch\nFROM $base\n", "ARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n",
            "FROM --platform=$BUILDPLATFORM scratch\n", "ARG DEBUG\nFROM scratch${DEBUG}\n", "ARG DEBUG\nFROM scra${DEBUG:-tch}\n",
            "ARG DEBUG=\"\"\nFROM scratch${DEBUG-@bogus}\n",
        ] {
            #expect(findings(passing, "DX1102").isEmpty, "\(passing)")
        }
        #expect(messages("FROM --platform=$BULIDPLATFORM scratch\n", "DX1102") == ["FROM uses 'BULIDPLATFORM', which no ARG before the first FROM declares (did you mean 'BUILDPLATFORM'?)"])
        #expect(messages("ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n", "DX1102").first?.hasSuffix("(did you mean 'MY_ARCH'?)") == true)
        #expect(findings("ARG tag=latest\nFROM busybox:${tag}${version} AS b\n", "DX1102").map(\.text) == ["${version}"])
        #expect(findings("FROM alpine\nARG V=1\nFROM alpine:$V\n", "DX1102").map(\.text) == ["$V"], "a stage's ARG is not global")
    }

    @Test("UndefinedVar: BuildKit's cases")
    func undefinedVariable() {
        #expect(findings("FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n", "DX1104").isEmpty)
        #expect(findings("FROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n", "DX1104").isEmpty, "a parent stage's ARG counts")
        #expect(findings("FROM alpine\nRUN echo $PATH\n", "DX1104").isEmpty)
        #expect(findings("FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n", "DX1104").map(\.line) == [2])
        #expect(messages("FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n", "DX1104")
            == ["Variable '$DIR_ASSET' is not declared by an ARG or ENV before it is used (did you mean '$DIR_ASSETS'?)"])
        #expect(messages("FROM alpine\nENV PATH=$PAHT:/tmp/bin\n", "DX1104").first?.hasSuffix("(did you mean '$PATH'?)") == true)
        #expect(findings("FROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n", "DX1104").map(\.text) == ["$foo", "$bar"])
        #expect(findings("FROM alpine\nRUN <<'EOT'\nenv\nEOT\n", "DX1104").isEmpty)
    }

    @Test("UndefinedVar: where BuildKit expands, and where it does not")
    func undefinedVariablePlaces() {
        let text = """
            FROM alpine
            ENV A=1 B=$A
            LABEL $L=x
            COPY --chown=$OWNER <<EOF /a
            $HEREDOC \\$escaped
            EOF
            COPY <<'EOF' /b
            $QUOTED
            EOF
            WORKDIR ${DIR:-/app}
            USER '$single'
            EXPOSE $PORT
            VOLUME ["$VOL"]
            STOPSIGNAL $SIG
            RUN echo $RUNVAR
            CMD echo $CMDVAR
            ONBUILD COPY $LATER /x
            ARG LOCAL=$MISSING

            """
        #expect(findings(text, "DX1104").map(\.text) == ["$A", "$L", "$OWNER", "$HEREDOC", "${DIR", "$PORT", "$VOL", "$SIG", "$MISSING"])
        let base = "ARG G=1\nFROM alpine\nCOPY $G /\nFROM alpine\nARG G\nCOPY $G /\n"
        #expect(findings(base, "DX1104").map(\.line) == [3], "a global ARG needs redeclaring in the stage")
        #expect(findings("FROM alpine AS base-amd64\nARG SUFFIX=x\nFROM alpine AS base-arm64\nARG SUFFIX=y\nFROM base-$TARGETARCH\nCOPY $SUFFIX /\n", "DX1104").isEmpty,
                "a FROM picked by a variable sees the stages it can name")
    }

    @Test("RedundantTargetPlatform: both spellings")
    func redundantTargetPlatform() {
        #expect(findings("FROM --platform=$TARGETPLATFORM scratch\n", "DL3065").map(\.text) == ["--platform=$TARGETPLATFORM"])
        #expect(findings("FROM --platform=${TARGETPLATFORM} scratch\n", "DL3065").map(\.text) == ["--platform=${TARGETPLATFORM}"])
    }

    @Test("InvalidDefaultArgInFrom: BuildKit's cases")
    func invalidDefaultArgInFrom() {
        #expect(findings("ARG VERSION\nFROM busybox:$VERSION\n", "DX1103").map(\.text) == ["busybox:$VERSION"])
        #expect(findings("ARG IMAGE\nFROM $IMAGE\n", "DX1103").map(\.text) == ["$IMAGE"])
        #expect(findings("ARG SFX=\"box:\"\nFROM busy${SFX}\n", "DX1103").map(\.text) == ["busy${SFX}"])
        #expect(findings("ARG VERSION=\"latest\"\nFROM busybox:${VERSION}\n", "DX1103").isEmpty)
        #expect(findings("ARG BUSYBOX_VARIANT=\"\"\nFROM busybox:stable${BUSYBOX_VARIANT}\n", "DX1103").isEmpty)
        #expect(findings("ARG BUSYBOX_VARIANT\nFROM busybox:stable${BUSYBOX_VARIANT}\n", "DX1103").isEmpty)
        #expect(findings("FROM golang:1.22-$TARGETOS\n", "DX1103").isEmpty, "predefined arguments have values")
        #expect(findings("ARG REGISTRY=localhost:5000\nFROM $REGISTRY/app:1\n", "DX1103").isEmpty, "a registry port is no tag")
        #expect(findings("ARG NAME=App\nFROM $NAME\n", "DX1103").count == 1, "repositories are lower case")
    }

    @Test("FromPlatformFlagConstDisallowed: a constant, unless the stage is named after it")
    func constantPlatform() {
        #expect(findings("FROM --platform=linux/amd64 scratch\n", "DX1105").map(\.text) == ["--platform=linux/amd64"])
        #expect(findings("FROM --platform=linux/amd64 scratch AS my_amd64_stage\n", "DX1105").isEmpty)
        #expect(findings("FROM --platform=linux/amd64 scratch AS linux\n", "DX1105").isEmpty)
        #expect(findings("FROM --platform=linux/x86_64 scratch AS build-amd64\n", "DX1105").isEmpty, "architectures are normalised")
        #expect(findings("FROM --platform=$BUILDPLATFORM scratch\n", "DX1105").isEmpty)
    }

    @Test("CopyIgnoredFile: BuildKit's cases")
    func copyIgnoredFile() {
        #expect(findings("FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n", "DX1109", dockerIgnore: "\nDockerfile\n").map(\.line) == [2, 3])
        let stages = "FROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n"
        #expect(findings(stages, "DX1109", dockerIgnore: "\nfoobar\n").isEmpty)
        #expect(findings("FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt\n", "DX1109", dockerIgnore: "*/tmp/*\n").isEmpty, "*/tmp/* needs a directory above tmp")
        #expect(findings("FROM scratch\nCOPY a/tmp/x /x\n", "DX1109", dockerIgnore: "*/tmp/*\n").map(\.text) == ["a/tmp/x"])
        #expect(findings("FROM scratch\nCOPY . /app\n", "DX1109", dockerIgnore: "build\n").isEmpty)
        #expect(findings("FROM scratch\nCOPY . /app\n", "DX1109", dockerIgnore: "*\n").map(\.text) == ["."])
        #expect(findings("FROM scratch\nCOPY docs /docs\n", "DX1109", dockerIgnore: "docs\n!docs/keep.md\n").isEmpty, "a ! pattern puts files back")
        #expect(findings("FROM scratch\nCOPY build /b\n", "DX1109", dockerIgnore: "build\n!docs/keep.md\n").map(\.text) == ["build"])
        #expect(findings("FROM scratch\nARG SRC=secret.txt\nCOPY $SRC /x\nADD https://example.com/secret.txt /y\n", "DX1109", dockerIgnore: "secret.txt\n").map(\.text) == ["$SRC"])
        #expect(findings("FROM scratch\nCOPY [\"/node_modules/x\", \"/y\"]\n", "DX1109", dockerIgnore: "node_modules\n").count == 1)
        #expect(findings("FROM scratch\nCOPY Dockerfile .\n", "DX1109").isEmpty, "no ignore file, nothing to check")
    }

    @Test("InvalidDefinitionDescription: off by default; BuildKit's cases once enabled")
    func definitionDescription() {
        let good = """
            # check=experimental=InvalidDefinitionDescription
            # foo this is the foo
            ARG foo=bar

            # base this is the base image
            FROM scratch AS base

            # version this is the version number
            ARG version=latest

            # baz this is the baz
            ARG foo=baz bar=qux baz=quux
            #
            ARG bit=bat

            # comment for something other than ARG or FROM
            COPY Dockerfile .

            """
        #expect(findings(good, "DX1108").isEmpty)
        let bad = """
            # check=experimental=InvalidDefinitionDescription
            # bar this is the bar
            ARG foo=bar
            # BasE this is the BasE image
            FROM scratch AS base
            # definitely a bad comment
            ARG version=latest
            # definitely a bad comment
            ARG foo=baz bar=qux baz=quux

            """
        #expect(findings(bad, "DX1108").map(\.line) == [2, 4, 6, 8])
        #expect(messages(bad, "DX1108").last?.contains("'# <arg_key> <description>'") == true)
        let off = bad.split(separator: "\n", maxSplits: 1)[1]
        #expect(findings(String(off), "DX1108").isEmpty, "off without the directive")
    }

    @Test("NoEmptyContinuation is the parser's DX0009")
    func emptyContinuation() {
        let text = "FROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n"
        #expect(findings(text, "DX0009").count == 1)
        #expect(RuleRegistry.catalog.code(for: "NoEmptyContinuation") == "DX0009")
        #expect(findings("# check=skip=NoEmptyContinuation\n" + text, "DX0009").isEmpty)
    }

    /// BuildKit reports keywords against the file's majority case; DX1010 asks for upper case
    /// (rules/DX1010.md): in a mostly lower-case file they report opposite keywords.
    @Test("ConsistentInstructionCasing is DX1010")
    func instructionCasing() {
        #expect(RuleRegistry.catalog.code(for: "ConsistentInstructionCasing") == "DX1010")
        #expect(findings("From scratch as base\nFROM scratch AS base2\n", "DX1010").map(\.text) == ["From"], "as in BuildKit")
        #expect(findings("FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n", "DX1010").map(\.text) == ["copy"], "as in BuildKit")
        #expect(findings("from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n", "DX1010").map(\.text) == ["from", "copy"], "BuildKit: COPY")
        #expect(findings("FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n", "DX1010").isEmpty)
        #expect(findings("#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n", "DX1010").isEmpty)
        #expect(findings("#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n", "DX1011").count == 1)
    }

    @Test("ExposeInvalidFormat and ExposeProtoCasing: each port judged alone")
    func expose() {
        let text = "FROM alpine\nEXPOSE 80/TCP 127.0.0.1:80:80 8080:80 :90 [::1]:53:53/udp 443\n"
        #expect(findings(text, "DX1107").map(\.text) == ["127.0.0.1:80:80", "8080:80", "[::1]:53:53/udp"])
        #expect(findings(text, "DX1106").map(\.text) == ["TCP"])
    }
}

@Suite("BuildKit checks: suppressions and fixes")
struct BuildKitCheckTests {
    /// (BuildKit name, a Dockerfile it fires on, dlint code)
    static let triggers: [(String, String, String)] = [
        ("ReservedStageName", "FROM alpine AS scratch\n", "DX1101"),
        ("UndefinedArgInFrom", "FROM alpine:$NOPE\n", "DX1102"),
        ("InvalidDefaultArgInFrom", "ARG V\nFROM alpine:$V\n", "DX1103"),
        ("UndefinedVar", "FROM alpine\nCOPY $NOPE /\n", "DX1104"),
        ("FromPlatformFlagConstDisallowed", "FROM --platform=linux/arm64 alpine\n", "DX1105"),
        ("ExposeProtoCasing", "FROM alpine\nEXPOSE 80/TCP\n", "DX1106"),
        ("ExposeInvalidFormat", "FROM alpine\nEXPOSE 80:80\n", "DX1107"),
        ("SecretsUsedInArgOrEnv", "FROM alpine\nARG API_TOKEN\n", "DL3064"),
        ("RedundantTargetPlatform", "FROM --platform=$TARGETPLATFORM alpine\n", "DL3065"),
        ("CopyIgnoredFile", "FROM alpine\nCOPY secret.txt /\n", "DX1109"),
    ]

    @Test("# check=skip=NAME and skip=all silence each check; error=true changes nothing", arguments: triggers)
    func skip(_ name: String, _ text: String, _ code: String) {
        let ignore = "secret.txt\n"
        #expect(!findings(text, code, dockerIgnore: ignore).isEmpty, "fires without the directive")
        #expect(findings("# check=skip=\(name)\n" + text, code, dockerIgnore: ignore).isEmpty)
        #expect(findings("# check=skip=\(name);error=true\n" + text, code, dockerIgnore: ignore).isEmpty)
        #expect(findings("# check=error=true;skip=JSONArgsRecommended, \(name)\n" + text, code, dockerIgnore: ignore).isEmpty)
        #expect(findings("# check=skip=all\n" + text, code, dockerIgnore: ignore).isEmpty)
        #expect(!findings("# check=error=true\n" + text, code, dockerIgnore: ignore).isEmpty)
    }

    @Test("InvalidDefinitionDescription turned on by experimental=, not by skip")
    func experimental() {
        let text = "# not about foo\nARG foo=1\nFROM alpine\n"
        #expect(findings("# check=experimental=all\n" + text, "DX1108").count == 1)
        #expect(findings("# check=skip=all;experimental=InvalidDefinitionDescription\n" + text, "DX1108").count == 1)
    }

    @Test("EXPOSE protocol fix: continuation, CRLF, several ports")
    func protocolFix() {
        #expect(fixed("FROM alpine\r\nEXPOSE 80/TCP \\\r\n    53/UDP\r\n", "DX1106") == "FROM alpine\r\nEXPOSE 80/tcp \\\r\n    53/udp\r\n")
        #expect(fixed("FROM alpine\nEXPOSE 80/T\\\nCP\n", "DX1106") == "FROM alpine\nEXPOSE 80/t\\\ncp\n")
        #expect(fixed("FROM alpine\nEXPOSE $P/TCP 80/$PROTO\n", "DX1106") == "FROM alpine\nEXPOSE $P/tcp 80/$PROTO\n")
    }

    @Test("EXPOSE mapping fix keeps the container port; not for words it cannot rewrite")
    func mappingFix() {
        #expect(fixed("FROM alpine\nEXPOSE 8080:80/udp 443\n", "DX1107") == "FROM alpine\nEXPOSE 80/udp 443\n")
        #expect(fixed("# escape=`\nFROM alpine\nEXPOSE 127.0.0.1:80:80 `\n  1:2\n", "DX1107") == "# escape=`\nFROM alpine\nEXPOSE 80 `\n  2\n")
        #expect(fixed("FROM alpine\nEXPOSE $HOST:80\n", "DX1107") == "FROM alpine\nEXPOSE $HOST:80\n")
    }

    @Test("DL3065 fix removes the flag and the blanks after it; none when TARGETPLATFORM is redefined")
    func platformFix() {
        #expect(fixed("FROM --platform=$TARGETPLATFORM  alpine AS a\n", "DL3065") == "FROM alpine AS a\n")
        #expect(fixed("FROM --platform=$TARGETPLATFORM \\\n    alpine\n", "DL3065") == "FROM \\\n    alpine\n")
        let redefined = "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n"
        #expect(fixed(redefined, "DL3065") == redefined)
        #expect(findings(redefined, "DL3065").count == 1)
    }

    @Test("suggestions: fewer than three edits, none for an exact name")
    func suggestions() {
        #expect(Suggestion.nearest(to: "PAHT", in: ["PATH", "HOME"]) == "PATH")
        #expect(Suggestion.nearest(to: "FOO", in: ["BARBAZ"]) == nil)
        #expect(Suggestion.nearest(to: "A", in: ["A", "B"]) == nil)
    }

    @Test("image references as docker pull reads them")
    func references() {
        for valid in ["alpine", "alpine:3.20", "docker.io/library/alpine:3.20", "localhost:5000/app", "ghcr.io/o/r@sha256:" + String(repeating: "a", count: 64), "a__b/c-d.e:x_1", "Registry.Example.com/app"] {
            #expect(ImageReferenceGrammar.isValid(valid), "\(valid)")
        }
        for invalid in ["", "alpine:", "Alpine", ":test-", "a//b", "-a", "a:b:c", "app@sha256:12", String(repeating: "a", count: 64)] {
            #expect(!ImageReferenceGrammar.isValid(invalid), "\(invalid)")
        }
    }
}
