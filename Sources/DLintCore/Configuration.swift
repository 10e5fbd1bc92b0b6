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
    /// The report format a hadolint configuration asks for (`format:`, `HADOLINT_FORMAT`), in
    /// hadolint's spelling; the command maps it to its own formats when none is given.
    public var hadolintFormat: String?

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
        result.hadolintFormat = overrides.hadolintFormat ?? hadolintFormat
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

    /// Keys only a dlint configuration has.
    static let dlintKeys: Set<String> = [
        "ignore", "enable", "severity", "trusted-registries", "exclude", "extend-exclude",
        "respect-gitignore", "inline-ignores", "rules", "shellcheck",
    ]
    /// Keys only a hadolint configuration has (`failure-threshold`, `label-schema` and
    /// `strict-labels` are both dialects').
    static let hadolintKeys: Set<String> = [
        "ignored", "override", "trustedRegistries", "no-fail", "no-color", "verbose", "format",
        "output-format", "require-labels", "disable-ignore-pragma",
    ]

    /// The dialect a file's top-level keys say it is written in; nil when they do not tell
    /// (only shared keys, or keys of both), and the file's name decides.
    public static func detect(keys: [String]) -> ConfigurationFormat? {
        let dlint = keys.contains(where: dlintKeys.contains)
        let hadolint = keys.contains(where: hadolintKeys.contains)
        switch (dlint, hadolint) {
        case (true, false): return .dlint
        case (false, true): return .hadolint
        default: return nil
        }
    }
}

/// A configuration file read, and the dialect it was read in.
public struct ParsedConfiguration: Sendable {
    public let configuration: Configuration
    public let warnings: [ConfigurationWarning]
    public let format: ConfigurationFormat
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
        "\(EscapedBytes.reported(path))\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Something in a configuration file that dlint ignores, such as an unknown rule code.
public struct ConfigurationWarning: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(EscapedBytes.reported(path))\(line.map { ":\($0)" } ?? ""): warning: \(message)"
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

    /// Reads a file in the dialect its keys say (`ConfigurationFormat.detect`), or in `nameFormat`,
    /// the dialect its name says, when the keys do not tell.
    public static func parse(_ text: String, nameFormat: ConfigurationFormat, path: String, catalog: RuleCatalog)
        throws(ConfigurationError) -> ParsedConfiguration {
        var parser = ConfigurationParser(catalog: catalog, path: path)
        let root = try parser.compose(text)
        var format = nameFormat
        if case .mapping(let mapping)? = root {
            format = ConfigurationFormat.detect(keys: mapping.keys.compactMap(\.string)) ?? nameFormat
        }
        let configuration = try parser.configuration(from: root, format: format)
        return ParsedConfiguration(configuration: configuration, warnings: parser.warnings, format: format)
    }

    mutating func parse(_ text: String, format: ConfigurationFormat) throws(ConfigurationError) -> Configuration {
        try configuration(from: try compose(text), format: format)
    }

    private func compose(_ text: String) throws(ConfigurationError) -> YAMLNode? {
        do {
            return try YAMLParser.singleDocument(text)
        } catch {
            throw ConfigurationError(path: path, line: error.blamedLine, message: "invalid YAML: \(error.problem)")
        }
    }

    private mutating func configuration(from root: YAMLNode?, format: ConfigurationFormat) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        guard let root else { return configuration }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError(path: path, line: root.mark.line, message: "the configuration must be a mapping of keys to values")
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
            case (.hadolint, "format"), (.hadolint, "output-format"):
                guard let name = value.string else { throw invalid(value, "\(key) must be a report format name") }
                configuration.hadolintFormat = name
            case (.hadolint, "no-color"), (.hadolint, "verbose"), (.hadolint, "require-labels"):
                // hadolint settings with no dlint counterpart: accepted so a shared file keeps working.
                break
            case (.dlint, _) where ConfigurationFormat.hadolintKeys.contains(key):
                warnings.append(ConfigurationWarning(
                    path: path, line: keyNode.mark.line,
                    message: "'\(key)' is a hadolint key, ignored in a file that also has dlint keys (see README, Configuration)"))
            case (.hadolint, _) where ConfigurationFormat.dlintKeys.contains(key):
                warnings.append(ConfigurationWarning(
                    path: path, line: keyNode.mark.line,
                    message: "'\(key)' is a dlint key, ignored in a hadolint configuration (see README, Configuration)"))
            default:
                warnings.append(ConfigurationWarning(path: path, line: keyNode.mark.line, message: "unknown key '\(key)' is ignored"))
            }
        }
        return configuration
    }

    /// Canonical codes from a list of spellings; unknown ones become warnings.
    private mutating func codes(in node: YAMLNode, key: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let sequence) = node else {
            if node.string == "" || node.isNull { return [] }
            throw invalid(node, "\(key) must be a list of rule codes")
        }
        return sequence.flatMap { resolve($0) }
    }

    /// The codes a spelling names (several for a group alias); unknown ones become warnings.
    private mutating func resolve(_ node: YAMLNode) -> [String] {
        let spelling = node.string ?? ""
        let codes = catalog.codes(for: spelling)
        if !codes.isEmpty { return codes }
        // A hadolint or BuildKit code for a rule dlint does not have: fine in a shared file. A
        // ShellCheck code is kept: it applies to what `--shellcheck` finds.
        if catalog.isForeignCode(spelling) { return spelling.uppercased().hasPrefix("SC") ? [spelling.uppercased()] : [] }
        warnings.append(ConfigurationWarning(path: path, line: node.mark.line, message: "unknown rule '\(spelling)' is ignored"))
        return []
    }

    private func strings(in node: YAMLNode, key: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let sequence) = node else { throw invalid(node, "\(key) must be a list") }
        return sequence.compactMap(\.string)
    }

    private func requireMapping(_ node: YAMLNode, key: String) throws(ConfigurationError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw invalid(node, "\(key) must be a mapping") }
        return mapping
    }

    private func invalid(_ node: YAMLNode, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: node.mark.line, message: message)
    }

    private static func value(of node: YAMLNode) -> ConfigValue {
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
}

