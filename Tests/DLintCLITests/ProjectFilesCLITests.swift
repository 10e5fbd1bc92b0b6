import Foundation
import Testing

@Suite("dlint command line: Compose and Bake files", .serialized)
struct ProjectFilesCLITests {
    /// `path:line:column: code` of each finding of a gnu report.
    private static func positions(_ output: String, codes prefix: String? = nil) -> [String] {
        output.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let code = line.split(separator: "[").last?.dropLast() else { return nil }
            if let prefix, !code.hasPrefix(prefix) { return nil }
            return "\(parts[0]):\(parts[1]):\(parts[2]) \(code)"
        }
    }

    @Test("every build of the fixture projects is checked: each finding's file, line and column in the Compose or Bake file")
    func projectFileFindings() throws {
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Fixtures/projects"])
        #expect(result.status == 1)
        let found = Self.positions(result.stdout, codes: "DX13")
        let root = "Fixtures/projects/"
        let expected = [
            "compose-app/compose.yaml:2:3 DX1305",  // web: BASE_IMAGE, needed by FROM ${BASE_IMAGE} of stage runtime
            "compose-app/compose.yaml:9:9 DX1304",  // UNUSED_ARG
            "compose-app/compose.yaml:36:9 DX1306",  // unused (web's `assets` is not judged: FROM ${BASE_IMAGE} may name it)
            "compose-app/compose.yaml:12:17 DX1302",  // ./assets (relative to the context ./app)
            "compose-app/compose.yaml:14:12 DX1301",  // worker/ holds no Dockerfile
            "compose-app/compose.yaml:18:15 DX1303",  // prodution
            "compose-app/compose.yaml:22:12 DX1302",  // ./nope
            "compose-broken/compose.yaml:5:6 DX1300",
            "bake-app/docker-bake.hcl:27:5 DX1304",  // EXTRA
            "bake-app/docker-bake.hcl:31:5 DX1306",  // tools
            "bake-app/docker-bake.hcl:40:16 DX1303",  // lnt
            "bake-app/docker-bake.hcl:44:23 DX1302",  // ./docs
            "bake-broken/docker-bake.hcl:3:16 DX1300",
            "bake-json/docker-bake.json:8:36 DX1304",  // COLOR
            "bake-json/docker-bake.json:11:5 DX1305",  // bad: BASE
            "bake-json/docker-bake.json:13:15 DX1300",  // args as a list
        ].map { root + $0 }
        #expect(found.sorted() == expected.sorted(), "\(result.stdout)")
        // Broken files stop nothing: the Dockerfiles beside them are linted.
        #expect(result.stdout.contains("Fixtures/projects/compose-broken/Dockerfile:2:13: warning: Pin the version of 'curl'"))
        #expect(result.stdout.contains("Fixtures/projects/bake-broken/Dockerfile:1:1:"))
    }

    @Test("a Dockerfile is linted with the ARG values, target and named contexts its builds use")
    func dockerfilesLintedWithBuildValues() throws {
        let withBuilds = try DLintBinary.run(["--no-config", "-f", "gnu", "Fixtures/projects"])
        let plain = try DLintBinary.run(["--no-config", "-f", "gnu", "--no-project-files", "Fixtures/projects"])
        let built = Self.positions(withBuilds.stdout)
        let alone = Self.positions(plain.stdout)
        #expect(!alone.contains { $0.contains("DX13") })
        // GO_VERSION comes from the Bake variable's default through `_common`: FROM golang:1.22.
        #expect(alone.contains("Fixtures/projects/bake-app/build/app.Dockerfile:2:6 DX1103"))
        #expect(!built.contains("Fixtures/projects/bake-app/build/app.Dockerfile:2:6 DX1103"))
        // Target `runtime`: the `debug` stage, whose last USER is root, does not ship.
        #expect(alone.contains("Fixtures/projects/compose-target/Dockerfile:6:6 DL3002"))
        #expect(!built.contains { $0.hasPrefix("Fixtures/projects/compose-target/") })
        // `shared` is declared by the service `web` but not by `api`, which builds the same file:
        // linted with both, the COPY --from=shared is reported once (for `api`).
        #expect(built.filter { $0 == "Fixtures/projects/compose-app/app/Dockerfile:6:13 DL3022" }.count == 1)
        // The Bake target `app` declares `src`; `lint` does not.
        #expect(built.contains("Fixtures/projects/bake-app/build/app.Dockerfile:4:13 DL3022"))
    }

    @Test("a named context the build declares satisfies COPY --from; DL3022 stays for one it does not")
    func namedContextsSatisfyCopyFrom() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY --from=src . /src\n")
        try directory.write("src/main.c", "")
        try directory.write("docker-bake.hcl", "target \"default\" {\n  contexts = {\n    src = \"./src\"\n  }\n}\n")
        let declared = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(declared.status == 0, "\(declared.stdout)")
        #expect(declared.stdout.isEmpty)
        let plain = try DLintBinary.run(["--no-config", "-f", "gnu", "--no-project-files", "."], in: directory.url)
        #expect(Self.positions(plain.stdout) == ["Dockerfile:3:13 DL3022"])
    }

    @Test("--compose and --bake read named files; a build's Dockerfile is linted even when not named")
    func explicitProjectFiles() throws {
        let compose = try DLintBinary.run(["--no-config", "-f", "gnu", "--compose", "Fixtures/projects/compose-target/docker-compose.yml", "Fixtures/projects/compose-target/Dockerfile"])
        #expect(compose.status == 0, "\(compose.stdout)")
        let bake = try DLintBinary.run(["--no-config", "-f", "gnu", "--bake", "../projects/bake-app/docker-bake.hcl"], in: DLintBinary.packageRoot.appendingPathComponent("Fixtures/syntax"))
        let found = Self.positions(bake.stdout)
        #expect(found.contains("../projects/bake-app/docker-bake.hcl:27:5 DX1304"), "\(bake.stdout)")
        #expect(found.contains("../projects/bake-app/build/app.Dockerfile:4:13 DL3022"), "\(bake.stdout)")
        let missing = try DLintBinary.run(["--no-config", "--bake", "no/such/docker-bake.hcl", "Fixtures/projects/bake-json/Dockerfile"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/docker-bake.hcl: no such file"))
        let listed = try DLintBinary.run(["--show-files", "Fixtures/projects/bake-app"])
        #expect(listed.stdout == "Fixtures/projects/bake-app/build/app.Dockerfile\nFixtures/projects/bake-app/docker-bake.hcl\n")
    }

    @Test("findings in a Compose or Bake file show in every report format with its own path")
    func everyFormat() throws {
        let path = "Fixtures/projects/compose-broken/compose.yaml"
        for format in ["tty", "json", "hadolint-json", "sarif", "junit", "checkstyle", "gnu", "github", "gitlab", "sonarqube"] {
            let result = try DLintBinary.run(["--no-config", "-f", format, "Fixtures/projects/compose-broken"])
            #expect(result.status == 1, "\(format)")
            #expect(result.stdout.contains("compose-broken/compose.yaml"), "\(format): \(result.stdout)")
            #expect(result.stdout.contains("DX1300") || format == "hadolint-json" && result.stdout.contains("Invalid YAML"), "\(format)")
        }
        let tty = try DLintBinary.run(["--no-config", "Fixtures/projects/compose-broken"])
        // The code frame shows the YAML line.
        #expect(tty.stdout.contains("     dockerfile: Dockerfile"), "\(tty.stdout)")
        let ignored = try DLintBinary.run(["--no-config", "-f", "gnu", "--ignore", "invalid-project-file", path])
        #expect(!ignored.stdout.contains("DX1300"))
    }
}
