import DLintCore

/// DX1005: a stage name with upper-case letters (BuildKit's `StageNameCasing`).
struct StageNameCasing: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1005", name: "stage-name-casing", severity: .warning,
        summary: "Stage names should be lowercase",
        aliases: ["StageNameCasing"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let references = model.stageReferences
        return model.stages.compactMap { stage in
            guard let name = stage.name, name.text != name.text.lowercased() else { return nil }
            return Finding(
                "Stage name '\(name.text)' should be lowercase ('\(name.text.lowercased())')", at: name.range,
                fix: Self.fix(stage, name: name, in: model, references: references)
            )
        }
    }

    /// Lower-cases the name and every reference to it written without variables. BuildKit
    /// lower-cases stage names and the values of `COPY --from`, mount `from=` and `--target` before
    /// comparing them, so those edits are safe. It looks up a `FROM` by its exact text, though:
    /// `FROM Build` after `AS Build` names an (invalid) image today and would name the stage once
    /// lower-cased, so a fix that has to lower-case such a `FROM` is unsafe. A name that another
    /// stage already uses in another case (unique-stage-names reports it) gets no fix.
    static func fix(_ stage: Stage, name: TextSpan, in model: DockerfileModel, references: [StageReference]) -> Fix? {
        let lowered = name.text.lowercased()
        let escape = Character(UnicodeScalar(model.tree.escapeCharacter))
        guard !name.text.contains("$"),
              !model.stages.contains(where: { $0.index != stage.index && $0.normalizedName == lowered }) else { return nil }
        var edits = [TextEdit(range: name.range, replacement: lowered)]
        var applicability = Applicability.safe
        for reference in references where reference.value?.lowercased() == lowered {
            // Variables keep their value; BuildKit compares what they expand to ignoring case.
            guard !reference.written.contains("$"), !reference.written.contains(escape) else { continue }
            let text = model.tree.text(of: reference.valueRange)
            guard text != text.lowercased() else { continue }
            if reference.kind == .baseImage {
                // Only a later `FROM` can name the stage; an earlier one is an image either way.
                guard reference.stageIndex > stage.index else { continue }
                applicability = .unsafe
            }
            edits.append(TextEdit(range: reference.valueRange, replacement: text.lowercased()))
        }
        let others = edits.count - 1
        let title = "Rename the stage to '\(lowered)'" + (others == 0 ? "" : " and lower-case its \(others) reference\(others == 1 ? "" : "s")")
        return Fix(title: title, applicability: applicability, edits: edits)
    }
}
