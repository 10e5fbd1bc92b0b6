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

/// The project checks' view of the disk.
struct DiskFileSystem: ProjectFileSystem {
    func isDirectory(_ path: String) -> Bool {
        RawPath.status(path).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false
    }

    func isFile(_ path: String) -> Bool {
        RawPath.status(path).map { $0.st_mode & S_IFMT != S_IFDIR } ?? false
    }

    func contents(_ path: String) -> [UInt8]? {
        FileBytes.contents(atPath: path)
    }
}

/// The Compose and Bake files of a run, read and checked, and the builds they ask to lint.
struct ProjectFiles {
    /// One report per project file, with its findings (syntax included).
    struct FileResult {
        let source: ProjectSource
        let diagnostics: [Diagnostic]
    }

    var results: [FileResult] = []
    var requests: [ProjectLintRequest] = []
    /// Files that could not be read.
    var errors: [InputError] = []

    /// Reads `inputs`: each Compose file alone; the Bake files of one directory together, in the
    /// order Bake merges them (JSON, then HCL, each before its override); the `--bake` files
    /// together in the order given.
    /// With `cache`, a group whose files and disk are unchanged takes its checks' result from it.
    static func read(found: [ProjectFileInput], composeFiles: [String], bakeFiles: [String], cache: LintCache? = nil) -> ProjectFiles {
        var groups: [[ProjectFileInput]] = []
        var seen: Set<String> = []
        func key(_ path: String) -> String { AbsolutePath.of(path) }
        let explicitCompose = composeFiles.map { ProjectFileInput(path: $0, kind: .compose) }
        let explicitBake = bakeFiles.map { ProjectFileInput(path: $0, kind: ProjectFileKind.bakeKind(ofPath: $0)) }
        for input in explicitCompose where seen.insert(key(input.path)).inserted { groups.append([input]) }
        let bake = explicitBake.filter { seen.insert(key($0.path)).inserted }
        if !bake.isEmpty { groups.append(bake) }
        var bakeByDirectory: [String: [ProjectFileInput]] = [:]
        var directories: [String] = []
        for input in found where seen.insert(key(input.path)).inserted {
            if input.kind == .compose {
                groups.append([input])
                continue
            }
            let directory = ProjectPaths.directory(of: input.path)
            if bakeByDirectory[directory] == nil { directories.append(directory) }
            bakeByDirectory[directory, default: []].append(input)
        }
        let mergeOrder = ["docker-bake.json", "docker-bake.override.json", "docker-bake.hcl", "docker-bake.override.hcl"]
        for directory in directories {
            groups.append(bakeByDirectory[directory]!.sorted { lhs, rhs in
                (mergeOrder.firstIndex(of: URL(fileURLWithPath: lhs.path).lastPathComponent) ?? 0)
                    < (mergeOrder.firstIndex(of: URL(fileURLWithPath: rhs.path).lastPathComponent) ?? 0)
            })
        }

        var project = ProjectFiles()
        let disk = DiskFileSystem()
        // Groups of one project build the same Dockerfiles: each is modelled once for them all.
        let models = ProjectDockerfileModels()
        for group in groups {
            var sources: [ProjectSource] = []
            var kinds: [ProjectFileKind] = []
            for input in group {
                guard let bytes = FileBytes.contents(atPath: input.path) else {
                    project.errors.append(InputError(path: input.path, reason: RawPath.status(input.path) != nil ? "cannot be read" : "no such file"))
                    continue
                }
                sources.append(ProjectSource(path: input.path, bytes: bytes))
                kinds.append(input.kind)
            }
            guard !sources.isEmpty else { continue }
            let checked = ProjectResultCache.check(sources, kinds: kinds, disk: disk, cache: cache, models: models)
            for (index, source) in sources.enumerated() {
                project.results.append(FileResult(source: source, diagnostics: checked.diagnostics[index]))
            }
            project.requests += checked.requests
        }
        return project
    }

    /// The builds per Dockerfile (by absolute path), each build's values once.
    func requestsByDockerfile() -> [String: [ProjectLintRequest]] {
        var byPath: [String: [ProjectLintRequest]] = [:]
        for request in requests {
            let path = AbsolutePath.of(request.dockerfilePath)
            let existing = byPath[path] ?? []
            let duplicate = existing.contains {
                $0.buildArguments == request.buildArguments && $0.target == request.target && $0.namedContexts == request.namedContexts
                    && $0.contextDirectory == request.contextDirectory
            }
            if !duplicate { byPath[path, default: []].append(request) }
        }
        return byPath
    }

    /// The lint settings of a build: its arguments, target and named contexts, and its context's
    /// ignore file.
    /// `reader` lists the context (the lint loop passes its window's, which is dropped with it).
    static func settings(_ base: LintSettings, for request: ProjectLintRequest, reader: BuildContextReader = contextReader) -> LintSettings {
        var settings = base
        settings.buildArguments = request.buildArguments
        settings.target = request.target
        settings.namedContexts = request.namedContexts
        connectBuildContext(&settings, contextDirectory: request.contextDirectory, dockerfilePath: request.dockerfilePath, reader: reader)
        return settings
    }

    /// One reader for every build's context: each directory is listed once.
    static let contextReader = BuildContextReader()

    /// Where a build's context directory reaches the lint settings: its listing and its ignore
    /// file (`NAME.dockerignore` beside the Dockerfile first, as BuildKit reads it).
    static func connectBuildContext(_ settings: inout LintSettings, contextDirectory: String, dockerfilePath: String,
                                    reader: BuildContextReader = contextReader) {
        let context = reader.context(directory: contextDirectory, dockerfilePath: dockerfilePath, explicit: true)
        settings.buildContext = context
        settings.dockerIgnore = context?.ignore
    }

    /// The findings of several lints of one file (one per build), each distinct finding once,
    /// in file order.
    static func merged(_ lists: [[Diagnostic]]) -> [Diagnostic] {
        guard lists.count > 1 else { return lists.first ?? [] }
        struct Key: Hashable {
            let code: String
            let range: Range<Int>
            let message: String
        }
        var seen: Set<Key> = []
        var merged: [Diagnostic] = []
        for diagnostic in lists.joined() where seen.insert(Key(code: diagnostic.code, range: diagnostic.range, message: diagnostic.message)).inserted {
            merged.append(diagnostic)
        }
        return merged.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }.map(\.element)
    }

    /// A project file's findings as its configuration says: ignored codes dropped, severities changed.
    static func configured(_ diagnostics: [Diagnostic], _ configuration: Configuration) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            if configuration.ignored.contains(diagnostic.code) { return nil }
            guard let severity = configuration.severities[diagnostic.code] else { return diagnostic }
            return Diagnostic(code: diagnostic.code, name: diagnostic.name, severity: severity, message: diagnostic.message, range: diagnostic.range, fix: diagnostic.fix)
        }
    }
}
