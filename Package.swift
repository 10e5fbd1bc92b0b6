// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dlint", targets: ["dlint"]),
        .executable(name: "dlint-bench", targets: ["DLintBench"]),
        .library(name: "DockerfileSyntax", targets: ["DockerfileSyntax"]),
        .library(name: "DLintCore", targets: ["DLintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Lossless Dockerfile syntax tree: bytes in, tree and syntax diagnostics out.
        .target(name: "DockerfileSyntax"),
        // POSIX shell parsing of RUN bodies.
        .target(name: "ShellSyntax"),
        // Semantic model, rule protocol, diagnostics, configuration, suppressions, the linter.
        // Configuration files and Compose files are YAML, read with libyaml's event parser.
        .target(
            name: "DLintCore",
            dependencies: ["DockerfileSyntax", "ShellSyntax", "CLibYAML"],
            // libyaml goes into the binary itself, so an installed dlint needs no libyaml.so: on
            // Linux `-l:libyaml.a` names the archive (GNU ld, gold and lld all read that form), and
            // the module map has no `link` line, which would ask for the shared library. macOS's
            // linker has no such form; Homebrew's libyaml is linked as it comes.
            linkerSettings: [
                .linkedLibrary(":libyaml.a", .when(platforms: [.linux])),
                .linkedLibrary("yaml", .when(platforms: [.macOS])),
            ]
        ),
        // libyaml's headers (Debian and Ubuntu: libyaml-dev), for DLintCore's YAML reader.
        .systemLibrary(name: "CLibYAML", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // One file per rule and the hand-kept registry; rules/*.md embedded for `dlint explain`.
        .target(name: "DLintRules", dependencies: ["DLintCore"]),
        // libxml2's headers and library, for the tests that read the XML reports back.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The xmlTextWriter calls of the XML reporters (JUnit, Checkstyle), with libxml2 loaded by
        // dlopen on first use: linked, it and what it loads (ICU, libstdc++) cost every run at start-up.
        .target(name: "CLibXML2Loader"),
        // Output formats; they know diagnostics, never individual rules.
        .target(name: "DLintReporters", dependencies: ["DLintCore", "CLibXML2Loader", "CSHA256"]),
        // SHA-256 block compression on the processor's SHA instructions (x86-64), for DLintReporters' hasher.
        .target(name: "CSHA256"),
        // The language server as a value (`dlint server` runs it): JSON-RPC framing, documents,
        // diagnostics, code actions and hover; no I/O and no threads of its own.
        .target(name: "DLintServer", dependencies: ["DLintCore", "DLintRules", "DLintReporters"]),
        // The glibc extensions (pipe2, posix_spawn's chdir and closefrom) the command's Subprocess needs.
        .target(name: "CSpawn"),
        // The command: the only target that touches files, the environment and processes.
        .executableTarget(
            name: "dlint",
            dependencies: [
                "DLintCore", "DLintRules", "DLintReporters", "DLintServer", "CSpawn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark (`swift run -c release dlint-bench`): parse, model, lint and fix timed over a
        // directory, one process per phase, beside hadolint and tally with `--compare`.
        .executableTarget(
            name: "DLintBench",
            dependencies: ["DLintCore", "DLintRules", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
        .testTarget(name: "ShellSyntaxTests", dependencies: ["ShellSyntax"]),
        .testTarget(name: "DLintCoreTests", dependencies: ["DLintCore", "DLintRules"]),
        .testTarget(name: "DLintRulesTests", dependencies: ["DLintRules"]),
        .testTarget(name: "DLintReportersTests", dependencies: ["DLintReporters", "DLintRules", "CLibXML2"]),
        .testTarget(name: "DLintServerTests", dependencies: ["DLintServer", "DLintRules"]),
        // Runs the built `dlint` binary; depends on it so `swift test` builds it first.
        .testTarget(name: "DLintCLITests", dependencies: ["dlint"]),
        // Runs the built `dlint-bench` (which asks `dlint --show-files` for the files).
        .testTarget(name: "DLintBenchTests", dependencies: ["DLintBench", "dlint", "DLintCore"]),
    ]
)
