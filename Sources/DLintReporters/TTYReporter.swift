import DLintCore

/// The default, human format: one header line per finding, the source lines with the range
/// underlined, and a summary. Colour only when asked (the caller checks the terminal and `NO_COLOR`).
public struct TTYReporter: StreamingReporter {
    public let useColor: Bool
    /// Lines of a long range shown before the rest is elided.
    static let maximumFrameLines = 4

    public init(useColor: Bool) {
        self.useColor = useColor
    }

    public func makeStream() -> any ReportStream { Stream(reporter: self) }

    public func render(_ reports: [FileReport]) -> String { renderWhole(makeStream(), reports) }

    /// Each file's findings as they come; the summary counts them.
    final class Stream: ReportStream {
        let reporter: TTYReporter
        private var counts = Counts()

        init(reporter: TTYReporter) {
            self.reporter = reporter
        }

        func add(_ report: FileReport) -> String {
            counts.add(report)
            var output = ""
            for diagnostic in report.diagnostics {
                output += reporter.render(diagnostic, in: report)
            }
            return output
        }

        func finish() -> (beginning: String, end: String) { ("", reporter.summary(counts)) }
    }

    /// What the summary says: files, findings by severity, fixable findings.
    struct Counts {
        var files = 0
        var affectedFiles = 0
        var diagnostics = 0
        var bySeverity: [Severity: Int] = [:]
        var safeFixes = 0
        var unsafeFixes = 0

        mutating func add(_ report: FileReport) {
            files += 1
            if !report.diagnostics.isEmpty { affectedFiles += 1 }
            diagnostics += report.diagnostics.count
            for diagnostic in report.diagnostics {
                bySeverity[diagnostic.severity, default: 0] += 1
                switch diagnostic.fix?.applicability {
                case .safe: safeFixes += 1
                case .unsafe: unsafeFixes += 1
                case nil: break
                }
            }
        }
    }

    func render(_ diagnostic: Diagnostic, in report: FileReport) -> String {
        let tree = report.text
        let start = tree.location(of: diagnostic.range.lowerBound)
        let end = tree.location(of: max(diagnostic.range.lowerBound, diagnostic.range.upperBound - 1))
        // Path and message may hold text from the file: control characters are shown, never sent.
        var output = style(.bold, OneLine.text("\(report.path):\(start.line):\(start.column):")) + " "
            + style(color(diagnostic.severity), diagnostic.severity.rawValue + ":") + " "
            + OneLine.text(diagnostic.message) + " " + style(.dim, "[\(diagnostic.code) \(diagnostic.name)]")
            + fixMark(diagnostic) + "\n"

        guard tree.lineTable.lineCount > 0, !tree.source.isEmpty else { return output }
        let lines = Array(start.line...max(start.line, end.line))
        let shown = lines.count > Self.maximumFrameLines
            ? Array(lines.prefix(Self.maximumFrameLines - 1)) + [lines.last!] : lines
        let gutterWidth = String(shown.last!).count
        let gutter = String(repeating: " ", count: gutterWidth)
        output += style(.blue, "\(gutter) |") + "\n"
        var previous: Int?
        for line in shown {
            if let previous, line > previous + 1 { output += style(.blue, "\(gutter) :") + "\n" }
            previous = line
            var content = tree.lineTable.contentRange(ofLine: line)
            if line == 1, tree.source.starts(with: [0xEF, 0xBB, 0xBF]) { content = min(content.upperBound, 3)..<content.upperBound }
            // The underlined bytes of this line.
            let from = line == start.line ? min(max(diagnostic.range.lowerBound, content.lowerBound), content.upperBound) : content.lowerBound
            let to = line == end.line ? min(max(diagnostic.range.upperBound, from), content.upperBound) : content.upperBound
            let window = Self.window(of: content, around: from, in: tree.source)
            let (text, columns) = Self.displayText(Array(tree.source[window]))
            let before = window.lowerBound > content.lowerBound ? Self.ellipsis : ""
            let after = window.upperBound < content.upperBound ? Self.ellipsis : ""
            let number = String(line)
            output += style(.blue, String(repeating: " ", count: gutterWidth - number.count) + number + " |") + " " + before + text + after + "\n"
            guard !columns.isEmpty else {
                output += style(.blue, "\(gutter) |") + " " + before + style(color(diagnostic.severity), "^") + "\n"
                continue
            }
            // Characters of the window before the range, and in it (at least one caret).
            let firstIndex = min(Self.characterCount(tree.source[window.lowerBound..<min(from, window.upperBound)]), columns.count - 1)
            let lastIndex = max(firstIndex, min(Self.characterCount(tree.source[window.lowerBound..<min(to, window.upperBound)]), columns.count) - 1)
            let startColumn = columns[firstIndex].start
            let carets = String(repeating: "^", count: max(1, columns[lastIndex].end - startColumn))
            output += style(.blue, "\(gutter) |") + " " + String(repeating: " ", count: before.count + startColumn) + style(color(diagnostic.severity), carets) + "\n"
        }
        output += style(.blue, "\(gutter) |") + "\n"
        return output
    }

