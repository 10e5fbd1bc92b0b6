import CLibXML2
import DLintCore
@testable import DLintReporters
import DLintRules
import Foundation
import Testing

/// Golden files live in Fixtures/expected/reports; `DLINT_UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("Fixtures/expected/reports")
    static var updating: Bool { ProcessInfo.processInfo.environment["DLINT_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path), "missing golden \(name): run with DLINT_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        #expect(actual == String(decoding: expected, as: UTF8.self), "\(name) differs from its golden file (DLINT_UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
    }
}

/// One multi-file report built by hand: findings with fixes (a replacement and an insertion), a
/// clean file, and a file with syntax errors, in a directory whose name needs URI escaping.
enum SampleReports {
    static let rules = RuleCatalog.builtIn + [
        RuleDescriptor(code: "DL3000", name: "absolute-workdir", severity: .error, summary: "Use absolute WORKDIR paths", aliases: ["WorkdirRelativePath"], fixable: true),
        RuleDescriptor(code: "DL3015", name: "apt-no-install-recommends", severity: .info, summary: "Avoid additional packages by specifying `--no-install-recommends`", fixable: true),
        RuleDescriptor(code: "DL3004", name: "no-sudo", severity: .warning, summary: "Do not use sudo"),
    ]

    static let context = ReportContext(toolVersion: "1.2.3", rules: rules, sourceRoot: "/work/project")

    static func parserDiagnostics(_ tree: SyntaxTree) -> [Diagnostic] {
        tree.diagnostics.map { Diagnostic(code: $0.code.rawValue, name: $0.code.name, severity: $0.severity, message: $0.message, range: $0.range) }
    }

    static var reports: [FileReport] {
        let text = "FROM alpine\nWORKDIR app\nRUN sudo apt-get install -y curl\n"
        let tree = SyntaxTree(parsing: text)
        let findings = FileReport(path: "app/Dockerfile", tree: tree, diagnostics: [
            Diagnostic(code: "DL3000", name: "absolute-workdir", severity: .error, message: "WORKDIR 'app' is relative: use an absolute path", range: 20..<23,
                       fix: Fix(title: "Make the path absolute: '/app'", applicability: .unsafe, edits: [TextEdit(range: 20..<23, replacement: "/app")])),
            Diagnostic(code: "DL3004", name: "no-sudo", severity: .warning, message: "Do not use \"sudo\" in RUN", range: 28..<32),
            Diagnostic(code: "DL3015", name: "apt-no-install-recommends", severity: .info, message: "Avoid additional packages: add `--no-install-recommends` & <keep> it small", range: 33..<47,
                       fix: Fix(title: "Add `--no-install-recommends`", applicability: .safe, edits: [TextEdit(range: 48..<48, replacement: "--no-install-recommends ")])),
        ])
        let clean = FileReport(path: "/work/project/clean/Dockerfile", tree: SyntaxTree(parsing: "FROM alpine\n"), diagnostics: [])
        let brokenTree = SyntaxTree(parsing: "FROM alpine\nRUNN echo hi\nCOPY one\n")
        let broken = FileReport(path: "./dir with space/broken.Dockerfile", tree: brokenTree, diagnostics: parserDiagnostics(brokenTree))
        return [findings, clean, broken]
    }
}

/// Parses XML with libxml2, strictly (no recovery, no network); nil when it is not well-formed.
final class ParsedXML {
    let document: xmlDocPtr

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "report.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            }
        }) else { return nil }
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    var root: xmlNodePtr? { xmlDocGetRootElement(document) }

    static func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var children: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
            child = current.pointee.next
        }
        return children
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { free(value) }
        return String(cString: value)
    }

    /// Validates against an XML Schema file; the number of validation errors (0 is valid).
    func validate(schema path: String) -> Int32 {
        guard let parserContext = xmlSchemaNewParserCtxt(path) else { return -1 }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { return -1 }
        defer { xmlSchemaFree(schema) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else { return -1 }
        defer { xmlSchemaFreeValidCtxt(validation) }
        return xmlSchemaValidateDoc(validation, document)
    }
}

@Suite("report formats")
struct ReportFormatTests {
    @Test("every format matches its golden file", arguments: OutputFormat.allCases)
    func golden(_ format: OutputFormat) throws {
        let output = try format.reporter(SampleReports.context).render(SampleReports.reports)
        try Golden.check(output, "reporters.\(format.rawValue).\(format.fileExtension)")
    }

