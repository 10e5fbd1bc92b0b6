@testable import dlint
import Testing

/// The common lint command lines are read without ArgumentParser (whose reflection costs more
/// than linting one file), into exactly what ArgumentParser would have made of them.
@Suite("Lint command lines read without ArgumentParser")
struct LintCommandLineTests {
    static func read(_ arguments: [String]) -> LintOptions? {
        LintCommandLine.options(arguments, subcommandNames: DLint.subcommandNames)
    }

    /// What ArgumentParser makes of the command line, as main.swift asks it.
    static func parsed(_ arguments: [String]) throws -> LintOptions? {
        (try DLint.parseAsRoot(arguments) as? Lint)?.options
    }

    /// A command line that uses the option once, valid on its own.
    static func commandLine(using name: String) -> [String] {
        switch name {
        case "--unsafe-fixes": ["Dockerfile", name, "--fix"]
        case "-f", "--format": ["Dockerfile", name, "json"]
        case "-o", "--output": ["Dockerfile", "-f", "json", name, "report.json"]
        case "--color": ["Dockerfile", name, "never"]
        case "--context": ["Dockerfile", name, "."]
        case "--severity": ["Dockerfile", name, "DL3008=error"]
        default: PathArguments.valueOptions.contains(name) ? ["Dockerfile", name, "value"] : ["Dockerfile", name]
        }
    }

    @Test("plain paths, with or without `lint`, are read here: `dlint Dockerfile` never reaches ArgumentParser")
    func plainPaths() throws {
        for arguments in [[], ["Dockerfile"], ["lint", "Dockerfile"], ["a", "b", "lint", "c"], ["./x/Dockerfile", "rules"]] {
            let options = try #require(Self.read(arguments), "\(arguments)")
            #expect(options == (try Self.parsed(arguments)), "\(arguments)")
        }
        #expect(Self.read(["Dockerfile"])?.paths == ["Dockerfile"])
        #expect(Self.read(["lint", "a", "b"])?.paths == ["a", "b"])
    }

    @Test("every option and flag of the lint command is read here, into what ArgumentParser makes of it")
    func everyOption() throws {
        for name in PathArguments.valueOptions.union(PathArguments.flags).sorted() {
            let arguments = Self.commandLine(using: name)
            let options = try #require(Self.read(arguments), "\(arguments)")
            #expect(options == (try Self.parsed(arguments)), "\(arguments)")
            #expect(options != LintOptions(paths: ["Dockerfile"]), "\(name) was read but set nothing")
        }
    }

    @Test("options mixed with paths, repeated and in their `--name=value` form read as ArgumentParser reads them", arguments: [
        ["--no-config", "--no-cache", "-f", "json", "a", "b"],
        ["lint", "a", "--config", "c.yaml", "b", "-f", "json", "-o", "r.json", "--format=sarif", "--no-cache", "c", "lint"],
        ["--ignore", "DL3008", "--ignore=DL3009", "--severity", "DL3006=off", "--exclude", "x/**", "--extend-exclude=y"],
        ["--compose", "compose.yaml", "--bake", "a.hcl", "--bake=b.hcl", "--no-project-files", "--failure-threshold", "warning"],
        ["-f", "json", "-o", "a.json", "-f", "sarif", "--output=b.sarif", "-f", "tty", "Dockerfile"],
        ["a", "-o", "x.json"],
        ["--fix", "--unsafe-fixes", "--color=always", "--stdin-filename", "x/Dockerfile", "--cache-dir", "c"],
        ["--diff", "--verbose", "--show-files", "--force-exclude", "--no-respect-gitignore", "--no-fail", "--shellcheck"],
    ])
    func mixedCommandLines(arguments: [String]) throws {
        let options = try #require(Self.read(arguments))
        #expect(options == (try Self.parsed(arguments)))
    }

    @Test("anything in doubt is left to ArgumentParser, errors and usage text included", arguments: [
        ["rules", "a"], ["help", "lint"], ["a", "--help"], ["a", "-h"], ["a", "--version"], ["a", "--", "-b"], ["-", "a"],
        ["a", "--bogus"], ["a", "--fix=true"], ["a", "--config"], ["a", "--config", "--no-cache"], ["a", "-fjson"],
        ["a", "-f=json"], ["a", "--generate-completion-script", "bash"], ["debug", "tree", "a"], ["a", "--config="],
        ["a", "--config", "x", "--config", "y"], ["a", "--no-cache", "--no-cache"], ["a", "-f", "yaml"], ["a", "--color", "sometimes"],
        ["a", "--unsafe-fixes"], ["a", "--fix", "--diff"], ["a", "--context", "/nonexistent/dir"],
        ["a", "-f", "json", "-f", "sarif"], ["a", "--config=-x"],
    ])
    func doubtfulCommandLines(arguments: [String]) {
        #expect(Self.read(arguments) == nil)
    }
}
