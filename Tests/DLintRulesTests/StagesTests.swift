import Testing
@testable import DLintRules
import DLintCore

@Suite("Stage references and the named-stages family")
struct StagesTests {
    private func model(_ text: String) -> DockerfileModel {
        DockerfileModel(tree: SyntaxTree(parsing: text))
    }

    private func findings(_ text: String, _ code: String) -> [(line: Int, column: Int, message: String)] {
        let result = RuleRegistry.linter.lint(Array(text.utf8))
        return result.diagnostics.filter { $0.code == code }.map {
            let location = result.tree.location(of: $0.range.lowerBound)
            return (location.line, location.column, $0.message)
        }
    }

    @Test("references are resolved against earlier, own and later stages")
    func targets() {
        let text = """
        FROM golang:1.22 AS build
        FROM alpine AS app
        COPY --from=build /a /a
        COPY --from=1 /a /a
        COPY --from=APP /a /a
        COPY --from=later /a /a
        COPY --from=9 /a /a
        COPY --from=nginx:1.27 /a /a
        FROM scratch AS later
        ONBUILD COPY --from=nowhere /a /a

        """
        let model = model(text)
        let copies = model.stageReferences.filter { $0.kind == .copyFrom }
        #expect(copies.map(\.target) == [.earlierStage(0), .ownStage, .ownStage, .laterStage(2), .missingStage(9), .image])
        #expect(copies.map(\.stageIndex) == [1, 1, 1, 1, 1, 1])
        #expect(copies.map(\.isIndex) == [false, true, false, false, true, false])
        // FROM references: two images and `scratch`; the ONBUILD trigger is not a reference.
        let froms = model.stageReferences.filter { $0.kind == .baseImage }
        #expect(froms.map(\.target) == [.image, .image, .image])
        #expect(model.stageReferences.count == 9)
    }

    @Test("option and value ranges cover the text in the file, quotes and continuations included")
    func ranges() {
        let text = """
        FROM alpine AS base
        FROM base
        COPY --from="base" /a /a
        RUN --mount=type=cache,target=/c \\
            --mount=type=bind,source=/s,from=base,target=/t true

        """
        let model = model(text)
        let tree = model.tree
        let references = model.stageReferences
        #expect(references.count == 4)
        #expect(references[1].kind == .baseImage && references[1].target == .earlierStage(0))
        #expect(tree.text(of: references[2].optionRange) == "--from=\"base\"")
        #expect(tree.text(of: references[2].valueRange) == "\"base\"")
        #expect(references[2].written == "base" && references[2].target == .earlierStage(0))
        #expect(tree.text(of: references[3].optionRange) == "from=base")
        #expect(tree.text(of: references[3].valueRange) == "base")
        #expect(tree.location(of: references[3].optionRange.lowerBound).line == 5)
        #expect(tree.location(of: references[3].optionRange.lowerBound).column == 33)
    }

    @Test("variables: global ARG defaults resolve, unknown values stay unknown")
    func variables() {
        let text = """
        ARG STAGE=build
        ARG IMAGE
        FROM golang:1.22 AS build
        FROM alpine
        COPY --from=${STAGE} /a /a
        COPY --from=$IMAGE /a /a

        """
        let copies = model(text).stageReferences.filter { $0.kind == .copyFrom }
        #expect(copies.map(\.target) == [.earlierStage(0), .unknown])
        #expect(copies.map(\.value) == ["build", nil])
        #expect(findings(text, "DL3022").isEmpty)
    }

    @Test("FROM with the stage's own name is an image, not a self reference")
    func fromOwnName() {
        let text = """
        FROM golang:1.22 AS golang
        FROM golang AS app
        COPY --from=golang /a /a

        """
        let references = model(text).stageReferences
        #expect(references[0].target == .image)
        #expect(references[1].target == .earlierStage(0))
        #expect(findings(text, "DL3023").isEmpty)
        #expect(findings(text, "DL3022").isEmpty)
    }

    @Test("single-stage files are never reported by named-stages")
    func singleStage() {
        let text = """
        FROM alpine
        COPY --from=0 /a /b

        """
        #expect(findings(text, "DX1003").isEmpty)
        // Copying from the only stage is still a self reference.
        #expect(findings(text, "DL3023").map(\.column) == [13])
    }

    @Test("a mount's numeric from= is reported once, by named-stages only")
    func mountIndex() {
        let text = """
        FROM alpine AS one
        FROM alpine AS two
        RUN --mount=from=1,target=/x true
        RUN --mount=from=0,target=/x true

        """
        #expect(findings(text, "DX1003").map(\.line) == [3, 4])
        #expect(findings(text, "DL3023").isEmpty)
        #expect(findings(text, "DL3022").isEmpty)
    }

