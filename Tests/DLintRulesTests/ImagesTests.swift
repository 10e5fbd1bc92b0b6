import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of a hadolint `*Spec.hs`: the Dockerfile and whether the rule reports it in
/// dlint. A case where dlint deliberately differs says why, pointing at the rule page.
struct ImageSpecCase: Sendable, CustomTestStringConvertible {
    let code: String
    let name: String
    let dockerfile: String
    let fires: Bool
    var trustedRegistries: [String] = []
    /// Set when hadolint's spec expects the opposite.
    var differsFromHadolint: String?

    var testDescription: String { "\(code) \(name)" }
}

private func spec(_ code: String, _ name: String, _ lines: [String], fires: Bool, trusted: [String] = [], differs: String? = nil) -> ImageSpecCase {
    ImageSpecCase(code: code, name: name, dockerfile: lines.joined(separator: "\n") + "\n", fires: fires, trustedRegistries: trusted, differsFromHadolint: differs)
}

/// Every `it` case of hadolint's DL3002, DL3006, DL3007, DL3026, DL3029, DL3043, DL3061, DL3063
/// and DL3067 specs (the `onBuildRuleCatches` variants, which wrap the same instructions in
/// `ONBUILD`, are left out: `ONBUILD FROM` is not a Dockerfile).
let imageSpecCases: [ImageSpecCase] = [
    // DL3002Spec
    spec("DL3002", "last user should not be root", ["FROM scratch", "USER root"], fires: true),
    spec("DL3002", "no root", ["FROM scratch", "USER foo"], fires: false),
    spec("DL3002", "no root UID", ["FROM scratch", "USER 0"], fires: true),
    spec("DL3002", "no root:root", ["FROM scratch", "USER root:root"], fires: true),
    spec("DL3002", "no UID:GID", ["FROM scratch", "USER 0:0"], fires: true),
    spec("DL3002", "can switch back to non root", ["FROM scratch", "USER root", "RUN something", "USER foo"], fires: false),
    spec("DL3002", "warns on transitive root user", ["FROM debian as base", "USER root", "RUN something", "FROM base", "RUN something else"], fires: true),
    spec("DL3002", "warns on multiple stages", ["FROM debian as base", "USER root", "RUN something", "FROM scratch", "USER foo", "RUN something else"],
         fires: false, differs: "rules/DL3002.md, Differences from hadolint: only the final image's user counts"),
    spec("DL3002", "does not warn when switching in multiple stages", ["FROM debian as base", "USER root", "RUN something", "USER foo", "FROM scratch", "RUN something else"], fires: false),
    // DL3006Spec
    spec("DL3006", "no untagged", ["FROM debian"], fires: true),
    spec("DL3006", "no untagged with name", ["FROM debian AS builder"], fires: true),
    spec("DL3006", "untagged digest is not an error", ["FROM ruby@sha256:f1dbca0f5dbc9"], fires: false),
    spec("DL3006", "untagged digest is not an error (tag)", ["FROM ruby:2"], fires: false),
    spec("DL3006", "using args is not an error", ["FROM ${VALUE}"], fires: false),
    spec("DL3006", "local aliases are OK to be untagged",
         ["FROM golang:1.9.3-alpine3.7 AS build", "RUN foo", "FROM build as unit-test", "RUN bar", "FROM alpine:3.7", "RUN baz"], fires: false),
    spec("DL3006", "other untagged cases are not ok",
         ["FROM golang:1.9.3-alpine3.7 AS build", "RUN foo", "FROM node as unit-test", "RUN bar", "FROM alpine:3.7", "RUN baz"], fires: true),
    spec("DL3006", "scratch", ["FROM scratch"], fires: false),
    // DL3007Spec
    spec("DL3007", "explicit latest", ["FROM debian:latest"], fires: true),
    spec("DL3007", "explicit latest with name", ["FROM debian:latest AS builder"], fires: true),
    spec("DL3007", "explicit tagged", ["FROM debian:jessie"], fires: false),
    spec("DL3007", "explicit SHA", ["FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb"], fires: false),
    spec("DL3007", "explicit tagged and SHA", ["FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb"], fires: false),
    spec("DL3007", "explicit tagged with name", ["FROM debian:jessie AS builder"], fires: false),
    // DL3026Spec
    spec("DL3026", "does not warn on empty allowed registries", ["FROM random.com/debian"], fires: false),
    spec("DL3026", "warn on non-allowed registry", ["FROM random.com/debian"], fires: true, trusted: ["docker.io"]),
    spec("DL3026", "does not warn on allowed registries", ["FROM random.com/debian"], fires: false, trusted: ["x.com", "random.com"]),
    spec("DL3026", "doesn't warn on scratch image", ["FROM scratch"], fires: false, trusted: ["x.com", "random.com"]),
    spec("DL3026", "allows boths all forms of docker.io",
         ["FROM ubuntu:18.04 AS builder1", "FROM zemanlx/ubuntu:18.04 AS builder2", "FROM docker.io/zemanlx/ubuntu:18.04 AS builder3"], fires: false, trusted: ["docker.io"]),
    spec("DL3026", "allows using previous stages", ["FROM random.com/foo AS builder1", "FROM builder1 AS builder2"], fires: false, trusted: ["random.com"]),
    spec("DL3026", "warn on non-allowed wildcard registry", ["FROM x.com/debian"], fires: true, trusted: ["*.random.com"]),
    spec("DL3026", "does not warn on allowed wildcard registries", ["FROM foo.random.com/debian"], fires: false, trusted: ["x.com", "*.random.com"]),
    spec("DL3026", "does not warn on * registry",
         ["FROM ubuntu:18.04 AS builder1", "FROM zemanlx/ubuntu:18.04 AS builder2", "FROM docker.io/zemanlx/ubuntu:18.04 AS builder3"], fires: false, trusted: ["*"]),
    // DL3029Spec
    spec("DL3029", "explicit platform flag", ["FROM --platform=linux debian:jessie"], fires: true),
    spec("DL3029", "no platform flag", ["FROM debian:jessie"], fires: false),
    spec("DL3029", "allows platform $BUILDPLATFORM flag", ["FROM --platform=$BUILDPLATFORM debian:jessie"], fires: false),
    spec("DL3029", "allows platform \"$BUILDPLATFORM\" flag", ["FROM --platform=\"$BUILDPLATFORM\" debian:jessie"], fires: false),
    spec("DL3029", "allows platform ${BUILDPLATFORM} flag", ["FROM --platform=${BUILDPLATFORM} debian:jessie"], fires: false),
    spec("DL3029", "allows platform ${BUILDPLATFORM:-} flag", ["FROM --platform=${BUILDPLATFORM:-} debian:jessie"], fires: false),
    spec("DL3029", "allows platform \"${BUILDPLATFORM:-}\" flag", ["FROM --platform=\"${BUILDPLATFORM:-}\" debian:jessie"], fires: false),
    spec("DL3029", "allows platform $TARGETPLATFORM flag", ["FROM --platform=$TARGETPLATFORM debian:jessie"], fires: false),
    // DL3043Spec (the parser's DX0013, which answers to DL3043)
    spec("DL3043", "error when using `ONBUILD` within `ONBUILD`", ["ONBUILD ONBUILD RUN anything"], fires: true),
    spec("DL3043", "error when using `FROM` within `ONBUILD`", ["ONBUILD FROM debian:buster"], fires: true),
    spec("DL3043", "error when using `MAINTAINER` within `ONBUILD`", ["ONBUILD MAINTAINER \"BoJack Horseman\""], fires: true),
    spec("DL3043", "ok with `ADD`", ["ONBUILD ADD anything anywhere"], fires: false),
    spec("DL3043", "ok with `USER`", ["ONBUILD USER anything"], fires: false),
    spec("DL3043", "ok with `LABEL`", ["ONBUILD LABEL bla=\"blubb\""], fires: false),
    spec("DL3043", "ok with `STOPSIGNAL`", ["ONBUILD STOPSIGNAL anything"], fires: false),
    spec("DL3043", "ok with `COPY`", ["ONBUILD COPY anything anywhere"], fires: false),
    spec("DL3043", "ok with `RUN`", ["ONBUILD RUN anything"], fires: false),
    spec("DL3043", "ok with `CMD`", ["ONBUILD CMD anything"], fires: false),
    spec("DL3043", "ok with `SHELL`", ["ONBUILD SHELL anything"], fires: false),
    spec("DL3043", "ok with `WORKDIR`", ["ONBUILD WORKDIR anything"], fires: false),
    spec("DL3043", "ok with `EXPOSE`", ["ONBUILD EXPOSE 69"], fires: false),
    spec("DL3043", "ok with `VOLUME`", ["ONBUILD VOLUME anything"], fires: false),
    spec("DL3043", "ok with `ENTRYPOINT`", ["ONBUILD ENTRYPOINT anything"], fires: false),
    spec("DL3043", "ok with `ENV`", ["ONBUILD ENV MYVAR=\"bla\""], fires: false),
    spec("DL3043", "ok with `ARG`", ["ONBUILD ARG anything"], fires: false),
    spec("DL3043", "ok with `HEALTHCHECK`", ["ONBUILD HEALTHCHECK NONE"], fires: false),
    spec("DL3043", "ok with `FROM` outside of `ONBUILD`", ["FROM debian:buster"], fires: false),
    spec("DL3043", "ok with `MAINTAINER` outside of `ONBUILD`", ["MAINTAINER \"Some Guy\""], fires: false),
    // DL3061Spec (the parser's DX0007, which answers to DL3061)
    spec("DL3061", "warn: label before from", ["LABEL foo=bar", "FROM foo"], fires: true),
    spec("DL3061", "don't warn: from before label", ["FROM foo", "LABEL foo=bar"], fires: false),
    spec("DL3061", "don't warn: ARG then FROM then LABEL", ["ARG A=B", "FROM foo", "LABEL foo=bar"], fires: false),
    spec("DL3061", "don't warn: pragma before FROM", ["# syntax = docker/dockerfile:1.0-experimental", "FROM node:16-alpine3.13"], fires: false),
    spec("DL3061", "don't warn: FROM then ARG then RUN", ["FROM foo", "ARG A=B", "RUN echo bla"], fires: false),
    // DL3063Spec (off by default: the table runs it switched on)
    spec("DL3063", "no USER instruction", ["FROM alpine:3"], fires: true),
    spec("DL3063", "USER instruction present", ["FROM alpine:3", "USER nobody"], fires: false),
    spec("DL3063", "USER instruction in multi-stage build", ["FROM alpine:3 AS builder", "FROM alpine:3", "USER app"], fires: false),
    spec("DL3063", "USER with UID", ["FROM alpine:3", "USER 1000"], fires: false),
    spec("DL3063", "USER with UID:GID", ["FROM alpine:3", "USER 1000:1000"], fires: false),
    // DL3067Spec
    spec("DL3067", "warns when copying the root filesystem from another stage to root", ["COPY --from=build / /"], fires: true),
    spec("DL3067", "warns when copying quoted root paths from another stage to root", ["COPY --from=build \"/\" \"/\""], fires: true),
    spec("DL3067", "does not warn when copying root without --from", ["COPY / /"], fires: false),
    spec("DL3067", "does not warn when copying a directory from another stage", ["COPY --from=build /app /"], fires: false),
    spec("DL3067", "does not warn when copying root from another stage into a subdirectory", ["COPY --from=build / /app"], fires: false),
]

