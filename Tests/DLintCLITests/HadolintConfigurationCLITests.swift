import Foundation
import Testing

/// hadolint's configuration where hadolint (and super-linter) keep it, its environment variables,
/// and `--config` files recognised by their keys. HOME and XDG_CONFIG_HOME point into the test's
/// temporary directory and reach only the child process.
@Suite("hadolint configuration files and environment variables", .serialized)
struct HadolintConfigurationCLITests {
    /// One DL3000 error (line 3) and nothing else.
    static let dockerfile = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR app\n"

    /// A project tree `project/sub/Dockerfile` with a private home and XDG directory beside it.
    struct Sandbox {
        let directory: TemporaryDirectory
        var environment: [String: String] {
            ["HOME": directory.url.appendingPathComponent("home").path,
             "XDG_CONFIG_HOME": directory.url.appendingPathComponent("xdg").path]
        }

        init(dockerfile: String = HadolintConfigurationCLITests.dockerfile) throws {
            directory = try TemporaryDirectory()
            try directory.write("project/sub/Dockerfile", dockerfile)
            try directory.write("home/.keep", "")
            try directory.write("xdg/.keep", "")
        }

        func run(_ arguments: [String] = ["-f", "gnu", "Dockerfile"], environment extra: [String: String] = [:]) throws -> DLintBinary.Result {
            try DLintBinary.run(arguments, in: directory.url.appendingPathComponent("project/sub"),
                                environment: environment.merging(extra) { _, new in new })
        }
    }

    static let locations = [
        "project/sub/.hadolint.yaml", "project/.hadolint.yml", "project/.github/linters/.hadolint.yaml",
        "xdg/hadolint.yaml", "home/.config/hadolint.yml", "home/.hadolint/hadolint.yaml", "home/.hadolint/config.yaml",
        "home/.hadolint.yaml",
    ]

    @Test("a hadolint configuration is found where hadolint and super-linter keep it", arguments: locations)
    func location(_ location: String) throws {
        let sandbox = try Sandbox()
        let before = try sandbox.run()
        #expect(before.status == 1 && before.stdout.contains("[DL3000]"), "the control run reports DL3000")
        try sandbox.directory.write(location, "ignored:\n  - DL3000\n")
        let result = try sandbox.run()
        #expect(result.status == 0, "\(location): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty, "a file found by its hadolint name is read without a warning")
    }

    @Test("first found wins: .dlint.yaml, then the nearest hadolint file, then the user's")
    func order() throws {
        let sandbox = try Sandbox()
        try sandbox.directory.write("home/.hadolint.yaml", "ignored: [DL3000]\n")
        try sandbox.directory.write("project/.hadolint.yaml", "override:\n  warning: [DL3000]\n")
        let project = try sandbox.run()
        #expect(project.stdout == "Dockerfile:3:9: warning: WORKDIR 'app' is relative: use an absolute path [DL3000]\n")
        try sandbox.directory.write("project/.dlint.yaml", "severity:\n  DL3000: info\n")
        let dlint = try sandbox.run()
        #expect(dlint.stdout == "Dockerfile:3:9: info: WORKDIR 'app' is relative: use an absolute path [DL3000]\n")
    }

    struct EnvironmentCase: Sendable, CustomStringConvertible {
        let environment: [String: String]
        let dockerfile: String
        let status: Int32
        /// Lines the gnu report must hold (`-f gnu` unless the case sets HADOLINT_FORMAT).
        let lines: [String]
        let absent: [String]
        var description: String { environment.keys.sorted().joined(separator: "+") }

        init(_ environment: [String: String], dockerfile: String = HadolintConfigurationCLITests.dockerfile,
             status: Int32, lines: [String] = [], absent: [String] = []) {
            self.environment = environment
            self.dockerfile = dockerfile
            self.status = status
            self.lines = lines
            self.absent = absent
        }
    }

    static let workdir = "Dockerfile:3:9: %@: WORKDIR 'app' is relative: use an absolute path [DL3000]"
    static func workdir(_ level: String) -> String { workdir.replacingOccurrences(of: "%@", with: level) }

