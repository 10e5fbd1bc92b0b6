#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Standard output and error. Output is written in large pieces, never a line at a time.
///
/// Writes go straight to the file descriptors, so that a closed or full stream is an error dlint
/// handles (SIGPIPE is ignored at start-up) rather than a crash: a reader that went away
/// (`dlint … | head`) ends the run quietly; a full device (`> /dev/full`) is reported on
/// standard error. Both exit with status 2, since the report was not delivered.
enum Console {
    static func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    static func write(bytes: [UInt8]) {
        if StandardStreams.outputWasClosed, !bytes.isEmpty {
            error("dlint: cannot write to standard output: it is closed")
            exit(ExitStatus.usageOrIOError)
        }
        guard let errorNumber = writeAll(bytes, to: STDOUT_FILENO) else { return }
        if errorNumber != EPIPE {
            error("dlint: cannot write to standard output: \(String(cString: strerror(errorNumber)))")
        }
        exit(ExitStatus.usageOrIOError)
    }

    static func error(_ text: String) {
        // Nothing more can be done when standard error itself fails.
        _ = writeAll(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes every byte; the `errno` of the failure, or nil.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
