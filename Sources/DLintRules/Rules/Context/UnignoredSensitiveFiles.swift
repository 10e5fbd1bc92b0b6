import DLintCore

/// DX1202: `COPY .`/`ADD .` from a context without a `.dockerignore` that holds what should never
/// enter an image: a git repository, dependency folders, environment files, private keys, cloud
/// credentials, Terraform state, build caches. The fix writes a `.dockerignore` for them.
struct UnignoredSensitiveFiles: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1202", name: "unignored-sensitive-files", severity: .warning,
        summary: "Do not copy the whole build context while it holds secrets or build clutter and has no .dockerignore",
        fixable: true
    )

    /// What is looked for, and the `.dockerignore` line that keeps it out.
    struct Kind {
        let pattern: String
        let isDirectory: Bool
        let matches: @Sendable (Substring) -> Bool
    }

    static let kinds: [Kind] = [
        Kind(pattern: ".git", isDirectory: true) { $0 == ".git" },
        Kind(pattern: "**/node_modules", isDirectory: true) { $0 == "node_modules" },
        Kind(pattern: "**/.env", isDirectory: false) { $0 == ".env" },
        Kind(pattern: "**/*.env", isDirectory: false) { $0.hasSuffix(".env") && $0 != ".env" },
        Kind(pattern: "**/.env.*", isDirectory: false) { name in
            name.hasPrefix(".env.") && !["example", "sample", "template", "dist", "defaults", "default"].contains { name.hasSuffix("." + $0) }
        },
        Kind(pattern: "**/id_rsa", isDirectory: false) { $0 == "id_rsa" },
        Kind(pattern: "**/id_dsa", isDirectory: false) { $0 == "id_dsa" },
        Kind(pattern: "**/id_ecdsa", isDirectory: false) { $0 == "id_ecdsa" },
        Kind(pattern: "**/id_ed25519", isDirectory: false) { $0 == "id_ed25519" },
        Kind(pattern: "**/*.pem", isDirectory: false) { $0.hasSuffix(".pem") },
        Kind(pattern: "**/*.key", isDirectory: false) { $0.hasSuffix(".key") },
        Kind(pattern: "**/*.p12", isDirectory: false) { $0.hasSuffix(".p12") },
        Kind(pattern: "**/*.pfx", isDirectory: false) { $0.hasSuffix(".pfx") },
        Kind(pattern: "**/.aws", isDirectory: true) { $0 == ".aws" },
        Kind(pattern: "**/.ssh", isDirectory: true) { $0 == ".ssh" },
        Kind(pattern: "**/*.tfstate", isDirectory: false) { $0.hasSuffix(".tfstate") },
        Kind(pattern: "**/*.tfstate.backup", isDirectory: false) { $0.hasSuffix(".tfstate.backup") },
        Kind(pattern: "**/.terraform", isDirectory: true) { $0 == ".terraform" },
        Kind(pattern: "**/__pycache__", isDirectory: true) { $0 == "__pycache__" },
        Kind(pattern: "**/.venv", isDirectory: true) { $0 == ".venv" },
        Kind(pattern: "**/.pytest_cache", isDirectory: true) { $0 == ".pytest_cache" },
        Kind(pattern: "**/.mypy_cache", isDirectory: true) { $0 == ".mypy_cache" },
        Kind(pattern: "**/.tox", isDirectory: true) { $0 == ".tox" },
        Kind(pattern: "**/.next", isDirectory: true) { $0 == ".next" },
        Kind(pattern: "**/.nuxt", isDirectory: true) { $0 == ".nuxt" },
        Kind(pattern: "**/.gradle", isDirectory: true) { $0 == ".gradle" },
    ]

    /// How many paths the message names before "and N more".
    static let namedInMessage = 6

    func check(_ context: RuleContext) -> [Finding] {
        guard let buildContext = context.settings.buildContext, buildContext.ignore == nil,
              context.settings.dockerIgnore == nil else { return [] }
        let model = context.model
        let sources = ContextSource.all(in: model)
        guard let broad = sources.first(where: { $0.path == "." }) else { return [] }
        // Paths a COPY names on purpose stay in: ignoring them would break the build.
        let named = sources.map(\.path).filter { $0 != "." }
        var found: [(path: String, kind: Kind)] = []
        var skippedBelow: [String] = []
        for entry in buildContext.entries {
            if skippedBelow.contains(where: { entry.path.hasPrefix($0 + "/") }) { continue }
            guard let kind = Self.kinds.first(where: { $0.isDirectory == (entry.kind == .directory) && $0.matches(entry.name) }) else { continue }
            if entry.kind == .directory { skippedBelow.append(entry.path) }
            if named.contains(where: { $0 == entry.path || $0.hasPrefix(entry.path + "/") || entry.path.hasPrefix($0 + "/") }) { continue }
            found.append((entry.path, kind))
        }
        guard !found.isEmpty else { return [] }
        var listed = found.prefix(Self.namedInMessage).map { "'\($0.path)\($0.kind.isDirectory ? "/" : "")'" }.joined(separator: ", ")
        if found.count > Self.namedInMessage { listed += " and \(found.count - Self.namedInMessage) more" }
        var patterns: [String] = []
        for item in found where !patterns.contains(item.kind.pattern) { patterns.append(item.kind.pattern) }
        let contents = "# Written by dlint: keep these out of the build context (and the image)\n" + patterns.joined(separator: "\n") + "\n"
        let fix = Fix(
            title: "Write a .dockerignore that keeps out \(patterns.joined(separator: ", "))",
            applicability: .unsafe, edits: [], newFiles: [NewFile(path: ".dockerignore", contents: contents)]
        )
        return [Finding(
            "\(broad.keyword) '\(broad.written)' sends the whole build context, which has no .dockerignore, into the image: it would copy \(listed)",
            at: broad.span.range, fix: fix
        )]
    }
}
