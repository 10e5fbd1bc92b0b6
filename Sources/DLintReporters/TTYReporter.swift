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
    final class Stream: BytesReportStream {
        let reporter: TTYReporter
        private var counts = Counts()

        init(reporter: TTYReporter) {
            self.reporter = reporter
        }

        func add(_ report: FileReport, into bytes: inout [UInt8]) {
            counts.add(report)
            // Written in place at the end of the report's buffer.
            var output = Output(useColor: reporter.useColor)
            swap(&output.bytes, &bytes)
            for diagnostic in report.diagnostics {
                reporter.render(diagnostic, in: report, into: &output)
            }
            swap(&output.bytes, &bytes)
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
        var output = Output(useColor: useColor)
        render(diagnostic, in: report, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// The finding's header and code frame, appended as bytes: a report has tens of thousands of
    /// findings, and building each piece as a `String` cost as much as linting a tenth of them.
    func render(_ diagnostic: Diagnostic, in report: FileReport, into output: inout Output) {
        let tree = report.text
        let start = tree.location(of: diagnostic.range.lowerBound)
        let end = tree.location(of: max(diagnostic.range.lowerBound, diagnostic.range.upperBound - 1))
        let severityStyle = color(diagnostic.severity)
        // Path and message may hold text from the file: control characters are shown, never sent.
        output.open(.bold)
        output.append(OneLine.text(report.path))
        output.append(UInt8(ascii: ":"))
        output.number(start.line)
        output.append(UInt8(ascii: ":"))
        output.number(start.column)
        output.append(UInt8(ascii: ":"))
        output.close()
        output.append(UInt8(ascii: " "))
        output.open(severityStyle)
        output.append(diagnostic.severity.rawValue)
        output.append(UInt8(ascii: ":"))
        output.close()
        output.append(UInt8(ascii: " "))
        output.append(OneLine.text(diagnostic.message))
        output.append(UInt8(ascii: " "))
        output.open(.dim)
        output.append(UInt8(ascii: "["))
        output.append(diagnostic.code)
        output.append(UInt8(ascii: " "))
        output.append(diagnostic.name)
        output.append(UInt8(ascii: "]"))
        output.close()
        output.append(fixMark(diagnostic))
        output.append(UInt8(ascii: "\n"))

        guard tree.lineTable.lineCount > 0, !tree.source.isEmpty else { return }
        let lastLine = max(start.line, end.line)
        let lineCount = lastLine - start.line + 1
        let shown = lineCount > Self.maximumFrameLines
            ? Array(start.line..<(start.line + Self.maximumFrameLines - 1)) + [lastLine] : Array(start.line...lastLine)
        let gutterWidth = Output.digitCount(lastLine)
        func gutter(_ mark: UInt8) {
            output.open(.blue)
            output.repeating(UInt8(ascii: " "), count: gutterWidth)
            output.append(UInt8(ascii: " "))
            output.append(mark)
            output.close()
        }
        gutter(UInt8(ascii: "|"))
        output.append(UInt8(ascii: "\n"))
        var previous: Int?
        for line in shown {
            if let previous, line > previous + 1 {
                gutter(UInt8(ascii: ":"))
                output.append(UInt8(ascii: "\n"))
            }
            previous = line
            var content = tree.lineTable.contentRange(ofLine: line)
            if line == 1, tree.source.starts(with: [0xEF, 0xBB, 0xBF]) { content = min(content.upperBound, 3)..<content.upperBound }
            // The underlined bytes of this line.
            let from = line == start.line ? min(max(diagnostic.range.lowerBound, content.lowerBound), content.upperBound) : content.lowerBound
            let to = line == end.line ? min(max(diagnostic.range.upperBound, from), content.upperBound) : content.upperBound
            let window = Self.window(of: content, around: from, in: tree.source)
            let shownBytes = tree.source[window]
            let isPlain = shownBytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            let before = window.lowerBound > content.lowerBound
            let after = window.upperBound < content.upperBound
            output.open(.blue)
            output.repeating(UInt8(ascii: " "), count: gutterWidth - Output.digitCount(line))
            output.number(line)
            output.append(UInt8(ascii: " "))
            output.append(UInt8(ascii: "|"))
            output.close()
            output.append(UInt8(ascii: " "))
            if before { output.append(Self.ellipsis) }
            // Printable ASCII, the usual line, is shown as it is: one column per byte.
            let columns: [(start: Int, end: Int)]
            if isPlain {
                output.bytes.append(contentsOf: shownBytes)
                columns = []
            } else {
                let (text, textColumns) = Self.displayText(Array(shownBytes))
                output.bytes += text
                columns = textColumns
            }
            let columnCount = isPlain ? shownBytes.count : columns.count
            if after { output.append(Self.ellipsis) }
            output.append(UInt8(ascii: "\n"))
            guard columnCount > 0 else {
                gutter(UInt8(ascii: "|"))
                output.append(UInt8(ascii: " "))
                if before { output.append(Self.ellipsis) }
                output.open(severityStyle)
                output.append(UInt8(ascii: "^"))
                output.close()
                output.append(UInt8(ascii: "\n"))
                continue
            }
            // Characters of the window before the range, and in it (at least one caret).
            let leading = tree.source[window.lowerBound..<min(from, window.upperBound)]
            let through = tree.source[window.lowerBound..<min(to, window.upperBound)]
            let firstIndex = min(isPlain ? leading.count : Self.characterCount(leading), columnCount - 1)
            let lastIndex = max(firstIndex, min(isPlain ? through.count : Self.characterCount(through), columnCount) - 1)
            let startColumn = isPlain ? firstIndex : columns[firstIndex].start
            let endColumn = isPlain ? lastIndex + 1 : columns[lastIndex].end
            gutter(UInt8(ascii: "|"))
            output.append(UInt8(ascii: " "))
            output.repeating(UInt8(ascii: " "), count: (before ? 1 : 0) + startColumn)
            output.open(severityStyle)
            output.repeating(UInt8(ascii: "^"), count: max(1, endColumn - startColumn))
            output.close()
            output.append(UInt8(ascii: "\n"))
        }
        gutter(UInt8(ascii: "|"))
        output.append(UInt8(ascii: "\n"))
    }

    /// A report's bytes as they are written, with the styles turned on and off when colour is on.
    struct Output {
        let useColor: Bool
        var bytes: [UInt8] = []

        init(useColor: Bool) {
            self.useColor = useColor
        }

        mutating func append(_ byte: UInt8) { bytes.append(byte) }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func repeating(_ byte: UInt8, count: Int) {
            if count > 0 { bytes.append(contentsOf: repeatElement(byte, count: count)) }
        }

        /// A non-negative number in decimal.
        mutating func number(_ value: Int) {
            guard value >= 0 else { return append(String(value)) }
            DecimalDigits.append(value.magnitude, to: &bytes)
        }

        /// The digits `String(value)` has, for a non-negative value.
        static func digitCount(_ value: Int) -> Int {
            var count = 1
            var rest = value
            while rest >= 10 {
                rest /= 10
                count += 1
            }
            return count
        }

        mutating func open(_ style: Style) {
            guard useColor else { return }
            append("\u{1B}[" + style.rawValue + "m")
        }

        mutating func close() {
            guard useColor else { return }
            append("\u{1B}[0m")
        }
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
    /// The text is UTF-8 bytes, appended as they are made: a line of a code frame is often not
    /// plain ASCII (tabs, non-ASCII text), and building it as a `String` scalar by scalar cost
    /// more than the rest of the frame.
    static func displayText(_ bytes: [UInt8]) -> ([UInt8], [(start: Int, end: Int)]) {
        // Printable ASCII, the usual line, is shown as it is: one column per byte.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return (bytes, bytes.indices.map { ($0, $0 + 1) })
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + 16)
        var columns: [(start: Int, end: Int)] = []
        columns.reserveCapacity(bytes.count)
        var column = 0
        // Decoded as a string, so that bytes that are not UTF-8 are shown as U+FFFD as before.
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let start = column
            switch scalar.value {
            case 0x09:
                let width = 4 - column % 4
                text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
                column += width
            case 0x20..<0x7F:
                text.append(UInt8(truncatingIfNeeded: scalar.value))
                column += 1
            default:
                text.append(contentsOf: UTF8.encode(OneLine.picture(of: scalar) ?? scalar)!)
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
