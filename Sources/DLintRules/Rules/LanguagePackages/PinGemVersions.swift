import DLintCore

/// DL3028: `gem install NAME` installs the newest release of the day of the build.
struct PinGemVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3028", name: "pin-gem-versions", severity: .warning,
        summary: "Pin versions in gem install: use <gem>:<version> or -v <version>"
    )

    func check(_ context: RuleContext) -> [Finding] {
        InstallCommand.all(in: context.model, programs: ["gem"]).flatMap { command in
            Self.unpinned(command).map { argument, value in
                Finding("Pin versions in gem install: use '\(value):<version>' or '-v <version>' instead of '\(value)'", at: argument.range)
            }
        }
    }

    /// `gem install`'s options that take a value (`gem help install`). Options with an optional
    /// value (`--document [TYPES]`, `--http-proxy [URL]`) take it only after `=`.
    static let options = OptionTable(
        longWithValue: [
            "--version", "--install-dir", "--bindir", "--build-root", "--trust-policy", "--bulk-threshold",
            "--source", "--platform", "--config-file", "--without", "--target-rbconfig",
        ],
        shortWithValue: ["v", "i", "n", "P", "B", "s"]
    )

    /// `gem install`'s options without a value; any other long option is taken to have one, so
    /// that its value is not read as a gem.
    static let longFlags: Set<String> = [
        "--no-document", "--document", "--vendor", "--env-shebang", "--no-env-shebang", "--force", "--no-force",
        "--wrappers", "--no-wrappers", "--ignore-dependencies", "--format-executable", "--no-format-executable",
        "--user-install", "--no-user-install", "--development", "--development-all", "--conservative",
        "--minimal-deps", "--post-install-message", "--no-post-install-message", "--default", "--explain",
        "--lock", "--no-lock", "--suggestions", "--no-suggestions", "--local", "--remote", "--both",
        "--clear-sources", "--verbose", "--no-verbose", "--quiet", "--silent", "--backtrace", "--debug",
        "--norc", "--prerelease", "--no-prerelease", "--update-sources", "--no-update-sources",
        "--http-proxy", "--no-http-proxy", "--file", "--help",
        // Removed in RubyGems 3, still common in older Dockerfiles.
        "--no-ri", "--no-rdoc", "--ri", "--rdoc",
    ]

    /// The gems of a `gem install` that pin no version. None with `-v`/`--version` (it applies
    /// to every gem of the command) or `-g`/`--file` (the versions come from a Gemfile).
    static func unpinned(_ command: InstallCommand) -> [(InstallArgument, String)] {
        let arguments = command.arguments
        var index = 0
        while index < arguments.count, arguments[index].isOption { _ = options.read(arguments, at: &index) }
        guard index < arguments.count, let subcommand = arguments[index].value, ["install", "i"].contains(subcommand) else { return [] }
        index += 1
        var gems: [InstallArgument] = []
        while index < arguments.count {
            let argument = arguments[index]
            // After `--` come the gems' build options.
            if argument.value == "--" { break }
            guard argument.isOption, let text = argument.value else {
                gems.append(argument)
                index += 1
                continue
            }
            for option in options.read(arguments, at: &index) {
                if ["--version", "-v", "--file", "-g"].contains(option.name) { return [] }
            }
            if text.hasPrefix("--"), !text.contains("="), !options.longWithValue.contains(text), !longFlags.contains(text),
               index < arguments.count, !arguments[index].isOption {
                index += 1
            }
        }
        return gems.compactMap { argument in
            guard let value = argument.value, isUnpinned(value) else { return nil }
            return (argument, value)
        }
    }

    /// `bundler` is; `bundler:2.5.6`, `./local.gem` and `vendor/x.gem` are not.
    static func isUnpinned(_ gem: String) -> Bool {
        !gem.isEmpty && !gem.contains(":") && !gem.contains("/") && !gem.lowercased().hasSuffix(".gem")
    }
}
