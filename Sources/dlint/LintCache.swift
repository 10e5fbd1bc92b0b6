import DLintCore
import DLintReporters
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The findings of files already linted, kept between runs (as ruff and eslint keep theirs), so
/// that a second run over an unchanged tree lints nothing.
///
/// An entry is found by its key, a SHA-256 of everything the findings depend on: the file's
/// bytes, the canonical form of its effective configuration (rule selection, severities and
/// options, settings with build arguments, target, the `.dockerignore` and the build-context
/// listing its COPY/ADD rules see — `ConfigurationFingerprint`), dlint's version and the build
/// of the binary (its rule catalogue and the executable's size and modification time, so a
/// rebuilt binary starts afresh), and with `--shellcheck` the shellcheck program's. The entry
/// holds the key again and a checksum: an entry that is truncated, corrupt or written for another
/// key is ignored and overwritten, never trusted. Entries are written to a temporary file and
/// renamed into place, so two dlint processes at once at worst write the same entry twice.
///
/// `--fix` and `--diff` neither read nor write it, nor does standard input.
final class LintCache: @unchecked Sendable {
    /// The directory of the entries, absolute.
    let directory: String
    /// What every key of this run shares: the entry format, dlint's version, the binary's build.
    private let runDigest: [UInt8]
    let listings = ConfigurationFingerprint.ListingDigests()

    private let lock = Lock()
    private var prepared: Bool?
    private var preparationProblem: String?
    private(set) var hits = 0
    private(set) var misses = 0

    static let defaultDirectory = ".dlint_cache"
    static let formatVersion = "dlint-cache 2"
    /// Marks the directory as a cache for backup tools (https://bford.info/cachedir/).
    static let cacheDirectoryTag = """
        Signature: 8a477f597d28d172789f06886806bc55
        # This file is a cache directory tag created by dlint.
        # For information about cache directory tags, see:
        #\thttps://bford.info/cachedir/

        """

    /// The cache the options and environment ask for: `--no-cache` (or `DLINT_NO_CACHE` set to
    /// anything but empty or 0) turns it off; `--cache-dir`, else `DLINT_CACHE_DIR`, else
    /// `.dlint_cache` in the current directory.
    static func resolve(option: String?, noCache: Bool, catalog: RuleCatalog, shellCheck: ShellCheckRunner?,
                        environment: [String: String] = ProcessEnvironment.variables) -> LintCache? {
        if noCache { return nil }
        if let off = environment["DLINT_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        let path = option ?? environment["DLINT_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDirectory
        // Against the current directory's own bytes: Foundation reads a directory named in Latin-1
        // with U+FFFD, and the cache of `caf\xE9/` went to a new directory `caf\u{FFFD}/` beside it.
        let directory = AbsolutePath.of(path)
        let version = environment["DLINT_CACHE_VERSION_OVERRIDE"].flatMap { $0.isEmpty ? nil : $0 } ?? DLintVersion.current
        return LintCache(directory: directory, version: version, catalog: catalog, shellCheck: shellCheck)
    }

    /// The directory holds dlint's `CACHEDIR.TAG`.
    private lazy var isMarked = RawPath.status(directory + "/CACHEDIR.TAG") != nil

    init(directory: String, version: String, catalog: RuleCatalog, shellCheck: ShellCheckRunner?) {
        self.directory = directory
        var run = ConfigurationFingerprint()
        run.tag(Self.formatVersion)
        run.string(version)
        run.integer(catalog.descriptors.count)
        for descriptor in catalog.descriptors {
            run.strings([descriptor.code, descriptor.name, descriptor.severity.rawValue, descriptor.summary])
            run.strings(descriptor.aliases)
            run.boolean(descriptor.fixable)
            run.boolean(descriptor.enabledByDefault)
        }
        run.tag("executable")
        run.bytes(Self.fileIdentity("/proc/self/exe") ?? CommandLine.arguments.first.flatMap(Self.fileIdentity) ?? [])
        if let shellCheck {
            run.tag("shellcheck")
            run.string(shellCheck.executable)
            run.bytes(Self.fileIdentity(shellCheck.executable) ?? [])
        }
        runDigest = run.finalize()
    }

    /// Size and modification time of a file (following links): a rebuilt or reinstalled file differs.
    static func fileIdentity(_ path: String) -> [UInt8]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        var fingerprint = ConfigurationFingerprint()
        fingerprint.integer(Int(status.st_size))
        fingerprint.integer(Int(status.st_mtim.tv_sec))
        fingerprint.integer(Int(status.st_mtim.tv_nsec))
        return fingerprint.finalize()
    }

