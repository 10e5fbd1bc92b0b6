#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DLintCore

/// A file path as the exact bytes the file system holds, which need not be UTF-8 (a Latin-1
/// `caf\xE9/Dockerfile`).
///
/// The command holds paths as `String`s everywhere (joined, split at `/`, matched against
/// excludes, used as keys), in the carried form of `EscapedBytes` (a `String` made from such bytes
/// repairs them to U+FFFD, and opening the path fails): `RawPath(string)` gives the bytes back at
/// each system call.
struct RawPath: Sendable, Hashable {
    let bytes: [UInt8]

    init(bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// The bytes of a carried path string (`string`): escape scalars become their byte again.
    init(_ string: String) {
        bytes = EscapedBytes.bytes(of: string)
    }

    /// The arguments of the process as carried path strings (`CommandLine.arguments` repairs
    /// bytes that are not UTF-8, and the path could not be opened any more).
    static var commandLineArguments: [String] {
        (0..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return RawPath(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))).string
        }
    }

    /// The carried form: the path itself when it is UTF-8 (the usual case, at no cost).
    var string: String { EscapedBytes.string(of: bytes) }

    /// Calls `body` with the path as a C string, for `open`, `stat`, `rename` and the rest.
    static func withCString<Result>(_ string: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        guard EscapedBytes.mayHoldEscapes(string) else { return try string.withCString(body) }
        return try (RawPath(string).bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// What `stat` says of a carried path string (links followed), or nil when it fails (`errno` says why).
    static func status(_ string: String) -> stat? {
        var status = stat()
        return withCString(string, { stat($0, &status) }) == 0 ? status : nil
    }
}
