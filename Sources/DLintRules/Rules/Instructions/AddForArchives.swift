import DLintCore

/// DL3010: `COPY app.tar.gz` followed by `RUN tar -xf app.tar.gz` keeps the archive in a layer;
/// `ADD app.tar.gz /dest/` unpacks it in one step.
struct AddForArchives: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3010", name: "add-for-archives", severity: .info,
        summary: "Use ADD for extracting archives into an image"
    )

    /// A local archive a COPY brings in, by the name a later command would use.
    private struct CopiedArchive {
        let name: String
        let range: Range<Int>
    }

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        // Name → where the archives of the current stage that go by it were copied.
        var pending: [String: [Range<Int>]] = [:]
        var reported: [Range<Int>] = []
        let runs = Dictionary(model.runs.map { ($0.instructionIndex, $0) }, uniquingKeysWith: { first, _ in first })
        for index in model.instructions.indices {
            let instruction = model.instructions[index]
            if instruction.kind == .from {
                pending = [:]
            } else if instruction.kind == .copy, instruction.flag("from") == nil, let transfer = FileTransfer(instruction) {
                for archive in Self.archives(copiedBy: transfer) { pending[archive.name, default: []].append(archive.range) }
            } else if instruction.kind == .run, !pending.isEmpty, let run = runs[index] {
                for name in Self.extractedNames(in: run) {
                    reported += pending.removeValue(forKey: name) ?? []
                }
            }
        }
        return reported.sorted { $0.lowerBound < $1.lowerBound }.map { range in
            Finding(
                "The archive '\(String(decoding: context.tree.source[range], as: UTF8.self))' is copied, then extracted by a RUN: ADD extracts it in one step, without keeping the archive in a layer",
                at: range
            )
        }
    }

    /// As hadolint: a destination named like an archive is the name the archive goes by;
    /// otherwise each source named like one.
    private static func archives(copiedBy transfer: FileTransfer) -> [CopiedArchive] {
        let destinationName = ArchiveName.basename(transfer.destination.text)
        if ArchiveName.isArchive(destinationName) {
            let range = transfer.sources.count == 1 ? transfer.sources[0].range : transfer.destination.range
            return [CopiedArchive(name: destinationName, range: range)]
        }
        return transfer.sources.compactMap { source in
            let name = ArchiveName.basename(source.text)
            guard !transfer.isHeredoc(source), ArchiveName.isArchive(name) else { return nil }
            return CopiedArchive(name: name, range: source.range)
        }
    }

    /// Names of the files a RUN extracts in a way `ADD` could: `tar -x` of any archive `ADD`
    /// unpacks, or a decompressor (`gunzip`, `zcat` …) of a compressed tarball.
    private static func extractedNames(in run: RunInstruction) -> Set<String> {
        var names: Set<String> = []
        for command in run.commands {
            guard let invocation = command.command.effectiveCommand, let program = invocation.commandName else { continue }
            let name = ArchiveName.basename(program)
            let arguments = invocation.arguments.compactMap(\.literalValue)
            if name == "tar" {
                guard isTarExtraction(arguments) else { continue }
                names.formUnion(arguments.filter { !$0.hasPrefix("-") }.map(ArchiveName.basename))
            } else if decompressors.contains(name) || (compressors.contains(name) && decompresses(arguments)) {
                names.formUnion(arguments.filter { !$0.hasPrefix("-") }.map(ArchiveName.basename).filter(ArchiveName.isTarball))
            }
        }
        return names
    }

    static let decompressors: Set<String> = ["gunzip", "bunzip2", "unxz", "zcat", "gzcat", "bzcat", "xzcat", "unzstd", "zstdcat"]
    /// Compress unless told to decompress (`-d`, `--decompress`).
    static let compressors: Set<String> = ["gzip", "bzip2", "xz", "zstd"]

    static func decompresses(_ arguments: [String]) -> Bool {
        arguments.contains { $0 == "--decompress" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("d")) }
    }

    /// `tar -x…`, `tar x…` (the old form: the first word holds the options) or `tar --extract`,
    /// without options `ADD` has no counterpart for (`--strip-components`, member selection by
    /// wildcard or exclusion).
    static func isTarExtraction(_ arguments: [String]) -> Bool {
        let extracts = arguments.enumerated().contains { position, argument in
            if argument == "--extract" || argument == "--get" { return true }
            if argument.hasPrefix("-"), !argument.hasPrefix("--") { return argument.contains("x") }
            return position == 0 && !argument.contains("/") && !argument.contains(".") && argument.contains("x")
        }
        let hasNoADDEquivalent = arguments.contains { argument in
            ["--strip-components", "--strip", "--exclude", "--wildcards", "--transform", "--xform"].contains {
                argument == $0 || argument.hasPrefix($0 + "=")
            }
        }
        return extracts && !hasNoADDEquivalent
    }
}
