/// The directories the file search read, kept for the rest of the run: the build-context reader
/// lists a context from them instead of opening each directory again, and the ignore-file choice
/// asks them whether a `.dockerignore` is there before trying to open it. Past `entryBudget`
/// names, directories are not kept (and are read again when a context needs them), so that a
/// huge tree costs no more memory than the contexts it lists would.
final class DirectoryListings: @unchecked Sendable {
    struct Entry: Sendable {
        /// A carried path string (`RawPath`).
        let name: String
        /// As `lstat` says (a link is not a directory); nil when it is not known.
        let isDirectory: Bool?
    }

    let entryBudget: Int
    private var byDirectory: [String: [Entry]] = [:]
    private var entryCount = 0
    private let lock = Lock()

    init(entryBudget: Int = 100_000) {
        self.entryBudget = entryBudget
    }

    /// Keeps the names of `directory` (absolute and clean, as `AbsolutePath.of` makes it).
    func record(_ entries: [Entry], of directory: String) {
        lock.lock()
        defer { lock.unlock() }
        guard entryCount + entries.count <= entryBudget else { return }
        entryCount += entries.count
        byDirectory[directory] = entries
    }

    /// The names of `directory` (absolute and clean), when the search read it.
    func entries(of directory: String) -> [Entry]? {
        lock.lock()
        defer { lock.unlock() }
        return byDirectory[directory]
    }

    /// False only when `directory` (absolute and clean) was read and holds nothing but a
    /// directory by that name: opening it could not give a file's bytes.
    func mayHoldFile(named name: String, in directory: String) -> Bool {
        guard let entries = entries(of: directory) else { return true }
        return entries.contains { $0.name == name && $0.isDirectory != true }
    }
}
