/// Whether applying a fix keeps the built image the same.
public enum Applicability: String, Sendable, Hashable, CaseIterable {
    /// The image behaves the same (keyword casing, naming a stage ...): applied by `--fix`.
    case safe
    /// The image may change (cleaning caches, reordering COPY ...): applied with `--unsafe-fixes`.
    case unsafe
}

/// Replace the bytes of `range` with `replacement`.
public struct TextEdit: Sendable, Hashable {
    public let range: Range<Int>
    public let replacement: String

    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A file a fix creates beside the Dockerfile's text (a `.dockerignore` in the build context).
/// The libraries know no file-system paths: the path is relative to the build context's root, and
/// the CLI writes it there, atomically, and only when no such file exists yet.
public struct NewFile: Sendable, Hashable {
    /// Relative to the build context root, e.g. `.dockerignore`.
    public let path: String
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// A titled set of non-overlapping edits that resolves a finding.
public struct Fix: Sendable, Hashable {
    /// Imperative, e.g. "Add `--no-install-recommends`".
    public let title: String
    public let applicability: Applicability
    /// Sorted by position, never overlapping.
    public let edits: [TextEdit]
    /// Files to create in the build context. The rewriter applies only `edits`; the CLI writes these.
    public let newFiles: [NewFile]

    public init(title: String, applicability: Applicability, edits: [TextEdit], newFiles: [NewFile] = []) {
        self.title = title
        self.applicability = applicability
        self.edits = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        self.newFiles = newFiles
    }
}
