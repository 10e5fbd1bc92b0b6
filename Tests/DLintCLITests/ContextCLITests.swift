import Foundation
import Testing

@Suite("dlint command line: the build context", .serialized)
struct ContextCLITests {
    /// `file:line:column [CODE]` of each finding of the codes, from gnu output.
    private func positions(_ output: String, _ codes: Set<String>) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard let code = line.split(separator: "[").last?.dropLast(), codes.contains(String(code)) else { return nil }
            let parts = line.split(separator: ":", maxSplits: 3)
            return "\(parts[0]):\(parts[1]):\(parts[2]) \(code)"
        }
    }

    @Test("the fixture projects: missing sources, sensitive files without .dockerignore, an ignored source")
    func fixtureProjects() throws {
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Fixtures/projects"])
        #expect(positions(result.stdout, ["DX1201", "DX1202", "DX1109"]) == [
            "Fixtures/projects/missing-sources/Dockerfile:4:23 DX1201",
            "Fixtures/projects/missing-sources/Dockerfile:8:6 DX1201",
            "Fixtures/projects/missing-sources/Dockerfile:9:6 DX1201",
            "Fixtures/projects/missing-sources/Dockerfile:10:18 DX1201",
            "Fixtures/projects/with-ignore/Dockerfile:7:6 DX1109",
            "Fixtures/projects/without-ignore/Dockerfile:4:6 DX1202",
        ], "\(result.stdout)")
        #expect(result.stdout.contains("'config/app.yaml' is not in the build context 'Fixtures/projects/missing-sources', so the build fails; did you mean 'Config/app.yaml'?"))
        #expect(result.stdout.contains("(there is no 'lib')"))
        #expect(result.stdout.contains("it would copy '.env', 'id_rsa', 'node_modules/', 'certs/server.key'"))
    }

    @Test("standard input has no context without --context; with it, the directory's listing and ignore file apply")
    func standardInput() throws {
        let text = Array(try DLintBinary.read("Fixtures/projects/missing-sources/Dockerfile"))
        let without = try DLintBinary.run(["--no-config", "-f", "gnu", "-"], stdin: text)
        #expect(positions(without.stdout, ["DX1201"]).isEmpty)
        let with = try DLintBinary.run(["--no-config", "-f", "gnu", "--context", "Fixtures/projects/missing-sources", "-"], stdin: text)
        #expect(positions(with.stdout, ["DX1201"]) == ["<stdin>:4:23 DX1201", "<stdin>:8:6 DX1201", "<stdin>:9:6 DX1201", "<stdin>:10:18 DX1201"])
        let bad = try DLintBinary.run(["--no-config", "--context", "Fixtures/projects/nowhere", "-"], stdin: text)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--context: 'Fixtures/projects/nowhere' is not a directory"))
    }

    @Test("a Dockerfile built from another directory (few of its sources beside it) is not called broken; --context checks it")
    func assumedContext() throws {
        let directory = try TemporaryDirectory()
        try directory.write("docker/Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY scripts/run.sh go.mod /app/\n")
        try directory.write("scripts/run.sh", "")
        try directory.write("go.mod", "")
        let assumed = try DLintBinary.run(["--no-config", "-f", "gnu", "docker/Dockerfile"], in: directory.url)
        #expect(positions(assumed.stdout, ["DX1201"]).isEmpty)
        let named = try DLintBinary.run(["--no-config", "-f", "gnu", "--context", "docker", "docker/Dockerfile"], in: directory.url)
        #expect(positions(named.stdout, ["DX1201"]) == ["docker/Dockerfile:3:6 DX1201", "docker/Dockerfile:3:21 DX1201"])
        let root = try DLintBinary.run(["--no-config", "-f", "gnu", "--context", ".", "docker/Dockerfile"], in: directory.url)
        #expect(positions(root.stdout, ["DX1201"]).isEmpty)
    }

    @Test("--fix --unsafe-fixes writes the .dockerignore, --fix alone does not; --diff shows it as a new file")
    func writesDockerIgnore() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM node:22.11-alpine\nCOPY . /app\nUSER 1000\nCMD [\"node\", \"/app/app.js\"]\n")
        try directory.write(".git/HEAD", "ref: refs/heads/main\n")
        try directory.write(".env", "TOKEN=x\n")
        try directory.write("app.js", "")
        let diff = try DLintBinary.run(["--no-config", "--diff", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(diff.stdout.contains("--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,3 @@\n"), "\(diff.stdout)")
        #expect(diff.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".dockerignore").path))

        let safeOnly = try DLintBinary.run(["--no-config", "-f", "gnu", "--fix", "Dockerfile"], in: directory.url)
        #expect(safeOnly.stdout.contains("[DX1202]"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".dockerignore").path))

        let fixed = try DLintBinary.run(["--no-config", "-f", "gnu", "--fix", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(!fixed.stdout.contains("[DX1202]"), "\(fixed.stdout)")
        #expect(fixed.stderr.contains("dlint: created .dockerignore"))
        let written = try String(contentsOf: directory.url.appendingPathComponent(".dockerignore"), encoding: .utf8)
        #expect(written == "# Written by dlint: keep these out of the build context (and the image)\n**/.env\n.git\n")
        let again = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(!again.stdout.contains("[DX1202]"))
    }

    @Test("DX1002 names the lock file the context really has")
    func manifestsFromContext() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "FROM node:22.11-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n")
        try directory.write("package.json", "{}")
        try directory.write("yarn.lock", "")
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(result.stdout.contains("copy package.json and yarn.lock first"), "\(result.stdout)")
        let diff = try DLintBinary.run(["--no-config", "--diff", "--unsafe-fixes", "Dockerfile"], in: directory.url)
        #expect(diff.stdout.contains("+COPY package.json yarn.lock ./\n"), "\(diff.stdout)")
        try directory.write("package-lock.json", "")
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("yarn.lock"))
        try directory.write("Dockerfile", "FROM node:22.11-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n")
        let npm = try DLintBinary.run(["--no-config", "-f", "gnu", "Dockerfile"], in: directory.url)
        #expect(npm.stdout.contains("copy package.json and package-lock.json first"), "\(npm.stdout)")
    }
}
