import ArgumentParser
import DLintReporters

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
}

