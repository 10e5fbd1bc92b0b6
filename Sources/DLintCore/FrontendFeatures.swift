/// Dockerfile frontend versions (`# syntax=docker/dockerfile:X.Y`), the features a file uses and
/// the first frontend versions that support them. Sources: docker/docs
/// `dockerfile-release-notes.md` and the moby/buildkit `dockerfile/1.X.0` releases (see
/// rules/DX1006.md for the table).

/// A `docker/dockerfile` version. A tag without a patch number (`1.4`) means its newest patch.
public struct FrontendVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    /// `Int.max` when the tag gives no patch number.
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public static func < (lhs: FrontendVersion, rhs: FrontendVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// `1.4` for 1.4.0 (and for "any 1.4.x"), `1.2.1` otherwise.
    public var description: String {
        patch == 0 || patch == Int.max ? "\(major).\(minor)" : "\(major).\(minor).\(patch)"
    }
}

/// A feature of the Dockerfile syntax that older frontends reject or ignore.
public struct FrontendFeature: Sendable, Hashable {
    /// Stable identifier, e.g. `heredocs`, `run-mount`.
    public let id: String
    /// The first stable `docker/dockerfile` release with the feature.
    public let stable: FrontendVersion
    /// The first `-labs` (or `-experimental`) release with it, when it was there earlier.
    public let labs: FrontendVersion?

    init(_ id: String, stable: FrontendVersion, labs: FrontendVersion? = nil) {
        self.id = id
        self.stable = stable
        self.labs = labs
    }

    public static let heredocs = FrontendFeature("heredocs", stable: .init(1, 4), labs: .init(1, 3))
    public static let runMount = FrontendFeature("run-mount", stable: .init(1, 2), labs: .init(1, 0))
    public static let runMountVariables = FrontendFeature("run-mount-variables", stable: .init(1, 3))
    public static let runMountSecretEnv = FrontendFeature("run-mount-secret-env", stable: .init(1, 10))
    public static let runNetwork = FrontendFeature("run-network", stable: .init(1, 3), labs: .init(1, 2, 1))
    public static let runSecurity = FrontendFeature("run-security", stable: .init(1, 20), labs: .init(1, 1, 2))
    public static let runDevice = FrontendFeature("run-device", stable: .init(1, 27), labs: .init(1, 14))
    public static let copyLink = FrontendFeature("copy-link", stable: .init(1, 4))
    /// Octal `--chmod`. The docs say "since Dockerfile 1.3"; the code (moby/buildkit#1492) shipped
    /// with BuildKit 0.8, whose frontend is 1.2.0. dlint reports only what is certainly too old.
    public static let copyChmod = FrontendFeature("copy-chmod", stable: .init(1, 2))
    public static let copyChmodVariables = FrontendFeature("copy-chmod-variables", stable: .init(1, 10))
    public static let copyChmodSymbolic = FrontendFeature("copy-chmod-symbolic", stable: .init(1, 14), labs: .init(1, 11))
    public static let copyExclude = FrontendFeature("copy-exclude", stable: .init(1, 19), labs: .init(1, 7))
    public static let copyParents = FrontendFeature("copy-parents", stable: .init(1, 20), labs: .init(1, 7))
    public static let addChownVariables = FrontendFeature("add-chown-variables", stable: .init(1, 2))
    public static let addChecksum = FrontendFeature("add-checksum", stable: .init(1, 6), labs: .init(1, 5))
    /// The 1.5.0 notes announce git sources, the 1.6.0 notes say they graduated from labs: 1.6.
    public static let addGit = FrontendFeature("add-git", stable: .init(1, 6), labs: .init(1, 5))
    public static let addKeepGitDir = FrontendFeature("add-keep-git-dir", stable: .init(1, 6), labs: .init(1, 5))
    public static let addUnpack = FrontendFeature("add-unpack", stable: .init(1, 17))
    public static let healthcheckStartInterval = FrontendFeature("healthcheck-start-interval", stable: .init(1, 6))
    public static let argMultiple = FrontendFeature("arg-multiple", stable: .init(1, 2))
    public static let checkDirective = FrontendFeature("check-directive", stable: .init(1, 8))

