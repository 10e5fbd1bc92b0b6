import DLintCore
@testable import dlint
import Testing

/// The cache's key must cover every field of the configuration that can change a finding: a
/// field added to `Configuration` or `LintSettings` fails this test until the fingerprint
/// (`ConfigurationFingerprint.swift`) says what it does with it.
@Suite("The cache key covers the configuration")
struct ConfigurationFingerprintTests {
    static func labels(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    @Test("every stored field of Configuration and LintSettings is hashed or deliberately left out")
    func everyFieldIsKnown() {
        #expect(Self.labels(Configuration()) == ConfigurationFingerprint.hashedConfigurationFields.union(ConfigurationFingerprint.configurationFieldsLeftOut))
        #expect(Self.labels(LintSettings()) == ConfigurationFingerprint.hashedSettingsFields)
    }

    static func digest(_ configuration: Configuration) -> [UInt8] {
        var fingerprint = ConfigurationFingerprint()
        fingerprint.add(configuration, listings: ConfigurationFingerprint.ListingDigests())
        return fingerprint.finalize()
    }

    @Test("each field that can change a finding changes the digest; the order of sets and maps does not")
    func fieldsChangeTheDigest() {
        let base = Self.digest(Configuration())
        var changes: [Configuration] = []
        var configuration = Configuration()
        configuration.ignored = ["DL3006"]; changes.append(configuration)
        configuration = Configuration(); configuration.enabled = ["DL3006"]; changes.append(configuration)
        configuration = Configuration(); configuration.severities = ["DL3006": .error]; changes.append(configuration)
        configuration = Configuration(); configuration.ruleOptions = ["DL3006": RuleOptions(["x": .integer(1)])]; changes.append(configuration)
        configuration = Configuration(); configuration.honoursInlineIgnores = false; changes.append(configuration)
        configuration = Configuration(); configuration.runsShellCheck = true; changes.append(configuration)
        configuration = Configuration(); configuration.settings.trustedRegistries = ["docker.io"]; changes.append(configuration)
        configuration = Configuration(); configuration.settings.labelSchema = ["a": .url]; changes.append(configuration)
        configuration = Configuration(); configuration.settings.strictLabels = true; changes.append(configuration)
        configuration = Configuration(); configuration.settings.dockerIgnore = DockerIgnore("*.md\n"); changes.append(configuration)
        configuration = Configuration(); configuration.settings.buildArguments = ["A": .unknown]; changes.append(configuration)
        configuration = Configuration(); configuration.settings.target = "build"; changes.append(configuration)
        configuration = Configuration(); configuration.settings.namedContexts = ["ctx"]; changes.append(configuration)
        configuration = Configuration(); configuration.settings.buildContext = BuildContext(listing: ["a.txt"]); changes.append(configuration)
        let digests = changes.map(Self.digest)
        #expect(Set(digests + [base]).count == changes.count + 1, "every change gives a digest of its own")
        // What only the command reads changes nothing.
        configuration = Configuration(); configuration.failureThreshold = .never
        #expect(Self.digest(configuration) == base)
        var one = Configuration(), other = Configuration()
        one.ignored = ["DL3006", "DL3007", "DL3008"]
        other.ignored = ["DL3008", "DL3006", "DL3007"]
        one.severities = ["DL3006": .error, "DL3007": .style]
        other.severities = ["DL3007": .style, "DL3006": .error]
        #expect(Self.digest(one) == Self.digest(other))
    }
}
