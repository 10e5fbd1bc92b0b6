import Foundation
import Testing

@Suite("trusted registries from .dlint.yaml and .hadolint.yaml", .serialized)
struct TrustedRegistriesCLITests {
    static let dockerfile = """
        # syntax=docker/dockerfile:1
        FROM cr.example.com/base/python:3.12 AS build
        FROM quay.io/org/tool:1.0 AS tool
        FROM debian:bookworm
        COPY --from=build /app /app

        """

    @Test("trusted-registries in .dlint.yaml: the untrusted image is an error at its word, exit 1")
    func dlintConfiguration() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", "trusted-registries:\n  - docker.io\n  - \"*.example.com\"\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("DL3026") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Dockerfile:3:6: error: Image 'quay.io/org/tool:1.0' comes from registry 'quay.io'") == true)
    }

    @Test("trustedRegistries in .hadolint.yaml, read when there is no dlint configuration")
    func hadolintConfiguration() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".hadolint.yaml", "trustedRegistries:\n  - quay.io\n  - docker.io\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("DL3026") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Dockerfile:2:6: error: Image 'cr.example.com/base/python:3.12' comes from registry 'cr.example.com'") == true)
    }

    @Test("without a list, no registry is checked")
    func noList() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(!result.stdout.contains("DL3026"))
    }
}
