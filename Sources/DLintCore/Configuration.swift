import Yams

/// When dlint exits with status 1.
public enum FailureThreshold: Sendable, Hashable {
    /// A finding of this severity or a more serious one fails the run.
    case severity(Severity)
    /// Nothing fails the run.
    case never

    /// hadolint's default: `info` and above fail, `style` findings do not.
    public static let `default` = FailureThreshold.severity(.info)

    public init?(_ text: String) {
        switch text.lowercased() {
        case "none", "never", "ignore": self = .never
        default:
            guard let severity = Severity(rawValue: text.lowercased()) else { return nil }
            self = .severity(severity)
        }
    }

    public func fails(_ severity: Severity) -> Bool {
        if case .severity(let threshold) = self { return severity >= threshold }
        return false
    }
}

/// What a configuration file, or the command line, asks for.
public struct Configuration: Sendable {
    /// Canonical codes never reported.
    public var ignored: Set<String> = []
    /// Canonical codes of rules that are off by default and asked for here.
    public var enabled: Set<String> = []
    /// Canonical code → severity to report it with.
    public var severities: [String: Severity] = [:]
    public var failureThreshold: FailureThreshold?
    /// Canonical code → options.
    public var ruleOptions: [String: RuleOptions] = [:]
    /// The shared rule settings.
    public var settings = LintSettings()
    /// False when inline `ignore` comments are to be disregarded.
    public var honoursInlineIgnores = true
    /// `shellcheck: true`: run the real ShellCheck over the RUN scripts too (the command does).
    public var runsShellCheck = false
    /// Which files a directory search skips (read by the command, which does the searching).
    public var discovery = DiscoverySettings()

    public init() {}

    /// This configuration with `overrides` applied on top (the command line over a file).
    public func overlaid(with overrides: Configuration) -> Configuration {
        var result = self
        result.ignored.formUnion(overrides.ignored)
        result.enabled.formUnion(overrides.enabled)
        result.severities.merge(overrides.severities) { _, new in new }
        result.failureThreshold = overrides.failureThreshold ?? failureThreshold
        result.ruleOptions.merge(overrides.ruleOptions) { _, new in new }
        if !overrides.settings.trustedRegistries.isEmpty { result.settings.trustedRegistries = overrides.settings.trustedRegistries }
        if !overrides.settings.labelSchema.isEmpty { result.settings.labelSchema = overrides.settings.labelSchema }
        if overrides.settings.strictLabels { result.settings.strictLabels = true }
        result.honoursInlineIgnores = honoursInlineIgnores && overrides.honoursInlineIgnores
        result.runsShellCheck = runsShellCheck || overrides.runsShellCheck
        return result
    }
}

/// `exclude:`, `extend-exclude:` and `respect-gitignore:` of a `.dlint.yaml`: glob patterns as
/// written, relative to the configuration file's directory.
public struct DiscoverySettings: Sendable, Hashable {
    /// Replaces the default exclude list when set.
    public var exclude: [String]?
    public var extendExclude: [String] = []
    public var respectGitIgnore: Bool?

    public init() {}
}

/// The two file formats dlint reads.
public enum ConfigurationFormat: Sendable {
    /// `.dlint.yaml`.
    case dlint
    /// `.hadolint.yaml`, read when a project has no dlint configuration.
    case hadolint
}

/// A configuration file that cannot be used; the message names the file and line.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Something in a configuration file that dlint ignores, such as an unknown rule code.
public struct ConfigurationWarning: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): warning: \(message)"
    }
}

/// Reads configuration text (the caller reads the file).
public struct ConfigurationParser {
    let catalog: RuleCatalog
    let path: String
    private(set) var warnings: [ConfigurationWarning] = []

    public init(catalog: RuleCatalog, path: String) {
        self.catalog = catalog
        self.path = path
    }

    public static func parse(_ text: String, format: ConfigurationFormat, path: String, catalog: RuleCatalog)
        throws(ConfigurationError) -> (Configuration, [ConfigurationWarning]) {
        var parser = ConfigurationParser(catalog: catalog, path: path)
        let configuration = try parser.parse(text, format: format)
        return (configuration, parser.warnings)
    }

