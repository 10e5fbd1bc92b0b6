// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dlint", targets: ["dlint"]),
        .library(name: "DockerfileSyntax", targets: ["DockerfileSyntax"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Lossless Dockerfile syntax tree: bytes in, tree and syntax diagnostics out.
        .target(name: "DockerfileSyntax"),
        // The command: the only target that touches files, the environment and processes.
        .executableTarget(
            name: "dlint",
            dependencies: [
                "DockerfileSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
        // Runs the built `dlint` binary; depends on it so `swift test` builds it first.
        .testTarget(name: "DLintCLITests", dependencies: ["dlint"]),
    ]
)
