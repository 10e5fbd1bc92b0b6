import DLintCore

/// The sources and destination of a `COPY` or `ADD`, in shell or JSON form.
struct FileTransfer {
    let instruction: Instruction
    /// As written: raw words in shell form (quotes kept), decoded strings in JSON form.
    let sources: [TextSpan]
    let destination: TextSpan

    init?(_ instruction: Instruction) {
        guard instruction.kind == .copy || instruction.kind == .add else { return nil }
        let words: [TextSpan]
        switch instruction.arguments {
        case .exec(let elements), .words(let elements): words = elements
        default: return nil
        }
        guard words.count >= 2, let last = words.last else { return nil }
        self.instruction = instruction
        self.sources = Array(words.dropLast())
        self.destination = last
    }

    /// The `COPY` and `ADD` instructions of the file, `ONBUILD` triggers included, with the index
    /// of the instruction (the `ONBUILD` one for a trigger).
    static func all(in model: DockerfileModel) -> [(index: Int, transfer: FileTransfer, isTrigger: Bool)] {
        model.instructions.indices.compactMap { index in
            let instruction = model.instructions[index]
            if let transfer = FileTransfer(instruction) { return (index, transfer, false) }
            if let trigger = instruction.trigger, let transfer = FileTransfer(trigger) { return (index, transfer, true) }
            return nil
        }
    }

    var isExecForm: Bool {
        if case .exec = instruction.arguments { return true }
        return false
    }

    /// True for a source that is a here-document (`COPY <<EOF /file`).
    func isHeredoc(_ source: TextSpan) -> Bool {
        instruction.heredocs.contains { $0.marker.range == source.range }
    }

    /// The word's value as BuildKit uses it: quotes removed, variables expanded; nil when a
    /// variable's value is not known here.
    /// JSON strings are decoded already; BuildKit still expands them as words, as here.
    func value(of word: TextSpan, in scope: VariableScope, escape: Character) -> String? {
        scope.expand(word.text, escape: escape)
    }

    /// A source BuildKit fetches rather than reads from the build context: an HTTP(S) or Git URL.
    static func isRemote(_ source: String) -> Bool {
        let lowered = source.lowercased()
        return lowered.contains("://") || lowered.hasPrefix("git@")
    }
}

/// File names of archives that `ADD` unpacks. BuildKit unpacks tar archives, uncompressed or
/// compressed with gzip, bzip2, xz or zstd, recognising them by content; a name is the best a
/// linter has. (hadolint's list also holds `.Z`, `.lz`, `.lzma`, `.tlz`, `.tpz`, `.tZ`, formats
/// `ADD` copies as they are.)
enum ArchiveName {
    static let extensions = [".tar", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".tb2", ".xz", ".txz", ".zst", ".tzst"]

    static func isArchive(_ name: String) -> Bool {
        let trimmed = dropQuotes(name)
        return extensions.contains { trimmed.hasSuffix($0) }
    }

    /// True for a name that holds a tar archive, compressed or not (`app.tar.gz`, `app.tgz`),
    /// as opposed to a single compressed file (`data.json.gz`).
    static func isTarball(_ name: String) -> Bool {
        let trimmed = dropQuotes(name)
        return trimmed.hasSuffix(".tar") || trimmed.contains(".tar.")
            || [".tgz", ".tbz", ".tbz2", ".tb2", ".txz", ".tzst"].contains { trimmed.hasSuffix($0) }
    }

    /// The last component of a Unix or Windows path.
    static func basename(_ path: String) -> String {
        let trimmed = dropQuotes(path)
        return String(trimmed.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.last ?? Substring(trimmed))
    }

    static func dropQuotes(_ text: String) -> String {
        var characters = Substring(text)
        while let first = characters.first, first == "\"" || first == "'" { characters = characters.dropFirst() }
        while let last = characters.last, last == "\"" || last == "'" { characters.removeLast() }
        return String(characters)
    }
}
