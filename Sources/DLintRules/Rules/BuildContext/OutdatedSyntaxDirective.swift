import DLintCore

/// DX1006: the `# syntax=` directive pins a frontend older than a feature the file uses.
struct OutdatedSyntaxDirective: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1006", name: "outdated-syntax-directive", severity: .warning,
        summary: "The '# syntax' directive must name a frontend that supports the features the file uses",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        guard let directive = context.tree.directive("syntax") else { return [] }
        let frontend = SyntaxFrontend(directive.value)
        let missing = context.model.frontendFeatureUses.filter { frontend.supports($0.feature) == false }
        // One finding: the feature that needs the newest version (the first such one in the file).
        guard let worst = missing.max(by: { lhs, rhs in
            Self.needed(lhs.feature, labs: frontend.labs) < Self.needed(rhs.feature, labs: frontend.labs)
                || (Self.needed(lhs.feature, labs: frontend.labs) == Self.needed(rhs.feature, labs: frontend.labs)
                    && lhs.range.lowerBound > rhs.range.lowerBound)
        }) else { return [] }
        let feature = worst.feature
        var needed = feature.minimumTag(labs: frontend.labs)
        if !frontend.labs, let labs = feature.labs, labs < feature.stable { needed += " (or \(feature.minimumTag(labs: true)))" }
        let line = context.tree.location(of: worst.range.lowerBound).line
        let minimum = Self.needed(feature, labs: frontend.labs)
        return [Finding(
            "'# syntax=\(directive.value)' is older than \(needed), required by \(worst.description) on line \(line)",
            at: directive.valueRange, fix: Self.fix(directive, minimum: minimum, labs: frontend.labs, source: context.tree.source)
        )]
    }

    /// Replaces the version of the tag with `minimum`, the version the most demanding feature
    /// needs (`worst` above needs the newest one, so every other feature is covered too). The
    /// image name, the registry and a `-labs` suffix stay; an old `-experimental` suffix becomes
    /// `-labs` from 1.2.1 on, the first release of the labs channel.
    static func fix(_ directive: ParserDirective, minimum: FrontendVersion, labs: Bool, source: [UInt8]) -> Fix? {
        let value = Array(source[directive.valueRange])
        // The tag follows the last `:` after the last `/`; its version runs up to the first `-`.
        let lastSlash = value.lastIndex(of: UInt8(ascii: "/")) ?? -1
        guard let colon = value.lastIndex(of: UInt8(ascii: ":")), colon > lastSlash else { return nil }
        let tagStart = colon + 1
        let versionEnd = value[tagStart...].firstIndex(of: UInt8(ascii: "-")) ?? value.endIndex
        guard versionEnd > tagStart,
              value[tagStart..<versionEnd].allSatisfy({ $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0) }) else { return nil }
        var edits = [TextEdit(
            range: (directive.valueRange.lowerBound + tagStart)..<(directive.valueRange.lowerBound + versionEnd),
            replacement: minimum.description
        )]
        let suffix = String(decoding: value[versionEnd...], as: UTF8.self).lowercased()
        switch suffix {
        case "":
            break
        case "-labs" where labs:
            break
        case "-experimental" where labs:
            if minimum >= FrontendVersion(1, 2, 1) {
                edits.append(TextEdit(range: (directive.valueRange.lowerBound + versionEnd + 1)..<directive.valueRange.upperBound, replacement: "labs"))
            }
        default:
            // Another suffix: dlint does not know which tags of that flavour exist.
            return nil
        }
        let start = directive.valueRange.lowerBound
        let written = String(decoding: Rewriter.apply(edits.map { TextEdit(range: ($0.range.lowerBound - start)..<($0.range.upperBound - start), replacement: $0.replacement) }, to: value), as: UTF8.self)
        return Fix(title: "Raise the directive to '\(written)'", applicability: .unsafe, edits: edits)
    }

    /// The version the file must name for the feature, on the directive's channel.
    static func needed(_ feature: FrontendFeature, labs: Bool) -> FrontendVersion {
        if labs, let first = feature.labs, first < feature.stable { return first }
        return feature.stable
    }
}
