import ArgumentParser
import DLintCore
import DLintReporters
import DLintRules
import Dispatch
import Foundation

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Dockerfiles (the default command).",
        discussion: """
        Each PATH is a file or a directory; directories are searched recursively for Dockerfile, \
        Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile and Containerfile.*, skipping .git, \
        .build and node_modules. Without PATH the current directory is searched; '-' reads standard input.

        Configuration comes from the nearest .dlint.yaml above each file (or .hadolint.yaml when there \
        is none), then from the options below. CODE may be a rule's code, its name, or another \
        spelling it is known by (a hadolint code, a BuildKit check name).
        """
    )

    @Argument(help: "Files or directories to lint; '-' for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Use this configuration file instead of searching for one.", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Use no configuration file.")
    var noConfig = false

    @Option(name: .long, help: ArgumentHelp("Do not report this rule (repeatable).", valueName: "code"))
    var ignore: [String] = []

    @Option(name: .long, help: ArgumentHelp("Report a rule with another severity: CODE=error|warning|info|style|off (repeatable).", valueName: "code=level"))
    var severity: [String] = []

    @Option(name: .long, help: ArgumentHelp("Exit 1 only for findings at or above this severity: error, warning, info (default), style or none.", valueName: "level"))
    var failureThreshold: String?

    @Option(name: .long, help: ArgumentHelp("When to colour the output: auto (a terminal, NO_COLOR unset), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Option(name: .long, help: ArgumentHelp("The path to report for standard input.", valueName: "path"))
    var stdinFilename: String?

    @Flag(help: "Print the files that would be linted, one a line, and lint nothing.")
    var showFiles = false

    @Flag(name: .long, help: "Say which files the directory search passed over, and why (on standard error).")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp(
        "Skip files and directories matching this glob, instead of the default list (repeatable; see README, Which files are linted).",
        valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip files and directories matching this glob, besides the default list (repeatable).", valueName: "glob"))
    var extendExclude: [String] = []

    @Flag(name: .long, help: "Apply the excludes and .gitignore to paths named on the command line too (for pre-commit).")
    var forceExclude = false

    @Flag(name: .long, help: "Lint files that git ignores too.")
    var noRespectGitignore = false

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp(
        "Report format (repeatable): \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")). Default: tty.",
        valueName: "format"))
    var format: [OutputFormat] = []

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(
        "Write the report of the --format at the same position to this file instead of standard output (repeatable; at most one format may go to standard output).",
        valueName: "file"))
    var output: [String] = []

    @Flag(name: .long, help: "Exit 0 even when findings are reported (usage, configuration and I/O errors still exit 2).")
    var noFail = false

    @Flag(name: .long, help: "Apply safe fixes in place ('-' writes the fixed file to standard output), then report what remains.")
    var fix = false

    @Flag(name: .long, help: "With --fix or --diff, apply unsafe fixes too (the built image may change).")
    var unsafeFixes = false

    @Flag(name: .long, help: "Print the fixes as a unified diff and write nothing; exit 1 when something would change.")
    var diff = false

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    func validate() throws {
        try ReportDestination.validate(formats: format, outputs: output)
        if unsafeFixes && !fix && !diff {
            throw ValidationError("--unsafe-fixes applies only with --fix or --diff")
        }
        if fix && diff {
            throw ValidationError("--fix and --diff cannot be used together: --diff only shows what --fix would do")
        }
    }

    func run() throws {
        let linter = RuleRegistry.linter
        let overrides = try commandLineConfiguration(linter.catalog)

        // Configuration is found (and its errors reported) before any linting starts: first the
        // configuration of each search root, whose excludes shape the search, then each file's.
        let loader = ConfigurationLoader(catalog: linter.catalog)
        var loadedConfigurations: [Configuration] = []
        let discovered: FileDiscovery.Result
        do {
            let explicit = try config.map { try loader.configuration(atPath: $0) }
            var optionsByRoot: [String: DiscoveryOptions] = [:]
            for root in paths.isEmpty ? ["."] : paths where root != InputFile.standardInputPath {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
                let directory = isDirectory.boolValue || !exists ? root : URL(fileURLWithPath: root).deletingLastPathComponent().path
                let loaded = noConfig ? nil : try explicit ?? loader.configuration(forDirectory: directory)
                optionsByRoot[root] = discoveryOptions(loaded)
            }
            discovered = FileDiscovery.files(for: paths) { optionsByRoot[$0] ?? discoveryOptions(nil) }
            if !showFiles {
                for file in discovered.files {
                    var base = Configuration()
                    if let explicit {
                        base = explicit.configuration
                    } else if !noConfig {
                        let directory = file.isStandardInput ? "." : URL(fileURLWithPath: file.displayPath).deletingLastPathComponent().path
                        base = try loader.configuration(forDirectory: directory).configuration
                    }
                    var configuration = base.overlaid(with: overrides)
                    configuration.settings.dockerIgnore = Self.dockerIgnore(for: file, stdinFilename: stdinFilename)
                    loadedConfigurations.append(configuration)
                }
            }
        } catch let error as ConfigurationError {
            Console.error("dlint: \(error.description)")
            throw ExitCode(ExitStatus.usageOrIOError)
        }
        let files = discovered.files
        let discoveryErrors = discovered.errors
        if verbose {
            for skipped in discovered.skipped { Console.error("dlint: skipped \(skipped.path): \(skipped.reason)") }
        }
        for warning in discovered.warnings { Console.error(warning.description) }
        for directory in discovered.emptyDirectories {
            Console.error("dlint: \(directory): warning: no Dockerfile found in this directory")
        }
        if showFiles {
            Console.write(files.map { $0.displayPath + "\n" }.joined())
            for error in discoveryErrors { Console.error(error.description) }
            throw ExitCode(discoveryErrors.isEmpty ? ExitStatus.clean : ExitStatus.usageOrIOError)
        }
        for warning in loader.warnings { Console.error(warning.description) }

        var inputErrors = discoveryErrors
        let sources = files.map { file -> Result<[UInt8], InputError> in
            do throws(InputError) { return .success(try file.read()) } catch { return .failure(error) }
        }
        let fixing = fix || diff
        let configurations = loadedConfigurations
        var fixOutcomes: [FixMode.FileOutcome?] = []
        let results: [LintResult?]
        if fixing {
            let mode = FixMode(
                rewriter: Rewriter(linter: linter), applicability: unsafeFixes ? [.safe, .unsafe] : [.safe], diffOnly: diff,
                standardInputName: stdinFilename
            )
            fixOutcomes = Self.inParallel(sources) { index, bytes in
                mode.run(files[index], source: bytes, configuration: configurations[index])
            }
            results = fixOutcomes.map { $0?.result }
        } else {
            results = Self.inParallel(sources) { index, bytes in linter.lint(bytes, configuration: configurations[index]) }
        }
        var reports: [FileReport] = []
        for (index, file) in files.enumerated() {
            switch sources[index] {
            case .failure(let error):
                inputErrors.append(error)
            case .success:
                let result = results[index]!
                let path = file.isStandardInput ? (stdinFilename ?? "<stdin>") : file.displayPath
                reports.append(FileReport(path: path, tree: result.tree, diagnostics: result.diagnostics, failureThreshold: configurations[index].failureThreshold ?? .default))
            }
        }

        let useColor: Bool = switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        }
        let context = ReportContext(
            toolVersion: DLint.configuration.version, rules: linter.catalog.descriptors,
            sourceRoot: FileManager.default.currentDirectoryPath
        )
        // With --diff, or --fix on standard input, standard output carries the diff or the fixed
        // file, so the report of the remaining findings goes to standard error.
        let fixesOnStandardOutput = diff || (fix && files.contains(where: \.isStandardInput))
        var writeFailed = false
        var wouldChange = false
        if fixing {
            var fixedOutput: [UInt8] = []
            var fixedPaths: [String] = []
            var fixedCounts: [(safe: Int, unsafe: Int)] = []
            for (index, outcome) in fixOutcomes.enumerated() {
                guard let outcome else { continue }
                outcome.messages.forEach(Console.error)
                writeFailed = writeFailed || outcome.failed
                wouldChange = wouldChange || outcome.changed
                fixedOutput += outcome.output
                fixedPaths.append(files[index].isStandardInput ? (stdinFilename ?? "<stdin>") : files[index].displayPath)
                fixedCounts.append(outcome.appliedCount)
            }
            Console.write(bytes: fixedOutput)
            if let summary = FixMode.summary(paths: fixedPaths, counts: fixedCounts, wouldFix: diff) {
                if fixesOnStandardOutput { Console.error(summary) } else { Console.write(summary + "\n") }
            }
        }
        let outputFailed = !ReportDestination.pairs(formats: format, outputs: output).map { destination in
            if diff, destination.path == nil { return true }
            return destination.write(reports, context: context, useColor: useColor && !fixesOnStandardOutput,
                                     standardStream: fixesOnStandardOutput ? Console.error : Console.write)
        }.allSatisfy { $0 }
        for error in inputErrors { Console.error(error.description) }
        if !inputErrors.isEmpty || outputFailed || writeFailed { throw ExitCode(ExitStatus.usageOrIOError) }
        if diff { throw ExitCode(wouldChange ? ExitStatus.findings : ExitStatus.clean) }
        if noFail { throw ExitCode(ExitStatus.clean) }

        let fails = reports.indices.contains { index in
            let threshold = configurations[index].failureThreshold ?? .default
            return reports[index].diagnostics.contains { threshold.fails($0.severity) }
        }
        throw ExitCode(fails ? ExitStatus.findings : ExitStatus.clean)
    }

    /// The search's options: the configuration's `exclude:` (relative to its file), then the
    /// command line's (relative to the current directory).
    private func discoveryOptions(_ loaded: ConfigurationLoader.LoadedConfiguration?) -> DiscoveryOptions {
        var options = DiscoveryOptions()
        if let loaded, let path = loaded.path {
            let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
            let settings = loaded.configuration.discovery
            options.excludes = settings.exclude.map { $0.map { PathGlob($0, base: base) } }
            options.extendExcludes = settings.extendExclude.map { PathGlob($0, base: base) }
            options.respectGitIgnore = settings.respectGitIgnore ?? true
        }
        let currentDirectory = FileManager.default.currentDirectoryPath
        if !exclude.isEmpty { options.excludes = exclude.map { PathGlob($0, base: currentDirectory) } }
        options.extendExcludes += extendExclude.map { PathGlob($0, base: currentDirectory) }
        if forceExclude { options.forceExclude = true }
        if noRespectGitignore { options.respectGitIgnore = false }
        return options
    }

    /// The configuration the options ask for, applied over any file's.
    private func commandLineConfiguration(_ catalog: RuleCatalog) throws -> Configuration {
        var configuration = Configuration()
        for spelling in ignore {
            // A hadolint or BuildKit code of a rule dlint does not have ignores nothing, and is no error.
            if catalog.isForeignCode(spelling) { continue }
            let codes = catalog.codes(for: spelling)
            guard !codes.isEmpty else { throw ValidationError("--ignore: unknown rule '\(spelling)' (see 'dlint rules')") }
            configuration.ignored.formUnion(codes)
        }
        for item in severity {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let codes = parts.count == 2 ? catalog.codes(for: parts[0]) : []
            guard !codes.isEmpty else {
                throw ValidationError("--severity: expected CODE=LEVEL with a known rule, got '\(item)'")
            }
            if ["off", "ignore", "none"].contains(parts[1].lowercased()) {
                configuration.ignored.formUnion(codes)
            } else if let level = Severity(rawValue: parts[1].lowercased()) {
                for code in codes { configuration.severities[code] = level }
            } else {
                throw ValidationError("--severity: unknown level '\(parts[1])' (expected error, warning, info, style or off)")
            }
        }
        if let failureThreshold {
            guard let threshold = FailureThreshold(failureThreshold) else {
                throw ValidationError("--failure-threshold: expected error, warning, info, style or none, got '\(failureThreshold)'")
            }
            configuration.failureThreshold = threshold
        }
        return configuration
    }

    /// The ignore file of the build context a Dockerfile is built with, taken to be the
    /// Dockerfile's directory: `NAME.dockerignore` beside `NAME` wins over `.dockerignore`, as in
    /// BuildKit. Standard input uses `--stdin-filename`'s directory, or none without it.
    static func dockerIgnore(for file: InputFile, stdinFilename: String?) -> DockerIgnore? {
        guard let path = file.isStandardInput ? stdinFilename : file.displayPath else { return nil }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        for candidate in [directory.appendingPathComponent(url.lastPathComponent + ".dockerignore"), directory.appendingPathComponent(".dockerignore")] {
            if let data = FileManager.default.contents(atPath: candidate.path) {
                return DockerIgnore(String(decoding: data, as: UTF8.self))
            }
        }
        return nil
    }

    /// Works on the files across the machine's cores; results come back in the files' order
    /// (nil for a file that could not be read).
    private static func inParallel<Value: Sendable>(
        _ sources: [Result<[UInt8], InputError>], _ work: @Sendable (Int, [UInt8]) -> Value
    ) -> [Value?] {
        let results = ResultSlots<Value>(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { index in
            guard case .success(let bytes) = sources[index] else { return }
            results.store(work(index, bytes), at: index)
        }
        return results.values
    }
}

/// Slots filled from concurrent work, each written once under a lock.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
