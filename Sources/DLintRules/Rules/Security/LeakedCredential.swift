import DLintCore

/// DX1400: a token or private key written into the file. Anywhere: instructions, heredocs and
/// comments alike, as secret scanners (gitleaks, GitHub's push protection) read files — a token
/// in a comment leaks with the repository and the build context as surely as one in `ENV`.
struct LeakedCredential: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1400", name: "leaked-credential", severity: .error,
        summary: "Do not write tokens or private keys into the Dockerfile"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let tree = context.tree
        let instructions = tree.instructions
        return CredentialScanner.scan(tree.source).compactMap { match in
            let value = match.masked.map { " '\($0)'" } ?? ""
            let place = Self.place(of: match.range.lowerBound, in: instructions)
            if match.isURLPassword, place.hasPrefix("in a comment") { return nil }
            return Finding(
                "\(Self.capitalized(match.kind))\(value) is written \(place); revoke it, and pass it to the build with RUN --mount=type=secret",
                at: match.range
            )
        }
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Where the bytes are and where they end up.
    static func place(of offset: Int, in instructions: [Instruction]) -> String {
        // Instructions are in file order and do not overlap.
        var low = 0
        var high = instructions.count
        while low < high {
            let middle = (low + high) / 2
            if instructions[middle].fullRange.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low < instructions.count, instructions[low].fullRange.contains(offset) else {
            return "in a comment, which leaks with the Dockerfile (repository, build context)"
        }
        var instruction = instructions[low]
        if let trigger = instruction.trigger { instruction = trigger }
        let keyword = instruction.kind == .unknown ? instruction.keyword.text : instruction.kind.rawValue.uppercased()
        if instruction.heredocs.contains(where: { $0.bodyRange.contains(offset) }) {
            return instruction.kind == .run
                ? "in a heredoc of RUN, which the image history records"
                : "in a heredoc of \(keyword), which writes it to a file in the image"
        }
        switch instruction.kind {
        case .env, .label, .cmd, .entrypoint, .healthcheck, .user, .workdir, .volume, .expose, .stopsignal, .shell:
            return "in \(keyword), which the image configuration stores"
        case .arg:
            return "in ARG, which the image history records wherever a RUN uses it"
        case .run:
            return "in RUN, whose command line the image history records"
        default:
            return "in \(keyword), which leaks with the Dockerfile (repository, build context)"
        }
    }
}