/// hadolint's environment variables, read as hadolint reads them: lists are comma-separated,
/// flags are true when `1`, `y`, `yes`, `on` or `true` (any case). The command hands in the
/// variables; this reads only the `HADOLINT_` ones.
public enum HadolintEnvironment {
    /// The variables dlint reads, for documentation and tests.
    public static let names = [
        "HADOLINT_IGNORE", "HADOLINT_OVERRIDE_ERROR", "HADOLINT_OVERRIDE_WARNING", "HADOLINT_OVERRIDE_INFO",
        "HADOLINT_OVERRIDE_STYLE", "HADOLINT_FAILURE_THRESHOLD", "HADOLINT_NOFAIL", "HADOLINT_TRUSTED_REGISTRIES",
        "HADOLINT_ALLOWED_REGISTRIES", "HADOLINT_REQUIRE_LABELS", "HADOLINT_STRICT_LABELS",
        "HADOLINT_DISABLE_IGNORE_PRAGMA", "HADOLINT_FORMAT",
    ]

    /// The configuration the variables ask for; problems are warnings naming the variable.
    public static func configuration(_ environment: [String: String], catalog: RuleCatalog)
        -> (Configuration, [ConfigurationWarning]) {
        var configuration = Configuration()
        var warnings: [ConfigurationWarning] = []
        func warn(_ name: String, _ message: String) {
            warnings.append(ConfigurationWarning(path: name, line: nil, message: message))
        }
        func list(_ name: String) -> [String] {
            (environment[name] ?? "").split(separator: ",").map { item in
                String(item.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            }.filter { !$0.isEmpty }
        }
        func codes(_ name: String) -> [String] {
            list(name).flatMap { spelling -> [String] in
                let codes = catalog.codes(for: spelling)
                if codes.isEmpty && !catalog.isForeignCode(spelling) { warn(name, "unknown rule '\(spelling)' is ignored") }
                return codes
            }
        }
        func flag(_ name: String) -> Bool? {
            environment[name].map { ["1", "y", "yes", "on", "true"].contains($0.lowercased()) }
        }

        configuration.ignored.formUnion(codes("HADOLINT_IGNORE"))
        for severity in [Severity.error, .warning, .info, .style] {
            for code in codes("HADOLINT_OVERRIDE_\(severity.rawValue.uppercased())") { configuration.severities[code] = severity }
        }
        if let text = environment["HADOLINT_FAILURE_THRESHOLD"], !text.isEmpty {
            if let threshold = FailureThreshold(text) {
                configuration.failureThreshold = threshold
            } else {
                warn("HADOLINT_FAILURE_THRESHOLD", "unknown threshold '\(text)' is ignored (expected error, warning, info, style or none)")
            }
        }
        if flag("HADOLINT_NOFAIL") == true { configuration.failureThreshold = .never }
        let registries = list("HADOLINT_TRUSTED_REGISTRIES") + list("HADOLINT_ALLOWED_REGISTRIES")
        if !registries.isEmpty { configuration.settings.trustedRegistries = registries }
        for pair in list("HADOLINT_REQUIRE_LABELS") {
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = LabelType(rawValue: parts[1].lowercased()) else {
                warn("HADOLINT_REQUIRE_LABELS", "'\(pair)' is not LABEL:TYPE with a known type; ignored")
                continue
            }
            configuration.settings.labelSchema[parts[0]] = type
        }
        if let strict = flag("HADOLINT_STRICT_LABELS") { configuration.settings.strictLabels = strict }
        if flag("HADOLINT_DISABLE_IGNORE_PRAGMA") == true { configuration.honoursInlineIgnores = false }
        if let format = environment["HADOLINT_FORMAT"], !format.isEmpty { configuration.hadolintFormat = format }
        return (configuration, warnings)
    }
}
