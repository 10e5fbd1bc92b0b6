#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
import DLintCore

/// A Dockerfile to read: a path on disk, or standard input for `-`.
struct InputFile: Sendable {
    /// The path as the user will see it in messages.
    let displayPath: String
    let isStandardInput: Bool
    /// The directory the file was found in, or named from: `--fix` never writes outside it
    /// through a symbolic link.
    var root: String = "."

    static let standardInputPath = "-"

    /// How long a FIFO named on the command line may stay silent before dlint gives up on it
    /// (`dlint <(generate)` writes at once; a FIFO nobody writes to must not hang a CI job).
    static let pipeTimeoutMilliseconds: Int32 = 10_000

    func read() throws(InputError) -> [UInt8] {
        if isStandardInput {
            if StandardStreams.inputWasClosed {
                throw InputError(path: displayPath, reason: "cannot read standard input: it is closed")
            }
            return try Self.readAll(STDIN_FILENO, path: "standard input", waitsForWriter: false)
        }
        // Non-blocking open: opening a FIFO without a writer would otherwise wait forever.
        let descriptor = RawPath.withCString(displayPath) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else { throw InputError(path: displayPath, reason: Self.reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError(path: displayPath, reason: Self.reason(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw InputError(path: displayPath, reason: "is a directory")
        case S_IFREG:
            // A buffer of the file's size: a 64 KB one, zeroed for every small Dockerfile, cost more than the read.
            let size = max(0, Int(status.st_size))
            return try Self.readAll(descriptor, path: displayPath, waitsForWriter: false, bufferSize: min(1 << 16, size + 1), expectedSize: size)
        case S_IFIFO, S_IFSOCK:
            return try Self.readAll(descriptor, path: displayPath, waitsForWriter: true)
        default:
            throw InputError(path: displayPath, reason: "is not a regular file, FIFO or pipe (a device?)")
        }
    }

    /// Reads to the end. For a pipe, waits at most `pipeTimeoutMilliseconds` for each piece. A
    /// regular file is read once it gave the `expectedSize` bytes `fstat` announced (a last `read`
    /// returning 0 would be one system call more per file); a file of size 0 (`/proc`) is read to
    /// the end.
    private static func readAll(_ descriptor: Int32, path: String, waitsForWriter: Bool, bufferSize: Int = 1 << 16, expectedSize: Int = 0) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while true {
            if waitsForWriter {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&request, 1, pipeTimeoutMilliseconds)
                if ready < 0, errno == EINTR { continue }
                if ready == 0 {
                    throw InputError(path: path, reason: "nothing was written to this FIFO within \(pipeTimeoutMilliseconds / 1000) seconds")
                }
            }
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                // A regular file opened non-blocking never says EAGAIN; a pipe may, between polls.
                if errno == EAGAIN, waitsForWriter { continue }
                throw InputError(path: path, reason: "cannot be read: \(reason(errno))")
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
            if expectedSize > 0, bytes.count == expectedSize { return bytes }
        }
    }

    /// What an `errno` from opening or reading a file means, as the message says it.
    static func reason(_ number: Int32) -> String {
        switch number {
        case ENOENT: "no such file or directory"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "too many levels of symbolic links (a symbolic link loop?)"
        case ENOTDIR: "a part of the path is not a directory"
        case EISDIR: "is a directory"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(number)).lowercased()
        }
    }
}

struct InputError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "dlint: \(DisplayPath.escaped(path)): \(reason)" }
}

/// Paths in messages: a name with a newline, a control character or bytes that are not UTF-8
/// is shown escaped, so that one message stays one line and nothing reaches the terminal raw.
/// A byte that is not UTF-8 (carried as `RawPath` says) is shown `\xE9`.
enum DisplayPath {
    static func escaped(_ path: String) -> String {
        // Every path of a report passes here: the usual one has nothing to escape.
        if !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 >= 0x80 }) { return path }
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x5C: result += "\\\\"
            case 0x00..<0x20, 0x7F, 0xFFFD: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                if let byte = EscapedBytes.escapedByte(scalar) { result += EscapedBytes.hexEscape(byte) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}

/// Which standard streams were closed when dlint started (`<&-`, `>&-`, `2>&-`). Each closed one
/// is reopened on `/dev/null`, so that no file dlint opens later takes its descriptor (a report
/// written "to standard output" into a Dockerfile being fixed); a closed standard output is then
/// still an error, since the report cannot be delivered.
enum StandardStreams {
    nonisolated(unsafe) private(set) static var inputWasClosed = false
    nonisolated(unsafe) private(set) static var outputWasClosed = false

    static func protect() {
        inputWasClosed = reopenIfClosed(STDIN_FILENO, flags: O_RDONLY)
        outputWasClosed = reopenIfClosed(STDOUT_FILENO, flags: O_WRONLY)
        _ = reopenIfClosed(STDERR_FILENO, flags: O_WRONLY)
    }

    private static func reopenIfClosed(_ descriptor: Int32, flags: Int32) -> Bool {
        guard fcntl(descriptor, F_GETFD) < 0, errno == EBADF else { return false }
        let null = open("/dev/null", flags)
        if null >= 0, null != descriptor {
            dup2(null, descriptor)
            close(null)
        }
        return true
    }
}
