import DLintCore

/// DX1105: `FROM --platform=linux/amd64` pins a stage to one platform, so a multi-platform build
/// emulates it, unless the stage's name says the pin is deliberate (BuildKit's
/// `FromPlatformFlagConstDisallowed`).
struct FromPlatformConstant: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1105", name: "from-platform-constant", severity: .warning,
        summary: "Do not pin FROM --platform to a constant", aliases: ["FromPlatformFlagConstDisallowed"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let escape = context.tree.escapeCharacter
        return context.model.instructions.compactMap { instruction in
            guard let clause = instruction.fromClause, let platform = clause.platform, let value = platform.value,
                  VariableReferences.find(in: platform.word, of: instruction, escape: escape).isEmpty,
                  let specifier = PlatformSpecifier(value) else { return nil }
            // BuildKit lets a stage named after the platform (`AS build-arm64`) keep its pin; an empty
            // part is contained in any name.
            let name = clause.stageName?.text.lowercased() ?? ""
            if [specifier.os, specifier.architecture].contains(where: { $0.isEmpty || name.contains($0) }) { return nil }
            return Finding("FROM --platform uses the constant '\(value)': use a build argument such as $BUILDPLATFORM, or name the stage after the platform", at: platform.range)
        }
    }
}
