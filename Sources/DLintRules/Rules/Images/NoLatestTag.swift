import DLintCore

/// DL3007: a base image tagged `latest` without a digest that pins it.
struct NoLatestTag: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3007", name: "no-latest-tag", severity: .warning,
        summary: "Using latest is prone to errors if the image will ever update: pin the version explicitly to a release tag"
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.baseImages.compactMap { image in
            // Docker tags are case-sensitive: `LATEST` is some other tag. A digest pins the image
            // whatever the tag says.
            guard image.reference.tag == "latest", image.reference.digest == nil else { return nil }
            return Finding(
                "Image \(image.quoted) uses the 'latest' tag, which moves whenever the image is updated; pin the version explicitly to a release tag",
                at: Self.tagRange(of: image.written) ?? image.written.range
            )
        }
    }

    /// The bytes of the tag `latest` in the image word, when it is written there literally.
    static func tagRange(of word: TextSpan) -> Range<Int>? {
        let written = ImageReference(word.text)
        // A continuation inside the word breaks the match between text and bytes.
        guard written.tag == "latest", written.digest == nil, word.text.utf8.count == word.range.count else { return nil }
        return (word.range.upperBound - "latest".utf8.count)..<word.range.upperBound
    }
}