    @Test("JUnit: well-formed, valid against the JUnit schema, counts agree with the test cases")
    func junitStructure() throws {
        let reports = SampleReports.reports
        let output = try JUnitReporter(context: SampleReports.context).render(reports)
        let xml = try #require(ParsedXML(output))
        #expect(xml.validate(schema: Golden.packageRoot.appendingPathComponent("Fixtures/schemas/junit.xsd").path) == 0)
        let root = try #require(xml.root)
        #expect(ParsedXML.name(root) == "testsuites")
        let suites = ParsedXML.elements(root)
        #expect(suites.map { ParsedXML.attribute($0, "name") } == reports.map(\.path))
        var totals = (tests: 0, failures: 0, errors: 0)
        for (suite, report) in zip(suites, reports) {
            let cases = ParsedXML.elements(suite)
            #expect(cases.allSatisfy { ParsedXML.name($0) == "testcase" && ParsedXML.attribute($0, "classname") == report.path })
            let failures = cases.flatMap(ParsedXML.elements).filter { ParsedXML.name($0) == "failure" }
            let errors = cases.flatMap(ParsedXML.elements).filter { ParsedXML.name($0) == "error" }
            #expect(ParsedXML.attribute(suite, "tests") == String(cases.count))
            #expect(ParsedXML.attribute(suite, "failures") == String(failures.count))
            #expect(ParsedXML.attribute(suite, "errors") == String(errors.count))
            totals = (totals.tests + cases.count, totals.failures + failures.count, totals.errors + errors.count)
            if report.diagnostics.isEmpty {
                #expect(cases.count == 1 && ParsedXML.elements(cases[0]).isEmpty, "a clean file is one passing test case")
                continue
            }
            #expect(cases.count == report.diagnostics.count)
            for (testcase, diagnostic) in zip(cases, report.diagnostics) {
                let start = report.text.location(of: diagnostic.range.lowerBound)
                #expect(ParsedXML.attribute(testcase, "name") == "\(diagnostic.code) \(start.line):\(start.column)")
                let outcome = try #require(ParsedXML.elements(testcase).first)
                #expect(ParsedXML.name(outcome) == (report.path.contains("broken") ? "error" : "failure"))
                #expect(ParsedXML.attribute(outcome, "message") == diagnostic.message)
                #expect(ParsedXML.attribute(outcome, "type") == diagnostic.severity.rawValue)
                let text = ParsedXML.text(outcome)
                #expect(text.contains("\(report.path):\(start.line):\(start.column)"))
                #expect(text.contains(diagnostic.name))
                #expect(text.contains(DocumentationLinks.dlint.rulePage(diagnostic.code)))
            }
        }
        #expect(ParsedXML.attribute(root, "tests") == String(totals.tests))
        #expect(ParsedXML.attribute(root, "failures") == String(totals.failures))
        #expect(ParsedXML.attribute(root, "errors") == String(totals.errors))
    }

    @Test("SARIF: driver, rules and every result field code scanning needs")
    func sarifFields() throws {
        let reports = SampleReports.reports
        let output = SARIFReporter(context: SampleReports.context).render(reports)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        #expect((json["$schema"] as? String)?.hasPrefix("https://") == true)
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dlint")
        #expect(driver["version"] as? String == "1.2.3")
        #expect(driver["informationUri"] as? String == DocumentationLinks.dlint.homepage)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let codes = Set(reports.flatMap(\.diagnostics).map(\.code))
        #expect(rules.map { $0["id"] as? String } == codes.sorted())
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let descriptor = try #require(SampleReports.rules.first { $0.code == id })
            #expect(rule["name"] as? String == descriptor.name)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == descriptor.summary)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let expectedHelp = id.hasPrefix("DX00")
                ? "https://github.com/dlint-project/dlint#syntax-diagnostics"
                : "https://github.com/dlint-project/dlint/blob/main/rules/\(id).md"
            #expect(rule["helpUri"] as? String == expectedHelp)
            #expect(["error", "warning", "note"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? ""))
        }
        let results = try #require(run["results"] as? [[String: Any]])
        let diagnostics = reports.flatMap { report in report.diagnostics.map { (report, $0) } }
        #expect(results.count == diagnostics.count)
        for (result, (report, diagnostic)) in zip(results, diagnostics) {
            #expect(result["ruleId"] as? String == diagnostic.code)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == diagnostic.code)
            #expect(result["level"] as? String == SARIFReporter.level(diagnostic.severity))
            #expect((result["message"] as? [String: Any])?["text"] as? String == diagnostic.message)
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains(":") && !uri.contains(" ") && !uri.hasPrefix("./"))
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let region = try #require(physical["region"] as? [String: Any])
            let start = report.text.location(of: diagnostic.range.lowerBound)
            let end = report.text.location(of: diagnostic.range.upperBound)
            #expect(region["startLine"] as? Int == start.line)
            #expect(region["startColumn"] as? Int == start.column)
            #expect(region["endLine"] as? Int == end.line)
            #expect(region["endColumn"] as? Int == end.column)
            let fixes = result["fixes"] as? [[String: Any]]
            #expect((fixes != nil) == (diagnostic.fix != nil))
            if let fix = diagnostic.fix, let sarifFix = fixes?.first {
                #expect((sarifFix["description"] as? [String: Any])?["text"] as? String == fix.title)
                let change = try #require((sarifFix["artifactChanges"] as? [[String: Any]])?.first)
                #expect((change["artifactLocation"] as? [String: Any])?["uri"] as? String == uri)
                let replacements = try #require(change["replacements"] as? [[String: Any]])
                #expect(replacements.count == fix.edits.count)
                for (replacement, edit) in zip(replacements, fix.edits) {
                    let deleted = try #require(replacement["deletedRegion"] as? [String: Any])
                    #expect(deleted["startLine"] as? Int == report.text.location(of: edit.range.lowerBound).line)
                    #expect(deleted["endColumn"] as? Int == report.text.location(of: edit.range.upperBound).column)
                    #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == edit.replacement)
                }
            }
        }
        let uris = results.compactMap { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String } }
        #expect(Set(uris) == ["app/Dockerfile", "dir%20with%20space/broken.Dockerfile"])
    }

    @Test("GitLab fingerprints are stable across runs and distinct per finding")
    func gitlabFingerprints() throws {
        let first = GitLabReporter(context: SampleReports.context).render(SampleReports.reports)
        let second = GitLabReporter(context: SampleReports.context).render(SampleReports.reports)
        #expect(first == second)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [[String: Any]])
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints.count == issues.count && Set(fingerprints).count == fingerprints.count)
        #expect(SHA256Hasher.hex(SHA256Hasher.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(SHA256Hasher.digest([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

