/// What a rule is, apart from what it checks: its stable code, its name and the other
/// spellings users may know it by.
public struct RuleDescriptor: Sendable, Hashable {
    /// The fields, in one shared box: every rule stores its descriptor, and rules are copied
    /// whenever a closure of theirs is (for every command some walk visits), so a copy is one
    /// reference instead of four strings and an array.
    private final class Storage: Sendable {
        let code: String
        let name: String
        let severity: Severity
        let summary: String
        let aliases: [String]
        let fixable: Bool
        let enabledByDefault: Bool

        init(code: String, name: String, severity: Severity, summary: String, aliases: [String], fixable: Bool, enabledByDefault: Bool) {
            self.code = code
            self.name = name
            self.severity = severity
            self.summary = summary
            self.aliases = aliases
            self.fixable = fixable
            self.enabledByDefault = enabledByDefault
        }
    }

    private let storage: Storage

    /// Stable forever: hadolint's code where the meaning is the same (`DL3000`), else `DX` + digits.
    public var code: String { storage.code }
    /// Kebab-case name, e.g. `absolute-workdir`.
    public var name: String { storage.name }
    public var severity: Severity { storage.severity }
    /// One line, sentence case, no final period.
    public var summary: String { storage.summary }
    /// Other spellings accepted wherever a code is: BuildKit check names, former codes.
    public var aliases: [String] { storage.aliases }
    /// True when the rule offers fixes.
    public var fixable: Bool { storage.fixable }
    /// False for a rule that runs only when the configuration names it (`enable:`, a severity for
    /// it through `severity:` or hadolint's `override:`, or options under `rules:`) or a
    /// `# check=experimental=` directive does. hadolint's rules of severity `ignore` (DL1001,
    /// DL3057) and BuildKit's experimental checks are of this kind.
    public var enabledByDefault: Bool { storage.enabledByDefault }

    public init(
        code: String, name: String, severity: Severity, summary: String, aliases: [String] = [], fixable: Bool = false,
        enabledByDefault: Bool = true
    ) {
        storage = Storage(
            code: code, name: name, severity: severity, summary: summary, aliases: aliases, fixable: fixable,
            enabledByDefault: enabledByDefault
        )
    }

    /// Equal when every field is, as the synthesized conformance was.
    public static func == (lhs: RuleDescriptor, rhs: RuleDescriptor) -> Bool {
        lhs.storage === rhs.storage || (lhs.code == rhs.code && lhs.name == rhs.name && lhs.severity == rhs.severity
            && lhs.summary == rhs.summary && lhs.aliases == rhs.aliases && lhs.fixable == rhs.fixable
            && lhs.enabledByDefault == rhs.enabledByDefault)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(name)
        hasher.combine(severity)
        hasher.combine(summary)
        hasher.combine(aliases)
        hasher.combine(fixable)
        hasher.combine(enabledByDefault)
    }

    /// Every spelling that names this rule.
    public var spellings: [String] { [code, name] + aliases }
}

/// A check. Rules are small value types; each looks at the semantic model and returns findings.
public protocol Rule: Sendable {
    var descriptor: RuleDescriptor { get }
    func check(_ context: RuleContext) -> [Finding]
}

/// What a rule sees: the model of the file and the options configured for it.
public struct RuleContext: Sendable {
    /// What every rule of one file sees alike, in one box made once per file: the linter makes a
    /// context for each rule, and that is then two references, not a model and a dozen settings.
    final class FileContext: Sendable {
        let model: DockerfileModel
        let settings: LintSettings

        init(model: DockerfileModel, settings: LintSettings) {
            self.model = model
            self.settings = settings
        }
    }

    private let file: FileContext
    public let options: RuleOptions

    public var model: DockerfileModel { file.model }
    public var settings: LintSettings { file.settings }
    public var tree: SyntaxTree { model.tree }

    public init(model: DockerfileModel, options: RuleOptions, settings: LintSettings) {
        self.init(file: FileContext(model: model, settings: settings), options: options)
    }

    init(file: FileContext, options: RuleOptions) {
        self.file = file
        self.options = options
    }
}

/// Settings that several rules share (hadolint's top-level configuration keys).
public struct LintSettings: Sendable, Hashable {
    /// Registries images may come from; empty means any.
    public var trustedRegistries: [String]
    /// hadolint's `label-schema`: labels every image must carry, with the type of their value.
    public var labelSchema: [String: LabelType]
    /// hadolint's `strict-labels`: labels outside `labelSchema` are reported.
    public var strictLabels: Bool
    /// The `.dockerignore` of the build context (or `NAME.dockerignore` beside `NAME`), read by the
    /// caller; nil when there is none.
    public var dockerIgnore: DockerIgnore?
    /// The `--build-arg` values of the build that uses the file (a Compose service's or Bake
    /// target's `args`); they replace ARG defaults in the model. Empty for a plain lint.
    public var buildArguments: [String: VariableScope.Value]
    /// The stage the build targets; nil builds the last stage.
    public var target: String?
    /// Named build contexts the build declares (Compose `additional_contexts`, Bake `contexts`):
    /// a `COPY --from` or `FROM` of one of these names is no unknown stage.
    public var namedContexts: Set<String>
    /// The build context's listing and ignore file, read by the caller (the CLI, for a Dockerfile's
    /// directory, `--context DIR`, or a Compose/Bake build's context); nil when unknown, and then
    /// the rules about the context's contents say nothing.
    public var buildContext: BuildContext?

    public init(trustedRegistries: [String] = [], labelSchema: [String: LabelType] = [:], strictLabels: Bool = false,
                dockerIgnore: DockerIgnore? = nil, buildArguments: [String: VariableScope.Value] = [:], target: String? = nil,
                namedContexts: Set<String> = [], buildContext: BuildContext? = nil) {
        self.trustedRegistries = trustedRegistries
        self.labelSchema = labelSchema
        self.strictLabels = strictLabels
        self.dockerIgnore = dockerIgnore ?? buildContext?.ignore
        self.buildArguments = buildArguments
        self.target = target
        self.namedContexts = namedContexts
        self.buildContext = buildContext
    }

    /// The ignore file in effect: the context's, else the one given alone.
    public var effectiveDockerIgnore: DockerIgnore? { buildContext?.ignore ?? dockerIgnore }
}

/// A value from a configuration file, independent of the YAML library.
public enum ConfigValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([ConfigValue])
    case map([String: ConfigValue])
}

/// Options configured for one rule (`rules: { CODE: { key: value } }`).
public struct RuleOptions: Sendable, Hashable {
    public var values: [String: ConfigValue]

    public init(_ values: [String: ConfigValue] = [:]) {
        self.values = values
    }

    public func integer(_ key: String) -> Int? {
        switch values[key] {
        case .integer(let value): value
        case .string(let text): Int(text)
        default: nil
        }
    }

    public func string(_ key: String) -> String? {
        switch values[key] {
        case .string(let value): value
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        default: nil
        }
    }

    public func boolean(_ key: String) -> Bool? {
        if case .boolean(let value) = values[key] { return value }
        return nil
    }

    public func strings(_ key: String) -> [String]? {
        switch values[key] {
        case .list(let items): items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        case .string(let value): [value]
        default: nil
        }
    }
}
