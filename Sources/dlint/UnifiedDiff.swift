/// A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context) that `patch -p1`
/// applies, computed with the standard library's collection difference over lines.
enum UnifiedDiff {
    static let context = 3

    static func render(path: String, old: [UInt8], new: [UInt8]) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        let difference = newLines.difference(from: oldLines)
        guard !difference.isEmpty else { return "" }

        // Walk both files in step, marking each line kept, removed or inserted.
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        enum Line { case keep(Int, Int), remove(Int), insert(Int) }
        var script: [Line] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldLines.count || newIndex < newLines.count {
            if oldIndex < oldLines.count, removed.contains(oldIndex) {
                script.append(.remove(oldIndex)); oldIndex += 1
            } else if newIndex < newLines.count, inserted.contains(newIndex) {
                script.append(.insert(newIndex)); newIndex += 1
            } else {
                script.append(.keep(oldIndex, newIndex)); oldIndex += 1; newIndex += 1
            }
        }

        var output = "--- a/\(path)\n+++ b/\(path)\n"
        var index = 0
        while index < script.count {
            guard case .keep = script[index] else {
                // A hunk: back up for context, run until `context` * 2 unchanged lines follow.
                let start = max(0, index - context)
                var end = index
                var tail = 0
                while end < script.count {
                    if case .keep = script[end] {
                        if tail == context * 2 { break }
                        tail += 1
                    } else {
                        tail = 0
                    }
                    end += 1
                }
                end -= max(0, tail - context)
                output += hunk(script[start..<end].map { line -> (Character, Int, Int) in
                    switch line {
                    case .keep(let o, let n): (" ", o, n)
                    case .remove(let o): ("-", o, -1)
                    case .insert(let n): ("+", -1, n)
                    }
                }, oldLines, newLines)
                index = end
                continue
            }
            index += 1
        }
        return output
    }

    private static func hunk(_ lines: [(Character, Int, Int)], _ oldLines: [[UInt8]], _ newLines: [[UInt8]]) -> String {
        let oldNumbers = lines.filter { $0.0 != "+" }.map(\.1)
        let newNumbers = lines.filter { $0.0 != "-" }.map(\.2)
        // A side with no lines (an empty file) is numbered 0, as diff(1) does.
        let oldStart = oldNumbers.first.map { $0 + 1 } ?? 0
        let newStart = newNumbers.first.map { $0 + 1 } ?? 0
        var output = "@@ -\(range(oldStart, oldNumbers.count)) +\(range(newStart, newNumbers.count)) @@\n"
        for (marker, oldIndex, newIndex) in lines {
            let line = marker == "+" ? newLines[newIndex] : oldLines[oldIndex]
            output.append(marker)
            output += String(decoding: line, as: UTF8.self)
            if line.last != 0x0A { output += "\n\\ No newline at end of file\n" }
        }
        return output
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(count == 0 ? max(0, start - 1) : start),\(count)"
    }

    /// Lines with their endings; a last line without one stays as it is.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(Array(bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count { result.append(Array(bytes[start...])) }
        return result
    }
}
