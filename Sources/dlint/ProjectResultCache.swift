import DLintCore
import DLintReporters

/// The checks of a group of Compose or Bake files, kept in the lint cache: a second run over an
/// unchanged project reads its files but builds no model of the Dockerfiles they name.
///
/// The entry's key is the group's files (paths, kinds, bytes); the result also depends on the
/// disk (which contexts and Dockerfiles exist, what those Dockerfiles say), so the entry keeps
/// every question the checks asked of it with the answer they got (a Dockerfile's bytes as their
/// SHA-256). The stored result is used only when the disk still gives every answer; otherwise the
/// group is checked again and its entry replaced. A Dockerfile the group builds is linted, and
/// cached, on its own as before: its `.dockerignore` and context listing are part of that key.
enum ProjectResultCache {
    static func check(_ sources: [ProjectSource], kinds: [ProjectFileKind], disk: any ProjectFileSystem, cache: LintCache?,
                      models: ProjectDockerfileModels = ProjectDockerfileModels())
        -> ProjectChecker.Result {
        guard let cache else { return ProjectChecker(fileSystem: disk, models: models).check(ProjectDefinition.read(sources, kinds: kinds)) }
        let key = cache.projectKey(sources, kinds: kinds)
        if let stored = cache.lookupEntry(key, { Record.read(from: &$0, sourceCount: sources.count) }),
           stored.queries.allSatisfy({ RecordingFileSystem.answer($0.kind, path: $0.path, on: disk) == $0.answer }) {
            return stored.result
        }
        let recorder = RecordingFileSystem(disk: disk)
        let result = ProjectChecker(fileSystem: recorder, models: models).check(ProjectDefinition.read(sources, kinds: kinds))
        cache.storeEntry(key: key) { Record(queries: recorder.queries, result: result).write(to: &$0) }
        return result
    }

    /// A group's entry: what the checks asked of the disk, and what they found.
    struct Record {
        let queries: [FileSystemQuery]
        let result: ProjectChecker.Result

        func write(to writer: inout CacheEntry.EntryWriter) {
            writer.integer(queries.count)
            for query in queries {
                writer.integer(query.kind.rawValue)
                writer.string(query.path)
                writer.data(query.answer)
            }
            writer.integer(result.diagnostics.count)
            for diagnostics in result.diagnostics { CacheEntry.write(diagnostics, to: &writer) }
            writer.integer(result.requests.count)
            for request in result.requests {
                writer.string(request.dockerfilePath)
                writer.string(request.contextDirectory)
                let arguments = request.buildArguments.sorted { $0.key < $1.key }
                writer.integer(arguments.count)
                for (name, value) in arguments {
                    writer.string(name)
                    switch value {
                    case .known(let text):
                        writer.integer(1)
                        writer.string(text)
                    case .unknown:
                        writer.integer(0)
                    }
                }
                if let target = request.target {
                    writer.integer(1)
                    writer.string(target)
                } else {
                    writer.integer(0)
                }
                let contexts = request.namedContexts.sorted()
                writer.integer(contexts.count)
                for context in contexts { writer.string(context) }
            }
        }

        static func read(from reader: inout CacheEntry.EntryReader, sourceCount: Int) -> Record? {
            guard let queryCount = reader.integer() else { return nil }
            var queries: [FileSystemQuery] = []
            for _ in 0..<queryCount {
                guard let kind = reader.integer().flatMap(FileSystemQuery.Kind.init(rawValue:)), let path = reader.string(),
                      let answer = reader.data() else { return nil }
                queries.append(FileSystemQuery(kind: kind, path: path, answer: answer))
            }
            guard let fileCount = reader.integer(), fileCount == sourceCount else { return nil }
            var diagnostics: [[Diagnostic]] = []
            for _ in 0..<fileCount {
                guard let found = CacheEntry.readDiagnostics(from: &reader) else { return nil }
                diagnostics.append(found)
            }
            guard let requestCount = reader.integer() else { return nil }
            var requests: [ProjectLintRequest] = []
            for _ in 0..<requestCount {
                guard let dockerfilePath = reader.string(), let contextDirectory = reader.string(),
                      let argumentCount = reader.integer() else { return nil }
                var arguments: [String: VariableScope.Value] = [:]
                for _ in 0..<argumentCount {
                    guard let name = reader.string(), let known = reader.integer() else { return nil }
                    switch known {
                    case 0: arguments[name] = .unknown
                    case 1:
                        guard let text = reader.string() else { return nil }
                        arguments[name] = .known(text)
                    default: return nil
                    }
                }
                guard let hasTarget = reader.integer(), hasTarget <= 1 else { return nil }
                var target: String?
                if hasTarget == 1 {
                    guard let text = reader.string() else { return nil }
                    target = text
                }
                guard let contextCount = reader.integer() else { return nil }
                var contexts: Set<String> = []
                for _ in 0..<contextCount {
                    guard let context = reader.string() else { return nil }
                    contexts.insert(context)
                }
                requests.append(ProjectLintRequest(dockerfilePath: dockerfilePath, contextDirectory: contextDirectory,
                                                   buildArguments: arguments, target: target, namedContexts: contexts))
            }
            return Record(queries: queries, result: ProjectChecker.Result(diagnostics: diagnostics, requests: requests))
        }
    }
}

/// One question a project check asked of the disk, with its answer.
struct FileSystemQuery: Sendable, Equatable {
    enum Kind: Int, Sendable {
        case isDirectory = 0, isFile = 1, contents = 2
    }

    let kind: Kind
    let path: String
    /// `isDirectory`, `isFile`: one byte, 0 or 1. `contents`: nothing when the file cannot be
    /// read, else the SHA-256 of its bytes.
    let answer: [UInt8]
}

/// The disk as the project checks see it, with every distinct question and its first answer
/// written down. Used by one check at a time, on one thread.
final class RecordingFileSystem: ProjectFileSystem, @unchecked Sendable {
    let disk: any ProjectFileSystem
    private(set) var queries: [FileSystemQuery] = []
    private var asked: Set<String> = []

    init(disk: any ProjectFileSystem) {
        self.disk = disk
    }

    /// The answer to a question, as a query records it.
    static func answer(_ kind: FileSystemQuery.Kind, path: String, on disk: any ProjectFileSystem) -> [UInt8] {
        switch kind {
        case .isDirectory: [disk.isDirectory(path) ? 1 : 0]
        case .isFile: [disk.isFile(path) ? 1 : 0]
        case .contents: disk.contents(path).map { SHA256Hasher.digest($0) } ?? []
        }
    }

    private func record(_ kind: FileSystemQuery.Kind, _ path: String, _ answer: [UInt8]) {
        guard asked.insert("\(kind.rawValue) \(path)").inserted else { return }
        queries.append(FileSystemQuery(kind: kind, path: path, answer: answer))
    }

    func isDirectory(_ path: String) -> Bool {
        let answer = disk.isDirectory(path)
        record(.isDirectory, path, [answer ? 1 : 0])
        return answer
    }

    func isFile(_ path: String) -> Bool {
        let answer = disk.isFile(path)
        record(.isFile, path, [answer ? 1 : 0])
        return answer
    }

    func contents(_ path: String) -> [UInt8]? {
        let bytes = disk.contents(path)
        record(.contents, path, bytes.map { SHA256Hasher.digest($0) } ?? [])
        return bytes
    }
}
