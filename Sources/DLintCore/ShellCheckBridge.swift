// `--shellcheck`: the RUN scripts as the real ShellCheck is given them, and its findings mapped
// back to exact file positions. Pure values in and out; the `dlint` command writes the scripts
// to files, runs the program once per dialect for all of them, and decodes its JSON.

/// One RUN script, as a file for ShellCheck to read.
public struct ShellCheckScript: Sendable {
    /// ShellCheck's `--shell` for it (`sh`, `dash`, `busybox`, `bash`, `ksh`).
    public let shell: String
    /// The file's text: the script, with `export NAME=1` lines for the ARG and ENV variables
    /// the RUN sees (after the shebang line, if any), as hadolint does, so ShellCheck does not
    /// call them unassigned.
    public let text: [UInt8]
    let source: ShellScriptSource
    /// The script, then for a RUN line that opens heredocs, a line break and the heredocs as
    /// the file has them (bodies and delimiter lines), so ShellCheck sees them closed.
    let body: [UInt8]
    /// Where the heredocs start in `body`, and in the file.
    let tail: (bodyStart: Int, fileStart: Int)?
    /// The 0-based line before which the variable lines were put, and how many there are.
    let headerLine: Int
    let headerLineCount: Int
    /// Where each line of `body` (0-based) starts.
    let lineStarts: [Int]

    init(shell: String, source: ShellScriptSource, variables: [String], heredocs: (bytes: ArraySlice<UInt8>, fileStart: Int)? = nil) {
        self.shell = shell
        self.source = source
        var body = source.text
        if let heredocs {
            body.append(0x0A)
            self.tail = (body.count, heredocs.fileStart)
            body += heredocs.bytes
        } else {
            self.tail = nil
        }
        self.body = body
        var starts = [0]
        for (index, byte) in body.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
        let hasShebang = body.starts(with: [UInt8(ascii: "#"), UInt8(ascii: "!")])
        let header = variables.map { "export \($0)=1\n" }.joined()
        let split = hasShebang ? (starts.count > 1 ? starts[1] : body.count) : 0
        var text = Array(body[..<split])
        if hasShebang, split == body.count, text.last != 0x0A { text.append(0x0A) }
        text += Array(header.utf8)
        text += body[split...]
        self.text = text
        self.headerLine = hasShebang ? 1 : 0
        self.headerLineCount = variables.count
    }

    /// The file byte range of a ShellCheck position range (1-based lines, 1-based columns counting
    /// characters, as `--format=json1` gives them); nil inside the variable lines.
    public func fileRange(line: Int, column: Int, endLine: Int, endColumn: Int) -> Range<Int>? {
        guard let start = bodyOffset(line: line, column: column) else { return nil }
        let end = max(start, bodyOffset(line: endLine, column: endColumn) ?? start)
        if let tail, end > tail.bodyStart {
            let fileEnd = tail.fileStart + end - tail.bodyStart
            guard start >= tail.bodyStart else { return source.fileRange(of: start..<start).lowerBound..<fileEnd }
            return (tail.fileStart + start - tail.bodyStart)..<fileEnd
        }
        return source.fileRange(of: start..<min(end, source.text.count))
    }

