import Foundation
import Testing

@Suite("dlint configuration and options", .serialized)
struct ConfigurationCLITests {
    static let dockerfile = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR app\n"

    @Test(".dlint.yaml is found by walking up from the file")
    func walkUp() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", "ignore: [DL3000]\n")
        try directory.write("services/api/Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["services/api/Dockerfile"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout == "No problems found in 1 file.\n")
    }

    @Test(".hadolint.yaml is read when there is no dlint configuration")
    func hadolintFallback() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".hadolint.yaml", "override:\n  style:\n    - DL3000\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["Dockerfile"], in: directory.url)
        // A style finding is reported but does not fail the default (info) threshold.
        #expect(result.status == 0)
        #expect(result.stdout.contains("Dockerfile:3:9: style:"))
    }

    @Test("--config, --no-config, --ignore, --severity and --failure-threshold")
    func options() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", "ignore: [DL3000]\n")
        try directory.write("other.yaml", "severity:\n  absolute-workdir: warning\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let noConfig = try DLintBinary.run(["--no-config", "Dockerfile"], in: directory.url)
        #expect(noConfig.status == 1)
        #expect(noConfig.stdout.contains("error: WORKDIR 'app' is relative"))
        let explicit = try DLintBinary.run(["--config", "other.yaml", "Dockerfile"], in: directory.url)
        #expect(explicit.stdout.contains("Dockerfile:3:9: warning:"))
        let ignored = try DLintBinary.run(["--no-config", "--ignore", "WorkdirRelativePath", "Dockerfile"], in: directory.url)
        #expect(ignored.status == 0)
        let severity = try DLintBinary.run(["--no-config", "--severity", "DL3000=info", "--failure-threshold", "warning", "Dockerfile"], in: directory.url)
        #expect(severity.status == 0)
        #expect(severity.stdout.contains("info: WORKDIR"))
        let off = try DLintBinary.run(["--no-config", "--severity", "DL3000=off", "Dockerfile"], in: directory.url)
        #expect(off.stdout == "No problems found in 1 file.\n")
    }

    @Test("a malformed configuration file is an error naming the file and line, exit 2")
    func malformed() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", "ignore: [DL3000\nseverity: {}\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["Dockerfile"], in: directory.url)
        #expect(result.status == 2)
        // The unterminated list opens on line 1; libyaml notices it on line 2.
        #expect(result.stderr.contains(".dlint.yaml:1: invalid YAML"))
        #expect(result.stdout.isEmpty)
    }

    @Test("an unknown code in a configuration file is a warning naming file and line; the rest applies")
    func unknownCodeInConfig() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".dlint.yaml", "ignore:\n  - DL3000\n  - NOPE42\n")
        try directory.write("Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["Dockerfile"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stderr.contains(".dlint.yaml:3: warning: unknown rule 'NOPE42' is ignored"))
    }

    @Test("unknown codes and levels on the command line are usage errors, exit 2")
    func badOptions() throws {
        let ignore = try DLintBinary.run(["--ignore", "NOPE42", "Fixtures/example/Dockerfile"])
        #expect(ignore.status == 2)
        #expect(ignore.stderr.contains("NOPE42"))
        let severity = try DLintBinary.run(["--severity", "DL3000=loud", "Fixtures/example/Dockerfile"])
        #expect(severity.status == 2)
        let threshold = try DLintBinary.run(["--failure-threshold", "sometimes", "Fixtures/example/Dockerfile"])
        #expect(threshold.status == 2)
    }

    @Test("inline pragmas in dlint, hadolint and BuildKit form")
    func pragmas() throws {
        let text = "# syntax=docker/dockerfile:1\n# check=skip=WorkdirRelativePath\nFROM alpine:3.20\nWORKDIR a\n"
        let check = try DLintBinary.run(["--no-config", "-"], stdin: Array(text.utf8))
        #expect(check.status == 0)
        let unknown = try DLintBinary.run(["--no-config", "-"], stdin: Array("# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# hadolint ignore=NOPE42\nWORKDIR /a\n".utf8))
        #expect(unknown.stdout.contains("<stdin>:3:1: warning: Unknown rule 'NOPE42' in a suppression comment"))
    }

    @Test("dlint rules lists every rule; dlint explain prints a rule's page by any spelling")
    func rulesAndExplain() throws {
        let rules = try DLintBinary.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("DL3000  absolute-workdir"))
        #expect(rules.stdout.contains("WorkdirRelativePath"))
        let row = { (code: String) in rules.stdout.split(separator: "\n").first { $0.hasPrefix(code + " ") }.map(String.init) ?? "" }
        // An opt-in rule, and a parser code with the hadolint code it answers to.
        #expect(row("DL3063").contains(" off (warning) "))
        #expect(row("DX0007").hasSuffix(" DL3061"))
        let explain = try DLintBinary.run(["explain", "WorkdirRelativePath"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("# DL3000 absolute-workdir\n"))
        #expect(try DLintBinary.run(["explain", "absolute-workdir"]).stdout == explain.stdout)
        let syntax = try DLintBinary.run(["explain", "DX0001"])
        #expect(syntax.stdout.hasPrefix("# DX0001 unknown-instruction"))
        let unknown = try DLintBinary.run(["explain", "NOPE42"])
        #expect(unknown.status == 2)
    }

    @Test("colour: never by default in a pipe, always on request, never with NO_COLOR")
    func color() throws {
        let plain = try DLintBinary.run(["--no-config", "Fixtures/syntax/errors.Dockerfile"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = try DLintBinary.run(["--no-config", "--color", "always", "Fixtures/syntax/errors.Dockerfile"])
        #expect(forced.stdout.contains("\u{1B}["))
    }
}
