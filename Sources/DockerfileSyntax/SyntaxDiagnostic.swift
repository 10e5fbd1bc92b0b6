/// How serious a finding is, most serious first.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case error, warning, info, style

    /// Lower is more serious.
    public var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        case .style: 3
        }
    }

    /// `a < b` when `a` is less serious than `b`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank > rhs.rank }
}

/// A problem the parser found. The tree is still complete and prints back the input.
public struct SyntaxDiagnostic: Sendable, Hashable {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unknownInstruction = "DX0001"
        case invalidArguments = "DX0002"
        case unterminatedHeredoc = "DX0003"
        case misplacedDirective = "DX0004"
        case unknownDirective = "DX0005"
        case invalidDirective = "DX0006"
        case instructionBeforeFrom = "DX0007"
        case noInstructions = "DX0008"
        case emptyContinuationLine = "DX0009"
        case continuationAtEndOfFile = "DX0010"
        case noBuildStage = "DX0011"
        // DX0012 is the engine's unknown-rule-code.
        case invalidOnbuildTrigger = "DX0013"

        public var name: String {
            switch self {
            case .unknownInstruction: "unknown-instruction"
            case .invalidArguments: "invalid-arguments"
            case .unterminatedHeredoc: "unterminated-heredoc"
            case .misplacedDirective: "misplaced-directive"
            case .unknownDirective: "unknown-directive"
            case .invalidDirective: "invalid-directive"
            case .instructionBeforeFrom: "instruction-before-from"
            case .noInstructions: "no-instructions"
            case .noBuildStage: "no-build-stage"
            case .emptyContinuationLine: "empty-continuation-line"
            case .continuationAtEndOfFile: "continuation-at-end-of-file"
            case .invalidOnbuildTrigger: "invalid-onbuild-trigger"
            }
        }

        public var severity: Severity {
            switch self {
            case .misplacedDirective, .unknownDirective: .warning
            case .emptyContinuationLine, .continuationAtEndOfFile: .info
            default: .error
            }
        }
    }

    public let code: Code
    public let message: String
    public let range: Range<Int>

    public var severity: Severity { code.severity }

    public init(_ code: Code, _ message: String, at range: Range<Int>) {
        self.code = code
        self.message = message
        self.range = range
    }
}
