import ArgumentParser
import DockerfileSyntax

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Dockerfiles (the default command).",
        discussion: """
        Each PATH is a file or a directory; directories are searched recursively for Dockerfile, \
        Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile and Containerfile.*, skipping .git, \
        .build and node_modules. Without PATH the current directory is searched; '-' reads standard input.
        """
    )

    @Argument(help: "Files or directories to lint; '-' for standard input.")
    var paths: [String] = []

    @Flag(help: "Print the files that would be linted, one a line, and lint nothing.")
    var showFiles = false

    func run() throws {
        let (files, errors) = FileDiscovery.files(for: paths)
        if showFiles {
            Console.write(files.map { $0.displayPath + "\n" }.joined())
            for error in errors { Console.error(error.description) }
            throw ExitCode(errors.isEmpty ? ExitStatus.clean : ExitStatus.usageOrIOError)
        }
        var output = ""
        var findingCount = 0
        var inputErrors = errors
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try file.read()
            } catch {
                inputErrors.append(error)
                continue
            }
            let tree = SyntaxTree(parsing: bytes)
            let path = file.isStandardInput ? "<stdin>" : file.displayPath
            for diagnostic in tree.diagnostics.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                let location = tree.location(of: diagnostic.range.lowerBound)
                output += "\(path):\(location.line):\(location.column): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code.rawValue)]\n"
                findingCount += 1
            }
        }
        Console.write(output)
        for error in inputErrors { Console.error(error.description) }
        if !inputErrors.isEmpty { throw ExitCode(ExitStatus.usageOrIOError) }
        throw ExitCode(findingCount > 0 ? ExitStatus.findings : ExitStatus.clean)
    }
}
