import DLintCore

/// DL3006: a base image without a tag or digest, which Docker reads as `:latest`.
struct TaggedImage: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3006", name: "tagged-image", severity: .warning,
        summary: "Always tag the version of an image explicitly"
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.baseImages.compactMap { image in
            let reference = image.reference
            // A variable left in the text may well hold the tag (`FROM ${IMAGE}`): not judged.
            guard reference.tag == nil, reference.digest == nil, !image.isUnresolved else { return nil }
            return Finding(
                "Image \(image.quoted) has no tag, so it means whatever 'latest' is when the build runs; always tag the version of an image explicitly",
                at: image.written.range
            )
        }
    }
}
