/// The kind of value a label must hold: the types of hadolint's `label-schema`.
public enum LabelType: String, Sendable, Hashable, CaseIterable {
    /// Any text; only presence and non-emptiness are checked.
    case text
    case url
    case email
    case semver
    case rfc3339
    /// A git commit hash.
    case hash
    /// An SPDX license expression.
    case spdx
}
