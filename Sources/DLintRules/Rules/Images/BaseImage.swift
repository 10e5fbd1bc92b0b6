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

    /// False for text that is no image reference at all, such as a template's
    /// `FROM {{ .from }}`: the rules about tags and registries leave it alone. Text with variables
    /// is judged by what the variables leave known.
    var looksLikeReference: Bool {
        if reference.hasVariables { return true }
        let repository = reference.repository.unicodeScalars
        guard let first = repository.first, Self.isLowercaseAlphanumeric(first) else { return false }
        return repository.allSatisfy { Self.isLowercaseAlphanumeric($0) || "._-/".unicodeScalars.contains($0) }
    }

    private static func isLowercaseAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// `'debian:latest'`, or `'${IMAGE}' (resolves to 'debian:latest')` when a variable was expanded.
    var quoted: String {
        written.text == reference.text ? "'\(reference.text)'" : "'\(written.text)' (resolves to '\(reference.text)')"
    }
}

extension DockerfileModel {
    /// The `FROM`s that pull an image, in file order (template placeholders left out).
    var baseImages: [BaseImage] {
        stages.compactMap { stage in
            guard stage.parentStage == nil, let clause = instructions[stage.fromIndex].fromClause,
                  !stage.baseImage.isScratch else { return nil }
            let image = BaseImage(stage: stage, clause: clause)
            return image.looksLikeReference ? image : nil
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
