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
}
