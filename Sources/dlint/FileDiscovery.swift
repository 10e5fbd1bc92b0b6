import DLintCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
private let systemLstat = Glibc.lstat
#elseif canImport(Darwin)
import Darwin
private let systemLstat = Darwin.lstat
#endif

/// What decides which files a directory search lints.
struct DiscoveryOptions: Sendable {
    /// Replaces the default exclude list when set (`--exclude`, `exclude:`).
    var excludes: [PathGlob]?
    /// Added to the excludes (`--extend-exclude`, `extend-exclude:`).
    var extendExcludes: [PathGlob] = []
    /// Apply the excludes, `.gitignore` included, to paths named on the command line too.
    var forceExclude = false
    /// Skip what git ignores (`.gitignore`, `.git/info/exclude`, the global excludes file).
    var respectGitIgnore = true
    /// Also collect Compose and Bake files (`--no-project-files` turns this off).
    var findProjectFiles = true

    /// Version-control metadata, skipped whatever the excludes say.
    static let alwaysSkippedNames: Set<String> = [".git", ".hg", ".svn", ".bzr"]

    /// Third-party and tool trees, never a project's own Dockerfiles. `build/` and `docker/` are
    /// deliberately absent: many projects keep their real Dockerfiles there.
    static let defaultExcludeNames = [
        ".build", "node_modules", "bower_components", "vendor", "third_party",
        ".venv", "venv", "__pycache__", ".tox", ".terraform",
    ]

    func activeExcludes(base: String) -> [PathGlob] {
        (excludes ?? Self.defaultExcludeNames.map { PathGlob($0, base: base) }) + extendExcludes
    }
}

/// A file the search passed over, and why: shown by `--show-files --verbose`.
struct SkippedPath: Sendable {
    let path: String
    let reason: String
}

/// Turns the paths on the command line into the Dockerfiles to lint.
/// A Compose or Bake file to read.
struct ProjectFileInput: Sendable, Hashable {
    let path: String
    let kind: ProjectFileKind
}

