extension StringProtocol {
    /// The same answer as `contains { characters.contains($0) }`, for `characters` all ASCII, read
    /// on the bytes: a character of the text can equal one of those only if the text holds its
    /// byte, and in ASCII text without a carriage return each byte is a character of its own (CR
    /// LF is one). Other text with a matching byte is searched by characters, where a combining
    /// mark may join the byte to a larger one.
    func containsASCIICharacter(in characters: StaticString) -> Bool {
        let set = UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount)
        var found = false
        var bytesAreCharacters = true
        for byte in utf8 {
            if byte >= 0x80 || byte == UInt8(ascii: "\r") { bytesAreCharacters = false }
            if !found, byte < 0x80, set.contains(byte) { found = true }
        }
        guard found else { return false }
        if bytesAreCharacters { return true }
        let text = String(describing: characters)
        return contains { text.contains($0) }
    }
}
