import DLintCore

/// DL3056: a `semver` label of the schema holds a Semantic Versioning 2.0.0 version.
struct InvalidSemverLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3056", name: "invalid-semver-label", severity: .warning,
        summary: "A label the label schema types as semver is not a semantic version"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .semver, isValid: Self.isSemanticVersion) { key, value in
            "Label '\(key)' is not a semantic version: '\(value)'"
        }
    }

    /// `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` as semver.org 2.0.0 defines it: numbers without
    /// leading zeros, dot-separated identifiers of letters, digits and `-`.
    static func isSemanticVersion(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumber) else { return false }
        if let prerelease {
            let identifiers = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            guard identifiers.allSatisfy({ isIdentifier($0) && (!$0.allSatisfy(\.isASCIIDigit) || isNumber($0)) }) else { return false }
        }
        if let build {
            guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isIdentifier) else { return false }
        }
        return true
    }

    /// `0` or a number without a leading zero.
    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCIIDigit) && (text == "0" || text.first != "0")
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isLetter) || $0 == "-" }
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
