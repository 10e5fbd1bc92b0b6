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

        init(entries: [BuildContext.Entry], unlisted: Set<String>, truncated: Bool) {
            self.entries = entries
            self.unlisted = unlisted
            self.truncated = truncated
            self.context = BuildContext(entries: entries, unlistedDirectories: unlisted, isTruncated: truncated)
        }
    }

    init(entryLimit: Int = 20_000) {
        self.entryLimit = entryLimit
    }

    /// The context for a Dockerfile: `directory` (as the user wrote it) with the ignore file
    /// `DOCKERFILE.dockerignore` beside the Dockerfile, else `.dockerignore` at the context root.
    /// `explicit` is true when the user or a Compose/Bake file named the directory.
    func context(directory: String, dockerfilePath: String?, explicit: Bool) -> BuildContext? {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else { return nil }
        let listing = self.listing(of: directory)
        var ignore: DockerIgnore?
        var ignoreName: String?
        var candidates: [(path: String, name: String)] = []
        if let dockerfilePath {
            let url = URL(fileURLWithPath: dockerfilePath)
            let name = url.lastPathComponent + ".dockerignore"
            candidates.append((url.deletingLastPathComponent().appendingPathComponent(name).path, name))
        }
        candidates.append((URL(fileURLWithPath: directory).appendingPathComponent(".dockerignore").path, ".dockerignore"))
        for candidate in candidates {
            if let data = FileManager.default.contents(atPath: candidate.path) {
                ignore = DockerIgnore(String(decoding: data, as: UTF8.self))
                ignoreName = candidate.name
                break
            }
        }
        return listing.context.with(ignore: ignore, ignoreFileName: ignoreName, displayName: directory, isExplicit: explicit)
    }

    private func listing(of directory: String) -> Listing {
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path
        lock.lock()
        if let cached = listings[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let listing = Self.read(key, limit: entryLimit)
        lock.lock()
        if listings[key] == nil, listing.truncated { truncatedContexts.append(directory) }
        listings[key] = listing
        lock.unlock()
        return listing
    }

    /// Breadth first, so that a cut-short listing still knows the shallow paths COPY names most.
    static func read(_ root: String, limit: Int) -> Listing {
        let manager = FileManager.default
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
            guard let names = try? manager.contentsOfDirectory(atPath: absolute) else {
                unlisted.insert(relative)
                continue
            }
            for name in names.sorted() {
                if entries.count >= limit {
                    truncated = true
                    unlisted.insert(relative)
                    break
                }
                let path = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(absolute + "/" + name, &status) == 0 else { continue }
                let isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
                entries.append(BuildContext.Entry(path: path, kind: isDirectory ? .directory : .file))
                guard isDirectory else { continue }
                // A repository's history is never worth listing; its presence is what matters.
                if name == ".git" { unlisted.insert(path) } else { queue.append(path) }
            }
        }
        return Listing(entries: entries, unlisted: unlisted, truncated: truncated)
    }
}
