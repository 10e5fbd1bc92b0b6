import DLintCore

/// DL3062: `go install PKG`, `go get PKG`, `go run PKG` and `@latest` resolve the newest
/// version of the day of the build.
struct PinGoVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3062", name: "pin-go-versions", severity: .warning,
        summary: "Pin versions in go install, go get and go run: use <package>@<version>"
    )

    func check(_ context: RuleContext) -> [Finding] {
        InstallCommand.all(in: context.model, programs: ["go"]).flatMap { command in
            Self.unpinned(command).map { argument, value, subcommand in
                let package = value.split(separator: "@", maxSplits: 1).first.map(String.init) ?? value
                return Finding("Pin versions in go: use 'go \(subcommand) \(package)@<version>' instead of '\(value)'", at: argument.range)
            }
        }
    }

    /// The build flags that take a value (`go help build`), with one dash or two.
    static let flagsWithValue: Set<String> = [
        "C", "p", "o", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags", "installsuffix", "ldflags",
        "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec", "exec", "covermode", "coverpkg",
    ]

    /// Versions that are queries for the newest one, not versions.
    static let moving: Set<String> = ["", "latest", "upgrade", "patch"]

    /// The packages of a `go install`, `go get` or `go run` without a fixed version. `go run`
    /// takes one package: what follows it are the program's arguments.
    static func unpinned(_ command: InstallCommand) -> [(InstallArgument, String, String)] {
        let arguments = command.arguments
        guard let subcommand = arguments.first?.value, ["install", "get", "run"].contains(subcommand) else { return [] }
        var packages: [InstallArgument] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument.value == "--" {
                packages += subcommand == "run" ? Array(arguments[index...].prefix(1)) : Array(arguments[index...])
                break
            }
            if argument.isOption, let text = argument.value {
                // Go's flags stop at the first operand; `-flag=value` or `-flag value`.
                let name = String(text.drop { $0 == "-" })
                if !name.contains("="), flagsWithValue.contains(name) { index += 1 }
                continue
            }
            packages.append(argument)
            if subcommand == "run" { break }
        }
        return packages.compactMap { argument in
            guard let value = argument.value, isUnpinned(value) else { return nil }
            return (argument, value, subcommand)
        }
    }

    /// `example.com/cmd` and `example.com/cmd@latest` are; `example.com/cmd@v1.2.3`, local
    /// packages (`.`, `./cmd/...`, `/src/app`), `.go` files and the `tool`, `all`, `std` and
    /// `cmd` patterns (versioned by `go.mod` or the toolchain) are not. `@none` removes a
    /// requirement and installs nothing.
    static func isUnpinned(_ package: String) -> Bool {
        if package.isEmpty || package.hasPrefix(".") || package.hasBytePrefix("/") || package.hasSuffix(".go") { return false }
        if ["tool", "all", "std", "cmd"].contains(package) { return false }
        guard let at = package.lastIndex(of: "@") else { return true }
        let version = package[package.index(after: at)...]
        return version != "none" && moving.contains(String(version))
    }
}
