#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Absolute, clean paths for the strings the command holds, made on the bytes: the lint loop
/// asks for one per file and per build context (to match a file with the builds that use it, to
/// share a context's listing), and Foundation's `URL(fileURLWithPath:).standardizedFileURL`
/// cost more than reading the file. Links are not resolved, as `standardizedFileURL` does not.
enum AbsolutePath {
    /// The current directory, read once: dlint never changes it.
    static let currentDirectory: String = {
        guard let pointer = getcwd(nil, 0) else { return "/" }
        defer { free(pointer) }
        return String(cString: pointer)
    }()

    /// `path` made absolute against the current directory, with `.`, `..` and repeated slashes
    /// resolved and no trailing slash (`/` for the root).
    static func of(_ path: String) -> String {
        cleaned(path.utf8.first == UInt8(ascii: "/") ? path : currentDirectory + "/" + path)
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