    /// The key of a file's entry: its bytes linted with these configurations (one, or one per
    /// Compose/Bake build that uses the file).
    func key(source: [UInt8], configurations: [Configuration]) -> [UInt8] {
        var key = ConfigurationFingerprint()
        key.bytes(runDigest)
        key.bytes(source)
        key.integer(configurations.count)
        for configuration in configurations { key.add(configuration, listings: listings) }
        return key.finalize()
    }

    /// True when `path` (absolute or relative to the current directory) is inside the cache, a
    /// directory that dlint marked as its own (`--cache-dir .` by mistake hides nothing).
    func contains(_ path: String) -> Bool {
        guard isMarked else { return false }
        let absolute = AbsolutePath.of(path)
        return absolute == directory || absolute.hasPrefix(directory + "/")
    }

    /// The context without the cache directory, when the cache lies inside it: the cache is
    /// dlint's own, and its entries must not change the listing (and so every key) on each run.
    func excludingItself(from context: BuildContext) -> BuildContext {
        let root = AbsolutePath.of(context.displayName)
        let prefix = root == "/" ? "/" : root + "/"
        guard directory.hasPrefix(prefix) else { return context }
        let inside = String(directory.dropFirst(prefix.count))
        guard !inside.isEmpty, context.entries.contains(where: { $0.path == inside }) else { return context }
        let entries = context.entries.filter { $0.path != inside && !$0.path.hasPrefix(inside + "/") }
        return BuildContext(
            entries: entries, unlistedDirectories: context.unlistedDirectories.filter { $0 != inside && !$0.hasPrefix(inside + "/") },
            isTruncated: context.isTruncated, ignore: context.ignore, ignoreFileName: context.ignoreFileName,
            displayName: context.displayName, isExplicit: context.isExplicit
        )
    }

    private func entryPath(_ key: [UInt8]) -> (directory: String, file: String) {
        let hex = SHA256Hasher.hex(key)
        let shard = directory + "/" + String(hex.prefix(2))
        return (shard, shard + "/" + String(hex.dropFirst(2)))
    }

    /// The findings stored under `key`, or nil (counted as a miss) when there is no entry or it
    /// cannot be trusted.
    func lookup(_ key: [UInt8]) -> [Diagnostic]? {
        let found = FileBytes.contents(atPath: entryPath(key).file).flatMap { CacheEntry.decode($0, key: key) }
        lock.lock()
        if found == nil { misses += 1 } else { hits += 1 }
        lock.unlock()
        return found
    }

    /// Stores the findings under `key`; a cache that cannot be written is reported once and
    /// otherwise ignored.
    func store(_ diagnostics: [Diagnostic], key: [UInt8]) {
        store(entry: CacheEntry.encode(diagnostics, key: key), key: key)
    }

    /// The key of a group of Compose or Bake files read together: their paths, kinds and bytes.
    /// What their checks asked of the disk is kept in the entry (`ProjectResultCache`).
    func projectKey(_ sources: [ProjectSource], kinds: [ProjectFileKind]) -> [UInt8] {
        var key = ConfigurationFingerprint()
        key.bytes(runDigest)
        key.tag("project files")
        key.integer(sources.count)
        for (source, kind) in zip(sources, kinds) {
            key.string(source.path)
            key.string(kind.rawValue)
            key.bytes(source.bytes)
        }
        return key.finalize()
    }

    /// Another kind of entry under `key` (a project group's), read by `read`; not counted as a
    /// file's hit or miss.
    func lookupEntry<Payload>(_ key: [UInt8], _ read: (inout CacheEntry.EntryReader) -> Payload?) -> Payload? {
        FileBytes.contents(atPath: entryPath(key).file).flatMap { CacheEntry.unseal($0, key: key, read) }
    }

    func storeEntry(key: [UInt8], _ write: (inout CacheEntry.EntryWriter) -> Void) {
        store(entry: CacheEntry.seal(key: key, write), key: key)
    }

