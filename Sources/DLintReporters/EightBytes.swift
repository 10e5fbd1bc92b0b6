/// Byte tests on eight bytes at once, for the reporters' scans of every message and path: a word
/// of text is loaded and each test gives a mask whose high bit is set in some byte exactly when
/// some byte of the word matches (borrows and carries may mark other bytes too, but only when a
/// byte matches, so `any` is exact).
enum EightBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `text` from `index` (which must leave eight).
    static func load(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self)
    }

    /// Bytes below 0x20: the control characters other than DEL.
    static func belowSpace(_ word: UInt64) -> UInt64 { (word &- 0x20 &* ones) & ~word }

    /// Bytes equal to `byte`.
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (UInt64(byte) &* ones)
        return (difference &- ones) & ~difference
    }

    /// Bytes of 0x7F (DEL) or more: 0x7F becomes 0x80 with one added, the others have their high bit.
    static func deleteOrAbove(_ word: UInt64) -> UInt64 { word | (word &+ ones) }

    static func any(_ mask: UInt64) -> Bool { mask & highBits != 0 }
}
