import Foundation
import Testing

@Suite("dlint --help, --version and shell completions", .serialized)
struct HelpCLITests {
    @Test("dlint --help (and -h, help) shows the lint options and the exit codes", arguments: [["--help"], ["-h"], ["help"]])
    func rootHelp(_ arguments: [String]) throws {
        let result = try DLintBinary.run(arguments)
        #expect(result.status == 0)
        for option in ["--failure-threshold <level>", "-f, --format <format>", "--fix", "--diff", "--config <file>", "--exclude <glob>", "--no-fail"] {
            #expect(result.stdout.contains(option), "\(option) is missing from dlint \(arguments[0])")
        }
        #expect(result.stdout.contains("USAGE: dlint [lint] [<options>] [<paths> ...]"))
        #expect(result.stdout.contains("rules") && result.stdout.contains("explain"), "the other subcommands are listed")
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(help.contains("0 when nothing at or above the failure threshold is reported"))
        #expect(help.contains("style findings alone exit 0"))
        #expect(help.contains("1 when a finding is at or above the threshold"))
        #expect(help.contains("2 for a usage, configuration or I/O error"))
        #expect(!help.contains("1 when there are findings"), "the old, wrong statement")
    }

    @Test("what --help says about the exit codes is what dlint does")
    func exitCodesAsDocumented() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nWORKDIR app\n")
        let style = try DLintBinary.run(["--no-config", "--severity", "DL3000=style", "Dockerfile"], in: directory.url)
        #expect(style.status == 0 && style.stdout.contains("style:"), "a style finding alone exits 0")
        let error = try DLintBinary.run(["--no-config", "Dockerfile"], in: directory.url)
        #expect(error.status == 1)
        let usage = try DLintBinary.run(["--no-config", "--format", "nope", "Dockerfile"], in: directory.url)
        #expect(usage.status == 2)
    }

    @Test("--version prints the version the reports carry")
    func version() throws {
        let version = try DLintBinary.run(["--version"])
        #expect(version.status == 0)
        let text = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.split(separator: ".").count == 3 && text.allSatisfy { $0.isNumber || $0 == "." }, "\(text)")
        let json = try DLintBinary.run(["--no-config", "-f", "json", "Fixtures/example/Dockerfile"])
        #expect(json.stdout.contains("\"name\": \"dlint\",\n    \"version\": \"\(text)\""), "\(json.stdout.prefix(200))")
        let sarif = try DLintBinary.run(["--no-config", "-f", "sarif", "Fixtures/example/Dockerfile"])
        #expect(sarif.stdout.contains("\"\(text)\""))
    }

    @Test("--generate-completion-script writes a completion script for each shell", arguments: [
        ("bash", "complete -o filenames -F _dlint dlint"), ("zsh", "#compdef dlint"), ("fish", "complete -c 'dlint'"),
    ])
    func completion(_ shell: String, _ marker: String) throws {
        let result = try DLintBinary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains(marker), "\(result.stdout.prefix(300))")
        #expect(result.stdout.contains("failure-threshold"), "the lint options complete")
    }
}