    private func store(entry: [UInt8], key: [UInt8]) {
        guard prepare() else { return }
        let (shard, file) = entryPath(key)
        if RawPath.withCString(shard, { mkdir($0, 0o777) }) != 0, errno != EEXIST { return }
        _ = Self.writeAtomically(entry, to: file)
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it into place; the `errno` of
    /// the step that failed, or nil. Paths are carried strings, opened by their bytes.
    private static func writeAtomically(_ bytes: [UInt8], to path: String) -> Int32? {
        let temporary = AbsolutePath.parent(of: path) + "/.tmp-\(getpid())-\(UUID().uuidString)"
        let descriptor = RawPath.withCString(temporary) { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else { return errno }
        var failure = Console.writeAll(bytes, to: descriptor).map { _ in EIO }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, RawPath.withCString(temporary, { from in RawPath.withCString(path) { rename(from, $0) } }) != 0 { failure = errno }
        if failure != nil { _ = RawPath.withCString(temporary) { unlink($0) } }
        return failure
    }

    /// `mkdir -p` of an absolute carried path; the `errno` of the first step that failed, or nil.
    private static func makeDirectories(_ path: String) -> Int32? {
        var prefix = ""
        for component in path.utf8.split(separator: UInt8(ascii: "/")) {
            prefix += "/" + String(Substring(component))
            if RawPath.withCString(prefix, { mkdir($0, 0o777) }) != 0, errno != EEXIST { return errno }
        }
        guard let status = RawPath.status(path) else { return errno }
        return status.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR
    }

    /// Creates the directory, with a `.gitignore` of `*` and a `CACHEDIR.TAG`, the first time
    /// something is stored.
    private func prepare() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return prepared }
        var failure = Self.makeDirectories(directory)
        for (name, contents) in [(".gitignore", "# Created by dlint: the cache is never committed.\n*\n"), ("CACHEDIR.TAG", Self.cacheDirectoryTag)] where failure == nil {
            let path = directory + "/" + name
            if RawPath.status(path) == nil { failure = Self.writeAtomically(Array(contents.utf8), to: path) }
        }
        prepared = failure == nil
        if let failure {
            preparationProblem = "dlint: warning: cannot write the cache in \(DisplayPath.escaped(directory)) (\(InputFile.reason(failure))); linting without it (--no-cache turns it off)"
        }
        return prepared!
    }

    /// The warning to print when the cache could not be created.
    var problem: String? {
        lock.lock()
        defer { lock.unlock() }
        return preparationProblem
    }
}

/// The bytes of one cache entry: a header, the key, the findings, and a checksum of all before it.
enum CacheEntry {
    static let magic = Array("DLINTCACHE2\n".utf8)
    static let checksumCount = 8

