/// Applies fixes until none applies: apply the non-conflicting ones, re-parse, re-lint, repeat.
/// Bytes outside the edits never change; a round that would break a file that parsed cleanly is
/// undone and the rules responsible are named.
public struct Rewriter: Sendable {
    public let linter: Linter
    /// Rounds before giving up on convergence.
    public let maximumRounds: Int

    public init(linter: Linter, maximumRounds: Int = 12) {
        self.linter = linter
        self.maximumRounds = maximumRounds
    }

    /// `linted` is the lint of `source` under `configuration` when the caller has it already (the
    /// command lints a file for its report first): the first round starts from it.
    public func fix(_ source: [UInt8], configuration: Configuration = Configuration(), applying allowed: Set<Applicability> = [.safe],
                    linted: LintResult? = nil) -> FixOutcome {
        var text = source
        var rounds: [FixRound] = []
        // Rules whose fixes would break the current text. A text a round changed gets a fresh
        // chance: a fix that broke the syntax beside another fix may apply cleanly after it (and a
        // second `--fix` would apply it, so this one must).
        var heldBack: Set<String> = []
        // Every rule held back at some point: one still offering its fix at the end is reported as
        // held back (its fix breaks the file), not as one that kept applying.
        var everHeldBack: Set<String> = []
        var seen: Set<[UInt8]> = [source]
        var result = linted ?? linter.lint(text, configuration: configuration)
        let startedClean = !result.tree.hasErrors
        var converged = false

        for _ in 0..<maximumRounds {
            var candidates = result.diagnostics.filter { diagnostic in
                guard let fix = diagnostic.fix else { return false }
                return allowed.contains(fix.applicability) && !heldBack.contains(diagnostic.code) && !fix.edits.isEmpty
            }
            if candidates.isEmpty {
                converged = true
                break
            }
            var chosen = Self.nonConflicting(candidates)
            var next = Self.apply(chosen.flatMap { $0.fix!.edits }, to: text)
            if startedClean, SyntaxTree(parsing: next).hasErrors {
                // Keep the fixes that are harmless on their own; name the others. Choose again
                // without the harmful ones, in this round: a fix one of them displaced may apply now.
                func holdBack(_ diagnostics: [Diagnostic]) {
                    heldBack.formUnion(diagnostics.map(\.code))
                    everHeldBack.formUnion(diagnostics.map(\.code))
                }
                let harmful = chosen.filter { SyntaxTree(parsing: Self.apply($0.fix!.edits, to: text)).hasErrors }
                holdBack(harmful)
                candidates.removeAll { diagnostic in harmful.contains { $0 == diagnostic } }
                chosen = Self.nonConflicting(candidates)
                next = Self.apply(chosen.flatMap { $0.fix!.edits }, to: text)
                if chosen.isEmpty || SyntaxTree(parsing: next).hasErrors {
                    holdBack(chosen)
                    continue
                }
            }
            // Fixes add a bounded amount of text per finding, so a converging file grows by a
            // small factor at most. A fix that keeps feeding on its own output could double the
            // text every round (the fuzzer found one): stop rather than take time and memory
            // exponential in the rounds. The rules still offering fixes are reported as not converging.
            guard next.count <= Self.growthLimit(for: source.count) else { break }
            rounds.append(FixRound(before: text, applied: chosen.map { AppliedFix(code: $0.code, name: $0.name, fix: $0.fix!) }))
            text = next
            heldBack.removeAll()
            guard seen.insert(text).inserted else { break }
            result = linter.lint(text, configuration: configuration)
        }

        let offered = result.diagnostics.filter { diagnostic in
            guard let fix = diagnostic.fix else { return false }
            return allowed.contains(fix.applicability) && !fix.edits.isEmpty
        }
        let rolledBack = Set(offered.map(\.code)).intersection(everHeldBack).union(heldBack)
        let pending = offered.filter { !rolledBack.contains($0.code) }
        return FixOutcome(
            original: source, fixed: text, rounds: rounds, converged: converged || pending.isEmpty,
            nonConvergingRules: converged ? [] : Array(Set(pending.map(\.code))).sorted(),
            rolledBackRules: rolledBack.sorted(), remaining: result
        )
    }

    /// The largest text a fix of a `count`-byte file may produce: eight times the file, and at
    /// least 64 KiB for a short file (a fix of a handful of lines may add a whole clean-up command).
    static func growthLimit(for count: Int) -> Int {
        max(8 * count, 65_536)
    }

    /// Fixes whose edits overlap no edit of an earlier-chosen fix, in file order.
    static func nonConflicting(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var chosen: [Diagnostic] = []
        var taken: [Range<Int>] = []
        for diagnostic in diagnostics.sorted(by: { ($0.fix!.edits[0].range.lowerBound, $0.range.lowerBound) < ($1.fix!.edits[0].range.lowerBound, $1.range.lowerBound) }) {
            let edits = diagnostic.fix!.edits
            let conflicts = edits.contains { edit in taken.contains { Self.conflict($0, edit.range) } }
            if conflicts || chosen.contains(where: { $0.fix == diagnostic.fix }) { continue }
            chosen.append(diagnostic)
            taken += edits.map(\.range)
        }
        return chosen
    }

    /// Overlapping ranges, or two insertions at one offset (their order would be arbitrary).
    static func conflict(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.overlaps(b) { return true }
        if a.isEmpty || b.isEmpty { return a.lowerBound == b.lowerBound || (a.isEmpty && b.contains(a.lowerBound) && a.lowerBound != b.lowerBound) || (b.isEmpty && a.contains(b.lowerBound) && b.lowerBound != a.lowerBound) }
        return false
    }

    /// The text with non-overlapping edits applied.
    public static func apply(_ edits: [TextEdit], to text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var position = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            output += text[position..<edit.range.lowerBound]
            output += Array(edit.replacement.utf8)
            position = edit.range.upperBound
        }
        output += text[position...]
        return output
    }
}

/// A fix that was applied.
public struct AppliedFix: Sendable, Hashable {
    public let code: String
    public let name: String
    public let fix: Fix
}

/// One round of the rewriter: the text it started from and the fixes applied to it.
public struct FixRound: Sendable {
    public let before: [UInt8]
    public let applied: [AppliedFix]

    /// Every edit of the round, in file order.
    public var edits: [TextEdit] { applied.flatMap(\.fix.edits).sorted { $0.range.lowerBound < $1.range.lowerBound } }
}

public struct FixOutcome: Sendable {
    public let original: [UInt8]
    public let fixed: [UInt8]
    public let rounds: [FixRound]
    /// False when fixes kept applying after the last round.
    public let converged: Bool
    /// The rules whose fixes still applied when the rewriter gave up.
    public let nonConvergingRules: [String]
    /// Rules whose fixes would have broken a file that parsed cleanly; they were not applied.
    public let rolledBackRules: [String]
    /// The lint of the fixed text.
    public let remaining: LintResult

    public var changed: Bool { fixed != original }
    public var applied: [AppliedFix] { rounds.flatMap(\.applied) }
}