    /// Says when `--fix` can resolve a finding, and how to apply an unsafe fix.
    func fixMark(_ diagnostic: Diagnostic) -> String {
        switch diagnostic.fix?.applicability {
        case .safe: " " + style(.green, "[fixable with --fix]")
        case .unsafe: " " + style(.yellow, "[unsafe fix: --fix --unsafe-fixes]")
        case nil: ""
        }
    }

    func summary(_ reports: [FileReport]) -> String {
        var counts = Counts()
        for report in reports { counts.add(report) }
        return summary(counts)
    }

    func summary(_ totals: Counts) -> String {
        let fileWord = totals.files == 1 ? "file" : "files"
        guard totals.diagnostics > 0 else {
            return style(.green, "No problems found") + " in \(totals.files) \(fileWord).\n"
        }
        let counts = Severity.allCases.compactMap { severity -> String? in
            let count = totals.bySeverity[severity, default: 0]
            guard count > 0 else { return nil }
            return "\(count) \(severity.rawValue)" + (count == 1 || severity == .info || severity == .style ? "" : "s")
        }
        let problemWord = totals.diagnostics == 1 ? "problem" : "problems"
        var summary = style(.bold, "Found \(totals.diagnostics) \(problemWord)") + " (\(counts.joined(separator: ", "))) in \(totals.affectedFiles) of \(totals.files) \(fileWord).\n"
        let safe = totals.safeFixes
        let unsafe = totals.unsafeFixes
        if safe > 0 { summary += "\(safe) fixable with --fix.\n" }
        if unsafe > 0 { summary += "\(unsafe) more fixable with --fix --unsafe-fixes (the image may change: see `dlint explain CODE`).\n" }
        return summary
    }

    /// Bytes of a line longer than this are shown as a window around the finding, so that a
    /// report stays a small multiple of its input however long the lines (one 200 KB line with
    /// thousands of findings).
    static let maximumLineBytes = 240
    /// Bytes shown before the finding's start in a window.
    static let windowLead = 60
    static let ellipsis = "\u{2026}"

    /// The part of a line's `content` shown for a finding starting at `offset`: the whole line when
    /// it is short, else a window that starts shortly before `offset`, on character boundaries.
    static func window(of content: Range<Int>, around offset: Int, in source: [UInt8]) -> Range<Int> {
        guard content.count > maximumLineBytes else { return content }
        func boundary(_ index: Int) -> Int {
            var index = index
            // Back over at most three continuation bytes to the start of a character.
            for _ in 0..<3 where index > content.lowerBound && index < content.upperBound && source[index] & 0xC0 == 0x80 { index -= 1 }
            return index
        }
        let lower = boundary(max(content.lowerBound, min(offset, content.upperBound) - windowLead))
        let upper = boundary(min(content.upperBound, lower + maximumLineBytes))
        return lower..<max(lower, upper)
    }

    /// Characters `displayText` shows for these bytes.
    static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.count
    }

    /// The line as it is shown (tabs expanded, control characters made visible) and, for each
    /// character, the display columns it occupies.
    static func displayText(_ bytes: [UInt8]) -> (String, [(start: Int, end: Int)]) {
        // Printable ASCII, the usual line, is shown as it is: one column per byte.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return (String(decoding: bytes, as: UTF8.self), bytes.indices.map { ($0, $0 + 1) })
        }
        var text = ""
        var columns: [(start: Int, end: Int)] = []
        var column = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let start = column
            switch scalar.value {
            case 0x09:
                let width = 4 - column % 4
                text += String(repeating: " ", count: width)
                column += width
            default:
                text.unicodeScalars.append(OneLine.picture(of: scalar) ?? scalar)
                column += 1
            }
            columns.append((start, column))
        }
        return (text, columns)
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    func color(_ severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        case .style: .magenta
        }
    }

    func style(_ style: Style, _ text: String) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
