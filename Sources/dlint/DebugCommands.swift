import ArgumentParser
import DLintCore
import DLintRules
import DockerfileSyntax

struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Debugging aids for parser work and tests; not needed for linting.",
        subcommands: [PrintTree.self, BuildKitAST.self, TreeJSON.self, FixStatistics.self]
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

struct FixStatistics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix-stats",
        abstract: "Debugging aid: per rule, how many findings --fix --unsafe-fixes fixes safely, unsafely, or not at all."
    )

    @Argument(help: "Files or directories, as for linting.")
    var paths: [String] = []

    func run() throws {
        let linter = RuleRegistry.linter
        let rewriter = Rewriter(linter: linter)
        var found: [String: Int] = [:]
        var fixed: [String: (safe: Int, unsafe: Int)] = [:]
        var skipped = 0
        for file in FileDiscovery.files(for: paths).files {
            let source = try readOrExit(file.displayPath)
            let first = linter.lint(source)
            // `--fix` leaves files with syntax errors alone.
            guard !first.tree.hasErrors else { skipped += 1; continue }
            for diagnostic in first.diagnostics { found[diagnostic.code, default: 0] += 1 }
            for applied in rewriter.fix(source, applying: [.safe, .unsafe]).applied {
                if applied.fix.applicability == .safe { fixed[applied.code, default: (0, 0)].safe += 1 } else { fixed[applied.code, default: (0, 0)].unsafe += 1 }
            }
        }
        var output = "CODE     FOUND  SAFE  UNSAFE  UNFIXED\n"
        for code in found.keys.sorted() {
            let counts = fixed[code] ?? (0, 0)
            let unfixed = max(0, found[code]! - counts.safe - counts.unsafe)
            output += String(code.prefix(8)) + String(repeating: " ", count: max(0, 8 - code.count))
                + [found[code]!, counts.safe, counts.unsafe, unfixed].map { String($0).leftPadded(to: 7) }.joined() + "\n"
        }
        output += "(\(skipped) files with syntax errors skipped; a finding fixed in a later round, after another fix, counts once per fix applied)\n"
        Console.write(output)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
