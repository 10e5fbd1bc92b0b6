import DLintCore
import DLintReporters

/// A canonical serialisation of everything in a `Configuration` that can change what the linter
/// reports for a file, fed to a hash: sets and dictionaries in sorted order, every value tagged
/// and length-prefixed so that no two configurations write the same bytes. What only the
/// command reads (the failure threshold, which is applied at report time, the discovery
/// settings, hadolint's report format) is left out: changing it re-lints nothing.
struct ConfigurationFingerprint {
    private var hasher = SHA256Hasher()

    /// The fields of `Configuration` and `LintSettings` that `add` hashes, and those it leaves out
    /// on purpose; a test compares them with the types' stored properties, so that a field added
    /// later cannot be forgotten here (and serve stale findings from the cache).
    static let hashedConfigurationFields: Set<String> = [
        "ignored", "enabled", "severities", "ruleOptions", "settings", "honoursInlineIgnores", "runsShellCheck",
    ]
    static let configurationFieldsLeftOut: Set<String> = ["failureThreshold", "discovery", "hadolintFormat"]
    static let hashedSettingsFields: Set<String> = [
        "trustedRegistries", "labelSchema", "strictLabels", "dockerIgnore", "buildArguments", "target", "namedContexts", "buildContext",
    ]

    /// Digests of build-context listings, which are shared by every Dockerfile of a context and
    /// can be large: each is hashed once per run.
    final class ListingDigests: @unchecked Sendable {
        private var digests: [ListingKey: [UInt8]] = [:]
        private let lock = Lock()

        struct ListingKey: Hashable {
            let displayName: String
            let entryCount: Int
            let unlistedCount: Int
            let isTruncated: Bool
        }

        func digest(of context: BuildContext) -> [UInt8] {
            let key = ListingKey(displayName: context.displayName, entryCount: context.entries.count,
                                 unlistedCount: context.unlistedDirectories.count, isTruncated: context.isTruncated)
            lock.lock()
            let known = digests[key]
            lock.unlock()
            if let known { return known }
            var fingerprint = ConfigurationFingerprint()
            fingerprint.tag("listing")
            fingerprint.integer(context.entries.count)
            for entry in context.entries {
                fingerprint.string(entry.path)
                fingerprint.integer(entry.kind == .directory ? 1 : 0)
            }
            fingerprint.strings(context.unlistedDirectories.sorted())
            fingerprint.boolean(context.isTruncated)
            let digest = fingerprint.finalize()
            lock.lock()
            digests[key] = digest
            lock.unlock()
            return digest
        }
    }

    mutating func add(_ configuration: Configuration, listings: ListingDigests) {
        tag("configuration")
        strings(configuration.ignored.sorted())
        strings(configuration.enabled.sorted())
        let severities = configuration.severities.sorted { $0.key < $1.key }
        integer(severities.count)
        for (code, severity) in severities {
            string(code)
            string(severity.rawValue)
        }
        let options = configuration.ruleOptions.sorted { $0.key < $1.key }
        integer(options.count)
        for (code, option) in options {
            string(code)
            value(.map(option.values))
        }
        boolean(configuration.honoursInlineIgnores)
        boolean(configuration.runsShellCheck)
        add(configuration.settings, listings: listings)
    }

    private mutating func add(_ settings: LintSettings, listings: ListingDigests) {
        tag("settings")
        strings(settings.trustedRegistries)
        let labels = settings.labelSchema.sorted { $0.key < $1.key }
        integer(labels.count)
        for (name, type) in labels {
            string(name)
            string(type.rawValue)
        }
        boolean(settings.strictLabels)
        add(settings.dockerIgnore)
        let arguments = settings.buildArguments.sorted { $0.key < $1.key }
        integer(arguments.count)
        for (name, value) in arguments {
            string(name)
            switch value {
            case .known(let text): tag("known"); string(text)
            case .unknown: tag("unknown")
            }
        }
        optional(settings.target)
        strings(settings.namedContexts.sorted())
        if let context = settings.buildContext {
            tag("context")
            hasher.update(listings.digest(of: context))
            add(context.ignore)
            optional(context.ignoreFileName)
            string(context.displayName)
            boolean(context.isExplicit)
        } else {
            tag("no context")
        }
    }

    private mutating func add(_ ignore: DockerIgnore?) {
        guard let ignore else { return tag("no ignore file") }
        tag("ignore file")
        integer(ignore.patterns.count)
        for pattern in ignore.patterns {
            string(pattern.text)
            boolean(pattern.isExclusion)
            integer(pattern.line)
        }
    }

    private mutating func value(_ value: ConfigValue) {
        switch value {
        case .string(let text): tag("s"); string(text)
        case .integer(let number): tag("i"); integer(number)
        case .boolean(let flag): tag("b"); boolean(flag)
        case .list(let items):
            tag("l")
            integer(items.count)
            for item in items { self.value(item) }
        case .map(let members):
            tag("m")
            let sorted = members.sorted { $0.key < $1.key }
            integer(sorted.count)
            for (key, item) in sorted {
                string(key)
                self.value(item)
            }
        }
    }

    mutating func tag(_ name: String) { string(name) }

    mutating func string(_ text: String) {
        integer(text.utf8.count)
        hasher.update(text.utf8)
    }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    mutating func optional(_ text: String?) {
        if let text { tag("some"); string(text) } else { tag("none") }
    }

    mutating func integer(_ number: Int) {
        let value = UInt64(bitPattern: Int64(number))
        hasher.update((0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) })
    }

    mutating func boolean(_ flag: Bool) { hasher.update(CollectionOfOne(flag ? 1 : 0)) }

    mutating func bytes(_ bytes: [UInt8]) {
        integer(bytes.count)
        hasher.update(bytes)
    }

    mutating func finalize() -> [UInt8] { hasher.finalize() }
}
