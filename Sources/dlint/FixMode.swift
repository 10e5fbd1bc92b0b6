import DLintCore
import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
                messages: ["dlint: \(DisplayPath.escaped(path)): not fixed: the file has syntax errors"], failed: false, appliedCount: (0, 0)
            )
        }
        let outcome = rewriter.fix(source, configuration: configuration, applying: applicability, linted: original)
        var messages: [String] = []
        if !outcome.converged {
            messages.append("dlint: \(DisplayPath.escaped(path)): fixes kept applying after \(rewriter.maximumRounds) rounds (rules: \(outcome.nonConvergingRules.joined(separator: ", "))); the last good text is kept")
        }
        if !outcome.rolledBackRules.isEmpty {
            messages.append("dlint: \(DisplayPath.escaped(path)): fixes of \(outcome.rolledBackRules.joined(separator: ", ")) were not applied: they would have broken the file's syntax")
        }
        let counts = (
            safe: outcome.applied.filter { $0.fix.applicability == .safe }.count,
            unsafe: outcome.applied.filter { $0.fix.applicability == .unsafe }.count
        )
        // Fixes that create a file in the build context (a .dockerignore): the rewriter leaves them
        // to the CLI, which knows where the context is.
        let fileFixes = outcome.remaining.diagnostics.filter { diagnostic in
            guard let fix = diagnostic.fix, !fix.newFiles.isEmpty else { return false }
            return applicability.contains(fix.applicability)
        }
        var newFiles: [(path: String, contents: String)] = []
        if let directory = configuration.settings.buildContext?.displayName {
            for fix in fileFixes.compactMap(\.fix) {
                for newFile in fix.newFiles where !newFiles.contains(where: { $0.path.hasSuffix("/" + newFile.path) }) {
                    newFiles.append(((directory == "." ? "" : directory + "/") + newFile.path, newFile.contents))
                }
            }
        }
        var remaining = outcome.remaining
        var fileCounts = counts
        if diffOnly {
            var diff = UnifiedDiff.render(path: file.isStandardInput ? (standardInputName ?? "-") : file.displayPath, old: source, new: outcome.fixed)
            for newFile in newFiles {
                // A file that does not exist yet: `--- /dev/null`, as diff(1) and patch(1) spell it.
                let rendered = UnifiedDiff.render(path: newFile.path, old: [], new: Array(newFile.contents.utf8))
                diff += "--- /dev/null\n" + rendered.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)[1]
            }
            for diagnostic in fileFixes where !newFiles.isEmpty {
                if diagnostic.fix!.applicability == .safe { fileCounts.safe += 1 } else { fileCounts.unsafe += 1 }
            }
            // A path that is not UTF-8 is written with its own bytes, for patch(1) to find the file.
            let diffBytes = EscapedBytes.mayHoldEscapes(diff) ? RawPath(diff).bytes : Array(diff.utf8)
            return FileOutcome(result: outcome.remaining, changed: outcome.changed || !newFiles.isEmpty, output: diffBytes,
                               messages: messages, failed: false, appliedCount: fileCounts)
        }
        if file.isStandardInput {
            if !newFiles.isEmpty {
                messages.append("dlint: \(path): not created \(newFiles.map(\.path).joined(separator: ", ")): fixes of standard input write only to standard output")
            }
            return FileOutcome(result: outcome.remaining, changed: outcome.changed, output: outcome.fixed, messages: messages, failed: false, appliedCount: counts)
        }
        var created = false
        for newFile in newFiles {
            do {
                if try AtomicFile.create(newFile.path, with: Array(newFile.contents.utf8)) {
                    created = true
                    messages.append("dlint: created \(newFile.path)")
                }
            } catch {
                messages.append(error.description)
            }
        }
        if created {
            for diagnostic in fileFixes {
                if diagnostic.fix!.applicability == .safe { fileCounts.safe += 1 } else { fileCounts.unsafe += 1 }
            }
            remaining = remaining.removing { diagnostic in fileFixes.contains { $0 == diagnostic } }
        }
        guard outcome.changed else {
            return FileOutcome(result: remaining, changed: created, output: [], messages: messages, failed: false, appliedCount: fileCounts)
        }
        guard let target = AtomicFile.resolvedTarget(of: file.displayPath, within: file.root) else {
            messages.append("dlint: \(DisplayPath.escaped(path)): not fixed: it is a symbolic link to a file outside \(DisplayPath.escaped(file.root))")
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
        return FileOutcome(result: remaining, changed: true, output: [], messages: messages, failed: false, appliedCount: fileCounts)
    }

    /// Why the file at `target` must not be replaced, or nil: it is read-only (as editors do, dlint
    /// does not replace a file its owner protected), it is not a regular file, or its bytes are no
    /// longer the ones the fixes were computed from (another program wrote it meanwhile).
    static func refusalToReplace(_ target: String, readAs source: [UInt8]) -> String? {
        // Fault injection for the CLI tests: another writer, between dlint's read and its write.
        if let text = ProcessEnvironment.variables["DLINT_TEST_APPEND_BEFORE_FIX_WRITE"] {
            let descriptor = RawPath.withCString(target) { open($0, O_WRONLY | O_APPEND) }
            if descriptor >= 0 {
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
        }
        var status = stat()
        guard RawPath.withCString(target, { stat($0, &status) }) == 0 else { return "it cannot be read any more: \(InputFile.reason(errno))" }
        guard status.st_mode & S_IFMT == S_IFREG else { return "it is not a regular file" }
        // Root may write anything: the mode bits say what the owner wants.
        if status.st_mode & 0o222 == 0 || RawPath.withCString(target, { access($0, W_OK) }) != 0 {
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
        let place = changed.count == 1 ? DisplayPath.escaped(changed[0]) : "\(changed.count) files"
        let detail = unsafe > 0 ? " (\(safe) safe, \(unsafe) unsafe)" : ""
        return "\(verb) \(total) \(noun) in \(place)\(detail)."
    }
}
