import ArgumentParser
import DLintReporters
import Foundation

extension OutputFormat: ExpressibleByArgument {}

/// One requested report: a format and where it goes (`--format` and `--output`, paired by position).
struct ReportDestination {
    let format: OutputFormat
    /// nil for standard output.
    let path: String?

    /// At most one `--output` per `--format`, and at most one format on standard output.
    static func validate(formats: [OutputFormat], outputs: [String]) throws {
        let formatCount = max(formats.count, 1)
        if outputs.count > formatCount {
            throw ValidationError("--output: each --output FILE needs its own --format before it (got \(outputs.count) outputs for \(formatCount) format\(formatCount == 1 ? "" : "s"))")
        }
        if formats.count - outputs.count > 1 {
            throw ValidationError("--format: at most one format may go to standard output; give the others an --output FILE")
        }
    }

    /// The n-th `--output` belongs to the n-th `--format`; formats without one go to standard
    /// output; no `--format` means tty.
    static func pairs(formats: [OutputFormat], outputs: [String]) -> [ReportDestination] {
        let formats = formats.isEmpty ? [OutputFormat.tty] : formats
        return formats.enumerated().map { index, format in
            ReportDestination(format: format, path: index < outputs.count ? outputs[index] : nil)
        }
    }

    /// Renders and writes the report; false (after saying why on standard error) when it cannot.
    func write(_ reports: [FileReport], context: ReportContext, useColor: Bool, standardStream: (String) -> Void = Console.write) -> Bool {
        // The tty format prints nothing on the terminal when no file could be read.
        if format == .tty, path == nil, reports.isEmpty { return true }
        let text: String
        do {
            text = try format.reporter(context, useColor: path == nil && useColor).render(reports)
        } catch {
            Console.error("dlint: cannot render the \(format.rawValue) report: \(error)")
            return false
        }
        guard let path else {
            standardStream(text)
            return true
        }
        do {
            try ReportFile.write(text, to: path)
            return true
        } catch {
            Console.error("dlint: \(path): cannot write the \(format.rawValue) report: \(error)")
            return false
        }
    }
}

/// Writes a report file into a temporary file beside it, then renames it over the target, so a
/// reader never sees half a report.
enum ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ text: String, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(description: "is a directory")
        }
        let directory = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(description: "no such directory")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).dlint-\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw WriteError(description: "permission denied")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: reason)
        }
    }
}
