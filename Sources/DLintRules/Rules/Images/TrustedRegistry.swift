import DLintCore

/// DL3026: a base image from a registry that `trusted-registries` (hadolint's
/// `trustedRegistries`) does not list. Nothing is checked while the list is empty.
struct TrustedRegistry: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3026", name: "trusted-registry", severity: .error,
        summary: "Use only an allowed registry in the FROM image"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let patterns = context.settings.trustedRegistries.map { RegistryPattern($0) }
        guard !patterns.isEmpty else { return [] }
        return context.model.baseImages.compactMap { image in
            guard let registry = image.reference.effectiveRegistry else { return nil }
            // Docker Hub goes by two names in configurations: hadolint accepts either.
            let names = registry == "docker.io" ? ["docker.io", "hub.docker.com"] : [registry]
            guard !patterns.contains(where: { pattern in names.contains { pattern.matches($0) } }) else { return nil }
            let listed = context.settings.trustedRegistries.map { "'\($0)'" }.joined(separator: ", ")
            return Finding(
                "Image \(image.quoted) comes from registry '\(registry)', which is not trusted; use only an allowed registry (\(listed))",
                at: image.written.range
            )
        }
    }
}

/// An entry of the trusted registries, matched as hadolint does: `*` is every registry,
/// `*.example.com` (a leading `*`) matches by suffix, `registry.*` (a trailing `*`) by prefix, and
/// anything else exactly, port included (`localhost:5000`). Host names ignore case.
struct RegistryPattern {
    enum Kind {
        case any, suffix(String), prefix(String), exact(String)
    }

    let kind: Kind

    init(_ text: String) {
        let lowered = text.lowercased()
        if lowered == "*" {
            kind = .any
        } else if lowered.hasPrefix("*") {
            kind = .suffix(String(lowered.dropFirst()))
        } else if lowered.hasSuffix("*") {
            kind = .prefix(String(lowered.dropLast()))
        } else {
            kind = .exact(lowered)
        }
    }

    /// `registry` is lower-cased.
    func matches(_ registry: String) -> Bool {
        switch kind {
        case .any: true
        case .suffix(let suffix): registry.hasSuffix(suffix)
        case .prefix(let prefix): registry.hasPrefix(prefix)
        case .exact(let name): registry == name
        }
    }
}