    public static let all: [FrontendFeature] = [
        heredocs, runMount, runMountVariables, runMountSecretEnv, runNetwork, runSecurity, runDevice,
        copyLink, copyChmod, copyChmodVariables, copyChmodSymbolic, copyExclude, copyParents,
        addChownVariables, addChecksum, addGit, addKeepGitDir, addUnpack,
        healthcheckStartInterval, argMultiple, checkDirective,
    ]

    /// The oldest tag to write for the feature: `1.4`, `1.7-labs` when `labs` and labs had it first.
    public func minimumTag(labs useLabs: Bool) -> String {
        if useLabs, let labs, labs < stable { return "\(labs)-labs" }
        return stable.description
    }
}

/// One place where the file uses a frontend feature.
public struct FrontendFeatureUse: Sendable, Hashable {
    public let feature: FrontendFeature
    /// What the user wrote, for messages: `heredocs`, `RUN --mount`, `ADD --checksum`, `the '# check' directive`.
    public let description: String
    public let range: Range<Int>
    /// The instruction, nil for a parser directive.
    public let instructionIndex: Int?
}

/// The frontend a `# syntax=` directive names, as far as dlint can judge its version.
public struct SyntaxFrontend: Sendable, Hashable {
    public enum Version: Sendable, Hashable {
        /// `docker/dockerfile:1`, `:latest`, `:labs`, `-upstream:master`: the newest release.
        case latest
        case release(FrontendVersion)
        /// A digest pin, another major version, another image, an unreadable tag: not judged.
        case unknown
    }

    public let value: String
    public let version: Version
    /// A `-labs` (or old `-experimental`) tag.
    public let labs: Bool

