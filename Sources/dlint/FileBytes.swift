#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole small files (cache entries, ignore files) read into one buffer sized from `fstat`:
/// `FileManager.contents(atPath:)` zeroes a buffer and copies it into `Data` first, which cost
/// more than the read for the thousands of small files a cached run opens.
enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read (a directory, say). `path` is a
    /// carried path string (`RawPath`).
    static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        // One more than the size, so that the first piece usually sees the end too; a regular file
        // that gave all the bytes `fstat` announced is read (a last `read` returning 0 would be one
        // system call more per file, thousands in a cached run).
        let size = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? max(0, Int(status.st_size)) : 0
        var pieceSize = size + 1
        var bytes: [UInt8] = []
        while true {
            var failed = false
            var ended = false
            let piece = [UInt8](unsafeUninitializedCapacity: pieceSize) { buffer, initialized in
                var filled = 0
                while filled < pieceSize {
                    let count = read(descriptor, buffer.baseAddress! + filled, pieceSize - filled)
                    if count < 0, errno == EINTR { continue }
                    if count < 0 { failed = true }
                    if count <= 0 {
                        ended = true
                        break
                    }
                    filled += count
                    if size > 0, bytes.isEmpty, filled == size {
                        ended = true
                        break
                    }
                }
                initialized = filled
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = piece } else { bytes += piece }
            if ended { return bytes }
            pieceSize = 1 << 16
        }
    }
}
