import Foundation

/// One phase over the files: the medians of its runs, each run a process of its own.
struct PhaseResult: Sendable, Codable {
    let phase: Phase
    let files: Int
    let bytes: Int
    let wallSeconds: Double
    let cpuSeconds: Double
    /// Bytes per CPU second, in MB (10^6 bytes).
    let mbPerSecondPerCore: Double
    /// The process's peak resident set: the files in memory, the runtime and the phase's work.
    let peakBytes: Int
    /// The whole process's CPU time, start-up and reading the files included.
    let processCPUSeconds: Double
    /// See `Phase.itemsMeaning`.
    let items: Int
    let itemsMeaning: String
    let runs: Int
}

/// A peer's cost over dlint's lint phase on the same files.
struct PeerRatio: Sendable, Codable {
    let peer: String
    let files: Int
    let cpu: Double
    let wall: Double
    let peakMemory: Double
}

struct BenchReport: Sendable, Codable {
    let directories: [String]
    let files: Int
    let bytes: Int
    let repeats: Int
    /// Rules the lint phase runs, and how many of them are off by default (enabled for the run).
    let rules: Int
    let rulesOffByDefault: Int
    let phases: [PhaseResult]
    let peers: [PeerMeasurement]
    /// dlint's lint phase on the files a peer covered, when that is not every file.
    let dlintOnPeerFiles: [String: PhaseResult]
    let ratios: [PeerRatio]
    let perRule: PerRuleProfile?
    let notes: [String]
}

enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, markdown
}

