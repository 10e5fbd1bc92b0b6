/// Byte-string search for the rules that look for a marker in a whole file or script before
/// doing more (`gosu` in a Dockerfile, `for ` in a RUN, `key` in a variable name).
enum ByteSearch {
    /// Whether `needle` occurs in `text`, byte for byte; false for an empty needle. Several rules
    /// ask it of every script: it skips to the needle's first byte without bounds checks.
    static func contains(_ needle: [UInt8], in text: [UInt8]) -> Bool {
        guard let first = needle.first, text.count >= needle.count else { return false }
        return text.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { needle in
                let last = text.count - needle.count
                var start = 0
                while start <= last {
                    if text[start] == first {
                        var offset = 1
                        while offset < needle.count, text[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
