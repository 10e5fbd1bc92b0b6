// Which stages' layers end up in the image that is built, and which RUN mounts keep
// files out of a layer.

extension DockerfileModel {
    /// The final stage and the stages it is built on (`FROM <stage>`, transitively): the stages
    /// whose layers are part of the image built by default.
    ///
    /// Narrower than `stagesInFinalImage`: a stage used only by `COPY --from` or
    /// `RUN --mount=from=` gives the final image chosen files, never its layers, so whatever it
    /// leaves in its own layers (package caches, build trees) does not ship.
    /// A base named through a variable only the build sets (`FROM base-$TARGETARCH`) ships each
    /// stage it can name.
    public var stagesWhoseLayersShip: Set<Int> {
        facts.value(ShippingStagesFact.self) { computeStagesWhoseLayersShip() }
    }

    private enum ShippingStagesFact: ModelFactKey { typealias Value = Set<Int> }

    private func computeStagesWhoseLayersShip() -> Set<Int> {
        var shipping: Set<Int> = []
        var pending = finalStage.map { [$0.index] } ?? []
        while let index = pending.popLast() {
            guard shipping.insert(index).inserted else { continue }
            pending += stages[index].parentStage.map { [$0] } ?? stages[index].possibleParentStages
        }
        return shipping
    }

    /// True when the layers of the stage an instruction belongs to ship in the final image; true
    /// outside any stage (a fragment without `FROM`), whose layers ship wherever it is pasted.
    /// An `ONBUILD` trigger's layers ship when its stage's do: the final image is the one others
    /// build `FROM`.
    public func layersShip(ofInstruction index: Int) -> Bool {
        guard let stageIndex = states[index].stageIndex else { return true }
        return stagesWhoseLayersShip.contains(stageIndex)
    }
}

extension Mount {
    /// True when files written to `directory` during the RUN stay out of its layer: a cache or
    /// tmpfs mount whose target is the directory or a parent of it.
    public func keepsOutOfLayer(_ directory: String) -> Bool {
        guard type == "cache" || type == "tmpfs", let target else { return false }
        return Self.path(target, contains: directory)
    }

    /// True when the absolute path `outer` is `inner` or one of its parents.
    public static func path(_ outer: String, contains inner: String) -> Bool {
        let outer = PathText.normalized(outer)
        let inner = PathText.normalized(inner)
        return inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }
}