enum ReportWriter {
    static func render(_ report: BenchReport, format: OutputFormat, top: Int) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        case .text: return text(report, top: top)
        case .markdown: return markdown(report, top: top)
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1e6) }
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
    static func rate(bytes: Int, cpu: Double) -> String {
        guard cpu > 0 else { return "-" }
        let rate = Double(bytes) / 1e6 / cpu
        return String(format: rate >= 1 ? "%.1f" : rate >= 0.1 ? "%.2f" : "%.3f", rate)
    }
    static func times(_ value: Double) -> String { value >= 10 ? String(format: "%.0f×", value) : String(format: "%.2f×", value) }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }

    private struct Row {
        let label: String
        let files: Int
        let bytes: Int
        let wall: Double
        let cpu: Double
        let peak: Int
        let note: String
    }

    private static func rows(_ report: BenchReport) -> [Row] {
        var rows = report.phases.map {
            Row(label: $0.phase.rawValue, files: $0.files, bytes: $0.bytes, wall: $0.wallSeconds, cpu: $0.cpuSeconds, peak: $0.peakBytes,
                note: "\($0.items) \($0.itemsMeaning)")
        }
        for peer in report.peers {
            let uncovered = peer.uncovered.isEmpty ? "" : "; \(peer.uncovered.count) files it cannot lint left out"
            rows.append(Row(label: "\(peer.name) \(peer.version)", files: peer.files, bytes: peer.bytes, wall: peer.wallSeconds, cpu: peer.cpuSeconds,
                            peak: peer.peakBytes, note: "\(peer.processes) process\(peer.processes == 1 ? "" : "es")\(uncovered)"))
            if let same = report.dlintOnPeerFiles[peer.name] {
                rows.append(Row(label: "lint (\(peer.name)'s files)", files: same.files, bytes: same.bytes, wall: same.wallSeconds, cpu: same.cpuSeconds,
                                peak: same.peakBytes, note: "\(same.items) findings"))
            }
        }
        return rows
    }

    static func text(_ report: BenchReport, top: Int) -> String {
        var out = "dlint-bench: \(report.files) files, \(megabytes(report.bytes)) MB in \(report.directories.joined(separator: " ")); "
        out += "median of \(report.repeats) run\(report.repeats == 1 ? "" : "s"), one process per phase and run; "
        out += "\(report.rules) rules (\(report.rulesOffByDefault) off by default, enabled)\n"
        let widths = [26, 6, 8, 9, 9, 10, 8]
        let header = ["phase", "files", "MB", "wall s", "cpu s", "MB/s/core", "peak MB"]
        out += header.enumerated().map { pad($0.element, widths[$0.offset], left: $0.offset == 0) }.joined(separator: " ") + "\n"
        for row in rows(report) {
            let cells = [row.label, String(row.files), megabytes(row.bytes), seconds(row.wall), seconds(row.cpu), rate(bytes: row.bytes, cpu: row.cpu), megabytes(row.peak)]
            out += cells.enumerated().map { pad($0.element, widths[$0.offset], left: $0.offset == 0) }.joined(separator: " ") + "  " + row.note + "\n"
        }
        if !report.ratios.isEmpty {
            out += "peer / dlint lint phase, same files:\n"
            for ratio in report.ratios {
                out += "  \(pad(ratio.peer, 10, left: true)) cpu \(times(ratio.cpu))  wall \(times(ratio.wall))  peak memory \(times(ratio.peakMemory))  (\(ratio.files) files)\n"
            }
        }
        if let profile = report.perRule { out += perRuleText(profile, top: top) }
        for note in report.notes { out += "note: \(note)\n" }
        return out
    }

    static func perRuleText(_ profile: PerRuleProfile, top: Int) -> String {
        let total = profile.totalCPUSeconds
        var out = "\nlint time by part (thread CPU, \(seconds(total)) s over \(profile.files) files)\n"
        out += "  share    cpu ms  findings  rule\n"
        func line(_ share: Double, _ cpu: Double, _ findings: String, _ label: String) -> String {
            "  " + pad(String(format: "%.1f%%", share * 100), 6) + " " + pad(String(format: "%.1f", cpu * 1000), 9) + " " + pad(findings, 9) + "  " + label + "\n"
        }
        let share = { (cpu: Double) in total > 0 ? cpu / total : 0 }
        out += line(share(profile.modelCPUSeconds), profile.modelCPUSeconds, "", "parse + model + suppressions")
        out += line(share(profile.engineCPUSeconds), profile.engineCPUSeconds, "", "engine (suppressions, severities, ordering)")
        let sorted = profile.rules.sorted { $0.cpuSeconds > $1.cpuSeconds }
        for rule in sorted.prefix(top) {
            out += line(share(rule.cpuSeconds), rule.cpuSeconds, String(rule.findings), "\(rule.code) \(rule.name)")
        }
        if sorted.count > top {
            let rest = sorted.dropFirst(top).reduce(0) { $0 + $1.cpuSeconds }
            out += line(share(rest), rest, "", "the other \(sorted.count - top) rules")
        }
        return out
    }

    static func markdown(_ report: BenchReport, top: Int) -> String {
        var out = "| Run | Files | MB | Wall s | CPU s | MB/s per core | Peak MB | CPU × dlint lint |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for row in rows(report) {
            let ratio = report.ratios.first { row.label.hasPrefix($0.peer + " ") }.map { times($0.cpu) } ?? ""
            let label = report.phases.contains { $0.phase.rawValue == row.label } ? "dlint \(row.label)" : row.label.hasPrefix("lint (") ? "dlint \(row.label)" : row.label
            out += "| \(label) | \(row.files) | \(megabytes(row.bytes)) | \(seconds(row.wall)) | \(seconds(row.cpu)) | \(rate(bytes: row.bytes, cpu: row.cpu)) | \(megabytes(row.peak)) | \(ratio) |\n"
        }
        if let profile = report.perRule {
            out += "\n| Share of lint CPU | Rule |\n|---:|---|\n"
            let total = profile.totalCPUSeconds
            let share = { (cpu: Double) in total > 0 ? String(format: "%.1f%%", cpu / total * 100) : "-" }
            out += "| \(share(profile.modelCPUSeconds)) | parse + model + suppressions |\n"
            for rule in profile.rules.sorted(by: { $0.cpuSeconds > $1.cpuSeconds }).prefix(top) {
                out += "| \(share(rule.cpuSeconds)) | \(rule.code) `\(rule.name)` |\n"
            }
        }
        if !report.notes.isEmpty { out += "\n" + report.notes.map { "- \($0)\n" }.joined() }
        return out
    }
}
