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
        // Line formats show a path with a newline or bytes that are not UTF-8 escaped, so that one
        // finding stays one line; structured formats carry the path as data.
        let lineFormat = [OutputFormat.tty, .gnu, .github].contains(format)
        let shown = !lineFormat ? reports : reports.map {
            FileReport(path: DisplayPath.escaped($0.path), text: $0.text, diagnostics: $0.diagnostics, failureThreshold: $0.failureThreshold)
        }
        let text: String
        do {
            text = try format.reporter(context, useColor: path == nil && useColor).render(shown)
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
            Console.error("dlint: \(DisplayPath.escaped(path)): cannot write the \(format.rawValue) report: \(error)")
            return false
        }
    }
}

/// Writes a report to what its path names: the file is opened (created when missing) and written,
/// never replaced, so that `-o /dev/null`, a FIFO or a symbolic link stay what they are. Atomic
/// replacement is for Dockerfiles under `--fix` only.
enum ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ text: String, to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteError(description: InputFile.reason(errno)) }
        if let errorNumber = Console.writeAll(Array(text.utf8), to: descriptor) {
            close(descriptor)
            throw WriteError(description: String(cString: strerror(errorNumber)).lowercased())
        }
        guard close(descriptor) == 0 else { throw WriteError(description: String(cString: strerror(errno)).lowercased()) }
    }
}
