import DLintCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds and reads configuration files, and hadolint's environment variables. Each file is
/// read once. Where a file's configuration comes from, first found wins:
///
/// 1. `.dlint.yaml` / `.dlint.yml` in the file's directory or a parent;
/// 2. `.hadolint.yaml` / `.hadolint.yml`, or super-linter's `.github/linters/.hadolint.yaml`,
///    in the file's directory or a parent;
/// 3. hadolint's user files: `$XDG_CONFIG_HOME/hadolint.yaml`, `~/.config/hadolint.yaml`,
///    `~/.hadolint/hadolint.yaml` (or `config.yaml`), `~/.hadolint.yaml` (each also `.yml`).
///
/// The `HADOLINT_*` variables apply over a hadolint file or over no file, never over a dlint
/// configuration: a project that has one has said what it wants.
final class ConfigurationLoader {
    static let dlintNames = [".dlint.yaml", ".dlint.yml"]
    static let hadolintNames = [".hadolint.yaml", ".hadolint.yml", ".github/linters/.hadolint.yaml", ".github/linters/.hadolint.yml"]

    private let catalog: RuleCatalog
    private let userFiles: [String]
    private let environmentConfiguration: Configuration
    private var byDirectory: [String: LoadedConfiguration] = [:]
    private var byFile: [String: LoadedConfiguration] = [:]
    /// Per dialect, the file found searching from a directory (nil inside: none up to the root).
    private var nearest: [ConfigurationFormat: [String: LoadedConfiguration?]] = [:]
    /// Candidate paths asked of the file system so far (tests count them).
    private(set) var probes = 0
    private var userConfiguration: LoadedConfiguration??
    private(set) var warnings: [ConfigurationWarning] = []

    struct LoadedConfiguration {
        let configuration: Configuration
        /// The file read; nil when none was found.
        let path: String?
        /// The file's dialect; nil when no file was found.
        let format: ConfigurationFormat?
    }

    init(catalog: RuleCatalog, environment: [String: String] = ProcessEnvironment.variables) {
        self.catalog = catalog
        let (configuration, warnings) = HadolintEnvironment.configuration(environment, catalog: catalog)
        environmentConfiguration = configuration
        self.warnings = warnings
        userFiles = Self.userFiles(environment)
    }

    /// hadolint's per-user files, in the order it tries them.
    static func userFiles(_ environment: [String: String]) -> [String] {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        var directories: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasBytePrefix("/") { directories.append(xdg) }
        directories.append(home + "/.config")
        var files = directories.flatMap { directory in ["hadolint.yaml", "hadolint.yml"].map { directory + "/" + $0 } }
        files += ["hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml"].map { home + "/.hadolint/" + $0 }
        files += [".hadolint.yaml", ".hadolint.yml"].map { home + "/" + $0 }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// The configuration in effect for a file in `directory`.
    func configuration(forDirectory directory: String) throws(ConfigurationError) -> LoadedConfiguration {
        let start = AbsolutePath.of(directory)
        if let cached = byDirectory[start] { return cached }
        var found = try find(Self.dlintNames, from: start, nameFormat: .dlint)
        if found == nil { found = try find(Self.hadolintNames, from: start, nameFormat: .hadolint) }
        if found == nil { found = try userConfigurationFile() }
        let loaded = withEnvironment(found)
        byDirectory[start] = loaded
        return loaded
    }

    /// Reads the file given with `--config`, in the dialect its keys (or else its name) say.
    func configuration(atPath path: String) throws(ConfigurationError) -> LoadedConfiguration {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return withEnvironment(try load(path, nameFormat: name.contains("hadolint") ? .hadolint : .dlint))
    }

    /// `HADOLINT_*` over a hadolint file or over nothing; a dlint file as it is.
    private func withEnvironment(_ loaded: LoadedConfiguration?) -> LoadedConfiguration {
        guard let loaded else {
            return LoadedConfiguration(configuration: environmentConfiguration, path: nil, format: nil)
        }
        if loaded.format == .dlint { return loaded }
        return LoadedConfiguration(
            configuration: loaded.configuration.overlaid(with: environmentConfiguration), path: loaded.path, format: loaded.format
        )
    }

    private func userConfigurationFile() throws(ConfigurationError) -> LoadedConfiguration? {
        if let userConfiguration { return userConfiguration }
        var found: LoadedConfiguration?
        if let path = userFiles.first(where: { RawPath.status($0) != nil }) {
            found = try load(path, nameFormat: .hadolint)
        }
        userConfiguration = .some(found)
        return found
    }

    /// The nearest file named one of `names` at or above `directory` (absolute and clean). Each
    /// directory is asked once per run and per dialect: the files of a tree share their
    /// ancestors, and asking every file's chain anew made 160,000 failed `stat`s (through
    /// Foundation's `URL`, which stats each path it builds) in a cached run over the corpus.
    private func find(_ names: [String], from directory: String, nameFormat: ConfigurationFormat) throws(ConfigurationError) -> LoadedConfiguration? {
        var asked: [String] = []
        var current = directory
        var found: LoadedConfiguration?
        search: while true {
            if let known = nearest[nameFormat]?[current] {
                found = known
                break
            }
            asked.append(current)
            for name in names {
                let candidate = AbsolutePath.child(name, of: current)
                probes += 1
                if RawPath.status(candidate) != nil {
                    found = try load(candidate, nameFormat: nameFormat)
                    break search
                }
            }
            if current == "/" { break }
            current = AbsolutePath.parent(of: current)
        }
        for directory in asked { nearest[nameFormat, default: [:]][directory] = .some(found) }
        return found
    }

    private func load(_ path: String, nameFormat: ConfigurationFormat) throws(ConfigurationError) -> LoadedConfiguration {
        if let cached = byFile[path] { return cached }
        guard let data = FileBytes.contents(atPath: path).map({ Data($0) }) else {
            throw ConfigurationError(path: path, line: nil, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, line: nil, message: "the configuration file is not UTF-8 text")
        }
        let parsed = try ConfigurationParser.parse(text, nameFormat: nameFormat, path: path, catalog: catalog)
        if parsed.format == .hadolint && nameFormat == .dlint {
            warnings.append(ConfigurationWarning(
                path: path, line: nil,
                message: "read as a hadolint configuration (its keys are hadolint's); dlint's own is .dlint.yaml"))
        }
        warnings += parsed.warnings
        let loaded = LoadedConfiguration(configuration: parsed.configuration, path: path, format: parsed.format)
        byFile[path] = loaded
        return loaded
    }
}
