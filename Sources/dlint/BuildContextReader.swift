import DLintCore
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

/// Reads build contexts from disk for the context rules: the listing of a context directory
/// (breadth first, `.git` not entered, at most `entryLimit` entries) and the ignore file BuildKit
/// would use for a given Dockerfile. Listings are read once per directory and shared.
final class BuildContextReader: @unchecked Sendable {
    /// Enough for real projects; a bigger context (a home directory by mistake) is cut short and
    /// the rules stop short of calling anything missing below what was not read.
    let entryLimit: Int
    private var listings: [String: Listing] = [:]
    private let lock = Lock()
    /// Contexts that hit the cap, for one warning each.
    private(set) var truncatedContexts: [String] = []

    struct Listing {
        let entries: [BuildContext.Entry]
        let unlisted: Set<String>
        let truncated: Bool
        /// The listing as a context, indexed once; each Dockerfile's context is made from it.
        let context: BuildContext
        /// The names at the root that are not directories, when the root was read whole: the
        /// ignore files are looked for there without a failing `open` per Dockerfile.
        let rootFileNames: Set<String>?

        init(entries: [BuildContext.Entry], unlisted: Set<String>, truncated: Bool) {
            self.entries = entries
            self.unlisted = unlisted
            self.truncated = truncated
            self.context = BuildContext(entries: entries, unlistedDirectories: unlisted, isTruncated: truncated)
            rootFileNames = unlisted.contains("") ? nil
                : Set(entries.lazy.filter { $0.kind == .file && !$0.path.utf8.contains(UInt8(ascii: "/")) }.map(\.path))
        }

        /// False only when the root was read whole and has no such file.
        func mayHoldAtRoot(_ name: String) -> Bool { rootFileNames?.contains(name) ?? true }
    }

    /// The directories the file search already read: a context is listed from them, and an
    /// ignore file they do not hold is not opened.
    let searched: DirectoryListings?
    /// Ignore files read, by the path opened (nil: none there): Dockerfiles of one directory share
    /// one, and the readers of a run share these.
    final class IgnoreFiles: @unchecked Sendable {
        fileprivate var byPath: [String: DockerIgnore?] = [:]
        fileprivate let lock = Lock()
    }

    let ignoreFiles: IgnoreFiles
    private var entriesHeld = 0
    /// The lint loop keeps one reader for its windows while its listings hold no more entries than this.
    static let heldEntryBudget = 50_000

    /// The entries of the listings held.
    var heldEntries: Int {
        lock.lock()
        defer { lock.unlock() }
        return entriesHeld
    }

    init(entryLimit: Int = 20_000, searched: DirectoryListings? = nil, ignoreFiles: IgnoreFiles = IgnoreFiles()) {
        self.entryLimit = entryLimit
        self.searched = searched
        self.ignoreFiles = ignoreFiles
    }

    /// The ignore file of a Dockerfile built with the context `directory`, as BuildKit chooses it:
    /// `NAME.dockerignore` beside the Dockerfile `NAME`, else `.dockerignore` at the context root;
    /// with its name. The one place that decides it, for the lint, the cache key and the server.
    /// `contextListing` is the context's, when it was listed; a candidate that a listing shows
    /// absent is not opened.
    func ignoreFile(dockerfilePath: String?, contextDirectory directory: String, contextListing: Listing? = nil)
        -> (ignore: DockerIgnore, name: String)? {
        var candidates: [(directory: String, name: String)] = []
        // Plain string operations: this runs for every Dockerfile, and URLs cost more than the reads.
        if var dockerfilePath {
            while dockerfilePath.count > 1, dockerfilePath.hasByteSuffix("/") { dockerfilePath.removeLast() }
            candidates.append((ProjectPaths.directory(of: dockerfilePath), PathText.basename(dockerfilePath) + ".dockerignore"))
        }
        candidates.append((directory, ".dockerignore"))
        for candidate in candidates {
            if candidate.directory == directory, let contextListing, !contextListing.mayHoldAtRoot(candidate.name) { continue }
            if let searched, !searched.mayHoldFile(named: candidate.name, in: AbsolutePath.of(candidate.directory)) { continue }
            if let ignore = ignoreFile(atPath: candidate.directory + "/" + candidate.name) { return (ignore, candidate.name) }
        }
        return nil
    }

    /// The ignore file for a Dockerfile whose context is taken to be its own directory (the
    /// configuration's `dockerIgnore` before any context is listed; the server's).
    func ignoreFile(forDockerfile path: String) -> DockerIgnore? {
        ignoreFile(dockerfilePath: path, contextDirectory: ProjectPaths.directory(of: path))?.ignore
    }