@Suite("Image rules: DL3002, DL3006, DL3007, DL3026, DL3029, DL3043, DL3061, DL3063, DL3067")
struct ImagesTests {
    /// (code, line, column, text under the range) of the findings of `code` (any spelling).
    private func findings(
        _ text: String, _ spelling: String, trusted: [String] = [], configuration base: Configuration = Configuration()
    ) -> [(code: String, line: Int, column: Int, text: String, message: String)] {
        let bytes = Array(text.utf8)
        var configuration = base
        if !trusted.isEmpty { configuration.settings.trustedRegistries = trusted }
        let code = RuleRegistry.catalog.code(for: spelling) ?? spelling
        if let descriptor = RuleRegistry.catalog.descriptor(for: code), !descriptor.enabledByDefault, configuration.severities[code] == nil {
            configuration.severities[code] = descriptor.severity
        }
        let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
        return result.diagnostics.filter { $0.code == code }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self), diagnostic.message)
        }
    }

    @Test("hadolint's spec cases", arguments: imageSpecCases)
    func hadolintSpec(_ specCase: ImageSpecCase) {
        let found = findings(specCase.dockerfile, specCase.code, trusted: specCase.trustedRegistries)
        #expect(found.isEmpty != specCase.fires, "\(specCase.code) \(specCase.name): \(found.map(\.message))")
    }

    // MARK: DL3006 and DL3007

    @Test("DL3006 resolves global ARGs: an image, a stage name, a digest, a tag; unknown values are not judged")
    func tagThroughArguments() {
        let found = findings("""
            ARG IMAGE=debian
            ARG FULL=python:3.12@sha256:aaa
            ARG VARIANT=1
            ARG TAG
            FROM alpine:3.20 AS img1
            FROM ${IMAGE}
            FROM ${FULL}
            FROM img${VARIANT}
            FROM debian:${TAG}
            FROM ${UNDECLARED}
            FROM base-${TAG}
            """, "DL3006")
        #expect(found.map(\.line) == [6])
        #expect(found.first?.message.contains("'${IMAGE}' (resolves to 'debian')") == true)
    }

    @Test("DL3006 takes a stage ARG in FROM for what it is: FROM sees only the global ARGs")
    func stageArgumentsAreNotSeenByFrom() {
        let found = findings("""
            FROM alpine:3.20
            ARG IMAGE=debian
            FROM ${IMAGE}
            """, "DL3006")
        #expect(found.isEmpty)
    }

    @Test("a template's placeholder is no image: neither DL3006, DL3007 nor DL3026 judge it")
    func templatePlaceholders() {
        let text = "FROM {{ .variants[env.variant].from }}\nFROM Ubuntu\nFROM %%BASE%%\n"
        #expect(findings(text, "DL3006").isEmpty)
        #expect(findings(text, "DL3026", trusted: ["quay.io"]).isEmpty)
        #expect(findings("FROM {{ .from }}:latest\n", "DL3007").isEmpty)
    }

    @Test("DL3007 covers the written latest, or the whole word when it comes from a variable; a digest pins")
    func latestRanges() {
        let found = findings("""
            ARG TAG=latest
            FROM debian:latest
            FROM debian:${TAG}
            FROM debian:LATEST
            FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb
            FROM localhost:5000/app:latest AS app
            """, "DL3007")
        #expect(found.map(\.text) == ["latest", "debian:${TAG}", "latest"])
        #expect(found.map(\.line) == [2, 3, 6])
    }

    // MARK: DL3026

    @Test("DL3026 patterns: suffix, prefix, port, case, Docker Hub's names", arguments: [
        ("FROM foo.random.com/debian:1", ["*.random.com"], false),
        ("FROM a.b.random.com/debian:1", ["*.random.com"], false),
        ("FROM random.com/debian:1", ["*.random.com"], true),
        ("FROM xrandom.com/debian:1", ["*random.com"], false),
        ("FROM random.com/debian:1", ["random.*"], false),
        ("FROM random.com/debian:1", ["ran*.com"], true),
        ("FROM random.com/debian:1", ["*andom*"], true),
        ("FROM foo.com:5000/debian:1", ["foo.com"], true),
        ("FROM foo.com:5000/debian:1", ["foo.com:5000"], false),
        ("FROM Foo.COM/debian:1", ["foo.com"], false),
        ("FROM debian:12", ["hub.docker.com"], false),
        ("FROM debian:12", ["docker.*"], false),
        ("FROM debian:12", ["*.io"], false),
        ("FROM debian:12", ["x.com"], true),
        ("FROM index.docker.io/library/debian:12", ["docker.io"], false),
        ("FROM localhost:5000/debian:12", ["docker.io"], true),
        ("FROM localhost/debian:12", ["localhost"], false),
    ])
    func registryPatterns(_ dockerfile: String, _ trusted: [String], _ fires: Bool) {
        #expect(findings(dockerfile + "\n", "DL3026", trusted: trusted).isEmpty != fires)
    }

    @Test("DL3026 resolves the registry through global ARGs and leaves a hidden one alone")
    func registryThroughArguments() {
        let found = findings("""
            ARG TRUSTED=foo.com/image:1
            ARG OTHER=bar.com
            ARG REGISTRY
            ARG ORG
            FROM $TRUSTED
            FROM ${OTHER}/image:1
            FROM ${REGISTRY}/image:1
            FROM ${ORG}/image:1
            FROM bar.com/image:${REGISTRY}
            """, "DL3026", trusted: ["foo.com"])
        #expect(found.map(\.line) == [6, 9])
        #expect(found.first?.message.contains("registry 'bar.com'") == true)
    }

    // MARK: DL3029

    @Test("DL3029: automatic platform arguments follow the build; constants and constant ARGs do not")
    func platforms() {
        let found = findings("""
            ARG FIXED=linux/arm64
            ARG CHOSEN
            FROM --platform=$TARGETOS/$TARGETARCH golang:1.23 AS a
            FROM --platform=${BUILDOS}/${BUILDARCH} golang:1.23 AS b
            FROM --platform=$CHOSEN alpine:3.20 AS c
            FROM --platform=$FIXED alpine:3.20 AS d
            FROM --platform=linux/amd64 alpine:3.20 AS e
            """, "DL3029")
        #expect(found.map(\.line) == [6, 7])
        #expect(found.map(\.text) == ["--platform=$FIXED", "--platform=linux/amd64"])
        #expect(found.first?.message.contains("'$FIXED' (resolves to 'linux/arm64')") == true)
    }

    // MARK: DL3002 and DL3063

    @Test("DL3002: the final image's user through the FROM chain, variables, and not Windows")
    func finalUser() {
        #expect(findings("FROM debian:12 AS base\nUSER root\nFROM base AS mid\nRUN x\nFROM mid\n", "DL3002").map(\.line) == [2])
        #expect(findings("FROM debian:12 AS base\nUSER root\nFROM base\nUSER app\n", "DL3002").isEmpty)
        #expect(findings("FROM debian:12\nENV RUN_AS=0\nUSER ${RUN_AS}:0\n", "DL3002").map(\.text) == ["${RUN_AS}:0"])
        #expect(findings("FROM debian:12\nUSER root:staff\n", "DL3002").map(\.text) == ["root"])
        #expect(findings("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER root\n", "DL3002").isEmpty)
        // A USER inside ONBUILD runs in the images built from this one, not in it.
        #expect(findings("FROM debian:12\nUSER app\nONBUILD USER root\n", "DL3002").isEmpty)
    }

    @Test("DL3063 is off unless given a severity, reports at the final FROM's image, and sees the FROM chain")
    func explicitUser() throws {
        let text = "FROM debian:12 AS build\nUSER app\nFROM alpine:3.20\nRUN x\n"
        let off = RuleRegistry.linter.lint(Array(text.utf8))
        #expect(!off.diagnostics.contains { $0.code == "DL3063" })
        let found = findings(text, "DL3063")
        #expect(found.map(\.text) == ["alpine:3.20"])
        #expect(found.map(\.line) == [3])
        #expect(findings("FROM debian:12 AS base\nUSER app\nFROM base\n", "DL3063").isEmpty)
        #expect(findings("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n", "DL3063").isEmpty)
        // hadolint's `override:` switches it on, with that severity.
        let (configuration, _) = try ConfigurationParser.parse(
            "override:\n  error:\n    - DL3063\n", format: .hadolint, path: ".hadolint.yaml", catalog: RuleRegistry.catalog
        )
        let on = RuleRegistry.linter.lint(Array("FROM alpine:3.20\n".utf8), configuration: configuration)
        #expect(on.diagnostics.filter { $0.code == "DL3063" }.map(\.severity) == [.error])
    }

    // MARK: DL3043 and DL3061, the parser's checks under hadolint's codes

    @Test("DL3061 and DL3043 name the parser's codes in pragmas, configurations and the catalog")
    func parserCodesAnswerToHadolintCodes() throws {
        #expect(RuleRegistry.catalog.code(for: "DL3061") == "DX0007")
        #expect(RuleRegistry.catalog.code(for: "DL3043") == "DX0013")
        let text = "LABEL a=b\nFROM debian:12\nONBUILD FROM alpine:3.20\n"
        let plain = RuleRegistry.linter.lint(Array(text.utf8)).diagnostics.map(\.code)
        #expect(plain.contains("DX0007") && plain.contains("DX0013"))
        // `# hadolint ignore=` before the instruction.
        let pragmas = "# hadolint ignore=DL3061\nLABEL a=b\nFROM debian:12\n# hadolint ignore=DL3043\nONBUILD FROM alpine:3.20\n"
        let suppressed = RuleRegistry.linter.lint(Array(pragmas.utf8)).diagnostics.map(\.code)
        #expect(!suppressed.contains("DX0007") && !suppressed.contains("DX0013") && !suppressed.contains("DX0012"))
        // `ignored:` in a .hadolint.yaml.
        let (configuration, warnings) = try ConfigurationParser.parse(
            "ignored:\n  - DL3061\n  - DL3043\n", format: .hadolint, path: ".hadolint.yaml", catalog: RuleRegistry.catalog
        )
        #expect(warnings.isEmpty)
        let ignored = RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration).diagnostics.map(\.code)
        #expect(!ignored.contains("DX0007") && !ignored.contains("DX0013"))
        // DX0002 still reports other invalid arguments.
        #expect(RuleRegistry.linter.lint(Array("FROM a:1 b\n".utf8), configuration: configuration).diagnostics.map(\.code).contains("DX0002"))
    }

    @Test("DX0013 covers the trigger's keyword")
    func onbuildTriggerRange() {
        let found = findings("FROM debian:12\nONBUILD maintainer me\nONBUILD RUN ok\n", "DL3043")
        #expect(found.map(\.text) == ["maintainer"])
        #expect(found.map(\.column) == [9])
    }

    // MARK: DL3067

    @Test("DL3067: exec form, /. and /*, a WORKDIR of /, variables; not into a subdirectory or without --from")
    func rootCopies() {
        let found = findings("""
            FROM golang:1.23 AS build
            FROM alpine:3.20
            ENV ROOT=/
            COPY --from=build ["/", "/"]
            COPY --from=build /. /
            COPY --from=build /* /
            COPY --from=build $ROOT $ROOT
            COPY --from=build / .
            WORKDIR /
            COPY --from=build / ./
            WORKDIR /srv
            COPY --from=build / .
            COPY --from=build /app/* /
            COPY --from=build --chown=1:1 / /rootfs/
            """, "DL3067")
        #expect(found.map(\.line) == [4, 5, 6, 7, 10])
        #expect(found.first?.text == "\"/\", \"/\"")
    }
}