@Suite("report formats: paths that are not UTF-8")
struct EscapedBytesReportTests {
    @Test("SARIF percent-encodes the byte a carried path holds, not its \\xE9 spelling; JSON shows \\xE9")
    func sarifURIOfALatin1Path() throws {
        let latin1 = EscapedBytes.string(of: Array("caf".utf8) + [0xE9] + Array(" x/Dockerfile".utf8))
        #expect(ReportPaths.uriEncoded(latin1) == "caf%E9%20x/Dockerfile")
        #expect(ReportPaths.uriEncoded("café") == "caf%C3%A9", "UTF-8 stays UTF-8")
        let result = RuleRegistry.linter.lint(Array("FROM alpine:3.19\nMAINTAINER me\n".utf8))
        let report = FileReport(path: latin1, tree: result.tree, diagnostics: result.diagnostics)
        let sarif = try OutputFormat.sarif.reporter(SampleReports.context).render([report])
        #expect(sarif.contains("\"uri\": \"caf%E9%20x/Dockerfile\""), "\(sarif)")
        #expect(!sarif.contains("%5Cx"))
        #expect(EscapedBytes.reported(latin1) == "caf\\xE9 x/Dockerfile")
    }
}

@Suite("report formats: hostile text")
struct HostileTextTests {
    /// `]]>`, `&`, quotes, `<`, control bytes (NUL, ESC, DEL, vertical tab, form feed) and invalid
    /// UTF-8 in the file, in the messages, in a fix and in the path.
    static let source: [UInt8] = Array("FROM alpine\nRUNN]]>&\"'<".utf8) + [0x01, 0x1B, 0x7F, 0xFF, 0xFE, 0xC3, 0x28]
        + Array(" x\nWORKDIR ]]>&\"<".utf8) + [0x0B, 0x0C, 0xFF, 0x00] + Array("x\r\nLABEL a=\"]]>\"\n".utf8)

    static var reports: [FileReport] {
        let result = RuleRegistry.linter.lint(source)
        let hostile = "]]> & \" ' < > \u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}[31m\u{7F}\u{FFFE}\u{FFFF}\u{FFFD} %0A :,\r\n::error::x"
        var diagnostics = result.diagnostics
        diagnostics.append(Diagnostic(code: "DX9999", name: "hostile", severity: .style, message: hostile, range: 12..<30,
                                      fix: Fix(title: hostile, applicability: .safe, edits: [TextEdit(range: 12..<16, replacement: hostile)])))
        return [FileReport(path: "we<ird&\"/Dock]]>\u{1}file", tree: result.tree, diagnostics: diagnostics)]
    }

    @Test("every format gives well-formed output", arguments: OutputFormat.allCases)
    func wellFormed(_ format: OutputFormat) throws {
        let reports = Self.reports
        let count = reports[0].diagnostics.count
        #expect(count >= 3, "the parser, a rule and the hand-made finding each report")
        let output = try format.reporter(SampleReports.context).render(reports)
        switch format {
        case .junit, .checkstyle:
            let xml = try #require(ParsedXML(output), "not well-formed XML:\n\(output)")
            if format == .junit {
                #expect(xml.validate(schema: Golden.packageRoot.appendingPathComponent("Fixtures/schemas/junit.xsd").path) == 0)
            }
        case .json, .hadolintJSON, .sarif, .gitlab, .sonarqube:
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(output.utf8)) }
        case .gnu, .github:
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == count)
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F })
            if format == .github {
                #expect(lines.allSatisfy { line in
                    // `::command properties::message`: the properties hold no `:` or `,` of their own.
                    let parts = line.components(separatedBy: "::")
                    let properties = parts.count >= 3 ? parts[1].split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" : ":"
                    return line.hasPrefix("::") && properties.split(separator: ",").allSatisfy { $0.split(separator: "=").count == 2 && !$0.contains(":") }
                })
            }
        case .tty:
            #expect(!output.contains("\u{1B}"))
        }
    }
}
