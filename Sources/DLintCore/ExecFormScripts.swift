// Fixes inside the shell script of an exec-form RUN (`RUN ["sh", "-c", "apt-get update"]`).
// Rules write edits in terms of the script, as they do for shell form; in the file the script is a
// JSON string, so the edit's text must be written as JSON, and an edit that lands in the array but
// outside the string would break the array (BuildKit would then read the RUN as shell form).

/// Where the script of one exec-form RUN lies: the string's bytes inside the quotes, and the bytes
/// from the array's first element to the end of the instruction, which no edit may touch outside it.
struct ExecFormScriptRegion: Sendable {
    let string: Range<Int>
    let array: ClosedRange<Int>
}

extension DockerfileModel {
    /// The exec-form RUNs whose script is analysed, in file order.
    var execFormScriptRegions: [ExecFormScriptRegion] {
        runs.compactMap { run in
            guard let element = run.execScriptElement, case .exec(let elements) = run.instruction.arguments,
                  let first = elements.first else { return nil }
            let inside = (element.range.lowerBound + 1)..<(element.range.upperBound - 1)
            return ExecFormScriptRegion(string: inside, array: first.range.lowerBound...run.instruction.range.upperBound)
        }
    }

    /// `fix` as it must be applied to the file (the linter does this for every finding): an edit
    /// inside the JSON string of an exec-form script gets its `"` written as `\"`; nil (no fix
    /// offered) when such an edit would insert a backslash or a control character (a line break,
    /// a continuation: their JSON spelling would change what the shell reads), or when an edit
    /// touches the array outside the string.
    static func adjusted(_ fix: Fix, regions: [ExecFormScriptRegion]) -> Fix? {
        var edits: [TextEdit] = []
        var changed = false
        for edit in fix.edits {
            // The last region starting at or before the edit (regions are in file order).
            var low = 0
            var high = regions.count
            while low < high {
                let mid = (low + high) / 2
                if regions[mid].array.lowerBound <= edit.range.lowerBound { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else {
                edits.append(edit)
                continue
            }
            let region = regions[low - 1]
            if edit.range.lowerBound >= region.string.lowerBound, edit.range.upperBound <= region.string.upperBound {
                guard !edit.replacement.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F }) else { return nil }
                if edit.replacement.contains("\"") {
                    changed = true
                    edits.append(TextEdit(range: edit.range, replacement: edit.replacement.replacingQuotes()))
                } else {
                    edits.append(edit)
                }
            } else if region.array.contains(edit.range.lowerBound) || region.array.contains(edit.range.upperBound) && edit.range.lowerBound >= region.array.lowerBound {
                return nil
            } else {
                edits.append(edit)
            }
        }
        return changed ? Fix(title: fix.title, applicability: fix.applicability, edits: edits) : fix
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" { result += "\\\"" } else { result.append(character) }
        }
        return result
    }
}
