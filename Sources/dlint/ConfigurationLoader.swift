import DLintCore
import Foundation

/// Finds and reads configuration files: `.dlint.yaml` walking up from each linted file, or
/// `.hadolint.yaml` when the walk finds no dlint configuration. Each file is read once.
final class ConfigurationLoader {
    static let dlintNames = [".dlint.yaml", ".dlint.yml"]
    static let hadolintNames = [".hadolint.yaml", ".hadolint.yml"]

    private let catalog: RuleCatalog
    private var byDirectory: [String: LoadedConfiguration] = [:]
    private var byFile: [String: LoadedConfiguration] = [:]
    private(set) var warnings: [ConfigurationWarning] = []

    struct LoadedConfiguration {
        let configuration: Configuration
        let path: String?
    }

    init(catalog: RuleCatalog) {
        self.catalog = catalog
    }

    /// The configuration in effect for a file in `directory`.
    func configuration(forDirectory directory: String) throws(ConfigurationError) -> LoadedConfiguration {
        let start = URL(fileURLWithPath: directory).standardizedFileURL.path
        if let cached = byDirectory[start] { return cached }
        var found = try find(Self.dlintNames, from: start, format: .dlint)
        if found == nil { found = try find(Self.hadolintNames, from: start, format: .hadolint) }
        let loaded = found ?? LoadedConfiguration(configuration: Configuration(), path: nil)
        byDirectory[start] = loaded
        return loaded
    }

    /// Reads the file given with `--config`; its name tells its format.
    func configuration(atPath path: String) throws(ConfigurationError) -> LoadedConfiguration {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try load(path, format: name.contains("hadolint") ? .hadolint : .dlint)
    }

    private func find(_ names: [String], from directory: String, format: ConfigurationFormat) throws(ConfigurationError) -> LoadedConfiguration? {
        var current = URL(fileURLWithPath: directory)
        while true {
            for name in names {
                let candidate = current.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) { return try load(candidate, format: format) }
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    private func load(_ path: String, format: ConfigurationFormat) throws(ConfigurationError) -> LoadedConfiguration {
        if let cached = byFile[path] { return cached }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, line: nil, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, line: nil, message: "the configuration file is not UTF-8 text")
        }
        let (configuration, warnings) = try ConfigurationParser.parse(text, format: format, path: path, catalog: catalog)
        self.warnings += warnings
        let loaded = LoadedConfiguration(configuration: configuration, path: path)
        byFile[path] = loaded
        return loaded
    }
}
