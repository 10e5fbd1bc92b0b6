#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a file in place without ever leaving it half-written: the new bytes go to a
/// temporary file in the same directory, which is flushed to disk, given the original's mode
/// and owner, and renamed over the original. Paths are carried path strings (`RawPath`): a name
/// that is not UTF-8 is written under its own bytes.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "dlint: \(DisplayPath.escaped(path)): \(reason)" }
    }

    /// The real file behind `path` when it lies inside `root` (symbolic links resolved), else nil.
    static func resolvedTarget(of path: String, within root: String) -> String? {
        guard let real = realPath(path), let realRoot = realPath(root) else { return nil }
        if real == realRoot { return real }
        return real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") ? real : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = RawPath.withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return RawPath(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved))).string
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws(WriteError) {
        var status = stat()
        guard RawPath.withCString(path, { stat($0, &status) }) == 0 else { throw WriteError(path: path, reason: "cannot be read: \(errorText())") }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = temporaryTemplate(directory: directory, name: name)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot create a temporary file beside it: \(errorText())") }
        let temporary = RawPath(bytes: template.dropLast().map { UInt8(bitPattern: $0) }).string
        func fail(_ reason: String) -> WriteError {
            close(descriptor)
            removeTemporary(temporary)
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
            removeTemporary(temporary)
            throw WriteError(path: path, reason: "cannot close: \(errorText())")
        }
        guard RawPath.withCString(temporary, { from in RawPath.withCString(path) { rename(from, $0) } }) == 0 else {
            removeTemporary(temporary)
            throw WriteError(path: path, reason: "cannot replace: \(errorText())")
        }
    }

    /// Creates `path` with `bytes` unless a file of that name exists: written to a temporary file
    /// beside it, flushed, then hard-linked into place (which fails rather than overwrite).
    /// Returns false when the file exists already.
    static func create(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws(WriteError) -> Bool {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = temporaryTemplate(directory: directory, name: name)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot create a temporary file beside it: \(errorText())") }
        let temporary = RawPath(bytes: template.dropLast().map { UInt8(bitPattern: $0) }).string
        defer { removeTemporary(temporary) }
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
        guard RawPath.withCString(temporary, { from in RawPath.withCString(path) { link(from, $0) } }) == 0 else {
            if errno == EEXIST { return false }
            throw WriteError(path: path, reason: "cannot create: \(errorText())")
        }
        return true
    }

    /// `DIRECTORY/.NAME.dlint-XXXXXX` for `mkstemp`, in the path's own bytes.
    private static func temporaryTemplate(directory: String, name: String) -> [CChar] {
        (RawPath("\(directory.isEmpty ? "/" : directory)/.\(name).dlint-XXXXXX").bytes + [0]).map { CChar(bitPattern: $0) }
    }

    private static func removeTemporary(_ path: String) {
        _ = RawPath.withCString(path) { unlink($0) }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
