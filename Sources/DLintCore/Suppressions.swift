/// Inline suppressions: `# dlint ignore=CODE[,CODE] [# reason]` and `# hadolint ignore=...` for the
/// next instruction, their `global ignore=` forms for the whole file, and BuildKit's
/// `# check=skip=...` directive.
public struct Suppressions: Sendable {
    /// Codes suppressed everywhere in the file.
    public private(set) var global: Set<String> = []
    /// Instruction index → codes suppressed in that instruction.
    public private(set) var byInstruction: [Int: Set<String>] = [:]
    /// Codes of off-by-default rules that `# check=experimental=...` turns on.
    public private(set) var enabled: Set<String> = []
    /// Pragmas naming codes that do not exist.
    public private(set) var problems: [Finding] = []

    public init(tree: SyntaxTree, catalog: RuleCatalog) {
        var pending: Set<String> = []
        var instructionIndex = 0
        for token in tree.tokens where token.kind == .comment || token.kind == .keyword || token.kind == .directive {
            switch token.kind {
            case .keyword:
                // Top-level instructions start with their keyword; an ONBUILD trigger's keyword follows its own.
                while instructionIndex < tree.instructions.count, tree.instructions[instructionIndex].fullRange.upperBound <= token.range.lowerBound {
                    instructionIndex += 1
                }
                if instructionIndex < tree.instructions.count,
                   tree.instructions[instructionIndex].keyword.range == token.range, !pending.isEmpty {
                    byInstruction[instructionIndex, default: []].formUnion(pending)
                    pending = []
                }
            case .directive:
                read(checkDirectiveIn: tree, token.range, catalog: catalog)
            default:
                guard Pragma.mayNameTool(tree.source, token.range), let pragma = Pragma(tree.text(of: token.range)) else { continue }
                let codes = resolve(pragma.codes, at: token.range, catalog: catalog)
                if pragma.isGlobal { global.formUnion(codes) } else { pending.formUnion(codes) }
            }
        }
    }

    /// True when `code` is suppressed for a finding starting at `offset`.
    public func suppresses(_ code: String, at offset: Int, in tree: SyntaxTree) -> Bool {
        if global.contains(code) { return true }
        guard !byInstruction.isEmpty else { return false }
        for (index, codes) in byInstruction where codes.contains(code) && tree.instructions[index].fullRange.contains(offset) {
            return true
        }
        return false
    }

    private mutating func read(checkDirectiveIn tree: SyntaxTree, _ range: Range<Int>, catalog: RuleCatalog) {
        guard let directive = tree.directives.first(where: { $0.range == range }), directive.name == "check" else { return }
        // BuildKit's checks are the rules that carry a BuildKit check name.
        let buildKitChecks = catalog.descriptors.filter { $0.aliases.contains { $0.first?.isUppercase == true } }
        var skipped: Set<String> = []
        var experimental: Set<String> = []
        for setting in directive.value.split(separator: ";") {
            let parts = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased()
            guard key == "skip" || key == "experimental" else { continue }
            let names = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
            let all = names.contains { $0.lowercased() == "all" }
            if key == "experimental" {
                experimental.formUnion(all ? buildKitChecks.filter { !$0.enabledByDefault }.map(\.code) : Array(resolve(names, at: directive.valueRange, catalog: catalog)))
            } else {
                skipped.formUnion(all ? buildKitChecks.map(\.code) : Array(resolve(names, at: directive.valueRange, catalog: catalog)))
            }
        }
        // As in BuildKit, `skip` does not reach an experimental check the directive turns on.
        enabled.formUnion(experimental)
        global.formUnion(skipped.subtracting(experimental))
    }

    private mutating func resolve(_ names: [String], at range: Range<Int>, catalog: RuleCatalog) -> Set<String> {
        var codes: Set<String> = []
        for name in names where !name.isEmpty {
            let named = catalog.codes(for: name)
            if !named.isEmpty {
                codes.formUnion(named)
            } else if catalog.isForeignCode(name) {
                // A ShellCheck code dlint has no rule for still suppresses what `--shellcheck` finds.
                if name.uppercased().hasPrefix("SC") { codes.insert(name.uppercased()) }
            } else {
                problems.append(Finding("Unknown rule '\(name)' in a suppression comment; nothing is suppressed by it", at: range))
            }
        }
        return codes
    }
}

/// An ignore pragma as it stands in the file, for rules about the comments themselves (DL1001).
public struct PragmaComment: Sendable, Hashable {
    /// The comment, from its `#` to the end of its line.
    public let range: Range<Int>
    /// `dlint` or `hadolint`, as written.
    public let tool: String
    public let isGlobal: Bool
    /// The codes as written.
    public let codes: [String]
}

extension Suppressions {
    /// Every comment read as an ignore pragma, in file order: the same comments the initializer
    /// honours, whether or not their codes exist.
    public static func pragmaComments(in tree: SyntaxTree) -> [PragmaComment] {
        tree.tokens.compactMap { token in
            guard token.kind == .comment, Pragma.mayNameTool(tree.source, token.range), let pragma = Pragma(tree.text(of: token.range)) else { return nil }
            return PragmaComment(range: token.range, tool: pragma.tool, isGlobal: pragma.isGlobal, codes: pragma.codes)
        }
    }
}

/// One `# dlint ignore=...` or `# hadolint global ignore=...` comment.
struct Pragma {
    let tool: String
    let isGlobal: Bool
    let codes: [String]

    init?(_ comment: String) {
        var text = Substring(comment)
        guard text.first == "#" else { return nil }
        text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        let tool = text.prefix { $0.isLetter }
        guard tool.lowercased() == "dlint" || tool.lowercased() == "hadolint" else { return nil }
        self.tool = String(tool)
        text = text.dropFirst(tool.count).drop { $0 == " " || $0 == "\t" }
        var isGlobal = false
        if text.lowercased().hasPrefix("global") {
            isGlobal = true
            text = text.dropFirst("global".count).drop { $0 == " " || $0 == "\t" }
        }
        guard text.lowercased().hasPrefix("ignore") else { return nil }
        text = text.dropFirst("ignore".count).drop { $0 == " " || $0 == "\t" }
        guard text.first == "=" else { return nil }
        text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        // The list ends at white space that is not next to a comma, or at a `#` starting a reason.
        var list = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "#" { break }
            if character == " " || character == "\t" {
                let rest = text[index...].drop { $0 == " " || $0 == "\t" }
                if list.hasSuffix(",") || rest.first == "," { index = rest.startIndex; continue }
                break
            }
            list.append(character)
            index = text.index(after: index)
        }
        codes = list.split(separator: ",").map(String.init)
        guard !codes.isEmpty else { return nil }
        self.isGlobal = isGlobal
    }

    /// False when the comment at `range` cannot be a `# dlint …` or `# hadolint …` pragma: after
    /// its `#` and blanks comes no `d` or `h`. Read on the bytes, before a pragma reader makes a
    /// string of the comment: most comments of a file are prose.
    static func mayNameTool(_ source: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        guard index < range.upperBound, source[index] == UInt8(ascii: "#") else { return true }
        index += 1
        while index < range.upperBound, source[index] == 0x20 || source[index] == 0x09 { index += 1 }
        guard index < range.upperBound else { return false }
        switch source[index] {
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "h"), UInt8(ascii: "H"): return true
        default: return false
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
