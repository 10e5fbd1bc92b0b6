import DLintCore
import Foundation

/// `--fix`, `--unsafe-fixes` and `--diff`: rewrite each file with the rewriter, write it back
/// atomically (or print a diff), and say what was done.
struct FixMode: Sendable {
    let rewriter: Rewriter
    let applicability: Set<Applicability>
    /// Print a unified diff instead of writing.
    let diffOnly: Bool
    /// The name standard input goes by in messages and diff headers (`--stdin-filename`).
    var standardInputName: String? = nil

    struct FileOutcome: Sendable {
        /// The lint of the text that is now in the file (or would be, for `--diff`).
        let result: LintResult
        let changed: Bool
        /// What goes to standard output for this file: a diff, or the fixed text for stdin.
        let output: [UInt8]
        let messages: [String]
        let failed: Bool
        let appliedCount: (safe: Int, unsafe: Int)
    }

    func run(_ file: InputFile, source: [UInt8], configuration: Configuration) -> FileOutcome {
        let original = rewriter.linter.lint(source, configuration: configuration)
        let path = file.isStandardInput ? (standardInputName ?? "<stdin>") : file.displayPath
        if original.tree.hasErrors {
            return FileOutcome(
                result: original, changed: false, output: file.isStandardInput && !diffOnly ? source : [],
                messages: ["dlint: \(path): not fixed: the file has syntax errors"], failed: false, appliedCount: (0, 0)
            )
        }
        let outcome = rewriter.fix(source, configuration: configuration, applying: applicability)
        var messages: [String] = []
        if !outcome.converged {
            messages.append("dlint: \(path): fixes kept applying after \(rewriter.maximumRounds) rounds (rules: \(outcome.nonConvergingRules.joined(separator: ", "))); the last good text is kept")
        }
        if !outcome.rolledBackRules.isEmpty {
            messages.append("dlint: \(path): fixes of \(outcome.rolledBackRules.joined(separator: ", ")) were not applied: they would have broken the file's syntax")
        }
        let counts = (
            safe: outcome.applied.filter { $0.fix.applicability == .safe }.count,
            unsafe: outcome.applied.filter { $0.fix.applicability == .unsafe }.count
        )
        if diffOnly {
            let diff = UnifiedDiff.render(path: file.isStandardInput ? (standardInputName ?? "-") : file.displayPath, old: source, new: outcome.fixed)
            return FileOutcome(result: outcome.remaining, changed: outcome.changed, output: Array(diff.utf8), messages: messages, failed: false, appliedCount: counts)
        }
        if file.isStandardInput {
            return FileOutcome(result: outcome.remaining, changed: outcome.changed, output: outcome.fixed, messages: messages, failed: false, appliedCount: counts)
        }
        guard outcome.changed else {
            return FileOutcome(result: outcome.remaining, changed: false, output: [], messages: messages, failed: false, appliedCount: counts)
        }
        guard let target = AtomicFile.resolvedTarget(of: file.displayPath, within: file.root) else {
            messages.append("dlint: \(path): not fixed: it is a symbolic link to a file outside \(file.root)")
            return FileOutcome(result: original, changed: false, output: [], messages: messages, failed: false, appliedCount: (0, 0))
        }
        if let refusal = Self.refusalToReplace(target, readAs: source) {
            messages.append("dlint: \(DisplayPath.escaped(path)): not fixed: \(refusal)")
            return FileOutcome(result: original, changed: false, output: [], messages: messages, failed: true, appliedCount: (0, 0))
        }
        do {
            try AtomicFile.replace(target, with: outcome.fixed)
        } catch {
            messages.append(error.description)
            return FileOutcome(result: original, changed: false, output: [], messages: messages, failed: true, appliedCount: (0, 0))
        }
        return FileOutcome(result: outcome.remaining, changed: true, output: [], messages: messages, failed: false, appliedCount: counts)
    }

    /// Why the file at `target` must not be replaced, or nil: it is read-only (as editors do, dlint
    /// does not replace a file its owner protected), it is not a regular file, or its bytes are no
    /// longer the ones the fixes were computed from (another program wrote it meanwhile).
    static func refusalToReplace(_ target: String, readAs source: [UInt8]) -> String? {
        // Fault injection for the CLI tests: another writer, between dlint's read and its write.
        if let text = ProcessInfo.processInfo.environment["DLINT_TEST_APPEND_BEFORE_FIX_WRITE"],
           let handle = FileHandle(forWritingAtPath: target) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try? handle.close()
        }
        var status = stat()
        guard stat(target, &status) == 0 else { return "it cannot be read any more: \(InputFile.reason(errno))" }
        guard status.st_mode & S_IFMT == S_IFREG else { return "it is not a regular file" }
        // Root may write anything: the mode bits say what the owner wants.
        if status.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
            return "it is read-only (make it writable to let --fix change it)"
        }
        let current = try? InputFile(displayPath: target, isStandardInput: false).read()
        guard current == source else { return "it changed while dlint was fixing it; run dlint again" }
        return nil
    }

    /// One line for the whole run: "Fixed 3 findings in Dockerfile (2 safe, 1 unsafe)." for one
    /// file, "Fixed 12 findings in 5 files (10 safe, 2 unsafe)." for several; nil when nothing was fixed.
    static func summary(paths: [String], counts: [(safe: Int, unsafe: Int)], wouldFix: Bool) -> String? {
        let safe = counts.reduce(0) { $0 + $1.safe }
        let unsafe = counts.reduce(0) { $0 + $1.unsafe }
        let total = safe + unsafe
        guard total > 0 else { return nil }
        let changed = zip(paths, counts).filter { $0.1.safe + $0.1.unsafe > 0 }.map(\.0)
        let verb = wouldFix ? "Would fix" : "Fixed"
        let noun = total == 1 ? "finding" : "findings"
        let place = changed.count == 1 ? changed[0] : "\(changed.count) files"
        let detail = unsafe > 0 ? " (\(safe) safe, \(unsafe) unsafe)" : ""
        return "\(verb) \(total) \(noun) in \(place)\(detail)."
    }
}
