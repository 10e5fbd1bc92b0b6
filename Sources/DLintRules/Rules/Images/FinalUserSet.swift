import DLintCore

/// DL3063 (opt-in, as in hadolint): the final image never sets `USER`, neither in the final stage
/// nor in the stages it is built `FROM`, so it runs as whatever user the base image chose,
/// usually root.
struct FinalUserSet: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3063", name: "final-user-set", severity: .warning,
        summary: "A USER instruction should be specified",
        enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard let stage = model.finalStage, !stage.isWindows, model.finalImageUserInstruction == nil,
              let clause = model.instructions[stage.fromIndex].fromClause else { return [] }
        return [Finding(
            "The final image sets no USER, so it runs as the base image's user (usually root); specify a USER instruction",
            at: clause.image.range
        )]
    }
}
