#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a file in place without ever leaving it half-written: the new bytes go to a
/// temporary file in the same directory, which is flushed to disk, given the original's mode
/// and owner, and renamed over the original.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "dlint: \(path): \(reason)" }
    }

    /// The real file behind `path` when it lies inside `root` (symbolic links resolved), else nil.
    static func resolvedTarget(of path: String, within root: String) -> String? {
        guard let real = realPath(path), let realRoot = realPath(root) else { return nil }
        if real == realRoot { return real }
        return real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") ? real : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws(WriteError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw WriteError(path: path, reason: "cannot be read: \(errorText())") }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).dlint-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot create a temporary file beside it: \(errorText())") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ reason: String) -> WriteError {
            close(descriptor)
            unlink(temporary)
            return WriteError(path: path, reason: reason)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw fail("cannot write: \(errorText())") }
            written += count
        }
        guard fchmod(descriptor, status.st_mode & 0o7777) == 0 else { throw fail("cannot keep its permissions: \(errorText())") }
        // Keeping the owner needs privileges; without them the file keeps the writer's owner.
        _ = fchown(descriptor, status.st_uid, status.st_gid)
        guard fsync(descriptor) == 0 else { throw fail("cannot flush to disk: \(errorText())") }
        guard close(descriptor) == 0 else {
            unlink(temporary)
            throw WriteError(path: path, reason: "cannot close: \(errorText())")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WriteError(path: path, reason: "cannot replace: \(errorText())")
        }
    }

    /// Creates `path` with `bytes` unless a file of that name exists: written to a temporary file
    /// beside it, flushed, then hard-linked into place (which fails rather than overwrite).
    /// Returns false when the file exists already.
    static func create(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws(WriteError) -> Bool {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).dlint-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot create a temporary file beside it: \(errorText())") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                close(descriptor)
                throw WriteError(path: path, reason: "cannot write: \(errorText())")
            }
            written += count
        }
        let processMask = umask(0)
        umask(processMask)
        _ = fchmod(descriptor, mode & ~processMask)
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw WriteError(path: path, reason: "cannot flush to disk: \(errorText())") }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            throw WriteError(path: path, reason: "cannot create: \(errorText())")
        }
        return true
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
