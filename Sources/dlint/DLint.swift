import ArgumentParser

/// dlint's version: the one place it is written (`--version`, the JSON, SARIF and other reports).
enum DLintVersion {
    static let current = "0.1.0"
}

struct DLint: ParsableCommand {
    /// The exit codes, as `--help` states them and README's "Exit status" table does.
    static let exitStatusHelp = """
        Exit status: 0 when nothing at or above the failure threshold is reported (the default \
        threshold is info, so style findings alone exit 0; --no-fail always exits 0 on findings); \
        1 when a finding is at or above the threshold (with --diff: something would change); \
        2 for a usage, configuration or I/O error.
        """

    static let configuration = CommandConfiguration(
        commandName: "dlint",
        abstract: "Lint Dockerfiles.",
        discussion: exitStatusHelp,
        version: DLintVersion.current,
        subcommands: [Lint.self, ListRules.self, Explain.self, Debug.self, ServerCommand.self],
        defaultSubcommand: Lint.self
    )

    /// The words that, first on the command line, choose a subcommand (`help` included).
    static var subcommandNames: Set<String> {
        var names: Set<String> = ["help"]
        for command in configuration.subcommands {
            if let name = command.configuration.commandName { names.insert(name) }
            names.formUnion(command.configuration.aliases)
        }
        return names
    }

    /// `dlint --help`: the default command's options (what most people came for), then the
    /// other subcommands. ArgumentParser's own root help would list only the subcommands.
    static func rootHelp(columns: Int? = nil) -> String {
        var lint = helpMessage(for: Lint.self, columns: columns)
        lint = lint.replacingFirst("USAGE: dlint lint ", with: "USAGE: dlint [lint] ")
        let others = configuration.subcommands.filter { $0 != Lint.self }.map { command -> String in
            let name = command.configuration.commandName ?? "\(command)"
            return "  " + name + String(repeating: " ", count: max(1, 22 - name.count)) + command.configuration.abstract
        }
        return """
            \(lint.trimmingTrailingNewlines())

            OTHER SUBCOMMANDS:
            \(others.joined(separator: "\n"))

              See 'dlint help <subcommand>' for detailed help; --version prints the version;
              --generate-completion-script bash|zsh|fish prints a shell completion script.

            """
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var text = self
        text.replaceSubrange(range, with: replacement)
        return text
    }

    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usageOrIOError: Int32 = 2
}
