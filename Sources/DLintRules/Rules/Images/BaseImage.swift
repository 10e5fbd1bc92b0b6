import DLintCore

/// A stage's `FROM` when it names an image to pull: not `scratch`, not an earlier stage.
/// The reference is the model's, with the global ARGs (those before the first `FROM`, the only
/// ones `FROM` sees) expanded where their defaults are constant.
struct BaseImage {
    let stage: Stage
    let clause: FromClause
    /// The image with variables resolved where their values are known.
    var reference: ImageReference { stage.baseImage }

    /// The image word as written.
    var written: TextSpan { clause.image }

    /// True when a variable is left whose value only the build knows.
    var isUnresolved: Bool { reference.hasVariables }

    /// `'debian:latest'`, or `'${IMAGE}' (resolves to 'debian:latest')` when a variable was expanded.
    var quoted: String {
        written.text == reference.text ? "'\(reference.text)'" : "'\(written.text)' (resolves to '\(reference.text)')"
    }
}

extension DockerfileModel {
    /// The `FROM`s that pull an image, in file order.
    var baseImages: [BaseImage] {
        stages.compactMap { stage in
            guard stage.parentStage == nil, let clause = instructions[stage.fromIndex].fromClause,
                  !stage.baseImage.isScratch else { return nil }
            return BaseImage(stage: stage, clause: clause)
        }
    }
}

extension ImageReference {
    /// The registry the image is pulled from, lower-cased: `docker.io` when the reference names
    /// none (`debian`, `library/debian`, `bitnami/redis`) or names Docker Hub's legacy host; nil
    /// when a variable hides it.
    var effectiveRegistry: String? {
        if let registry {
            guard !registry.contains("$") else { return nil }
            let lowered = registry.lowercased()
            return lowered == "index.docker.io" ? "docker.io" : lowered
        }
        // `${ORG}/app` may well be `quay.io/app`: the first component is not known.
        if let first = repository.split(separator: "/", maxSplits: 1).first, first.contains("$") { return nil }
        if repository.isEmpty { return nil }
        return "docker.io"
    }
}