    static let environmentCases: [EnvironmentCase] = [
        EnvironmentCase(["HADOLINT_IGNORE": "DL4000,DL3000"], status: 0, absent: ["DL3000"]),
        EnvironmentCase(["HADOLINT_OVERRIDE_ERROR": "DX1004"], dockerfile: "FROM alpine:3.20\n", status: 1,
                        lines: ["Dockerfile:1:1: error: Add a '# syntax=docker/dockerfile:1' directive to build with the latest stable Dockerfile frontend [DX1004]"]),
        EnvironmentCase(["HADOLINT_OVERRIDE_WARNING": "DL3000"], status: 1, lines: [workdir("warning")]),
        EnvironmentCase(["HADOLINT_OVERRIDE_INFO": "DL3000"], status: 1, lines: [workdir("info")]),
        EnvironmentCase(["HADOLINT_OVERRIDE_STYLE": "DL3000"], status: 0, lines: [workdir("style")]),
        EnvironmentCase(["HADOLINT_OVERRIDE_WARNING": "DL3000", "HADOLINT_FAILURE_THRESHOLD": "error"], status: 0, lines: [workdir("warning")]),
        EnvironmentCase(["HADOLINT_NOFAIL": "true"], status: 0, lines: [workdir("error")]),
        EnvironmentCase(["HADOLINT_NOFAIL": "0"], status: 1, lines: [workdir("error")]),
        EnvironmentCase(["HADOLINT_TRUSTED_REGISTRIES": "quay.io,ghcr.io"], status: 1,
                        lines: ["Dockerfile:2:6: error: Image 'alpine:3.20' comes from registry 'docker.io', which is not trusted; use only an allowed registry ('quay.io', 'ghcr.io') [DL3026]"]),
        EnvironmentCase(["HADOLINT_REQUIRE_LABELS": "maintainer:text"], status: 1,
                        lines: ["Dockerfile:2:1: info: Label 'maintainer' is missing [DL3049]"]),
        EnvironmentCase(["HADOLINT_REQUIRE_LABELS": "maintainer:text", "HADOLINT_STRICT_LABELS": "yes"],
                        dockerfile: "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nLABEL maintainer=me build.host=ci\n", status: 1,
                        lines: ["Dockerfile:3:21: info: Label 'build.host' is not in the label schema (strict labels) [DL3050]"]),
        EnvironmentCase(["HADOLINT_DISABLE_IGNORE_PRAGMA": "on"],
                        dockerfile: "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# hadolint ignore=DL3000\nWORKDIR app\n", status: 1,
                        lines: ["Dockerfile:4:9: error: WORKDIR 'app' is relative: use an absolute path [DL3000]"]),
        EnvironmentCase(["HADOLINT_FORMAT": "json"], status: 1,
                        lines: [#"[{"file":"Dockerfile","line":3,"column":9,"level":"error","code":"DL3000","message":"WORKDIR 'app' is relative: use an absolute path"}]"#]),
    ]

    @Test("each HADOLINT_ variable, with no configuration file", arguments: environmentCases)
    func environmentVariable(_ testCase: EnvironmentCase) throws {
        let sandbox = try Sandbox(dockerfile: testCase.dockerfile)
        let arguments = testCase.environment["HADOLINT_FORMAT"] == nil ? ["-f", "gnu", "Dockerfile"] : ["Dockerfile"]
        let result = try sandbox.run(arguments, environment: testCase.environment)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(result.status == testCase.status, "\(result.stdout)\(result.stderr)")
        for line in testCase.lines { #expect(lines.contains(line), "\(result.stdout)") }
        for text in testCase.absent { #expect(!result.stdout.contains(text)) }
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("the variables apply over a hadolint file, never over a dlint one, and not with --no-config")
    func environmentPrecedence() throws {
        let sandbox = try Sandbox()
        try sandbox.directory.write("project/.hadolint.yaml", "override:\n  warning: [DL3000]\nfailure-threshold: warning\n")
        let overHadolint = try sandbox.run(environment: ["HADOLINT_FAILURE_THRESHOLD": "error"])
        #expect(overHadolint.status == 0, "HADOLINT_FAILURE_THRESHOLD wins over the file's threshold")
        #expect(overHadolint.stdout == Self.workdir("warning") + "\n", "the file's override still applies")

        try sandbox.directory.write("project/.dlint.yaml", "severity:\n  DL3000: warning\n")
        let overDlint = try sandbox.run(environment: ["HADOLINT_IGNORE": "DL3000"])
        #expect(overDlint.status == 1)
        #expect(overDlint.stdout == Self.workdir("warning") + "\n")

        let noConfig = try sandbox.run(["--no-config", "-f", "gnu", "Dockerfile"], environment: ["HADOLINT_IGNORE": "DL3000"])
        #expect(noConfig.stdout == Self.workdir("error") + "\n")

        let commandLine = try sandbox.run(["--no-config", "-f", "gnu", "--failure-threshold", "none", "Dockerfile"],
                                          environment: ["HADOLINT_FAILURE_THRESHOLD": "style"])
        #expect(commandLine.status == 0, "the command line wins over everything")
    }

    @Test("an unknown code or threshold in a variable is a warning naming the variable")
    func environmentWarnings() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(environment: ["HADOLINT_IGNORE": "NOPE42,DL3000", "HADOLINT_FAILURE_THRESHOLD": "loud"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("HADOLINT_IGNORE: warning: unknown rule 'NOPE42' is ignored"))
        #expect(result.stderr.contains("HADOLINT_FAILURE_THRESHOLD: warning: unknown threshold 'loud' is ignored"))
    }

    @Test("HADOLINT_FORMAT in hadolint's names; --format wins; an unknown one is a warning")
    func environmentFormat() throws {
        let sandbox = try Sandbox()
        let gitlab = try sandbox.run(["Dockerfile"], environment: ["HADOLINT_FORMAT": "gitlab_codeclimate"])
        #expect(gitlab.stdout.hasPrefix("[") && gitlab.stdout.contains("\"check_name\""), "\(gitlab.stdout.prefix(200))")
        let commandLine = try sandbox.run(["-f", "gnu", "Dockerfile"], environment: ["HADOLINT_FORMAT": "json"])
        #expect(commandLine.stdout == Self.workdir("error") + "\n")
        let unknown = try sandbox.run(["Dockerfile"], environment: ["HADOLINT_FORMAT": "codacy"])
        #expect(unknown.stderr.contains("hadolint's report format 'codacy' has no dlint counterpart; using tty"))
        #expect(unknown.stdout.contains("Dockerfile:3:9: error:"))
    }

    @Test("--config FILE with hadolint's keys is read with hadolint's meaning, with one warning")
    func configDialect() throws {
        let sandbox = try Sandbox()
        try sandbox.directory.write("policy.yaml", "ignored:\n  - DL3001\noverride:\n  warning:\n    - DL3000\nno-fail: true\n")
        let policy = sandbox.directory.url.appendingPathComponent("policy.yaml").path
        let result = try sandbox.run(["--config", policy, "-f", "gnu", "Dockerfile", "../sub/Dockerfile"])
        #expect(result.status == 0, "no-fail")
        #expect(result.stdout.contains(Self.workdir("warning")))
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("read as a hadolint configuration") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("unknown key"))

        try sandbox.directory.write("ours.yaml", "severity:\n  DL3000: info\n")
        let ours = try sandbox.run(["--config", sandbox.directory.url.appendingPathComponent("ours.yaml").path, "-f", "gnu", "Dockerfile"])
        #expect(ours.stdout == Self.workdir("info") + "\n")
        #expect(ours.stderr.isEmpty)

        try sandbox.directory.write("format.yaml", "format: gnu\nfailure-threshold: none\n")
        let format = try sandbox.run(["--config", sandbox.directory.url.appendingPathComponent("format.yaml").path, "Dockerfile"])
        #expect(format.stdout == Self.workdir("error") + "\n", "a hadolint-only key (format) makes the file hadolint's")
        #expect(format.status == 0)
    }

    struct ErrorLineCase: Sendable, CustomStringConvertible {
        let text: String
        let line: Int
        var description: String { text.debugDescription }
        init(_ text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    static let errorLines = [
        ErrorLineCase("ignored: [DL3008\n", line: 1),
        ErrorLineCase("ignored: [DL3008", line: 1),
        ErrorLineCase("failure-threshold: info\nignored: [DL3008\nno-fail: true\n", line: 2),
        ErrorLineCase("override:\n  warning: {DL3008\n", line: 2),
        ErrorLineCase("ignored: \"DL3008\n", line: 1),
        ErrorLineCase("ignored:\n  - DL3008\n - DL3009\n", line: 3),
        ErrorLineCase("ignored:\n\t- DL3008\n", line: 2),
        ErrorLineCase("ignored: [DL3008]\noverride:\n  fatal: [DL3009]\n", line: 3),
        ErrorLineCase("ignored: []\n\nfailure-threshold: loud\n", line: 3),
        ErrorLineCase("label-schema:\n  author: text\n  version: numeric\n", line: 3),
    ]

    @Test("a configuration error names the line of the error", arguments: errorLines)
    func errorLine(_ testCase: ErrorLineCase) throws {
        let sandbox = try Sandbox()
        try sandbox.directory.write("project/.hadolint.yaml", testCase.text)
        let result = try sandbox.run()
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("dlint: \(sandbox.directory.url.appendingPathComponent("project/.hadolint.yaml").standardizedFileURL.path):\(testCase.line): "),
                "\(result.stderr)")
    }
}
