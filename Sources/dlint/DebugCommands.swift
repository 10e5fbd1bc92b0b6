import ArgumentParser
import DockerfileSyntax

struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Debugging aids for parser work and tests; not needed for linting.",
        subcommands: [PrintTree.self, BuildKitAST.self, TreeJSON.self]
    )
}

/// Reads a file given to a debug command, turning I/O failures into exit status 2.
private func readOrExit(_ path: String) throws -> [UInt8] {
    do {
        return try InputFile(displayPath: path, isStandardInput: path == InputFile.standardInputPath).read()
    } catch {
        Console.error(error.description)
        throw ExitCode(ExitStatus.usageOrIOError)
    }
}

struct PrintTree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Debugging aid: write the bytes rebuilt from each file's syntax tree (equal to the input)."
    )

    @Argument(help: "Dockerfiles to parse and print, in order.")
    var files: [String]

    func run() throws {
        for path in files {
            Console.write(bytes: SyntaxTree(parsing: try readOrExit(path)).printed())
        }
    }
}

struct BuildKitAST: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buildkit",
        abstract: "Debugging aid: print the parsed instructions in BuildKit's parser-test `result` format."
    )

    @Argument(help: "The Dockerfile to parse.")
    var file: String

    func run() throws {
        Console.write(BuildKitDump.dump(SyntaxTree(parsing: try readOrExit(file))))
    }
}

struct TreeJSON: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Debugging aid: print the syntax tree as JSON, every leaf with its kind and byte range."
    )

    @Argument(help: "The Dockerfile to parse.")
    var file: String

    func run() throws {
        let tree = SyntaxTree(parsing: try readOrExit(file))
        Console.write(SyntaxTreeJSON.render(tree, path: file))
    }
}