    mutating func parse(_ text: String, format: ConfigurationFormat) throws(ConfigurationError) -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(path: path, line: Self.line(of: error), message: "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw ConfigurationError(path: path, line: nil, message: "invalid YAML: \(error)")
        }
        var configuration = Configuration()
        guard let root else { return configuration }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError(path: path, line: root.mark?.line, message: "the configuration must be a mapping of keys to values")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch (format, key) {
            case (.dlint, "ignore"), (.hadolint, "ignored"):
                configuration.ignored.formUnion(try codes(in: value, key: key))
            case (.dlint, "enable"):
                configuration.enabled.formUnion(try codes(in: value, key: key))
            case (.dlint, "severity"):
                for (codeNode, levelNode) in try requireMapping(value, key: key) {
                    let level = levelNode.string?.lowercased() ?? ""
                    for code in resolve(codeNode) {
                        if level == "off" || level == "ignore" || level == "none" {
                            configuration.ignored.insert(code)
                        } else if let severity = Severity(rawValue: level) {
                            configuration.severities[code] = severity
                        } else {
                            throw invalid(levelNode, "unknown severity '\(level)' (expected error, warning, info, style or off)")
                        }
                    }
                }
            case (.hadolint, "override"):
                for (levelNode, list) in try requireMapping(value, key: key) {
                    guard let severity = Severity(rawValue: levelNode.string?.lowercased() ?? "") else {
                        throw invalid(levelNode, "unknown severity '\(levelNode.string ?? "")' under override (expected error, warning, info or style)")
                    }
                    for code in try codes(in: list, key: "override.\(severity.rawValue)") { configuration.severities[code] = severity }
                }
            case (_, "failure-threshold"):
                guard let text = value.string, let threshold = FailureThreshold(text) else {
                    throw invalid(value, "failure-threshold must be one of error, warning, info, style, none")
                }
                configuration.failureThreshold = threshold
            case (.hadolint, "no-fail"):
                if value.bool == true { configuration.failureThreshold = .never }
            case (.dlint, "trusted-registries"), (.hadolint, "trustedRegistries"):
                configuration.settings.trustedRegistries = try strings(in: value, key: key)
            case (.dlint, "exclude"):
                configuration.discovery.exclude = try strings(in: value, key: key)
            case (.dlint, "extend-exclude"):
                configuration.discovery.extendExclude = try strings(in: value, key: key)
            case (.dlint, "respect-gitignore"):
                guard let flag = value.bool else { throw invalid(value, "respect-gitignore must be true or false") }
                configuration.discovery.respectGitIgnore = flag
            case (.dlint, "shellcheck"):
                guard let flag = value.bool else { throw invalid(value, "shellcheck must be true or false") }
                configuration.runsShellCheck = flag
            case (.dlint, "inline-ignores"):
                configuration.honoursInlineIgnores = value.bool ?? true
            case (.hadolint, "disable-ignore-pragma"):
                configuration.honoursInlineIgnores = !(value.bool ?? false)
            case (.dlint, "rules"):
                for (codeNode, optionsNode) in try requireMapping(value, key: key) {
                    let codes = resolve(codeNode)
                    guard !codes.isEmpty else { continue }
                    guard case .mapping(let options) = optionsNode else {
                        throw invalid(optionsNode, "the options of \(codeNode.string ?? "") must be a mapping")
                    }
                    var values: [String: ConfigValue] = [:]
                    for (optionKey, optionValue) in options { values[optionKey.string ?? ""] = Self.value(of: optionValue) }
                    for code in codes { configuration.ruleOptions[code] = RuleOptions(values) }
                }
            case (_, "label-schema"):
                for (nameNode, typeNode) in try requireMapping(value, key: key) {
                    let typeName = typeNode.string?.lowercased() ?? ""
                    guard let type = LabelType(rawValue: typeName) else {
                        let expected = LabelType.allCases.map(\.rawValue).joined(separator: ", ")
                        throw invalid(typeNode, "unknown label type '\(typeNode.string ?? "")' for label '\(nameNode.string ?? "")' (expected \(expected))")
                    }
                    configuration.settings.labelSchema[nameNode.string ?? ""] = type
                }
            case (_, "strict-labels"):
                guard let strict = value.bool else { throw invalid(value, "strict-labels must be true or false") }
                configuration.settings.strictLabels = strict
            case (.hadolint, "format"),
                 (.hadolint, "no-color"), (.hadolint, "verbose"), (.hadolint, "require-labels"):
                // hadolint settings with no dlint counterpart yet: accepted so a shared file keeps working.
                break
            default:
                warnings.append(ConfigurationWarning(path: path, line: keyNode.mark?.line, message: "unknown key '\(key)' is ignored"))
            }
        }
        return configuration
    }

    /// Canonical codes from a list of spellings; unknown ones become warnings.
    private mutating func codes(in node: Node, key: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let sequence) = node else {
            if node.string == "" || node.null != nil { return [] }
            throw invalid(node, "\(key) must be a list of rule codes")
        }
        return sequence.flatMap { resolve($0) }
    }

    /// The codes a spelling names (several for a group alias); unknown ones become warnings.
    private mutating func resolve(_ node: Node) -> [String] {
        let spelling = node.string ?? ""
        let codes = catalog.codes(for: spelling)
        if !codes.isEmpty { return codes }
        // A hadolint or BuildKit code for a rule dlint does not have: fine in a shared file. A
        // ShellCheck code is kept: it applies to what `--shellcheck` finds.
        if catalog.isForeignCode(spelling) { return spelling.uppercased().hasPrefix("SC") ? [spelling.uppercased()] : [] }
        warnings.append(ConfigurationWarning(path: path, line: node.mark?.line, message: "unknown rule '\(spelling)' is ignored"))
        return []
    }

    private func strings(in node: Node, key: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let sequence) = node else { throw invalid(node, "\(key) must be a list") }
        return sequence.compactMap(\.string)
    }

    private func requireMapping(_ node: Node, key: String) throws(ConfigurationError) -> Node.Mapping {
        guard case .mapping(let mapping) = node else { throw invalid(node, "\(key) must be a mapping") }
        return mapping
    }

    private func invalid(_ node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: node.mark?.line, message: message)
    }

    private static func value(of node: Node) -> ConfigValue {
        switch node {
        case .sequence(let sequence): return .list(sequence.map(value))
        case .mapping(let mapping):
            var values: [String: ConfigValue] = [:]
            for (key, item) in mapping { values[key.string ?? ""] = value(of: item) }
            return .map(values)
        default:
            if let integer = node.int { return .integer(integer) }
            if let boolean = node.bool { return .boolean(boolean) }
            return .string(node.string ?? "")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
