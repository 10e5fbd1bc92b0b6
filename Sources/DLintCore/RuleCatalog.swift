/// Every code dlint can report, with the spellings that name each: rule codes, names,
/// hadolint codes and BuildKit check names, matched without regard to case.
public struct RuleCatalog: Sendable {
    public let descriptors: [RuleDescriptor]
    private let bySpelling: [String: String]
    /// Lower-cased group spelling → the codes of it that this catalog has, in the table's order.
    private let byGroupSpelling: [String: [String]]

    public init(_ descriptors: [RuleDescriptor]) {
        self.descriptors = descriptors
        var bySpelling: [String: String] = [:]
        for descriptor in descriptors {
            for spelling in descriptor.spellings { bySpelling[spelling.lowercased()] = descriptor.code }
        }
        self.bySpelling = bySpelling
        let known = Set(descriptors.map(\.code))
        var byGroupSpelling: [String: [String]] = [:]
        for (spelling, codes) in Self.groupAliases {
            let present = codes.filter(known.contains)
            if !present.isEmpty { byGroupSpelling[spelling.lowercased()] = present }
        }
        self.byGroupSpelling = byGroupSpelling
    }

    /// Spellings that name several rules at once: a BuildKit check that dlint splits into one rule
    /// per instruction, as hadolint does. Naming the group (in configuration, `--ignore`, a pragma
    /// or `# check=skip=`) names every rule of it.
    public static let groupAliases: [String: [String]] = [
        "MultipleInstructionsDisallowed": ["DL4003", "DL4004", "DL3012"],
        // ShellCheck's code for every bashism in sh before 0.7.2 split it into SC3001…SC3099;
        // configurations and pragmas written for older hadolint still name it.
        "SC2039": ["SC3003", "SC3009", "SC3010", "SC3014", "SC3036", "SC3037", "SC3040", "SC3043", "SC3046", "SC3057", "SC3060"],
    ]

    /// The canonical code for any spelling of one rule, or nil when no single rule is called that.
    public func code(for spelling: String) -> String? {
        bySpelling[spelling.lowercased()]
    }

    /// The codes a spelling names: one for a rule's own spelling, several for a group alias, none
    /// when nothing here is called that.
    public func codes(for spelling: String) -> [String] {
        if let code = code(for: spelling) { return [code] }
        return byGroupSpelling[spelling.lowercased()] ?? []
    }

    /// True for a code of a tool whose suppression comments and configuration dlint reads, for a
    /// rule dlint does not have: any hadolint (`DL3008`) or ShellCheck (`SC2086`) code, or a
    /// BuildKit check name. Naming one suppresses nothing here, and is not a mistake either.
    public func isForeignCode(_ spelling: String) -> Bool {
        guard codes(for: spelling).isEmpty else { return false }
        let characters = Array(spelling.uppercased())
        if characters.count == 6, ["DL", "SC"].contains(String(characters[0..<2])), characters[2...].allSatisfy(\.isNumber) { return true }
        return Self.buildKitCheckNames.contains(spelling)
    }

    /// What a spelling dlint has no rule for stands for, in a sentence for `dlint explain`; nil
    /// when it is not a code of another tool.
    public func foreignCodeDescription(_ spelling: String) -> String? {
        guard isForeignCode(spelling) else { return nil }
        let upper = spelling.uppercased()
        if upper.hasPrefix("SC") { return "\(upper) is a ShellCheck check that dlint does not implement yet" }
        if Self.removedHadolintCodes.contains(upper) { return "\(upper) was a hadolint rule; hadolint has removed it, and dlint does not have it" }
        if upper.hasPrefix("DL") { return "\(upper) is not a rule of hadolint 2.15 or of dlint; dlint accepts the name from a shared configuration" }
        return "\(spelling) is a BuildKit build check (docker build --check) that dlint does not implement yet"
    }

    /// hadolint codes whose rules hadolint has removed; configurations still name them.
    static let removedHadolintCodes: Set<String> = ["DL3005", "DL3017", "DL3031", "DL3039"]

    /// BuildKit's lint checks (`# check=skip=...`), from its rules documentation.
    static let buildKitCheckNames: Set<String> = [
        "StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing", "DuplicateStageName",
        "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom", "WorkdirRelativePath",
        "UndefinedVar", "MultipleInstructionsDisallowed", "LegacyKeyValueFormat", "RedundantTargetPlatform",
        "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed", "CopyIgnoredFile",
        "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat", "InvalidBaseImagePlatform",
    ]

    public func descriptor(for spelling: String) -> RuleDescriptor? {
        guard let code = code(for: spelling) else { return nil }
        return descriptors.first { $0.code == code }
    }

    /// The descriptors of the parser's own diagnostics, the engine's and the Compose and Bake
    /// checks' (`ProjectDiagnostics`).
    public static let builtIn: [RuleDescriptor] =
        SyntaxDiagnostic.Code.allCases.map { code in
            RuleDescriptor(code: code.rawValue, name: code.name, severity: code.severity, summary: code.summary, aliases: code.aliases)
        } + [EngineDiagnostics.unknownRuleCode] + ProjectDiagnostics.descriptors
}

/// Diagnostics the engine itself reports about a file.
public enum EngineDiagnostics {
    public static let unknownRuleCode = RuleDescriptor(
        code: "DX0012", name: "unknown-rule-code", severity: .warning,
        summary: "A suppression comment names a rule that does not exist"
    )
}

extension SyntaxDiagnostic.Code {
    public var summary: String {
        switch self {
        case .unknownInstruction: "An instruction keyword that is not in the Dockerfile reference"
        case .invalidArguments: "An instruction with missing or malformed arguments"
        case .unterminatedHeredoc: "A heredoc whose terminator line never comes"
        case .misplacedDirective: "A parser directive where BuildKit reads it as a plain comment"
        case .unknownDirective: "A directive-like comment at the top with a name BuildKit does not know"
        case .invalidDirective: "A repeated parser directive or an invalid escape character"
        case .instructionBeforeFrom: "An instruction other than ARG before the first FROM"
        case .noInstructions: "A file without instructions"
        case .emptyContinuationLine: "A blank line inside a continued instruction"
        case .continuationAtEndOfFile: "The file ends right after a line continuation"
        case .noBuildStage: "A file with instructions but no FROM"
        case .invalidOnbuildTrigger: "ONBUILD, FROM or MAINTAINER as the trigger of an ONBUILD"
        }
    }

    /// hadolint's codes and BuildKit's check names for the checks the parser already makes, so that
    /// their suppressions and configurations name these.
    public var aliases: [String] {
        switch self {
        case .instructionBeforeFrom: ["DL3061"]
        case .invalidOnbuildTrigger: ["DL3043"]
        case .emptyContinuationLine: ["NoEmptyContinuation"]
        default: []
        }
    }
}
