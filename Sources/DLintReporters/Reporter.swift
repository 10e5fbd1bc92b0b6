import DLintCore

/// A report format: the linted files in, the text of the report out. Formats know diagnostics
/// and the rules' descriptors, never individual rules.
public protocol Reporter: Sendable {
    func render(_ reports: [FileReport]) throws -> String
}

/// A report written file by file, so that a run holds one window of files at a time, never all
/// of them. Formats whose beginning depends on every file (the list of files, totals, the rules
/// that fired) say so, and the writer holds what `add` returned until `finish` gives the beginning;
/// formats that number across files (SARIF's rule indexes, JUnit's totals) keep the findings and
/// their positions, never the files' text.
public protocol ReportStream: AnyObject {
    /// True when `finish`'s `beginning` goes before everything `add` returned.
    var beginningComesLast: Bool { get }
    /// The report's text for one more file, in input order.
    func add(_ report: FileReport) throws -> String
    /// `add`'s text appended to `output` as UTF-8, where the report's bytes are gathered.
    func add(_ report: FileReport, into output: inout [UInt8]) throws
    /// The text before everything `add` returned (empty unless `beginningComesLast`), and the end.
    func finish() throws -> (beginning: String, end: String)
}

extension ReportStream {
    public var beginningComesLast: Bool { false }

    public func add(_ report: FileReport, into output: inout [UInt8]) throws {
        output += try add(report).utf8
    }
}

/// A stream that writes its bytes straight into the report's buffer: the formats with a finding
/// per few hundred bytes, where building strings cost more than linting. It implements
/// `add(_:into:)`; `add` returns the same bytes as a string.
protocol BytesReportStream: ReportStream {}

extension BytesReportStream {
    public func add(_ report: FileReport) throws -> String {
        var output: [UInt8] = []
        try add(report, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

/// The whole report of a stream that cannot fail (the formats that write no XML).
func renderWhole(_ stream: any ReportStream, _ reports: [FileReport]) -> String {
    // These streams build strings only: nothing in them throws.
    var body = ""
    for report in reports { body += try! stream.add(report) }
    let (beginning, end) = try! stream.finish()
    return beginning + body + end
}

/// A format that can write its report file by file.
public protocol StreamingReporter: Reporter {
    func makeStream() -> any ReportStream
}

extension StreamingReporter {
    /// The whole report at once: the stream fed every file.
    public func render(_ reports: [FileReport]) throws -> String {
        let stream = makeStream()
        var body = ""
        for report in reports { body += try stream.add(report) }
        let (beginning, end) = try stream.finish()
        return beginning + body + end
    }
}

/// What every format may need besides the files: who is reporting, what the rules are, where
/// their pages are.
public struct ReportContext: Sendable {
    public let toolName: String
    public let toolVersion: String
    /// The rules that can appear in the report (the catalog's descriptors).
    public let rules: [RuleDescriptor]
    public let links: DocumentationLinks
    /// The absolute directory that relative paths are relative to; absolute paths below it are
    /// reported relative to it where a format wants relative paths (SARIF).
    public let sourceRoot: String?

    private let byCode: [String: RuleDescriptor]

    public init(toolName: String = "dlint", toolVersion: String, rules: [RuleDescriptor], links: DocumentationLinks = .dlint, sourceRoot: String? = nil) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.rules = rules
        self.links = links
        self.sourceRoot = sourceRoot
        var byCode: [String: RuleDescriptor] = [:]
        for rule in rules where byCode[rule.code] == nil { byCode[rule.code] = rule }
        self.byCode = byCode
    }

    /// The descriptor of `diagnostic`'s rule; one made from the diagnostic when the rule is unknown.
    public func descriptor(for diagnostic: Diagnostic) -> RuleDescriptor {
        byCode[diagnostic.code] ?? RuleDescriptor(code: diagnostic.code, name: diagnostic.name, severity: diagnostic.severity, summary: diagnostic.name)
    }
}

/// The formats `--format` accepts.
public enum OutputFormat: String, CaseIterable, Sendable {
    case tty
    case json
    case hadolintJSON = "hadolint-json"
    case junit
    case sarif
    case checkstyle
    case gnu
    case github
    case gitlab
    case sonarqube

    public func reporter(_ context: ReportContext, useColor: Bool = false) -> any StreamingReporter {
        switch self {
        case .tty: TTYReporter(useColor: useColor)
        case .json: JSONReporter(context: context)
        case .hadolintJSON: HadolintJSONReporter()
        case .junit: JUnitReporter(context: context)
        case .sarif: SARIFReporter(context: context)
        case .checkstyle: CheckstyleReporter(context: context)
        case .gnu: GNUReporter()
        case .github: GitHubReporter(context: context)
        case .gitlab: GitLabReporter(context: context)
        case .sonarqube: SonarQubeReporter(context: context)
        }
    }

    /// The usual file extension of the format's reports.
    public var fileExtension: String {
        switch self {
        case .tty, .gnu, .github: "txt"
        case .json, .hadolintJSON, .gitlab, .sonarqube: "json"
        case .junit, .checkstyle: "xml"
        case .sarif: "sarif"
        }
    }
}


/// A diagnostic's or an edit's range as positions: where it starts, the position just after it,
/// and the position of its last character (equal to `start` for an empty range).
struct Span: Sendable, Hashable {
    let start: SourceLocation
    let end: SourceLocation
    let last: SourceLocation

    init(_ range: Range<Int>, in tree: ReportText) {
        start = tree.location(of: range.lowerBound)
        end = range.isEmpty ? start : tree.location(of: range.upperBound)
        last = range.isEmpty ? start : tree.location(of: range.upperBound - 1)
    }
}

/// Text for formats that allow one line per finding: line breaks become spaces and other
/// control characters their visible pictures.
enum OneLine {
    static func text(_ value: String) -> String {
        // Asked of every finding's message and path: read the bytes in place when they are contiguous.
        var bytes = value
        guard bytes.withUTF8(containsControl) else { return value }
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: scalars.append(" ")
            default: scalars.append(picture(of: scalar) ?? scalar)
            }
        }
        return String(scalars)
    }

    /// Whether a byte is a control character (below 0x20, or DEL), eight bytes at a time: asked
    /// of every finding's message and path.
    static func containsControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            let word = EightBytes.load(bytes, at: index)
            if EightBytes.any(EightBytes.belowSpace(word) | EightBytes.equal(word, 0x7F)) { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] < 0x20 || bytes[index] == 0x7F { return true }
            index += 1
        }
        return false
    }

    /// The Unicode control picture (U+2400 block) that stands for a control character, or nil
    /// for any other character.
    static func picture(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)
        case 0x7F: "\u{2421}"
        default: nil
        }
    }
}

extension Severity {
    /// Whether the parser reported this code as an error (a file BuildKit would not build).
    static func isSyntaxError(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .error && SyntaxDiagnostic.Code(rawValue: diagnostic.code) != nil
    }
}
