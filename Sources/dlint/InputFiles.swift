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
