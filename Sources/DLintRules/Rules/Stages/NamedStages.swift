import DLintCore

/// DX1003: in a multi-stage file, stages are referred to by name, and every stage that is not the
/// last one has a name.
struct NamedStages: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1003", name: "named-stages", severity: .warning,
        summary: "Name build stages and refer to them by name, not by index",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        guard model.stages.count > 1 else { return [] }
        let references = model.stageReferences
        let fixes = StageNaming(model: model, references: references).fixes
        var findings: [Finding] = []
        for reference in references where reference.isIndex {
            let written = context.tree.text(of: reference.optionRange)
            switch (reference.kind, reference.target) {
            case (.copyFrom, _):
                // A missing index is copy-from-known-stage's business.
                guard let index = reference.stage else { continue }
                findings.append(Finding(
                    "'\(written)' refers to stage \(index) by its index: name the stage and use its name",
                    at: reference.optionRange, fix: fixes[index]
                ))
            case (.mountFrom, _):
                // No fix: writing the stage's name would make the mount read the stage instead
                // of the image BuildKit reads today.
                guard let number = reference.value.flatMap({ Int($0) }), number < model.stages.count else { continue }
                findings.append(Finding(
                    "'\(written)' does not refer to stage \(number): BuildKit reads a mount's 'from' as a stage name or an image, never an index; name the stage and use its name",
                    at: reference.optionRange
                ))
            case (.baseImage, _):
                // No fix, for the same reason: `FROM 1` pulls an image today.
                guard let number = reference.value.flatMap({ Int($0) }), number < reference.stageIndex else { continue }
                findings.append(Finding(
                    "'FROM \(written)' does not refer to stage \(number): BuildKit reads it as an image named '\(written)'; name the stage and use its name",
                    at: reference.optionRange
                ))
            default:
                continue
            }
        }
        for stage in model.stages.dropLast() where stage.name == nil {
            guard let clause = model.instructions[stage.fromIndex].fromClause else { continue }
            findings.append(Finding(
                "Stage \(stage.index) ('FROM \(clause.image.text)') has no name: add 'AS <name>'",
                at: clause.image.range, fix: fixes[stage.index]
            ))
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

/// The fix of named-stages, one per stage: name the stage (when it has no name) and rewrite every
/// `COPY --from=<index>` of it to the name, so the file stays consistent whichever finding is
/// fixed first. Names are chosen for the whole file at once, so that two fixes applied in the
/// same round never give two stages the same name.
struct StageNaming {
    /// Names BuildKit reserves (`ReservedStageName`).
    static let reserved: Set<String> = ["scratch", "context"]

    let fixes: [Int: Fix]

    init(model: DockerfileModel, references: [StageReference]) {
        let stages = model.stages
        var needing = Set(stages.dropLast().filter { $0.name == nil }.map(\.index))
        for reference in references where reference.kind == .copyFrom && reference.isIndex {
            if let index = reference.stage { needing.insert(index) }
        }
        var taken = Set(stages.compactMap(\.normalizedName))
        var fixes: [Int: Fix] = [:]
        for index in needing.sorted() {
            let stage = stages[index]
            // Index references whose text is the index itself (no variables: the value could be
            // changed with --build-arg) become the name.
            let rewritten = references.filter {
                $0.kind == .copyFrom && $0.isIndex && $0.stage == index && $0.written == $0.value
                    && !$0.written.contains("$")
            }
            var edits: [TextEdit] = []
            let name: String
            if let existing = stage.name {
                // A name used by two stages means the last of them to BuildKit: no fix.
                guard !existing.text.contains("$"),
                      stages.filter({ $0.normalizedName == stage.normalizedName }).count == 1 else { continue }
                name = existing.text
            } else {
                let instruction = model.instructions[stage.fromIndex]
                // `FROM image` only: with other words after the image, BuildKit rejects the line.
                guard let clause = instruction.fromClause, case .words(let words) = instruction.arguments,
                      words.count == 1 else { continue }
                // A name must not be a value that some reference resolves as an image today:
                // `COPY --from=x` anywhere and `FROM x` in a later stage would find the stage.
                // A value built from variables can be overridden with --build-arg; the bare
                // repository of its default (`kong` for `${BASE}` = `kong:3.9`) is a likely one.
                let images = references.filter { $0.kind != .baseImage || $0.stageIndex > index }
                    .flatMap { reference -> [String] in
                        var values = [reference.written.lowercased()]
                        if let value = reference.value?.lowercased() {
                            values.append(value)
                            if reference.written.contains("$") {
                                let repository = ImageReference(value).repository
                                values += [repository, repository.split(separator: "/").last.map(String.init) ?? ""]
                            }
                        }
                        return values
                    }
                // A value the file does not fix (`FROM base-${TARGETARCH}`) may expand to the
                // name: names matching its literal parts are avoided too.
                // A value that is only variables (`--from=${STAGE}`) may name any stage, named or
                // not: it is not held against the name.
                let patterns = references.filter { ($0.kind != .baseImage || $0.stageIndex > index) && $0.value == nil }
                    .map { Self.literalParts(of: $0.written.lowercased()) }
                    .filter { $0.contains { !$0.isEmpty } }
                guard let chosen = Self.name(for: stage, avoiding: taken.union(images), unless: { candidate in
                    patterns.contains { Self.matches(candidate, parts: $0) }
                }) else { continue }
                name = chosen
                taken.insert(name)
                let keyword = FixText.matchingCase("AS", of: instruction.keyword.text)
                let end = clause.image.range.upperBound
                edits.append(TextEdit(range: end..<end, replacement: " \(keyword) \(name)"))
            }
            edits += rewritten.map { TextEdit(range: $0.valueRange, replacement: name) }
            guard !edits.isEmpty else { continue }
            let title = stage.name == nil
                ? "Name stage \(index) '\(name)'" + (rewritten.isEmpty ? "" : " and refer to it by name")
                : "Refer to stage \(index) by its name '\(name)'"
            fixes[index] = Fix(title: title, applicability: .safe, edits: edits)
        }
        self.fixes = fixes
    }

    /// A readable name: the last path component of the base image's repository (`golang:1.22`
    /// gives `golang`, `ghcr.io/org/node-tools` gives `node-tools`), else `stage-<index>`;
    /// lower-case, valid for BuildKit (`^[a-z][a-z0-9-_.]*$`), with `-2`, `-3` ... appended
    /// until it is free.
    static func name(for stage: Stage, avoiding taken: Set<String>, unless excluded: (String) -> Bool = { _ in false }) -> String? {
        var bases = ["stage-\(stage.index)"]
        let repository = stage.baseImage.repository
        if !repository.contains("$"), let component = repository.split(separator: "/").last {
            var candidate = String(component.lowercased().map { character -> Character in
                character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character)) ? character : "-"
            })
            while let first = candidate.first, !(first.isASCII && first.isLetter) { candidate.removeFirst() }
            while let last = candidate.last, "-_.".contains(last) { candidate.removeLast() }
            if !candidate.isEmpty, !reserved.contains(candidate) { bases.insert(candidate, at: 0) }
        }
        for base in bases {
            for name in [base] + (2...50).map({ "\(base)-\($0)" })
            where !taken.contains(name) && !reserved.contains(name) && !excluded(name) {
                return name
            }
        }
        return nil
    }

    /// The text around the variables of `text`: `base-${ARCH}` gives `["base-", ""]`.
    static func literalParts(of text: String) -> [String] {
        var parts = [""]
        var characters = text[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "$" else {
                parts[parts.count - 1].append(character)
                continue
            }
            if characters.first == "{" {
                characters = characters.drop { $0 != "}" }.dropFirst()
            } else {
                characters = characters.drop { $0.isLetter || $0.isNumber || $0 == "_" }
            }
            parts.append("")
        }
        return parts
    }

    /// True when `name` could be the text with each variable replaced by any string.
    static func matches(_ name: String, parts: [String]) -> Bool {
        guard parts.count > 1 else { return name == parts.first }
        guard name.hasPrefix(parts[0]), name.count >= parts[0].count + parts.last!.count,
              name.dropFirst(parts[0].count).hasSuffix(parts.last!) else { return false }
        var rest = name.dropFirst(parts[0].count).dropLast(parts.last!.count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.firstRange(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
