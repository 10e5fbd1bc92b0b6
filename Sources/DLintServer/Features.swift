import DLintCore
import DLintReporters

/// LSP diagnostics from dlint's: exact ranges in UTF-16 positions, the rule's code and page.
enum DiagnosticConversion {
    static func json(_ diagnostic: Diagnostic, in document: TextDocument, links: DocumentationLinks) -> JSONValue {
        [
            "range": document.range(of: diagnostic.range).json,
            "severity": .integer(severity(diagnostic.severity)),
            "code": .string(diagnostic.code),
            "codeDescription": ["href": .string(links.rulePage(diagnostic.code))],
            "source": "dlint",
            "message": .string(diagnostic.message),
        ]
    }

    /// dlint's four levels onto LSP's four: style findings are hints.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .info: 3
        case .style: 4
        }
    }
}

/// `textDocument/hover` over a finding: the rule, its page's summary and a link to the page.
enum HoverContent {
    static func hover(at position: LSPPosition, document: TextDocument, diagnostics: [Diagnostic], catalog: RuleCatalog,
                      page: (String) -> String?, links: DocumentationLinks, markdown: Bool) -> JSONValue {
        let offset = document.offset(of: position)
        let hits = diagnostics.filter { $0.range.contains(offset) || ($0.range.isEmpty && $0.range.lowerBound == offset) }
        guard let first = hits.first else { return .null }
        var seen: Set<String> = []
        var sections: [String] = []
        for diagnostic in hits where seen.insert(diagnostic.code).inserted {
            let summary = summary(of: diagnostic.code, page: page(diagnostic.code), catalog: catalog)
            let href = links.rulePage(diagnostic.code)
            sections.append(markdown
                ? "**\(diagnostic.code)** `\(diagnostic.name)` (\(diagnostic.severity.rawValue))\n\n\(summary)\n\n[\(diagnostic.code) rule page](\(href))"
                : "\(diagnostic.code) \(diagnostic.name) (\(diagnostic.severity.rawValue))\n\n\(summary)\n\n\(href)")
        }
        let range = hits.dropFirst().reduce(first.range) { min($0.lowerBound, $1.range.lowerBound)..<max($0.upperBound, $1.range.upperBound) }
        return [
            "contents": ["kind": markdown ? "markdown" : "plaintext", "value": .string(sections.joined(separator: markdown ? "\n\n---\n\n" : "\n\n"))],
            "range": document.range(of: range).json,
        ]
    }

    /// The paragraph right after a page's table (the page's summary), or the rule's one-line summary.
    static func summary(of code: String, page: String?, catalog: RuleCatalog) -> String {
        if let page {
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
            if let tableEnd = lines.lastIndex(where: { $0.hasPrefix("|") }) {
                let paragraph = lines[(tableEnd + 1)...].drop { $0.allSatisfy { $0 == " " } }
                    .prefix { !$0.allSatisfy { $0 == " " } && !$0.hasPrefix("#") }
                if !paragraph.isEmpty { return paragraph.joined(separator: " ") }
            }
        }
        if let descriptor = catalog.descriptor(for: code) { return descriptor.summary + "." }
        return ""
    }
}

/// What a code action request needs, captured so that the actions can be worked out off the
/// thread that reads messages.
struct CodeActionRequest: Sendable {
    let uri: String
    let version: Int?
    let document: TextDocument
    let result: LintResult
    let configuration: Configuration
    let range: LSPRange
    /// `context.only`: nil for every kind.
    let only: [String]?
    let versionedEdits: Bool
    let links: DocumentationLinks

    static let quickFix = "quickfix"
    static let fixAll = "source.fixAll.dlint"

    /// Re-lints done to check that an ignore comment silences its finding, at most.
    static let maximumIgnoreChecks = 16

    func actions(linter: Linter) -> JSONValue {
        var actions: [JSONValue] = []
        if wants(Self.quickFix) {
            let requested = document.byteRange(of: range)
            var checkedIgnores: [TextEdit: Bool] = [:]
            for diagnostic in result.diagnostics where Self.touches(diagnostic.range, requested) {
                let lspDiagnostic = DiagnosticConversion.json(diagnostic, in: document, links: links)
                if let fix = diagnostic.fix, !fix.edits.isEmpty {
                    let safe = fix.applicability == .safe
                    actions.append([
                        "title": .string(safe ? fix.title : "\(fix.title) (unsafe fix)"),
                        "kind": .string(Self.quickFix),
                        "diagnostics": [lspDiagnostic],
                        "isPreferred": .bool(safe),
                        "edit": workspaceEdit(fix.edits.map { edit(replacing: $0.range, with: $0.replacement) }),
                    ])
                }
                guard let ignore = ignoreEdit(for: diagnostic) else { continue }
                // Some findings are about the whole file (a missing `# syntax=` line): a comment
                // above an instruction would not silence them, so the action is offered only
                // once a lint of the edited text shows that it does.
                if checkedIgnores[ignore] == nil {
                    guard checkedIgnores.count < Self.maximumIgnoreChecks else { continue }
                    checkedIgnores[ignore] = silences(ignore, diagnostic, linter: linter)
                }
                if checkedIgnores[ignore] == true {
                    actions.append([
                        "title": .string("Ignore \(diagnostic.code) for this instruction"),
                        "kind": .string(Self.quickFix),
                        "diagnostics": [lspDiagnostic],
                        "edit": workspaceEdit([edit(replacing: ignore.range, with: ignore.replacement)]),
                    ])
                }
            }
        }
        if wants(Self.fixAll), result.diagnostics.contains(where: { $0.fix?.applicability == .safe }) {
            let outcome = Rewriter(linter: linter).fix(document.bytes, configuration: configuration, applying: [.safe])
            if outcome.changed {
                actions.append([
                    "title": "Fix all safe problems",
                    "kind": .string(Self.fixAll),
                    "edit": workspaceEdit([Self.minimalEdit(from: document, to: outcome.fixed)]),
                ])
            }
        }
        return .array(actions)
    }