    private func bodyOffset(line: Int, column: Int) -> Int? {
        var index = line - 1
        if index >= headerLine {
            guard index >= headerLine + headerLineCount else { return nil }
            index -= headerLineCount
        }
        guard index >= 0, index < lineStarts.count else { return nil }
        let lineStart = lineStarts[index]
        let lineEnd = index + 1 < lineStarts.count ? lineStarts[index + 1] : body.count
        // Columns count characters: step over UTF-8 continuation bytes.
        var offset = lineStart
        var remaining = max(column - 1, 0)
        while remaining > 0, offset < lineEnd {
            offset += 1
            while offset < lineEnd, body[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }
}

/// One finding of ShellCheck's `--format=json1` output.
public struct ShellCheckComment: Sendable, Hashable {
    public let line: Int
    public let column: Int
    public let endLine: Int
    public let endColumn: Int
    /// `error`, `warning`, `info` or `style`.
    public let level: String
    public let code: Int
    public let message: String

    public init(line: Int, column: Int, endLine: Int, endColumn: Int, level: String, code: Int, message: String) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.level = level
        self.code = code
        self.message = message
    }

    /// ShellCheck's levels are dlint's severities (hadolint maps them the same way).
    public var severity: Severity { Severity(rawValue: level) ?? .error }
}

extension DockerfileModel {
    /// The scripts ShellCheck can read: every RUN script whose dialect it knows (sh, dash,
    /// BusyBox, bash, ksh), heredocs and exec-form `sh -c` strings included.
    public var shellCheckScripts: [ShellCheckScript] {
        var result: [ShellCheckScript] = []
        for run in runs {
            let variables = Set(run.state.variables.values.keys).union(Self.proxyVariables).filter(Self.isShellName).sorted()
            for (index, script) in run.scripts.enumerated() {
                guard let shell = script.dialect.shellCheckName else { continue }
                // `RUN <<EOF` alone: BuildKit runs the heredocs, which are scripts of their own.
                if index == 0, !run.instruction.heredocs.isEmpty,
                   script.simpleCommands.allSatisfy({ $0.words.isEmpty && $0.assignments.isEmpty }) { continue }
                var heredocs: (bytes: ArraySlice<UInt8>, fileStart: Int)?
                if index == 0, !script.isJSONString, let first = run.instruction.heredocs.first {
                    let start = first.bodyRange.lowerBound
                    heredocs = (tree.source[start..<max(start, run.instruction.fullRange.upperBound)], start)
                }
                result.append(ShellCheckScript(shell: shell, source: script, variables: variables, heredocs: heredocs))
            }
        }
        return result
    }

    /// BuildKit's predefined proxy ARGs, set without a declaration (hadolint defines them too).
    private static let proxyVariables: Set<String> = [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    ]

    private static func isShellName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

extension LintResult {
    /// This result with ShellCheck's findings for its scripts added: each at its file position,
    /// under its `SC` code, unless a native check already reported the same code there, the
    /// configuration ignores the code, or a pragma (`# hadolint ignore=SC2086`) suppresses it.
    /// Severities configured for the code apply.
    public func adding(
        shellCheck findings: [(script: ShellCheckScript, comment: ShellCheckComment)], configuration: Configuration, catalog: RuleCatalog
    ) -> LintResult {
        let suppressions = configuration.honoursInlineIgnores ? Suppressions(tree: tree, catalog: catalog) : nil
        var added: [Diagnostic] = []
        var seen: Set<String> = []
        for (script, comment) in findings {
            let code = "SC\(comment.code)"
            guard let range = script.fileRange(line: comment.line, column: comment.column, endLine: comment.endLine, endColumn: comment.endColumn),
                  !configuration.ignored.contains(code) else { continue }
            if let suppressions, suppressions.suppresses(code, at: range.lowerBound, in: tree) { continue }
            let native = diagnostics.contains { existing in
                existing.code == code && (existing.range.contains(range.lowerBound) || range.contains(existing.range.lowerBound)
                    || existing.range.lowerBound == range.lowerBound)
            }
            guard !native, seen.insert("\(code) \(range)").inserted else { continue }
            let severity = configuration.severities[code] ?? comment.severity
            added.append(Diagnostic(code: code, name: "shellcheck", severity: severity, message: comment.message, range: range))
        }
        guard !added.isEmpty else { return self }
        let merged = (diagnostics + added).enumerated().sorted { lhs, rhs in
            (lhs.element.range.lowerBound, lhs.offset) < (rhs.element.range.lowerBound, rhs.offset)
        }.map(\.element)
        return LintResult(tree: tree, model: model, diagnostics: merged)
    }
}
