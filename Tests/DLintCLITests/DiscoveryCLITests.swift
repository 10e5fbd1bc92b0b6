import Foundation
import Testing

/// Which files a directory search lints: names, default excludes, `--exclude`, `exclude:` in
/// `.dlint.yaml`, `.gitignore`, explicit paths and `--force-exclude`.
@Suite("file discovery", .serialized)
struct DiscoveryCLITests {
    static let dockerfile = "FROM alpine:3.20\n"

    /// A project with real Dockerfiles and decoys, in a git work tree that ignores `generated/`.
    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for path in [
            "Dockerfile", "app/Dockerfile.prod", "app/api.Dockerfile", "app/Containerfile", "build/Dockerfile",
            "docker/Dockerfile", "vendor/lib/Dockerfile", "third_party/x/Dockerfile", "node_modules/m/Dockerfile",
            "generated/Dockerfile", "local/Dockerfile",
            // Decoys: their extensions say what they are.
            "app/Dockerfile.py", "app/Dockerfile.j2", "app/Dockerfile.tmpl", "app/Dockerfile.template",
            "app/Dockerfile.orig", "app/Dockerfile.txt", "app/Dockerfile.dockerignore", "app/Dockerfile.md",
        ] {
            try directory.write(path, path.hasSuffix(".py") ? "import os\n" : dockerfile)
        }
        try directory.write(".gitignore", "generated/\n")
        #expect(PreCommit.run(["git", "init", "-q"], in: directory.url).status == 0)
        try directory.write(".git/info/exclude", "local/\n")
        return directory
    }

    static func listed(_ arguments: [String], in directory: TemporaryDirectory) throws -> (files: [String], result: DLintBinary.Result) {
        let result = try DLintBinary.run(["--show-files"] + arguments, in: directory.url)
        return (result.stdout.split(separator: "\n").map(String.init), result)
    }

    @Test("a directory search skips decoys, third-party trees and what git ignores, but not build/ or docker/")
    func defaults() throws {
        let directory = try Self.project()
        let (files, result) = try Self.listed([], in: directory)
        #expect(result.status == 0)
        #expect(files == ["Dockerfile", "app/Containerfile", "app/Dockerfile.prod", "app/api.Dockerfile", "build/Dockerfile", "docker/Dockerfile"])
        #expect(result.stderr.isEmpty, "without --verbose the search says nothing: \(result.stderr)")
    }

    @Test("--verbose says why each file was skipped")
    func verbose() throws {
        let directory = try Self.project()
        let (_, result) = try Self.listed(["--verbose"], in: directory)
        let lines = result.stderr
        #expect(lines.contains("dlint: skipped app/Dockerfile.py: the extension .py says it is a script or source file"))
        #expect(lines.contains("dlint: skipped app/Dockerfile.j2: the extension .j2 says it is a template"))
        #expect(lines.contains("dlint: skipped app/Dockerfile.orig: the extension .orig says it is a backup"))
        #expect(lines.contains("dlint: skipped app/Dockerfile.txt: the extension .txt says it is documentation"))
        #expect(lines.contains("dlint: skipped vendor/: excluded by 'vendor'"))
        #expect(lines.contains("dlint: skipped node_modules/: excluded by 'node_modules'"))
        #expect(lines.contains("dlint: skipped generated/Dockerfile: ignored by git"))
        #expect(lines.contains("dlint: skipped local/Dockerfile: ignored by git"), ".git/info/exclude counts too")
    }

    @Test("linting a directory never reads a decoy: no 'Unknown instruction import'")
    func decoysAreNotLinted() throws {
        let directory = try Self.project()
        let result = try DLintBinary.run(["--no-config", "-f", "gnu", "."], in: directory.url)
        #expect(!result.stdout.contains("Dockerfile.py"), "\(result.stdout)")
        #expect(!result.stdout.contains("DX0001"))
    }

    @Test("--exclude replaces the default list, --extend-exclude adds to it; slashes anchor to the current directory")
    func commandLineExcludes() throws {
        let directory = try Self.project()
        let replaced = try Self.listed(["--exclude", "build", "--no-respect-gitignore"], in: directory).files
        #expect(replaced.contains("vendor/lib/Dockerfile"), "the default list is replaced")
        #expect(replaced.contains("generated/Dockerfile") && replaced.contains("local/Dockerfile"))
        #expect(!replaced.contains("build/Dockerfile"))
        let extended = try Self.listed(["--extend-exclude", "app/*.Dockerfile", "--extend-exclude", "docker/"], in: directory).files
        #expect(extended == ["Dockerfile", "app/Containerfile", "app/Dockerfile.prod", "build/Dockerfile"])
    }

    @Test("exclude: and extend-exclude: in .dlint.yaml, relative to the configuration file")
    func configurationExcludes() throws {
        let directory = try Self.project()
        try directory.write(".dlint.yaml", "extend-exclude:\n  - docker/**\n  - '*.prod'\n")
        let files = try Self.listed([], in: directory).files
        #expect(files == ["Dockerfile", "app/Containerfile", "app/api.Dockerfile", "build/Dockerfile"])
        // From a subdirectory the configuration above still applies, anchored where it lives.
        let fromApp = try DLintBinary.run(["--show-files", "."], in: directory.url.appendingPathComponent("app"))
        #expect(fromApp.stdout == "Containerfile\napi.Dockerfile\n")
        try directory.write(".dlint.yaml", "exclude: []\nrespect-gitignore: false\n")
        let everything = try Self.listed([], in: directory).files
        #expect(everything.contains("node_modules/m/Dockerfile") && everything.contains("generated/Dockerfile"))
        try directory.write(".dlint.yaml", "exclude: vendor\n")
        let bad = try Self.listed([], in: directory).result
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".dlint.yaml:1: exclude must be a list"), "\(bad.stderr)")
    }

    @Test("a path named on the command line is always linted, unless --force-exclude")
    func explicitPaths() throws {
        let directory = try Self.project()
        let named = ["vendor/lib/Dockerfile", "generated/Dockerfile", "app/Dockerfile.j2"]
        #expect(try Self.listed(named, in: directory).files == named)
        let forced = try Self.listed(["--force-exclude", "--verbose"] + named, in: directory)
        #expect(forced.files == ["app/Dockerfile.j2"], "an explicit name is trusted; excludes and git apply")
        #expect(forced.result.stderr.contains("skipped vendor/lib/Dockerfile: excluded by 'vendor' (--force-exclude)"))
        #expect(forced.result.stderr.contains("skipped generated/Dockerfile: ignored by git (--force-exclude)"))
    }

    @Test("outside a git work tree .gitignore means nothing")
    func noGit() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".gitignore", "ignored/\n")
        try directory.write("ignored/Dockerfile", Self.dockerfile)
        // The temporary directory may itself be inside a work tree on some machines: skip then.
        let insideWorkTree = PreCommit.run(["git", "rev-parse", "--is-inside-work-tree"], in: directory.url).status == 0
        try #require(!insideWorkTree, "the temporary directory is inside a git work tree")
        #expect(try Self.listed([], in: directory).files == ["ignored/Dockerfile"])
    }

    @Test("a repository nested in a searched tree applies its own .gitignore to its files only")
    func nestedWorkTree() throws {
        let directory = try Self.project()
        for path in ["inner/Dockerfile", "inner/gen/Dockerfile", "inner/deep/gen/Dockerfile", "outer/gen/Dockerfile"] {
            try directory.write(path, Self.dockerfile)
        }
        try directory.write("inner/.gitignore", "gen/\n")
        #expect(PreCommit.run(["git", "init", "-q"], in: directory.url.appendingPathComponent("inner")).status == 0)
        let (files, result) = try Self.listed(["--verbose"], in: directory)
        #expect(files.contains("inner/Dockerfile") && files.contains("outer/gen/Dockerfile"))
        #expect(!files.contains("inner/gen/Dockerfile") && !files.contains("inner/deep/gen/Dockerfile"))
        #expect(!files.contains("generated/Dockerfile"), "the outer repository still ignores its own")
        #expect(result.stderr.contains("dlint: skipped inner/deep/gen/Dockerfile: ignored by git"))
    }
}