struct FileDiscovery {
    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`.
    static func isDockerfileName(_ name: String) -> Bool {
        name == "Dockerfile" || name.hasPrefix("Dockerfile.")
            || name == "Containerfile" || name.hasPrefix("Containerfile.")
            || (name.hasSuffix(".Dockerfile") && name.count > ".Dockerfile".count)
            || (name.hasSuffix(".dockerfile") && name.count > ".dockerfile".count)
    }

    /// Extensions that say a `Dockerfile.*` file is something else, by kind.
    static let foreignExtensions: [(kind: String, extensions: Set<String>)] = [
        ("a script or source file", ["py", "sh", "bash", "zsh", "fish", "ps1", "psm1", "bat", "cmd", "rb", "pl", "js", "mjs",
                                     "cjs", "ts", "go", "java", "kt", "rs", "c", "h", "cpp", "php", "lua", "swift", "groovy"]),
        ("documentation", ["md", "markdown", "rst", "txt", "adoc", "asciidoc", "html", "htm", "pdf", "org"]),
        ("a data or configuration file", ["json", "yaml", "yml", "toml", "xml", "csv", "tsv", "ini", "cfg", "conf",
                                           "properties", "env", "lock", "sum", "hcl", "tf", "tfvars", "sql", "plist"]),
        ("a backup", ["orig", "rej", "bak", "old", "swp", "swo", "tmp", "backup", "save"]),
        ("a template", ["j2", "jinja", "jinja2", "tmpl", "tpl", "template", "mustache", "hbs", "handlebars", "erb", "ejs",
                        "in", "m4", "gotmpl", "tera", "liquid", "njk", "twig", "mako", "jsonnet", "cue", "dist"]),
        ("an ignore file, patch or log", ["dockerignore", "gitignore", "patch", "diff", "log"]),
        ("an archive or image", ["zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "png", "jpg", "jpeg", "svg", "gif", "ico"]),
    ]

    /// Why a name that looks like a Dockerfile is not one (`Dockerfile.py`, `Dockerfile.j2`,
    /// `Dockerfile~`), or nil.
    static func notADockerfileReason(_ name: String) -> String? {
        guard isDockerfileName(name) else { return "not a Dockerfile name" }
        if name.hasSuffix("~") { return "a backup (the name ends with ~)" }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        // `app.Dockerfile` and `Dockerfile.prod` are Dockerfiles; only the last extension speaks.
        let ext = name[name.index(after: dot)...].lowercased()
        if ext == "dockerfile" { return nil }
        for (kind, extensions) in foreignExtensions where extensions.contains(ext) {
            return "the extension .\(ext) says it is \(kind)"
        }
        return nil
    }

    struct Result {
        var files: [InputFile] = []
        var errors: [InputError] = []
        /// Directories searched in which nothing was found: a warning, not an error.
        var emptyDirectories: [String] = []
        var skipped: [SkippedPath] = []
        /// Compose and Bake files found in searched directories or named as paths.
        var projectFiles: [ProjectFileInput] = []
        /// Paths the search could not use and says so without failing the run: a FIFO or a
        /// broken link named like a Dockerfile.
        var warnings: [InputError] = []
    }

    /// The files to lint for `paths` (the current directory when empty), in a stable order.
    /// `options(root)` gives the discovery options in force for a search root (its configuration's
    /// `exclude:` can differ). Paths that cannot be used are errors; the rest is still linted.
    /// `listings`, when given, keeps the directories read, for the build-context reader.
    static func files(for paths: [String], options: (String) -> DiscoveryOptions = { _ in DiscoveryOptions() },
                      listings: DirectoryListings? = nil) -> Result {
        let roots = paths.isEmpty ? ["."] : paths
        var result = Result()
        let currentDirectory = AbsolutePath.currentDirectory
        for root in roots {
            if root == InputFile.standardInputPath {
                result.files.append(InputFile(displayPath: root, isStandardInput: true))
                continue
            }
            var status = stat()
            guard RawPath.withCString(root, { stat($0, &status) }) == 0 else {
                result.errors.append(InputError(path: root, reason: InputFile.reason(errno)))
                continue
            }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            let rootOptions = options(root)
            guard isDirectory else {
                // A file named on the command line meets the excludes only with --force-exclude.
                if rootOptions.forceExclude {
                    let absolute = AbsolutePath.of(root)
                    let excludes = rootOptions.activeExcludes(base: currentDirectory)
                    if let pattern = excludes.first(where: { $0.matches(absolutePath: absolute, isDirectory: false) || $0.matchesAncestor(of: absolute) }) {
                        result.skipped.append(SkippedPath(path: root, reason: "excluded by '\(pattern)' (--force-exclude)"))
                        continue
                    }
                    if rootOptions.respectGitIgnore, GitIgnore.ignored([absolute]).contains(absolute) {
                        result.skipped.append(SkippedPath(path: root, reason: "ignored by git (--force-exclude)"))
                        continue
                    }
                }
                // A file that stat reads ends with a name (never with `/`, `.` or `..`): the name is what
                // follows the last slash.
                let slash = root.lastIndex(of: "/")
                let parent = slash.map { String(root[..<$0]) } ?? "."
                let name = slash.map { String(root[root.index(after: $0)...]) } ?? root
                if let kind = ProjectFileKind.kind(ofFileName: name) {
                    if rootOptions.findProjectFiles { result.projectFiles.append(ProjectFileInput(path: root, kind: kind)) }
                    continue
                }
                result.files.append(InputFile(displayPath: root, isStandardInput: false, root: parent.isEmpty ? "/" : parent))
                continue
            }
            let excludes = rootOptions.activeExcludes(base: currentDirectory)
            let (found, skipped, projectFiles, problems) = search(directory: root, excludes: excludes, respectGitIgnore: rootOptions.respectGitIgnore,
                                                                    listings: listings)
            result.skipped += skipped
            result.errors += problems.errors
            result.warnings += problems.warnings
            if rootOptions.findProjectFiles { result.projectFiles += projectFiles }
            if found.isEmpty && (projectFiles.isEmpty || !rootOptions.findProjectFiles) { result.emptyDirectories.append(root) }
            result.files += found.map { InputFile(displayPath: $0, isStandardInput: false, root: root) }
        }
        return result
    }

    /// What a search could not use: unreadable directories (errors: files in them were not
    /// linted) and unusable files named like Dockerfiles (warnings).
    private final class SearchProblems {
        var errors: [InputError] = []
        var warnings: [InputError] = []
    }

    private static func search(directory: String, excludes: [PathGlob], respectGitIgnore: Bool, listings: DirectoryListings?)
        -> (found: [String], skipped: [SkippedPath], projectFiles: [ProjectFileInput], problems: SearchProblems) {
        let walk = TreeWalk(directory: directory, excludes: excludes, findsWorkTrees: respectGitIgnore, listings: listings)
        walk.run()
        var candidates = walk.candidates, projectCandidates = walk.projectCandidates, skipped = walk.skipped
        if respectGitIgnore, !candidates.isEmpty || !projectCandidates.isEmpty {
            // One `git check-ignore` per work tree for Dockerfiles and project files together.
            var byWorkTree: [String: [String]] = [:]
            for candidate in candidates { if let tree = candidate.workTree { byWorkTree[tree, default: []].append(candidate.absolute) } }
            for candidate in projectCandidates { if let tree = candidate.workTree { byWorkTree[tree, default: []].append(candidate.absolute) } }
            let ignored = GitIgnore.ignored(byWorkTree: byWorkTree)
            if !ignored.isEmpty {
                for candidate in candidates where ignored.contains(candidate.absolute) {
                    skipped.append(SkippedPath(path: candidate.display, reason: "ignored by git (.gitignore, .git/info/exclude)"))
                }
                candidates.removeAll { ignored.contains($0.absolute) }
                projectCandidates.removeAll { ignored.contains($0.absolute) }
            }
        }
        let projectFiles = projectCandidates.sorted { $0.display < $1.display }.map { ProjectFileInput(path: $0.display, kind: $0.kind) }
        return (candidates.map(\.display).sorted(), skipped.sorted { $0.path < $1.path }, projectFiles, walk.problems)
    }

    /// A depth-first walk with `opendir`/`readdir` and `lstat`, in the order and with the rules of
    /// the `FileManager` enumerator it replaces (fts with `FTS_PHYSICAL | FTS_XDEV`): links are
    /// never followed, other file systems and directory cycles are not entered, a root that is a
    /// link yields nothing. The `d_type` of an entry saves a `stat` for all but directories and
    /// links; the git work tree is found once for the root and inherited down the walk.
    private final class TreeWalk {
        struct Candidate {
            let display: String
            let absolute: String
            let workTree: String?
        }

        struct ProjectCandidate {
            let display: String
            let absolute: String
            let kind: ProjectFileKind
            let workTree: String?
        }

        /// A directory to read: its path in bytes (names need not be UTF-8), relative to the root
        /// and absolute as carried path strings (`RawPath`).
        private struct Directory {
            let bytes: [UInt8]
            let relative: String
            let absolute: String
            let workTree: String?
        }

        private enum EntryType { case directory, regular, symbolicLink, other, unknown }

        let excludes: [PathGlob]
        let findsWorkTrees: Bool
        /// The searched directory as `AbsolutePath.of` spells it (carried bytes, not Foundation's
        /// reading of the current directory): also the key of the listings kept.
        let basePath: String
        let listings: DirectoryListings?
        let prefix: String
        let problems = SearchProblems()
        var candidates: [Candidate] = []
        var projectCandidates: [ProjectCandidate] = []
        var skipped: [SkippedPath] = []
        private var rootDevice: dev_t = 0
        /// (device, inode) of the directories being read, for fts's cycle check.
        private var ancestors: [(dev_t, ino_t)] = []

        init(directory: String, excludes: [PathGlob], findsWorkTrees: Bool, listings: DirectoryListings?) {
            basePath = AbsolutePath.of(directory)
            self.listings = listings
            prefix = directory == "." ? "" : (directory.hasByteSuffix("/") ? directory : directory + "/")
            self.excludes = excludes
            self.findsWorkTrees = findsWorkTrees
        }

        private func display(_ relative: String) -> String { prefix + relative }

        private func absolute(_ relative: String) -> String {
            relative.isEmpty ? basePath : AbsolutePath.child(relative, of: basePath)
        }

        func run() {
            let bytes = RawPath(basePath).bytes
            var status = stat()
            guard Self.lstat(bytes, &status) == 0 else {
                cannotSearch("", bytes: bytes)
                return
            }
            // fts does not follow a root that is a symbolic link (FTS_PHYSICAL without COMFOLLOW).
            guard status.st_mode & S_IFMT == S_IFDIR else { return }
            rootDevice = status.st_dev
            let workTree = findsWorkTrees ? GitIgnore.workTree(containing: basePath + "/_") : nil
            visit(Directory(bytes: bytes, relative: "", absolute: basePath, workTree: workTree), status: status)
        }

        private func cannotSearch(_ relative: String, bytes: [UInt8]) {
            let reason = Self.withCString(bytes) { access($0, R_OK | X_OK) } == 0 ? "cannot be searched" : "cannot be searched: \(InputFile.reason(errno))"
            problems.errors.append(InputError(path: display(relative) + "/", reason: reason))
        }

        private func visit(_ directory: Directory, status: stat) {
            // Read the whole directory first and close it, as fts does: no descriptor stays open
            // per level.
            guard let stream = Self.withCString(directory.bytes, { opendir($0) }) else {
                cannotSearch(directory.relative, bytes: directory.bytes)
                return
            }
            var entries: [(name: [UInt8], type: UInt8)] = []
            var holdsGit = false
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> [UInt8] in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    return Array(bytes[..<(bytes.firstIndex(of: 0) ?? bytes.endIndex)])
                }
                if name == [46] || name == [46, 46] { continue }
                if name == Self.gitName { holdsGit = true }
                entries.append((name, entry.pointee.d_type))
            }
            closedir(stream)
            var workTree = directory.workTree
            if findsWorkTrees, holdsGit, !directory.relative.isEmpty {
                // `.git` as a directory, a file (worktrees, submodules) or a link that leads somewhere.
                var gitStatus = stat()
                if Self.withCString(directory.bytes + [47] + Self.gitName, { stat($0, &gitStatus) }) == 0 { workTree = directory.absolute }
            }
            ancestors.append((status.st_dev, status.st_ino))
            defer { ancestors.removeLast() }
            // What the build-context reader would read here: each name, a directory or not as `lstat` says.
            var kept: [DirectoryListings.Entry] = []
            if listings != nil { kept.reserveCapacity(entries.count) }
            defer {
                if let listings {
                    let key = directory.relative.isEmpty ? basePath : (basePath == "/" ? "/" : basePath + "/") + directory.relative
                    listings.record(kept, of: key)
                }
            }
            for (nameBytes, dType) in entries {
                let name = EscapedBytes.string(of: nameBytes)
                let relative = directory.relative.isEmpty ? name : directory.relative + "/" + name
                let bytes = directory.bytes + [47] + nameBytes
                var type: EntryType
                switch Int32(dType) {
                case Int32(DT_DIR): type = .directory
                case Int32(DT_REG): type = .regular
                case Int32(DT_LNK): type = .symbolicLink
                case Int32(DT_UNKNOWN): type = .unknown
                default: type = .other
                }
                var entryStatus = stat()
                if type == .directory || type == .unknown {
                    guard Self.lstat(bytes, &entryStatus) == 0 else {
                        if listings != nil { kept.append(DirectoryListings.Entry(name: name, isDirectory: nil)) }
                        // fts reports an entry it cannot stat (FTS_NS) to the error handler.
                        cannotSearch(relative, bytes: bytes)
                        continue
                    }
                    switch entryStatus.st_mode & S_IFMT {
                    case S_IFDIR: type = .directory
                    case S_IFREG: type = .regular
                    case S_IFLNK: type = .symbolicLink
                    default: type = .other
                    }
                }
                if listings != nil { kept.append(DirectoryListings.Entry(name: name, isDirectory: type == .directory)) }
                if type == .directory {
                    // A cycle (a bind mount) is invisible to fts's enumerator.
                    if ancestors.contains(where: { $0.0 == entryStatus.st_dev && $0.1 == entryStatus.st_ino }) { continue }
                    let child = Directory(bytes: bytes, relative: relative, absolute: absolute(relative), workTree: workTree)
                    if DiscoveryOptions.alwaysSkippedNames.contains(name) { continue }
                    if let pattern = excludes.first(where: { $0.matches(absolutePath: child.absolute, isDirectory: true) }) {
                        skipped.append(SkippedPath(path: display(relative) + "/", reason: "excluded by '\(pattern)'"))
                        continue
                    }
                    // FTS_XDEV: a directory on another file system is seen but not entered.
                    if entryStatus.st_dev == rootDevice { visit(child, status: entryStatus) }
                    continue
                }
                file(name: name, relative: relative, bytes: bytes, type: type, workTree: workTree)
            }
        }

        private func file(name: String, relative: String, bytes: [UInt8], type: EntryType, workTree: String?) {
            if let kind = ProjectFileKind.kind(ofFileName: name) {
                let absolute = absolute(relative)
                if type == .regular, !excludes.contains(where: { $0.matches(absolutePath: absolute, isDirectory: false) }) {
                    projectCandidates.append(ProjectCandidate(display: display(relative), absolute: absolute, kind: kind, workTree: workTree))
                }
                return
            }
            guard isDockerfileName(name) else { return }
            if let reason = notADockerfileReason(name) {
                skipped.append(SkippedPath(path: display(relative), reason: reason))
                return
            }
            let absolute = absolute(relative)
            if let pattern = excludes.first(where: { $0.matches(absolutePath: absolute, isDirectory: false) }) {
                skipped.append(SkippedPath(path: display(relative), reason: "excluded by '\(pattern)'"))
                return
            }
            // A link is linted when it leads to a file (links to directories are never followed).
            var status = stat()
            let isFile = type == .regular
                || (type == .symbolicLink && Self.withCString(bytes, { stat($0, &status) }) == 0 && status.st_mode & S_IFMT == S_IFREG)
            guard isFile else {
                // Never open a FIFO or device found by the search (it could block forever), and
                // say why a Dockerfile-named entry was passed over.
                let reason = Self.withCString(bytes, { stat($0, &status) }) != 0
                    ? "a symbolic link that cannot be followed: \(InputFile.reason(errno))"
                    : status.st_mode & S_IFMT == S_IFDIR ? nil : "not a regular file (a FIFO, socket or device): not read"
                if let reason {
                    problems.warnings.append(InputError(path: display(relative), reason: "warning: skipped: " + reason))
                    skipped.append(SkippedPath(path: display(relative), reason: reason))
                }
                return
            }
            candidates.append(Candidate(display: display(relative), absolute: absolute, workTree: workTree))
        }

        private static let gitName = Array(".git".utf8)

        private static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
            (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
        }

        private static func lstat(_ bytes: [UInt8], _ status: inout stat) -> Int32 {
            withCString(bytes) { systemLstat($0, &status) }
        }
    }
}

/// What git ignores, asked of git itself so that every source of ignore rules (nested
/// `.gitignore` files, `.git/info/exclude`, `core.excludesFile`) and tracked files (never
/// ignored) are handled as git does. Outside a work tree, or without git, nothing is ignored.
enum GitIgnore {
    static func ignored(_ absolutePaths: [String]) -> Set<String> {
        // Group by work tree: paths can come from several repositories.
        var byWorkTree: [String: [String]] = [:]
        // Many files share a directory: look each directory's work tree up once.
        var workTreeByDirectory: [String: String?] = [:]
        for path in absolutePaths {
            let directory = AbsolutePath.parent(of: path)
            if workTreeByDirectory[directory] == nil { workTreeByDirectory[directory] = workTree(containing: path) }
            guard let workTree = workTreeByDirectory[directory] ?? nil else { continue }
            byWorkTree[workTree, default: []].append(path)
        }
        return ignored(byWorkTree: byWorkTree)
    }

    /// What git ignores of paths already grouped by their work tree: one `git check-ignore` each.
    static func ignored(byWorkTree: [String: [String]]) -> Set<String> {
        var ignored: Set<String> = []
        for (workTree, paths) in byWorkTree {
            ignored.formUnion(checkIgnore(paths, in: workTree))
        }
        return ignored
    }

    /// The nearest directory above `path` that holds `.git` (a directory, or a file for worktrees
    /// and submodules).
    static func workTree(containing path: String) -> String? {
        // On the carried strings: Foundation's `URL` stats every path it builds.
        var current = AbsolutePath.parent(of: path)
        while true {
            if RawPath.status(AbsolutePath.child(".git", of: current)) != nil { return current }
            if current == "/" { return nil }
            current = AbsolutePath.parent(of: current)
        }
    }

    private static func checkIgnore(_ paths: [String], in workTree: String) -> Set<String> {
        // Subprocess writes the list while it reads the answer (a long list could fill both
        // pipes); git may exit at once (a `.git` that is no repository), and the rest of the
        // list is then dropped.
        // Paths are carried strings: git is given, and answers with, their exact bytes.
        let bytes: [UInt8] = paths.flatMap { RawPath($0).bytes + [0] }
        guard let outcome = try? Subprocess.run("/usr/bin/env", ["git", "-C", workTree, "check-ignore", "-z", "--stdin"],
                                                input: bytes, collectsStandardError: false) else { return [] }
        // 0: some paths ignored, 1: none; anything else (not a repository, no git): none.
        guard outcome.exitStatus == 0 else { return [] }
        return Set(outcome.standardOutput.split(separator: 0).map { RawPath(bytes: $0).string })
    }
}
