import Foundation

/// A Dockerfile to read: a path on disk, or standard input for `-`.
struct InputFile: Sendable {
    /// The path as the user will see it in messages.
    let displayPath: String
    let isStandardInput: Bool
    /// The directory the file was found in, or named from: `--fix` never writes outside it
    /// through a symbolic link.
    var root: String = "."

    static let standardInputPath = "-"

    func read() throws(InputError) -> [UInt8] {
        if isStandardInput {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let data = FileManager.default.contents(atPath: displayPath) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: displayPath, isDirectory: &isDirectory) {
                throw InputError(path: displayPath, reason: isDirectory.boolValue ? "is a directory" : "cannot be read (permission denied?)")
            }
            throw InputError(path: displayPath, reason: "no such file")
        }
        return [UInt8](data)
    }
}

struct InputError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "dlint: \(path): \(reason)" }
}

/// Turns the paths on the command line into the Dockerfiles to lint.
struct FileDiscovery {
    /// Directories never searched: version control, build output, dependencies.
    static let skippedDirectories: Set<String> = [".git", ".build", "node_modules"]

    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`.
    static func isDockerfileName(_ name: String) -> Bool {
        name == "Dockerfile" || name.hasPrefix("Dockerfile.")
            || name == "Containerfile" || name.hasPrefix("Containerfile.")
            || (name.hasSuffix(".Dockerfile") && name.count > ".Dockerfile".count)
            || (name.hasSuffix(".dockerfile") && name.count > ".dockerfile".count)
    }

    /// The files to lint for `paths` (the current directory when empty), in a stable order.
    /// Paths that cannot be used are returned as errors; the rest is still linted.
    static func files(for paths: [String]) -> (files: [InputFile], errors: [InputError]) {
        let roots = paths.isEmpty ? ["."] : paths
        var files: [InputFile] = []
        var errors: [InputError] = []
        for root in roots {
            if root == InputFile.standardInputPath {
                files.append(InputFile(displayPath: root, isStandardInput: true))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                errors.append(InputError(path: root, reason: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                let parent = root.contains("/") ? String(root[..<root.lastIndex(of: "/")!]) : "."
                files.append(InputFile(displayPath: root, isStandardInput: false, root: parent.isEmpty ? "/" : parent))
                continue
            }
            let found = search(directory: root)
            if found.isEmpty {
                errors.append(InputError(path: root, reason: "no Dockerfile found in this directory"))
            }
            files += found.map { InputFile(displayPath: $0, isStandardInput: false, root: root) }
        }
        return (files, errors)
    }

    private static func search(directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey], options: []
        ) else { return [] }
        var found: [String] = []
        let prefix = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey])
            if values?.isDirectory == true {
                if skippedDirectories.contains(name) { enumerator.skipDescendants() }
                continue
            }
            guard isDockerfileName(name) else { continue }
            // A link is linted when it leads to a file (links to directories are never followed).
            let isFile = values?.isRegularFile == true
                || (values?.isSymbolicLink == true && (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true)
            guard isFile else { continue }
            let relative = String(url.path.dropFirst(base.path.count)).drop { $0 == "/" }
            found.append(prefix + relative)
        }
        return found.sorted()
    }
}