    public init(_ value: String) {
        self.value = value
        let trimmed = value.trimmingSpaces
        let reference = ImageReference(trimmed)
        let registry = reference.registry?.lowercased()
        let repository = reference.repository.lowercased()
        let knownRegistry = registry == nil || ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(registry!)
        let knownRepository = ["docker/dockerfile", "docker/dockerfile-upstream"].contains(repository)
        guard knownRegistry, knownRepository, reference.digest == nil, !trimmed.contains("$") else {
            (version, labs) = (.unknown, false)
            return
        }
        let tag = (reference.tag ?? "latest").lowercased()
        switch tag {
        case "latest", "master":
            (version, labs) = (.latest, false)
            return
        case "labs", "master-labs", "1-labs":
            (version, labs) = (.latest, true)
            return
        default:
            break
        }
        let parts = tag.split(separator: "-", maxSplits: 1)
        let suffix = parts.count > 1 ? String(parts[1]) : ""
        let numbers = parts.first.map { $0.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) } } ?? []
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }), let major = numbers[0] else {
            (version, labs) = (.unknown, false)
            return
        }
        let isLabs = suffix.contains("labs") || suffix.contains("experimental")
        guard major == 1 else {
            (version, labs) = (.unknown, isLabs)
            return
        }
        if numbers.count == 1 {
            (version, labs) = (.latest, isLabs)
        } else {
            let patch = numbers.count == 3 ? numbers[2]! : Int.max
            (version, labs) = (.release(FrontendVersion(major, numbers[1]!, patch)), isLabs)
        }
    }

    /// True or false when the version is known, nil when dlint cannot tell.
    public func supports(_ feature: FrontendFeature) -> Bool? {
        switch version {
        case .latest: return true
        case .unknown: return nil
        case .release(let release):
            if release >= feature.stable { return true }
            if labs, let first = feature.labs, release >= first { return true }
            return false
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension DockerfileModel {
    /// The `# syntax=` directive read as a frontend, nil without one.
    public var syntaxFrontend: SyntaxFrontend? {
        tree.directive("syntax").map { SyntaxFrontend($0.value) }
    }

    /// Every use of a frontend feature, in file order (`ONBUILD` triggers excluded: they are
    /// built by the downstream file's frontend).
    public var frontendFeatureUses: [FrontendFeatureUse] {
        facts.value(FrontendFeatureUsesFact.self) { computeFrontendFeatureUses() }
    }

    private enum FrontendFeatureUsesFact: ModelFactKey { typealias Value = [FrontendFeatureUse] }

    private func computeFrontendFeatureUses() -> [FrontendFeatureUse] {
        var uses: [FrontendFeatureUse] = []
        if let check = tree.directive("check") {
            uses.append(FrontendFeatureUse(feature: .checkDirective, description: "the '# check' directive", range: check.range, instructionIndex: nil))
        }
        for (index, instruction) in instructions.enumerated() {
            func add(_ feature: FrontendFeature, _ description: String, _ range: Range<Int>) {
                uses.append(FrontendFeatureUse(feature: feature, description: description, range: range, instructionIndex: index))
            }
            // Only COPY and ADD flags name their instruction: uppercased there, not for every line.
            var keyword: String { instruction.kind.rawValue.uppercased() }
            if let heredoc = instruction.heredocs.first {
                add(.heredocs, "heredocs", heredoc.marker.range)
            }
            switch instruction.kind {
            case .run:
                for flag in instruction.flags {
                    switch flag.name {
                    case "mount":
                        add(.runMount, "RUN --mount", flag.range)
                        let value = flag.value ?? ""
                        if value.contains("$") { add(.runMountVariables, "variables in RUN --mount", flag.range) }
                        let mount = Mount(flag)
                        if mount.type == "secret", mount.options["env"] != nil {
                            add(.runMountSecretEnv, "RUN --mount=type=secret,env=", flag.range)
                        }
                    case "network": add(.runNetwork, "RUN --network", flag.range)
                    case "security": add(.runSecurity, "RUN --security", flag.range)
                    case "device": add(.runDevice, "RUN --device", flag.range)
                    default: break
                    }
                }
            case .copy, .add:
                for flag in instruction.flags {
                    switch flag.name {
                    case "link": add(.copyLink, "\(keyword) --link", flag.range)
                    case "chmod":
                        let value = flag.value ?? ""
                        if value.contains("$") {
                            add(.copyChmodVariables, "variables in \(keyword) --chmod", flag.range)
                        } else if !value.isEmpty, value.allSatisfy({ ("0"..."7").contains($0) }) {
                            add(.copyChmod, "\(keyword) --chmod", flag.range)
                        } else {
                            add(.copyChmodSymbolic, "a non-octal \(keyword) --chmod", flag.range)
                        }
                    case "exclude": add(.copyExclude, "\(keyword) --exclude", flag.range)
                    case "parents" where instruction.kind == .copy: add(.copyParents, "COPY --parents", flag.range)
                    case "checksum" where instruction.kind == .add: add(.addChecksum, "ADD --checksum", flag.range)
                    case "keep-git-dir" where instruction.kind == .add: add(.addKeepGitDir, "ADD --keep-git-dir", flag.range)
                    case "unpack" where instruction.kind == .add: add(.addUnpack, "ADD --unpack", flag.range)
                    case "chown" where instruction.kind == .add && (flag.value ?? "").contains("$"):
                        add(.addChownVariables, "variables in ADD --chown", flag.range)
                    default: break
                    }
                }
                if instruction.kind == .add {
                    for source in instruction.copySources where Self.isGitSource(source.text) {
                        add(.addGit, "ADD from a Git URL", source.range)
                    }
                }
            case .healthcheck:
                if let flag = instruction.flag("start-interval") {
                    add(.healthcheckStartInterval, "HEALTHCHECK --start-interval", flag.range)
                }
            case .arg:
                if case .declarations(let declarations) = instruction.arguments, declarations.count > 1 {
                    add(.argMultiple, "several names in one ARG", declarations[1].word.range)
                }
            default:
                break
            }
        }
        return uses.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// BuildKit's git reference forms (`gitutil.ParseGitRef`): `git://`, `git@host:`, `ssh://`
    /// and http(s) URLs whose path ends in `.git` (optionally followed by `#ref`).
    static func isGitSource(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasPrefix("git://") || lowered.hasPrefix("git@") || lowered.hasPrefix("ssh://") { return true }
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return false }
        let path = lowered.split(separator: "#", maxSplits: 1).first.map(String.init) ?? lowered
        let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return withoutQuery.hasSuffix(".git")
    }
}

extension Instruction {
    /// The sources of a `COPY` or `ADD` (every argument but the last), shell or exec form;
    /// empty for heredoc-only sources and other instructions.
    public var copySources: [TextSpan] {
        guard kind == .copy || kind == .add else { return [] }
        let words: [TextSpan]
        switch arguments {
        case .words(let list): words = list
        case .exec(let list): words = list
        default: return []
        }
        guard words.count >= 2 else { return [] }
        return words.dropLast().filter { !$0.text.hasPrefix("<<") }
    }
}
