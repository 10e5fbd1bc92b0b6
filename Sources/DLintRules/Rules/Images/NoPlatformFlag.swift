import DLintCore

/// DL3029: `FROM --platform=` with a fixed platform, which pins the stage to one architecture
/// whatever platform the build is for.
struct NoPlatformFlag: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3029", name: "no-platform-flag", severity: .warning,
        summary: "Do not use --platform with FROM to fix the platform of a stage"
    )

    /// The platform arguments BuildKit sets for every build; a value using one follows the build.
    static let automaticPlatformArguments: Set<String> = [
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(model.tree.escapeCharacter))
        return model.stages.compactMap { stage in
            guard let flag = model.instructions[stage.fromIndex].fromClause?.platform, let value = flag.value else { return nil }
            guard !Self.usesAutomaticArgument(value) else { return nil }
            // A build argument without a constant default is chosen at build time: not judged.
            guard let platform = model.globalVariables.expand(value, escape: escape), !platform.isEmpty else { return nil }
            let shown = platform == value ? "'\(value)'" : "'\(value)' (resolves to '\(platform)')"
            return Finding(
                "Platform \(shown) fixes the stage's platform whatever the build is for; do not use --platform with FROM, or use $BUILDPLATFORM or $TARGETPLATFORM",
                at: flag.range
            )
        }
    }

    /// True when the value names `$BUILDPLATFORM`, `${TARGETARCH}` ... .
    static func usesAutomaticArgument(_ value: String) -> Bool {
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{" { rest = rest.dropFirst() }
            let name = rest.prefix { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
            if automaticPlatformArguments.contains(String(name)) { return true }
        }
        return false
    }
}
