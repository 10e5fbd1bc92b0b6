import ArgumentParser

struct DLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlint",
        abstract: "Lint Dockerfiles.",
        discussion: """
        Exit status: 0 when no finding is reported, 1 when there are findings, 2 for a usage, \
        configuration or I/O error.
        """,
        version: "0.1.0",
        subcommands: [Lint.self, ListRules.self, Explain.self, Debug.self, ServerCommand.self],
        defaultSubcommand: Lint.self
    )
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usageOrIOError: Int32 = 2
}