    @Test("duplicate names compare case-insensitively and point at the first use")
    func duplicates() {
        let text = """
        FROM alpine AS build
        FROM alpine AS tools
        FROM alpine AS BUILD

        """
        let found = findings(text, "DL3024")
        #expect(found.count == 1)
        #expect(found.first?.line == 3 && found.first?.column == 16)
        #expect(found.first?.message == "Stage name 'BUILD' is already used by stage 0 ('build') on line 1")
        #expect(findings(text, "DX1005").map(\.line) == [3])
    }

    @Test("DL3022 accepts image-looking values and reports bare unknown words")
    func imageHeuristic() {
        let text = """
        FROM alpine AS base
        FROM base
        COPY --from=tianon/true /a /a
        COPY --from=golang@sha256:abc /a /a
        COPY --from=docker.io/library/golang:1.22 /a /a
        COPY --from=busybox /a /a

        """
        let found = findings(text, "DL3022")
        #expect(found.map(\.line) == [6])
        #expect(found.first?.message == "'--from=busybox' does not name an earlier stage; if 'busybox' is an image, write it with its tag ('busybox:<tag>')")
    }

    // MARK: Fixes

    private func fixed(_ text: String, _ code: String, applying: Set<Applicability> = [.safe, .unsafe]) -> (text: String, outcome: FixOutcome) {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: applying)
        let again = rewriter.fix(outcome.fixed, applying: applying)
        #expect(!again.changed, "a second run must change nothing")
        #expect(outcome.converged)
        #expect(!SyntaxTree(parsing: outcome.fixed).hasErrors)
        return (String(decoding: outcome.fixed, as: UTF8.self), outcome)
    }

    @Test("named-stages names stages and rewrites index references, one fix per stage")
    func namedStagesFix() {
        let text = """
        FROM golang:1.22
        FROM ghcr.io/acme/node-tools:2 AS tools
        FROM scratch
        FROM ${BASE_IMAGE}
        FROM alpine:3.20
        COPY --from=0 /a /a
        COPY --from="0" /b /b
        COPY --from=1 /c /c
        COPY --from=2 /d /d

        """
        let result = RuleRegistry.linter.lint(Array(text.utf8))
        let fixes = result.diagnostics.filter { $0.code == "DX1003" }.map(\.fix)
        // Stage 0: its FROM and two COPYs share one fix.
        #expect(fixes[0] != nil && fixes[0] == fixes[3] && fixes[0] == fixes[4])
        #expect(fixes[0]?.title == "Name stage 0 'golang' and refer to it by name")
        #expect(fixes[0]?.applicability == .safe)
        #expect(fixes[5]?.title == "Refer to stage 1 by its name 'tools'")
        let (output, _) = fixed(text, "DX1003")
        #expect(output == """
        FROM golang:1.22 AS golang
        FROM ghcr.io/acme/node-tools:2 AS tools
        FROM scratch AS stage-2
        FROM ${BASE_IMAGE} AS stage-3
        FROM alpine:3.20
        COPY --from=golang /a /a
        COPY --from=golang /b /b
        COPY --from=tools /c /c
        COPY --from=stage-2 /d /d

        """)
    }

    @Test("named-stages: names avoid images later stages use, mounts and FROM by index get no fix")
    func namedStagesFixLimits() {
        let text = """
        From node:20 As node-2
        From node:20-alpine
        Run true
        From node
        Copy --from=1 /a /a
        Run --mount=type=bind,from=1,target=/x true
        From 1

        """
        let (output, outcome) = fixed(text, "DX1003")
        #expect(output == """
        From node:20 As node-2
        From node:20-alpine As node-3
        Run true
        From node As node
        Copy --from=node-3 /a /a
        Run --mount=type=bind,from=1,target=/x true
        From 1

        """)
        // What is left has no fix: the mount's from=1 and FROM 1 read images.
        let left = outcome.remaining.diagnostics.filter { $0.code == "DX1003" }
        #expect(left.count == 2 && left.allSatisfy { $0.fix == nil })
    }

    @Test("named-stages: a name avoids the bare repository of a variable's default")
    func namedStagesVariableImage() {
        let text = """
        ARG BASE=kong:3.9
        FROM ${BASE}
        RUN true
        FROM ${BASE}
        COPY --from=0 /a /a

        """
        #expect(fixed(text, "DX1003").text == """
        ARG BASE=kong:3.9
        FROM ${BASE} AS kong-2
        RUN true
        FROM ${BASE}
        COPY --from=kong-2 /a /a

        """)
    }

    @Test("named-stages: a name avoids what a variable the file does not fix could expand to")
    func namedStagesUnknownVariable() {
        let text = """
        FROM alpine:3.20
        FROM golang:1.22
        FROM alpine${FLAVOR}
        COPY --from=0 /a /a
        COPY --from=1 /a /a
        COPY --from=${STAGE} /a /a

        """
        #expect(fixed(text, "DX1003").text == """
        FROM alpine:3.20 AS stage-0
        FROM golang:1.22 AS golang
        FROM alpine${FLAVOR}
        COPY --from=stage-0 /a /a
        COPY --from=golang /a /a
        COPY --from=${STAGE} /a /a

        """)
        #expect(StageNaming.matches("base-2", parts: StageNaming.literalParts(of: "base-${arch}")))
        #expect(!StageNaming.matches("base", parts: StageNaming.literalParts(of: "base-$arch")))
        #expect(StageNaming.matches("a-x-b", parts: StageNaming.literalParts(of: "a-${x}-b")))
    }

    @Test("named-stages: a duplicated name or a variable index gets no fix")
    func namedStagesNoFix() {
        let text = """
        ARG IDX=0
        FROM alpine AS build
        FROM alpine AS build
        FROM alpine AS app
        COPY --from=0 /a /a
        COPY --from=${IDX} /a /a

        """
        let result = RuleRegistry.linter.lint(Array(text.utf8))
        let found = result.diagnostics.filter { $0.code == "DX1003" }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.fix == nil })
    }

    @Test("named-stages fix keeps CRLF line endings and works with a backtick escape")
    func namedStagesFixStyles() {
        let crlf = "FROM golang:1.22\r\nRUN go build \\\r\n    ./...\r\nFROM alpine\r\nCOPY --from=0 /a /a\r\n"
        #expect(fixed(crlf, "DX1003").text == "FROM golang:1.22 AS golang\r\nRUN go build \\\r\n    ./...\r\nFROM alpine\r\nCOPY --from=golang /a /a\r\n")
        let backtick = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo `\n    hi\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=0 C:/a C:/a\n"
        #expect(fixed(backtick, "DX1003").text == "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS servercore\nRUN echo `\n    hi\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=servercore C:/a C:/a\n")
    }

    @Test("stage-name-casing lower-cases the name and its references in one fix")
    func stageNameCasingFix() {
        let text = """
        FROM alpine AS Build
        FROM alpine AS App
        COPY --from=BUILD /a /a
        COPY --from="Build" /a /a
        COPY --from=${STAGE} /a /a
        RUN --mount=type=bind,from=Build,target=/x true
        FROM build

        """
        let result = RuleRegistry.linter.lint(Array(text.utf8))
        let fixes = result.diagnostics.filter { $0.code == "DX1005" }.compactMap(\.fix)
        #expect(fixes.map(\.applicability) == [.safe, .safe])
        #expect(fixes.first?.title == "Rename the stage to 'build' and lower-case its 3 references")
        #expect(fixed(text, "DX1005", applying: [.safe]).text == """
        FROM alpine AS build
        FROM alpine AS app
        COPY --from=build /a /a
        COPY --from="build" /a /a
        COPY --from=${STAGE} /a /a
        RUN --mount=type=bind,from=build,target=/x true
        FROM build

        """)
    }

    @Test("stage-name-casing: a later FROM in upper case makes the fix unsafe; collisions get none")
    func stageNameCasingUnsafe() {
        let text = "FROM alpine AS Base\r\nFROM Base\r\n"
        let safeOnly = fixed(text, "DX1005", applying: [.safe])
        #expect(!safeOnly.outcome.changed)
        #expect(fixed(text, "DX1005").text == "FROM alpine AS base\r\nFROM base\r\n")
        // FROM before the stage is an image either way: not touched, and the fix stays safe.
        let earlier = "# escape=`\nFROM Base AS Base\nRUN echo `\n  hi\n"
        #expect(fixed(earlier, "DX1005", applying: [.safe]).text == "# escape=`\nFROM Base AS base\nRUN echo `\n  hi\n")
        let collision = """
        FROM alpine AS build
        FROM alpine AS Build

        """
        let result = RuleRegistry.linter.lint(Array(collision.utf8))
        let found = result.diagnostics.filter { $0.code == "DX1005" }
        #expect(found.count == 1 && found.first?.fix == nil)
    }
}

