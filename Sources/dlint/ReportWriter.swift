import DLintCore
import DLintReporters
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One requested report written as the files come, in input order: each file's part as soon
/// as it is known, through a buffer written in large pieces. A format whose beginning is known
/// only at the end (the list of files, the rules that fired) has its body held in an unlinked
/// temporary file, not in memory. With `holdsStandardStream` (--fix, --diff: the fixed file, the
/// diff and their summary come first), a report to a standard stream is written whole at the end.
final class ReportWriter {
    let destination: ReportDestination
    private let stream: any ReportStream
    private let lineFormat: Bool
    private let holdsStandardStream: Bool
    private let standardStream: (String) -> Void
    /// The report file, open from the start (-1 for standard output): opened, created when
    /// missing, and written, never replaced, so that `-o /dev/null`, a FIFO or a symbolic link
    /// stay what they are. Atomic replacement is for Dockerfiles under `--fix` only.
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    private var heldText = ""
    private var spill: Int32 = -1
    private var fileCount = 0
    /// Why the report could not be delivered, said once at the end.
    private var failure: String?

    static let pieceSize = 1 << 16

    init(destination: ReportDestination, context: ReportContext, useColor: Bool, holdsStandardStream: Bool,
         standardStream: @escaping (String) -> Void) {
        self.destination = destination
        self.holdsStandardStream = holdsStandardStream
        self.standardStream = standardStream
        stream = destination.format.reporter(context, useColor: destination.path == nil && useColor).makeStream()
        lineFormat = [OutputFormat.tty, .gnu, .github].contains(destination.format)
        if let path = destination.path {
            descriptor = RawPath.withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
            if descriptor < 0 { fail(writing: InputFile.reason(errno)) }
        }
        if stream.beginningComesLast, failure == nil, !(destination.path == nil && holdsStandardStream) {
            spill = Self.temporaryFile()
            if spill < 0 { fail(writing: "cannot create a temporary file: \(InputFile.reason(errno))") }
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if spill >= 0 { close(spill) }
    }

    private func fail(writing reason: String) {
        guard failure == nil else { return }
        failure = "dlint: \(DisplayPath.escaped(destination.path ?? "-")): cannot write the \(destination.format.rawValue) report: \(reason)"
    }

    private func fail(rendering error: Error) {
        guard failure == nil else { return }
        failure = "dlint: cannot render the \(destination.format.rawValue) report: \(error)"
    }

    func add(_ report: FileReport) {
        guard failure == nil else { return }
        fileCount += 1
        // Line formats show a path with a newline or bytes that are not UTF-8 escaped, so that one
        // finding stays one line; structured formats carry the path as data, and their text is
        // Unicode: a byte that is not UTF-8 is written `\xE9` there. SARIF's URIs are
        // percent-encoded bytes, so SARIF is given the carried path and encodes the byte itself (`%E9`).
        let carriesPath = !lineFormat && (destination.format == .sarif || !EscapedBytes.mayHoldEscapes(report.path))
        let shown = carriesPath ? report : FileReport(
            path: lineFormat ? DisplayPath.escaped(report.path) : EscapedBytes.reported(report.path), text: report.text,
            diagnostics: report.diagnostics, failureThreshold: report.failureThreshold
        )
        do {
            if destination.path == nil, holdsStandardStream {
                emit(try stream.add(shown), toSpill: false)
            } else {
                // Straight into the buffer: the structured formats write bytes, not strings.
                try stream.add(shown, into: &pending)
                if pending.count >= Self.pieceSize { flush(toSpill: spill >= 0) }
            }
        } catch {
            fail(rendering: error)
        }
    }

    /// Writes the rest; false (after saying why on standard error) when the report could not be
    /// rendered or delivered.
    func finish() -> Bool {
        defer {
            if let failure { Console.error(failure) }
        }
        guard failure == nil else { return false }
        let beginning: String
        let end: String
        do {
            (beginning, end) = try stream.finish()
        } catch {
            fail(rendering: error)
            return false
        }
        // The tty format prints nothing on the terminal when no file could be read.
        if destination.format == .tty, destination.path == nil, fileCount == 0 { return true }
        if spill >= 0 {
            flush(toSpill: true)
            emit(beginning, toSpill: false)
            copySpill()
        } else if !beginning.isEmpty {
            // Held in memory: only a report to a standard stream under --fix or --diff.
            heldText = beginning + heldText
        }
        emit(end, toSpill: false)
        flush(toSpill: false)
        if destination.path == nil, holdsStandardStream { standardStream(heldText) }
        if descriptor >= 0 {
            if close(descriptor) != 0, failure == nil { fail(writing: String(cString: strerror(errno)).lowercased()) }
            descriptor = -1
        }
        return failure == nil
    }

    private func emit(_ text: String, toSpill: Bool) {
        guard !text.isEmpty else { return }
        if destination.path == nil, holdsStandardStream {
            heldText += text
            return
        }
        pending += text.utf8
        if pending.count >= Self.pieceSize { flush(toSpill: toSpill) }
    }

    private func flush(toSpill: Bool) {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        if toSpill {
            if let errorNumber = Console.writeAll(pending, to: spill) { fail(writing: "temporary file: " + String(cString: strerror(errorNumber)).lowercased()) }
        } else if descriptor >= 0 {
            if let errorNumber = Console.writeAll(pending, to: descriptor) { fail(writing: String(cString: strerror(errorNumber)).lowercased()) }
        } else if destination.path == nil {
            Console.write(bytes: pending)
        }
    }

    /// The held body, from the start of the temporary file.
    private func copySpill() {
        guard lseek(spill, 0, SEEK_SET) == 0 else { return fail(writing: "temporary file: " + String(cString: strerror(errno)).lowercased()) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(spill, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count < 0 { fail(writing: "temporary file: " + String(cString: strerror(errno)).lowercased()) }
                return
            }
            pending += buffer[0..<count]
            flush(toSpill: false)
        }
    }

    /// A temporary file nobody else can open: created, then unlinked at once.
    private static func temporaryFile() -> Int32 {
        var template = Array((FileManager.default.temporaryDirectory.path + "/dlint-report-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 {
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return descriptor
    }
}
