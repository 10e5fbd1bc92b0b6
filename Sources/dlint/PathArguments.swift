/// The lint command's plain path arguments, taken out of the command line before ArgumentParser
/// sees it and given back to the parsed command.
///
/// Why: ArgumentParser copies an array argument's values so far for each value it adds (and
/// merges a growing set of input positions), so its time grows with the square of the number of
/// paths: 1,708 paths (a pre-commit hook, `$(git ls-files)`) cost 0.9 G instructions, more than
/// linting a few hundred files.
///
/// Only when the parser could not have read the arguments in any other way: every argument that
/// starts with `-` must be one of the lint command's own options (see `valueOptions`, `flags`),
/// written as the parser reads it; anything else (`--`, `-`, `--help`, `--version`, a short
/// option cluster, an unknown option, a first argument that names another subcommand) leaves the
/// command line whole for ArgumentParser, errors and all.
enum PathArguments {
    /// The lint command's options that take a value, by every name they answer to.
    static let valueOptions: Set<String> = [
        "--config", "--ignore", "--severity", "--failure-threshold", "--color", "--stdin-filename", "--exclude",
        "--extend-exclude", "--compose", "--bake", "--format", "-f", "--output", "-o", "--cache-dir", "--context",
    ]

    /// The lint command's flags.
    static let flags: Set<String> = [
        "--no-config", "--show-files", "--verbose", "--force-exclude", "--no-respect-gitignore", "--no-project-files",
        "--no-fail", "--fix", "--unsafe-fixes", "--diff", "--shellcheck", "--no-cache",
    ]

    /// The arguments for ArgumentParser, and the paths taken out of them, in their order (empty
    /// when nothing could be taken out safely).
    static func split(_ arguments: [String], subcommandNames: Set<String>) -> (forParser: [String], paths: [String]) {
        guard let first = arguments.first else { return (arguments, []) }
        // `dlint lint …`, or the default command: `dlint PATH …`, `dlint --option …`.
        let start: Int
        if first == "lint" {
            start = 1
        } else if subcommandNames.contains(first) {
            return (arguments, [])
        } else {
            start = 0
        }
        var forParser = Array(arguments[..<start])
        var paths: [String] = []
        var index = start
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.utf8.first == UInt8(ascii: "-") else {
                paths.append(argument)
                continue
            }
            forParser.append(argument)
            if flags.contains(argument) { continue }
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                guard valueOptions.contains(String(argument[..<equals])) else { return (arguments, []) }
                continue
            }
            // An option whose value is the next argument; a value that looks like an option is
            // for ArgumentParser to judge.
            guard valueOptions.contains(argument), index < arguments.count, arguments[index].utf8.first != UInt8(ascii: "-") else {
                return (arguments, [])
            }
            forParser.append(arguments[index])
            index += 1
        }
        return (forParser, paths)
    }
}