    /// LSP's rule: a kind is wanted when `only` names it or a kind it is under (`source.fixAll`).
    func wants(_ kind: String) -> Bool {
        guard let only else { return true }
        return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }

    /// Touching counts: a cursor at the very end of a finding still offers its fix.
    static func touches(_ finding: Range<Int>, _ requested: Range<Int>) -> Bool {
        finding.lowerBound <= requested.upperBound && requested.lowerBound <= finding.upperBound
    }

    func edit(replacing range: Range<Int>, with text: String) -> JSONValue {
        ["range": document.range(of: range).json, "newText": .string(text)]
    }

    func workspaceEdit(_ edits: [JSONValue]) -> JSONValue {
        if versionedEdits {
            return ["documentChanges": [["textDocument": ["uri": .string(uri), "version": version.map(JSONValue.integer) ?? .null], "edits": .array(edits)]]]
        }
        return ["changes": [uri: .array(edits)]]
    }

    /// `# dlint ignore=CODE` on a line of its own above the instruction holding the finding, with
    /// the instruction's indentation and the file's line ending; or `,CODE` added to such a
    /// comment already there. Nil for a finding outside every instruction.
    func ignoreEdit(for diagnostic: Diagnostic) -> TextEdit? {
        let tree = result.tree
        guard diagnostic.code != EngineDiagnostics.unknownRuleCode.code,
              let instruction = tree.instructions.first(where: { $0.fullRange.contains(diagnostic.range.lowerBound) || $0.range.lowerBound == diagnostic.range.lowerBound })
        else { return nil }
        let line = document.line(containing: instruction.range.lowerBound)
        let lineStart = document.lineStart(line)
        if line > 0, let comment = Suppressions.pragmaComments(in: tree).first(where: { comment in
            !comment.isGlobal && comment.tool.lowercased() == "dlint" && document.line(containing: comment.range.lowerBound) == line - 1
        }), let last = comment.codes.last {
            let text = tree.text(of: comment.range)
            if comment.codes.contains(where: { $0.equalsIgnoringCase(diagnostic.code) }) { return nil }
            if let equals = text.firstIndex(of: "="), let lastCode = text[equals...].firstRange(of: last) {
                let offset = comment.range.lowerBound + text.utf8.distance(from: text.startIndex, to: lastCode.upperBound)
                return TextEdit(range: offset..<offset, replacement: "," + diagnostic.code)
            }
        }
        let indentation = document.bytes[lineStart..<instruction.range.lowerBound]
        let indent = indentation.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) ? String(decoding: indentation, as: UTF8.self) : ""
        let ending = document.lineEnding(ofLine: line) ?? (line > 0 ? document.lineEnding(ofLine: line - 1) : nil) ?? "\n"
        return TextEdit(range: lineStart..<lineStart, replacement: "\(indent)# dlint ignore=\(diagnostic.code)\(ending)")
    }

    /// Whether the text with `ignore` applied reports fewer findings of the diagnostic's rule.
    func silences(_ ignore: TextEdit, _ diagnostic: Diagnostic, linter: Linter) -> Bool {
        let before = result.diagnostics.count { $0.code == diagnostic.code }
        let after = linter.lint(Rewriter.apply([ignore], to: document.bytes), configuration: configuration).diagnostics.count { $0.code == diagnostic.code }
        return after < before
    }

    /// One edit replacing only the bytes between the common start and the common end.
    static func minimalEdit(from document: TextDocument, to fixed: [UInt8]) -> JSONValue {
        let old = document.bytes
        var prefix = 0
        while prefix < old.count, prefix < fixed.count, old[prefix] == fixed[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < fixed.count - prefix, old[old.count - 1 - suffix] == fixed[fixed.count - 1 - suffix] { suffix += 1 }
        // Never split a UTF-8 sequence: widen to whole characters.
        while prefix > 0, (prefix < old.count && old[prefix] & 0xC0 == 0x80) || (prefix < fixed.count && fixed[prefix] & 0xC0 == 0x80) { prefix -= 1 }
        while suffix > 0, old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
        let replacement = String(decoding: fixed[prefix..<(fixed.count - suffix)], as: UTF8.self)
        return ["range": document.range(of: prefix..<(old.count - suffix)).json, "newText": .string(replacement)]
    }
}

private extension StringProtocol {
    func equalsIgnoringCase(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
