#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file path as the exact bytes the file system holds, which need not be UTF-8 (a Latin-1
/// `caf\xE9/Dockerfile`).
///
/// Why a carried form: the command holds paths as `String`s everywhere (joined, split at `/`,
/// matched against excludes, used as keys), and a `String` made from such bytes repairs them to
/// U+FFFD, so that opening the path fails. `string` keeps every byte instead: valid UTF-8 as it
/// is, each other byte as one private-use scalar (U+10FE80 + byte - 0x80, as Python's
/// `surrogateescape` does with lone surrogates, which Swift strings cannot hold). `/` and `.` are
/// never escaped, so the string operations on paths stay right, and `RawPath(string)` gives the
/// bytes back at each system call. A name that really holds one of those private-use scalars has
/// its UTF-8 bytes escaped one by one, so the round trip is exact for every name.
struct RawPath: Sendable, Hashable {
    let bytes: [UInt8]

    init(bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// The bytes of a carried path string (`string`): escape scalars become their byte again.
    init(_ string: String) {
        guard Self.mayHoldEscapes(string) else {
            bytes = Array(string.utf8)
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            if let byte = Self.escapedByte(scalar) {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        self.bytes = bytes
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
    var string: String { Self.string(of: bytes) }

    /// The carried form of a name's bytes, without making a `RawPath` first: directory listings
    /// pass every name of a build context here.
    static func string(of bytes: some Collection<UInt8>) -> String {
        let mayHoldEscapes = bytes.withContiguousStorageIfAvailable(holdsEscapeLead) ?? bytes.contains(0xF4)
        if !mayHoldEscapes, let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let bytes = Array(bytes)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let sequence = String(validating: bytes[index..<index + length], as: UTF8.self),
               let scalar = sequence.unicodeScalars.first, Self.escapedByte(scalar) == nil {
                result.append(scalar)
                index += length
                continue
            }
            // Not UTF-8 here (or an escape scalar spelled out): this one byte, escaped.
            result.append(Unicode.Scalar(Self.escapeBase + UInt32(lead))!)
            index += 1
        }
        return String(result)
    }

    /// Calls `body` with the path as a C string, for `open`, `stat`, `rename` and the rest.
    static func withCString<Result>(_ string: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        guard mayHoldEscapes(string) else { return try string.withCString(body) }
        return try (RawPath(string).bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// What `stat` says of a carried path string (links followed), or nil when it fails (`errno` says why).
    static func status(_ string: String) -> stat? {
        var status = stat()
        return withCString(string, { stat($0, &status) }) == 0 ? status : nil
    }

    /// A carried path string for structured reports (JSON, SARIF, JUnit …), whose text must be
    /// Unicode: each byte that is not UTF-8 is written `\xHH`; any other path is unchanged.
    static func reported(_ string: String) -> String {
        guard mayHoldEscapes(string) else { return string }
        var result = ""
        for scalar in string.unicodeScalars {
            if let byte = escapedByte(scalar) {
                result += hexEscape(byte)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\xE9`, as messages and reports show a byte that is not UTF-8.
    static func hexEscape(_ byte: UInt8) -> String {
        "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// The byte an escape scalar stands for, or nil for any other scalar.
    static func escapedByte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        return value >= escapeBase + 0x80 && value <= escapeBase + 0xFF ? UInt8(value - escapeBase) : nil
    }

    /// Escape scalars are U+10FE80 … U+10FEFF, whose UTF-8 starts with 0xF4: a string without that
    /// byte holds none (most paths are ASCII, and this is checked at every `open`).
    static func mayHoldEscapes(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(holdsEscapeLead) ?? string.utf8.contains(0xF4)
    }

    /// `memchr`, which reads many bytes at a time: the check runs for every name and every open.
    private static func holdsEscapeLead(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return memchr(base, 0xF4, buffer.count) != nil
    }

    private static let escapeBase: UInt32 = 0x10FE00
}
