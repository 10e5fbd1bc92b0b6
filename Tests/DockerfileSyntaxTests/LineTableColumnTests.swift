@testable import DockerfileSyntax
import Testing

/// Columns on long lines come from checkpoints (issue 12): they must equal a scan from the start
/// of the line for every offset, whatever the bytes (multi-byte characters, invalid UTF-8, a BOM).
@Suite("line table columns")
struct LineTableColumnTests {
    static let sources: [[UInt8]] = {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x61], [0xC3, 0xA9], [0xE2, 0x98, 0x83], [0xF0, 0x9F, 0x90, 0xB3], [0xFF], [0xE2, 0x98], [0x80], [0x0A], [0x0D, 0x0A], [0x09]]
        func random(_ count: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            while bytes.count < count { bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            return bytes
        }
        return [
            Array(String(repeating: "é☃x", count: 900).utf8),
            [0xEF, 0xBB, 0xBF] + Array(String(repeating: "a🐳", count: 700).utf8) + [0x0A] + Array(String(repeating: "ü", count: 800).utf8),
            random(3000), random(5000).filter { $0 != 0x0A },
        ]
    }()

    @Test(arguments: 0..<4)
    func columnsEqualAScan(_ index: Int) {
        let source = Self.sources[index]
        let table = LineTable(source)
        for offset in 0...source.count {
            let line = table.line(containing: offset)
            var start = table.lineStarts[line - 1]
            if line == 1, source.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { start = 3 }
            let expected = UTF8Scan.scalarCount(source, start..<offset) + 1
            let location = table.location(of: offset)
            if location.line != line || location.column != expected {
                Issue.record("offset \(offset): \(location), expected \(line):\(expected)")
                return
            }
        }
    }
}
