import DLintReporters

/// The lint command's common command lines (`dlint Dockerfile`, `dlint --no-cache -f json a b`)
/// read straight into `LintOptions`, without ArgumentParser.
///
/// Why: ArgumentParser finds a command's arguments by reflection, and the dynamic casts it makes
/// send the Swift runtime through its whole table of protocol conformances: about half of the
/// instructions `dlint Dockerfile` executes, and more than linting the file.
///
/// Only command lines whose meaning cannot be in doubt are read here: plain paths, and the lint
/// command's own options (`PathArguments`' tables) as ArgumentParser reads them, each with a
/// value it accepts, an option that takes one value at most once, a flag at most once, and
/// options that pass `validate()`. Anything else — `--help`, `--version`, `--`, `-`, a short
/// option cluster, another subcommand, an unknown option, a value that does not parse, a failed
/// validation — answers nil, and ArgumentParser reads the command line, errors, usage text and all.
enum LintCommandLine {
    static func options(_ arguments: [String], subcommandNames: Set<String>) -> LintOptions? {
        var rest = arguments[...]
        if rest.first == "lint" {
            rest = rest.dropFirst()
        } else if let first = rest.first, subcommandNames.contains(first) {
            return nil
        }
        var options = LintOptions()
        var given: Set<String> = []
        while let argument = rest.popFirst() {
            guard argument.utf8.first == UInt8(ascii: "-") else {
                options.paths.append(argument)
                continue
            }
            let name: String
            let value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
                guard PathArguments.valueOptions.contains(name) else { return nil }
            } else if PathArguments.valueOptions.contains(argument) {
                // A value that looks like an option is for ArgumentParser to judge.
                guard let next = rest.popFirst(), next.utf8.first != UInt8(ascii: "-") else { return nil }
                name = argument
                value = next
            } else {
                name = argument
                value = nil
            }
            guard let value else {
                guard given.insert(name).inserted, options.setFlag(name) else { return nil }
                continue
            }
            guard !value.isEmpty, value.utf8.first != UInt8(ascii: "-"), options.set(name, to: value, given: &given) else { return nil }
        }
        guard (try? options.validate()) != nil else { return nil }
        return options
    }
}

extension LintOptions {
    /// Sets the flag of that name; false for a name that is no flag of the lint command.
    fileprivate mutating func setFlag(_ name: String) -> Bool {
        switch name {
        case "--no-config": noConfig = true
        case "--show-files": showFiles = true
        case "--verbose": verbose = true
        case "--force-exclude": forceExclude = true
        case "--no-respect-gitignore": noRespectGitignore = true
        case "--no-project-files": noProjectFiles = true
        case "--no-fail": noFail = true
        case "--fix": fix = true
        case "--unsafe-fixes": unsafeFixes = true
        case "--diff": diff = true
        case "--shellcheck": shellcheck = true
        case "--no-cache": noCache = true
        default: return false
        }
        return true
    }

    /// Sets or adds the option's value; false for a value the option does not take, a second value
    /// of an option that takes one, or a name that is no option of the lint command.
    fileprivate mutating func set(_ name: String, to value: String, given: inout Set<String>) -> Bool {
        switch name {
        case "--ignore": ignore.append(value)
        case "--severity": severity.append(value)
        case "--exclude": exclude.append(value)
        case "--extend-exclude": extendExclude.append(value)
        case "--compose": compose.append(value)
        case "--bake": bake.append(value)
        case "--output", "-o": output.append(value)
        case "--format", "-f":
            guard let format = OutputFormat(rawValue: value) else { return false }
            self.format.append(format)
        default:
            guard given.insert(name).inserted else { return false }
            switch name {
            case "--config": config = value
            case "--failure-threshold": failureThreshold = value
            case "--stdin-filename": stdinFilename = value
            case "--cache-dir": cacheDir = value
            case "--context": context = value
            case "--color":
                guard let color = Lint.ColorChoice(rawValue: value) else { return false }
                self.color = color
            default: return false
            }
        }
        return true
    }
}
