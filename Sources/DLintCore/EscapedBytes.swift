#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text that carries bytes which are not UTF-8 (a Latin-1 `caf\xE9` file name, or a `COPY` source
/// in a Latin-1 Dockerfile) so that they can be matched and given back exactly.
///
/// A `String` made from such bytes repairs them to U+FFFD, and two different names become the same
/// text. The carried form keeps every byte instead: valid UTF-8 as it is, each other byte as one
/// private-use scalar (U+10FE80 + byte - 0x80, as Python's `surrogateescape` does with lone
/// surrogates, which Swift strings cannot hold). `/` and `.` are never escaped, so path operations
/// on the text stay right. A text that really holds one of those private-use scalars has its UTF-8
/// bytes escaped one by one, so the round trip is exact for every byte sequence.
///
/// The command carries paths this way from `argv` and `readdir` to every system call; the model
/// carries `COPY` sources the same way, so that they match the names the command listed; and the
/// reports show an escaped byte as `\xE9` (a SARIF URI as `%E9`).
public enum EscapedBytes {
    /// The carried form of `bytes`: the bytes themselves when they are UTF-8 (the usual case).
    public static func string(of bytes: some Collection<UInt8>) -> String {
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
               let scalar = sequence.unicodeScalars.first, escapedByte(scalar) == nil {
                result.append(scalar)
                index += length
                continue
            }
            // Not UTF-8 here (or an escape scalar spelled out): this one byte, escaped.
            result.append(Unicode.Scalar(escapeBase + UInt32(lead))!)
            index += 1
        }
        return String(result)
    }

    /// The bytes a carried text stands for: escape scalars become their byte again.
    public static func bytes(of string: String) -> [UInt8] {
        guard mayHoldEscapes(string) else { return Array(string.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            if let byte = escapedByte(scalar) {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// A carried text for reports and messages, whose text must be Unicode: each byte that is not
    /// UTF-8 is written `\xHH`; any other text is unchanged.
    public static func reported(_ string: String) -> String {
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
    public static func hexEscape(_ byte: UInt8) -> String {
        "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// The byte an escape scalar stands for, or nil for any other scalar.
    public static func escapedByte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        return value >= escapeBase + 0x80 && value <= escapeBase + 0xFF ? UInt8(value - escapeBase) : nil
    }

    /// Escape scalars are U+10FE80 … U+10FEFF, whose UTF-8 starts with 0xF4: a text without that
    /// byte holds none (most paths are ASCII, and this is checked at every `open`).
    public static func mayHoldEscapes(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(holdsEscapeLead) ?? string.utf8.contains(0xF4)
    }

    /// `memchr`, which reads many bytes at a time: the check runs for every name and every open.
    private static func holdsEscapeLead(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return memchr(base, 0xF4, buffer.count) != nil
    }

    private static let escapeBase: UInt32 = 0x10FE00
}
