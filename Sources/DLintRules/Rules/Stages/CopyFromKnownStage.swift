import DLintCore

/// DL3022: `COPY --from` (or a `RUN --mount` `from=`) names neither an earlier stage nor an image.
struct CopyFromKnownStage: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3022", name: "copy-from-known-stage", severity: .warning,
        summary: "COPY --from should reference a previously defined FROM alias"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        return model.stageReferences.compactMap { reference in
            // A mount's `from=0` is an image name to BuildKit, not an index: named-stages reports it.
            guard reference.kind != .baseImage, let value = reference.value,
                  !(reference.kind == .mountFrom && reference.isIndex) else { return nil }
            let written = context.tree.text(of: reference.optionRange)
            switch reference.target {
            case .laterStage(let index):
                let name = model.stages[index].name.map { " ('\($0.text)')" } ?? ""
                return Finding(
                    "'\(written)' refers to stage \(index)\(name), which is defined later: a stage can only use stages defined before it",
                    at: reference.valueRange
                )
            case .missingStage(let index):
                guard reference.kind == .copyFrom else { return nil }
                return Finding(
                    "'\(written)' refers to stage \(index), but the file has \(model.stages.count) stage\(model.stages.count == 1 ? "" : "s")",
                    at: reference.valueRange
                )
            case .image:
                guard !Self.looksLikeImage(value), !context.settings.namedContexts.contains(value) else { return nil }
                return Finding(
                    "'\(written)' does not name an earlier stage; if '\(value)' is an image, write it with its tag ('\(value):<tag>')",
                    at: reference.valueRange
                )
            default:
                return nil
            }
        }
    }

    /// A tag or digest (`:`, `@`) or a path (`/`, as in `tianon/true` or `ghcr.io/org/tool`) makes
    /// the value an image reference: stage names can hold none of these.
    static func looksLikeImage(_ value: String) -> Bool {
        value.contains(":") || value.contains("/") || value.contains("@")
    }
}
