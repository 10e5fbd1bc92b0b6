import Foundation
import Testing

/// The `files:` pattern of `.pre-commit-hooks.yaml` against dlint's own discovery: a tree of real
/// names and decoys is searched by `dlint --show-files`, and the same relative paths are matched
/// with the pattern by Python's `re` (what pre-commit uses). The two sets must be equal.
@Suite("pre-commit files pattern", .serialized, .enabled(if: PreCommitPattern.python != nil, "python3 is not on PATH"))
struct PreCommitPatternTests {
    static let dockerfiles = [
        "Dockerfile", "Containerfile", "Dockerfile.prod", "Dockerfile.dev", "Dockerfile.arm64", "Containerfile.rhel9",
        "api.Dockerfile", "app.dockerfile", "services/web/Dockerfile", "build/Dockerfile.release", "docker/base.dockerfile",
        "Dockerfile.prod.dockerfile", "Dockerfile.",
        // The Compose and Bake files dlint reads.
        "docker-compose.yml", "deploy/compose.yaml", "docker-bake.hcl", "docker-bake.override.json",
    ]
    static let decoys = [
        "Dockerfile.py", "Dockerfile.j2", "Dockerfile.tmpl", "Dockerfile.template", "Dockerfile.orig", "Dockerfile.txt",
        "Dockerfile.md", "Dockerfile.PY", "Dockerfile.Template", "Dockerfile.prod~", "Dockerfile.dockerignore",
        "Dockerfile.prod.sh", "Containerfile.yaml", "app.Dockerfile.bak", "dockerfile", "myDockerfile", "Dockerfile-old",
        "README.md", "docker-compose.override.yml", "compose.yaml.orig", ".dockerfile", "app.DOCKERFILE", "nested/deep/Dockerfile.in",
    ]

    @Test("both hooks use one files pattern, and it selects exactly what dlint's discovery selects")
    func patternEqualsDiscovery() throws {
        let hooks = try String(contentsOf: DLintBinary.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(!hooks.contains("types: [dockerfile]"), "pre-commit's dockerfile type misses app.dockerfile")
        let patterns = PreCommitPattern.filesPatterns(in: hooks)
        #expect(patterns.count == 2)
        #expect(Set(patterns).count == 1, "dlint and dlint-fix select the same files")
        let pattern = try #require(patterns.first)

        // Every extension the pattern names, as a decoy in two cases: a list that drifts from
        // FileDiscovery's in either direction shows as a difference below.
        let extensions = PreCommitPattern.extensions(in: pattern)
        #expect(extensions.count > 80)
        let generated = extensions.flatMap { ["Dockerfile.\($0)", "x/Containerfile.\($0.uppercased())"] }
        let names = Self.dockerfiles + Self.decoys + generated

        let directory = try TemporaryDirectory()
        for name in names { try directory.write("tree/" + name, "FROM alpine:3.20\n") }
        let listed = try DLintBinary.run(["--no-config", "--show-files", "tree"], in: directory.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let discovered = Set(listed.stdout.split(separator: "\n").map { String($0.dropFirst("tree/".count)) })
        let matched = try PreCommitPattern.match(pattern, names)

        #expect(discovered == matched, "only dlint: \(discovered.subtracting(matched).sorted()); only the pattern: \(matched.subtracting(discovered).sorted())")
        #expect(discovered == Set(Self.dockerfiles), "the fixture's own expectations: \(discovered.symmetricDifference(Self.dockerfiles).sorted())")
    }
}

enum PreCommitPattern {
    static let python: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The text of each hook's `files: |` block, its indentation removed.
    static func filesPatterns(in yaml: String) -> [String] {
        var patterns: [String] = []
        var current: [Substring]?
        var blockIndent = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            if var block = current {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty && indent <= blockIndent {
                    patterns.append(block.joined(separator: "\n"))
                    current = nil
                } else {
                    block.append(line.dropFirst(min(indent, blockIndent + 2)))
                    current = block
                    continue
                }
            }
            if line.trimmingCharacters(in: .whitespaces) == "files: |" {
                current = []
                blockIndent = indent
            }
        }
        if let block = current { patterns.append(block.joined(separator: "\n")) }
        return patterns.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The alternatives inside the pattern's `(?i: … )` group.
    static func extensions(in pattern: String) -> [String] {
        guard let start = pattern.range(of: "(?i:"), let end = pattern.range(of: ")$)", range: start.upperBound..<pattern.endIndex) else { return [] }
        return pattern[start.upperBound..<end.lowerBound]
            .split(whereSeparator: { $0 == "|" || $0.isWhitespace }).map(String.init)
    }

    /// The names `re.search(pattern, name)` accepts, as pre-commit filters paths.
    static func match(_ pattern: String, _ names: [String]) throws -> Set<String> {
        let script = """
            import json, re, sys
            data = json.load(sys.stdin)
            regex = re.compile(data["pattern"])
            print("\\n".join(name for name in data["names"] if regex.search(name)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        process.arguments = ["-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: ["pattern": pattern, "names": names]))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }
}