    /// FNV-1a (64 bits) of the entry: it guards against truncation and corruption, not against
    /// an adversary (the key, compared in full, says whose entry it is). A SHA-256 here was a
    /// seventh of a cached run.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return (0..<checksumCount).map { UInt8(truncatingIfNeeded: hash >> (8 * UInt64($0))) }
    }

    static func encode(_ diagnostics: [Diagnostic], key: [UInt8]) -> [UInt8] {
        seal(key: key) { write(diagnostics, to: &$0) }
    }

    /// An entry for `key` around the payload `write` adds.
    static func seal(key: [UInt8], _ write: (inout EntryWriter) -> Void) -> [UInt8] {
        var writer = EntryWriter()
        writer.bytes += magic
        writer.bytes += key
        write(&writer)
        writer.bytes += checksum(writer.bytes[...])
        return writer.bytes
    }

    static func write(_ diagnostics: [Diagnostic], to writer: inout EntryWriter) {
        writer.integer(diagnostics.count)
        for diagnostic in diagnostics {
            writer.string(diagnostic.code)
            writer.string(diagnostic.name)
            writer.string(diagnostic.severity.rawValue)
            writer.string(diagnostic.message)
            writer.integer(diagnostic.range.lowerBound)
            writer.integer(diagnostic.range.upperBound)
            guard let fix = diagnostic.fix else {
                writer.integer(0)
                continue
            }
            writer.integer(1)
            writer.string(fix.title)
            writer.string(fix.applicability.rawValue)
            writer.integer(fix.edits.count)
            for edit in fix.edits {
                writer.integer(edit.range.lowerBound)
                writer.integer(edit.range.upperBound)
                writer.string(edit.replacement)
            }
            writer.integer(fix.newFiles.count)
            for newFile in fix.newFiles {
                writer.string(newFile.path)
                writer.string(newFile.contents)
            }
        }
    }

    /// The findings, or nil when the bytes are not a whole, intact entry for `key`.
    static func decode(_ bytes: [UInt8], key: [UInt8]) -> [Diagnostic]? {
        unseal(bytes, key: key) { readDiagnostics(from: &$0) }
    }

    /// The payload of an entry for `key`, read to its end by `read`; nil when the bytes are not
    /// a whole, intact entry for `key` or `read` finds them wrong.
    static func unseal<Payload>(_ bytes: [UInt8], key: [UInt8], _ read: (inout EntryReader) -> Payload?) -> Payload? {
        let bodyCount = bytes.count - checksumCount
        guard bodyCount >= magic.count + key.count,
              bytes.starts(with: magic),
              bytes[magic.count..<(magic.count + key.count)].elementsEqual(key),
              checksum(bytes[0..<bodyCount]).elementsEqual(bytes[bodyCount...]) else { return nil }
        var reader = EntryReader(bytes: bytes[(magic.count + key.count)..<bodyCount])
        guard let payload = read(&reader), reader.isAtEnd else { return nil }
        return payload
    }

    static func readDiagnostics(from reader: inout EntryReader) -> [Diagnostic]? {
        guard let count = reader.integer() else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<count {
            guard let code = reader.string(), let name = reader.string(),
                  let severity = reader.string().flatMap(Severity.init(rawValue:)), let message = reader.string(),
                  let lower = reader.integer(), let upper = reader.integer(), lower <= upper,
                  let hasFix = reader.integer() else { return nil }
            var fix: Fix?
            if hasFix == 1 {
                guard let title = reader.string(), let applicability = reader.string().flatMap(Applicability.init(rawValue:)),
                      let editCount = reader.integer() else { return nil }
                var edits: [TextEdit] = []
                for _ in 0..<editCount {
                    guard let editLower = reader.integer(), let editUpper = reader.integer(), editLower <= editUpper,
                          let replacement = reader.string() else { return nil }
                    edits.append(TextEdit(range: editLower..<editUpper, replacement: replacement))
                }
                guard let fileCount = reader.integer() else { return nil }
                var newFiles: [NewFile] = []
                for _ in 0..<fileCount {
                    guard let path = reader.string(), let contents = reader.string() else { return nil }
                    newFiles.append(NewFile(path: path, contents: contents))
                }
                fix = Fix(title: title, applicability: applicability, edits: edits, newFiles: newFiles)
            } else if hasFix != 0 {
                return nil
            }
            diagnostics.append(Diagnostic(code: code, name: name, severity: severity, message: message, range: lower..<upper, fix: fix))
        }
        return diagnostics
    }

    struct EntryWriter {
        var bytes: [UInt8] = []

        mutating func integer(_ value: Int) {
            // LEB128: small numbers, the usual ones, take one byte.
            var rest = UInt64(bitPattern: Int64(value))
            repeat {
                let low = UInt8(rest & 0x7F)
                rest >>= 7
                bytes.append(rest == 0 ? low : low | 0x80)
            } while rest != 0
        }

        mutating func string(_ text: String) {
            integer(text.utf8.count)
            bytes += text.utf8
        }

        mutating func data(_ data: [UInt8]) {
            integer(data.count)
            bytes += data
        }
    }

    struct EntryReader {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var isAtEnd: Bool { position == bytes.endIndex }

        /// A non-negative integer that fits in an `Int`, or nil.
        mutating func integer() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.endIndex, shift < 64 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value <= UInt64(Int.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }

        mutating func string() -> String? {
            guard let count = integer(), count <= bytes.endIndex - position else { return nil }
            let text = String(decoding: bytes[position..<(position + count)], as: UTF8.self)
            position += count
            return text
        }

        mutating func data() -> [UInt8]? {
            guard let count = integer(), count <= bytes.endIndex - position else { return nil }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }
    }
}
