#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DLintCore

/// Absolute, clean paths for the strings the command holds, made on the bytes: the lint loop
/// asks for one per file and per build context (to match a file with the builds that use it, to
/// share a context's listing), and Foundation's `URL(fileURLWithPath:).standardizedFileURL`
/// cost more than reading the file. Links are not resolved, as `standardizedFileURL` does not.
enum AbsolutePath {
    /// The current directory, read once: dlint never changes it. Its bytes are carried
    /// (`EscapedBytes`), as every path the command holds is: a directory named in Latin-1 is no
    /// U+FFFD, which would name another directory and give SARIF a `%EF%BF%BD` source root.
    static let currentDirectory: String = {
        guard let pointer = getcwd(nil, 0) else { return "/" }
        defer { free(pointer) }
        return EscapedBytes.string(of: UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
    }()

    /// `path` made absolute against the current directory, with `.`, `..` and repeated slashes
    /// resolved and no trailing slash (`/` for the root).
    static func of(_ path: String) -> String {
        cleaned(path.utf8.first == UInt8(ascii: "/") ? path : currentDirectory + "/" + path)
    }

    /// `name` inside the absolute `directory`, without a doubled slash at the root (`/` and
    /// `.git` give `/.git`).
    static func child(_ name: String, of directory: String) -> String {
        (directory == "/" ? "" : directory) + "/" + name
    }

    /// The directory holding `path`, absolute and clean (`/` for a name in the root). Foundation's
    /// `URL(fileURLWithPath:).deletingLastPathComponent().path` makes a relative path absolute
    /// against its own reading of the current directory, with U+FFFD for bytes that are not UTF-8.
    static func parent(of path: String) -> String {
        let absolute = of(path)
        guard let slash = absolute.utf8.lastIndex(of: UInt8(ascii: "/")), slash != absolute.utf8.startIndex else { return "/" }
        return String(absolute[..<slash])
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved (`..` above the root stays
    /// at the root) and no trailing slash.
    static func cleaned(_ absolute: String) -> String {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = Array(absolute.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        // Where each component of `result` starts (at its slash), for `..` to drop it.
        var starts: [Int] = []
        var index = 0
        while index < bytes.count {
            while index < bytes.count, bytes[index] == slash { index += 1 }
            let start = index
            while index < bytes.count, bytes[index] != slash { index += 1 }
            let length = index - start
            if length == 0 { break }
            if length == 1, bytes[start] == dot { continue }
            if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                if let last = starts.popLast() { result.removeSubrange(last...) }
                continue
            }
            starts.append(result.count)
            result.append(slash)
            result.append(contentsOf: bytes[start..<index])
        }
        return result.isEmpty ? "/" : String(decoding: result, as: UTF8.self)
    }
}
