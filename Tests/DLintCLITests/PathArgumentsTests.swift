@testable import dlint
import Foundation
import Testing

/// The paths taken out of the command line before ArgumentParser reads it (its time grows with
/// the square of their number): taken only where the parser could read nothing else.
@Suite("Path arguments are taken out before parsing")
struct PathArgumentsTests {
    static let names = DLint.subcommandNames

    static func split(_ arguments: [String]) -> (forParser: [String], paths: [String]) {
        PathArguments.split(arguments, subcommandNames: names)
    }

    @Test("the option tables are the lint command's options, as ArgumentParser describes them")
    func tablesMatchTheCommand() throws {
        let dump = try #require(JSONSerialization.jsonObject(with: Data(Lint._dumpHelp().utf8)) as? [String: Any])
        let command = try #require(dump["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var valueOptions: Set<String> = [], flags: Set<String> = []
        for argument in arguments {
            let kind = try #require(argument["kind"] as? String)
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String, let kind = name["kind"] as? String else { return nil }
                return kind == "short" ? "-" + text : "--" + text
            }
            switch kind {
            case "option": valueOptions.formUnion(names)
            case "flag": flags.formUnion(names)
            default: #expect(kind == "positional")
            }
        }
        // ArgumentParser's own flags are left to it.
        flags.subtract(["-h", "--help", "--version"])
        #expect(valueOptions == PathArguments.valueOptions)
        #expect(flags == PathArguments.flags)
    }

    @Test("plain paths are taken out, in order; options and their values stay")
    func pathsAreTakenOut() {
        #expect(Self.split(["a", "b"]).forParser == [])
        #expect(Self.split(["a", "b"]).paths == ["a", "b"])
        let mixed = Self.split(["lint", "a", "--config", "c.yaml", "b", "-f", "json", "--format=sarif", "--no-cache", "c", "lint"])
        #expect(mixed.forParser == ["lint", "--config", "c.yaml", "-f", "json", "--format=sarif", "--no-cache"])
        #expect(mixed.paths == ["a", "b", "c", "lint"])
    }

    @Test("anything the parser could read otherwise leaves the command line whole", arguments: [
        ["rules", "a"], ["help", "lint"], ["a", "--help"], ["a", "-h"], ["a", "--version"], ["a", "--", "-b"], ["-", "a"],
        ["a", "--bogus"], ["a", "--fix=true"], ["a", "--config"], ["a", "--config", "--no-cache"], ["a", "-fjson"],
        ["a", "-f=json"], ["a", "--generate-completion-script", "bash"], ["debug", "tree", "a"],
    ])
    func uncertainArgumentsStay(arguments: [String]) {
        let split = Self.split(arguments)
        #expect(split.forParser == arguments)
        #expect(split.paths.isEmpty)
    }

    @Test("a run with many paths reports as one with the same paths parsed by ArgumentParser")
    func manyPathsLintAsBefore() throws {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<40 {
            let name = "d\(index)/Dockerfile"
            try directory.write(name, "FROM ubuntu\nRUN apt-get update\n")
            paths.append(name)
        }
        // `--` makes ArgumentParser read every path itself.
        let taken = try DLintBinary.run(["--no-config", "-f", "json"] + paths, in: directory.url)
        let parsed = try DLintBinary.run(["--no-config", "-f", "json", "--"] + paths, in: directory.url)
        #expect(taken.status == 1)
        #expect(taken.status == parsed.status)
        #expect(taken.stdout == parsed.stdout)
        #expect(taken.stdout.contains("d39/Dockerfile"))
    }
}