    private func ignoreFile(atPath path: String) -> DockerIgnore? {
        ignoreFiles.lock.lock()
        let known = ignoreFiles.byPath[path]
        ignoreFiles.lock.unlock()
        if let known { return known }
        // Carried as paths are (`RawPath`), so that a pattern's bytes meet a name's, as in BuildKit.
        let ignore = FileBytes.contents(atPath: path).map { DockerIgnore(RawPath(bytes: $0).string) }
        ignoreFiles.lock.lock()
        ignoreFiles.byPath[path] = .some(ignore)
        ignoreFiles.lock.unlock()
        return ignore
    }

    /// The context for a Dockerfile: `directory` (as the user wrote it) with the ignore file
    /// `DOCKERFILE.dockerignore` beside the Dockerfile, else `.dockerignore` at the context root.
    /// `explicit` is true when the user or a Compose/Bake file named the directory.
    func context(directory: String, dockerfilePath: String?, explicit: Bool) -> BuildContext? {
        let key = AbsolutePath.of(directory)
        // A directory the search read is one: no `stat` per Dockerfile.
        if searched?.entries(of: key) == nil {
            guard let status = RawPath.status(directory), status.st_mode & S_IFMT == S_IFDIR else { return nil }
        }
        let listing = self.listing(of: directory, key: key)
        let chosen = ignoreFile(dockerfilePath: dockerfilePath, contextDirectory: directory, contextListing: listing)
        return listing.context.with(ignore: chosen?.ignore, ignoreFileName: chosen?.name, displayName: directory, isExplicit: explicit)
    }

    private func listing(of directory: String, key: String) -> Listing {
        lock.lock()
        if let cached = listings[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let listing = Self.read(key, limit: entryLimit, searched: searched)
        lock.lock()
        if listings[key] == nil, listing.truncated { truncatedContexts.append(directory) }
        if listings[key] == nil { entriesHeld += listing.entries.count }
        listings[key] = listing
        lock.unlock()
        return listing
    }

    /// Breadth first, so that a cut-short listing still knows the shallow paths COPY names most.
    static func read(_ root: String, limit: Int, searched: DirectoryListings? = nil) -> Listing {
        var entries: [BuildContext.Entry] = []
        var unlisted: Set<String> = []
        var queue: [String] = [""]
        var next = 0
        var truncated = false
        while next < queue.count {
            let relative = queue[next]
            next += 1
            if truncated {
                unlisted.insert(relative)
                continue
            }
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let names = searched?.entries(of: absolute).map({ $0.map { ($0.name, $0.isDirectory) } }) ?? directoryEntries(absolute) else {
                unlisted.insert(relative)
                continue
            }
            for (name, knownToBeDirectory) in names.sorted(by: { $0.name < $1.name }) {
                if entries.count >= limit {
                    truncated = true
                    unlisted.insert(relative)
                    break
                }
                let isDirectory: Bool
                if let knownToBeDirectory {
                    isDirectory = knownToBeDirectory
                } else {
                    var status = stat()
                    guard RawPath.withCString(absolute + "/" + name, { lstat($0, &status) }) == 0 else { continue }
                    isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
                }
                let path = relative.isEmpty ? name : relative + "/" + name
                entries.append(BuildContext.Entry(path: path, kind: isDirectory ? .directory : .file))
                guard isDirectory else { continue }
                // A repository's history is never worth listing; its presence is what matters.
                if name == ".git" { unlisted.insert(path) } else { queue.append(path) }
            }
        }
        return Listing(entries: entries, unlisted: unlisted, truncated: truncated)
    }

    /// A directory's names (`.` and `..` left out) and whether each is a directory, as `lstat`
    /// would say (a link is not), when the entry's `d_type` tells; nil when it cannot be read.
    /// `readdir` rather than `FileManager`, whose listing and a `stat` per name cost most of a
    /// context's reading. Names are carried path strings (`RawPath`): one that is not UTF-8 is
    /// listed with its bytes escaped, and `.dockerignore` patterns meet it byte for byte.
    private static func directoryEntries(_ path: String) -> [(name: String, isDirectory: Bool?)]? {
        guard let stream = RawPath.withCString(path, { opendir($0) }) else { return nil }
        defer { closedir(stream) }
        var names: [(name: String, isDirectory: Bool?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String? in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.endIndex
                if length == 1, bytes[0] == UInt8(ascii: ".") { return nil }
                if length == 2, bytes[0] == UInt8(ascii: "."), bytes[1] == UInt8(ascii: ".") { return nil }
                return EscapedBytes.string(of: bytes[..<length])
            }
            guard let name else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_UNKNOWN): names.append((name, nil))
            case Int32(DT_DIR): names.append((name, true))
            default: names.append((name, false))
            }
        }
        return names
    }
}
