/// Every code dlint can report, with the spellings that name each: rule codes, names,
/// hadolint codes and BuildKit check names, matched without regard to case.
public struct RuleCatalog: Sendable {
    public let descriptors: [RuleDescriptor]
    private let bySpelling: [String: String]

    public init(_ descriptors: [RuleDescriptor]) {
        self.descriptors = descriptors
        var bySpelling: [String: String] = [:]
        for descriptor in descriptors {
            for spelling in descriptor.spellings { bySpelling[spelling.lowercased()] = descriptor.code }
        }
        self.bySpelling = bySpelling
    }

    /// The canonical code for any spelling, or nil when nothing is called that.
    public func code(for spelling: String) -> String? {
        bySpelling[spelling.lowercased()]
    }

    /// True for a code of a tool whose suppression comments and configuration dlint reads, for a
    /// rule dlint does not have: any hadolint (`DL3008`) or ShellCheck (`SC2086`) code, or a
    /// BuildKit check name. Naming one suppresses nothing here, and is not a mistake either.
    public func isForeignCode(_ spelling: String) -> Bool {
        guard code(for: spelling) == nil else { return false }
        let characters = Array(spelling.uppercased())
        if characters.count == 6, ["DL", "SC"].contains(String(characters[0..<2])), characters[2...].allSatisfy(\.isNumber) { return true }
        return Self.buildKitCheckNames.contains(spelling)
    }

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

    /// The descriptors of the parser's own diagnostics and of the engine's.
    public static let builtIn: [RuleDescriptor] =
        SyntaxDiagnostic.Code.allCases.map { code in
            RuleDescriptor(code: code.rawValue, name: code.name, severity: code.severity, summary: code.summary, aliases: code.aliases)
        } + [EngineDiagnostics.unknownRuleCode]
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

    /// hadolint's codes for the checks the parser already makes, so that its suppressions and
    /// configurations name these.
    public var aliases: [String] {
        switch self {
        case .instructionBeforeFrom: ["DL3061"]
        case .invalidOnbuildTrigger: ["DL3043"]
        default: []
        }
    }
}
