/// A place where the file names a stage, or something that may be one: `COPY --from=X`,
/// `RUN --mount=...,from=X`, and the image of `FROM X`. Rules about stage references, and the
/// fix that rewrites index references to names, read these instead of parsing flags again.
///
/// `ONBUILD` triggers are not included: they run in a child image, where stage names and
/// indexes of this file mean nothing.
public struct StageReference: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `COPY --from=X`.
        case copyFrom
        /// The `from=X` field of a `RUN --mount` of type `bind` or `cache`.
        case mountFrom
        /// The image word of `FROM X`.
        case baseImage
    }

    /// What the reference points to, seen from the stage it is written in.
    public enum Target: Sendable, Hashable {
        /// A stage defined before the current one (its index).
        case earlierStage(Int)
        /// The stage the reference is written in (`COPY --from` only: `FROM x AS x` is an image).
        case ownStage
        /// A stage defined after the current one (its index). For `FROM`, BuildKit pulls an image
        /// of that name instead; for `COPY --from`, the build fails.
        case laterStage(Int)
        /// A stage index past the last stage (`COPY --from=7` in a file with 3 stages).
        case missingStage(Int)
        /// No stage of that name: an image (or a named build context).
        case image
        /// The value uses a variable whose value the file does not fix.
        case unknown
    }

    public let kind: Kind
    /// Index of the instruction in `SyntaxTree.instructions`.
    public let instructionIndex: Int
    /// The stage the reference is written in.
    public let stageIndex: Int
    /// The value as BuildKit reads it before variable expansion (quotes removed).
    public let written: String
    /// The value with the global `ARG`s expanded; nil when a variable's value is unknown.
    public let value: String?
    /// True when the value is a decimal number (a stage index for `COPY --from`; BuildKit reads
    /// it as an image name in `FROM` and in `--mount from=`).
    public let isIndex: Bool
    /// The whole option: `--from=X`, `from=X` inside the `--mount` flag, or the `FROM` image word.
    public let optionRange: Range<Int>
    /// Just the value `X` (its quotes included when written quoted).
    public let valueRange: Range<Int>
    public let target: Target

    /// The stage the reference resolves to, whatever its position.
    public var stage: Int? {
        switch target {
        case .earlierStage(let index), .laterStage(let index): index
        case .ownStage: stageIndex
        default: nil
        }
    }
}

extension DockerfileModel {
    /// Every stage reference of the file, in file order (a `FROM` before the flags of its stage).
    public var stageReferences: [StageReference] {
        facts.value(StageReferencesFact.self) { computeStageReferences() }
    }

    private enum StageReferencesFact: ModelFactKey { typealias Value = [StageReference] }

    private func computeStageReferences() -> [StageReference] {
        var references: [StageReference] = []
        let escape = Character(UnicodeScalar(tree.escapeCharacter))
        for (index, instruction) in instructions.enumerated() {
            guard let stageIndex = states[index].stageIndex else { continue }
            switch instruction.kind {
            case .from:
                guard let clause = instruction.fromClause else { continue }
                let value = globalVariables.expand(clause.image.text, escape: escape)
                let target: StageReference.Target
                if value == nil {
                    target = .unknown
                } else if let parent = stages[stageIndex].parentStage {
                    target = .earlierStage(parent)
                } else if let later = stages[(stageIndex + 1)...].first(where: { $0.normalizedName == value?.lowercased() }) {
                    target = .laterStage(later.index)
                } else {
                    target = .image
                }
                references.append(StageReference(
                    kind: .baseImage, instructionIndex: index, stageIndex: stageIndex,
                    written: clause.image.text, value: value, isIndex: value.map(Self.isDecimal) ?? false,
                    optionRange: clause.image.range, valueRange: clause.image.range, target: target
                ))
            case .copy:
                guard let flag = instruction.flag("from"), let written = flag.value else { continue }
                let line = instruction.logicalLine
                let logical = flag.word.logicalRange
                let equals = line.bytes[logical].firstIndex(of: UInt8(ascii: "=")) ?? logical.upperBound
                let valueLogical = min(equals + 1, logical.upperBound)..<logical.upperBound
                references.append(reference(
                    kind: .copyFrom, instruction: index, stage: stageIndex, written: written,
                    optionRange: flag.range, valueRange: line.fileRange(of: valueLogical), escape: escape
                ))
            case .run:
                guard let run = run(atInstruction: index) else { continue }
                for mount in run.mounts where mount.type == "bind" || mount.type == "cache" {
                    guard let written = mount.from,
                          let ranges = Self.fromField(of: mount.flag, in: instruction.logicalLine) else { continue }
                    references.append(reference(
                        kind: .mountFrom, instruction: index, stage: stageIndex, written: written,
                        optionRange: ranges.field, valueRange: ranges.value, escape: escape
                    ))
                }
            default:
                continue
            }
        }
        return references
    }

    private func reference(
        kind: StageReference.Kind, instruction: Int, stage stageIndex: Int, written: String,
        optionRange: Range<Int>, valueRange: Range<Int>, escape: Character
    ) -> StageReference {
        let value = globalVariables.expand(written, escape: escape)
        var target = StageReference.Target.unknown
        if let value {
            if Self.isDecimal(value) {
                let number = Int(value) ?? Int.max
                target = number < stageIndex ? .earlierStage(number)
                    : number == stageIndex ? .ownStage
                    : number < stages.count ? .laterStage(number) : .missingStage(number)
            } else if let earlier = stage(named: value, before: stageIndex) {
                target = .earlierStage(earlier.index)
            } else if stages[stageIndex].normalizedName == value.lowercased() {
                target = .ownStage
            } else if let later = stages[(stageIndex + 1)...].first(where: { $0.normalizedName == value.lowercased() }) {
                target = .laterStage(later.index)
            } else {
                target = .image
            }
        }
        return StageReference(
            kind: kind, instructionIndex: instruction, stageIndex: stageIndex, written: written, value: value,
            isIndex: value.map(Self.isDecimal) ?? false, optionRange: optionRange, valueRange: valueRange, target: target
        )
    }

    private static func isDecimal(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The file ranges of the `from=X` field of a `--mount` flag, and of its value. The flag's
    /// value is one CSV record: commas separate fields outside double quotes.
    private static func fromField(of flag: InstructionFlag, in line: LogicalLine) -> (field: Range<Int>, value: Range<Int>)? {
        let logical = flag.word.logicalRange
        let bytes = line.bytes
        guard let equals = bytes[logical].firstIndex(of: UInt8(ascii: "=")) else { return nil }
        var fieldStart = equals + 1
        var quoted = false
        var found: (field: Range<Int>, value: Range<Int>)?
        var position = fieldStart
        while position <= logical.upperBound {
            let atEnd = position == logical.upperBound
            let byte = atEnd ? UInt8(ascii: ",") : bytes[position]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: ","), !quoted || atEnd {
                let field = fieldStart..<position
                if let separator = bytes[field].firstIndex(of: UInt8(ascii: "=")) {
                    let key = String(decoding: bytes[fieldStart..<separator], as: UTF8.self)
                        .filter { $0 != "\"" }.lowercased()
                    // The last `from=` wins, as in BuildKit's option map.
                    if key == "from" {
                        found = (line.fileRange(of: field), line.fileRange(of: (separator + 1)..<position))
                    }
                }
                fieldStart = position + 1
            }
            position += 1
        }
        return found
    }
}
