import Foundation
import Testing

@Suite("label-schema and strict-labels through the binary", .serialized)
struct LabelConfigurationCLITests {
    static let dockerfile = """
        # syntax=docker/dockerfile:1
        FROM alpine:3.20 AS build
        RUN echo build > /out
        FROM alpine:3.20
        ARG VERSION=1.2
        LABEL org.opencontainers.image.version=$VERSION build.host=ci
        COPY --from=build /out /out

        """

    static let hadolintConfiguration = """
        label-schema:
          org.opencontainers.image.version: semver
          org.opencontainers.image.source: url
        strict-labels: true

        """

    @Test(".hadolint.yaml: missing, superfluous and mistyped labels, on the final image only")
    func hadolintFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".hadolint.yaml", Self.hadolintConfiguration)
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Dockerfile:4:1: info: Label 'org.opencontainers.image.source' is missing in stage 1 [DL3049]"))
        #expect(lines.contains("Dockerfile:6:40: warning: Label 'org.opencontainers.image.version' is not a semantic version: '1.2' [DL3056]"))
        #expect(lines.contains("Dockerfile:6:49: info: Label 'build.host' is not in the label schema (strict labels) [DL3050]"))
        #expect(!result.stdout.contains("Dockerfile:2:"), "the build stage is not an image")
    }

    @Test("the same keys in .dlint.yaml; without them the label rules say nothing")
    func dlintFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", Self.hadolintConfiguration)
        try directory.write("Dockerfile", Self.dockerfile)
        let configured = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(configured.stderr.isEmpty, "\(configured.stderr)")
        #expect(configured.stdout.contains("[DL3049]") && configured.stdout.contains("[DL3050]") && configured.stdout.contains("[DL3056]"))
        let bare = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(!bare.stdout.contains("[DL30"), "\(bare.stdout)")
    }

    @Test("an unknown label type is a configuration error naming the file and line, exit 2")
    func unknownType() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".hadolint.yaml", "label-schema:\n  author: text\n  version: version\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".hadolint.yaml:3: unknown label type 'version' for label 'version'"))
    }

    @Test("DL1001 is off until a .hadolint.yaml override names it")
    func inlineIgnores() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n")
        let off = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(!off.stdout.contains("DL1001"))
        try directory.write(".hadolint.yaml", "override:\n  error:\n    - DL1001\n")
        let on = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(on.status == 1)
        #expect(on.stdout.contains("Dockerfile:3:1: error: Inline ignore pragma '# hadolint ignore=DL3018'"))
    }
}
