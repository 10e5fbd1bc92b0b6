extension StringProtocol {
    /// Whether `other` occurs in the string, comparing UTF-8 bytes.
    ///
    /// Without this overload `text.contains("/")` resolves to Foundation's `contains(_:)` in any
    /// module that sees Foundation (DLintCore did, through Yams), which bridges to `NSString` and
    /// costs a hundred times more; the
    /// corpus spent a tenth of its lint time there. Like Foundation's, an empty `other` is not
    /// contained. Bytes, not canonical equivalence: every pattern the rules look for is ASCII.
    @inlinable
    public func contains(_ other: String) -> Bool {
        var needle = other
        return needle.withUTF8 { needle in
            let search = { (haystack: UnsafeBufferPointer<UInt8>) in ByteSearch.contains(needle, in: haystack) }
            if let found = self.utf8.withContiguousStorageIfAvailable(search) { return found }
            var copy = String(self)
            return copy.withUTF8(search)
        }
    }

    /// `hasPrefix` on the UTF-8 bytes. Swift compares characters, and a combining mark joins the
    /// byte before it into a larger one: `"/\u{652}rl".hasBytePrefix("/")` is false, though Docker and
    /// the shell see a path starting with `/`. Paths and words are bytes to every tool that reads
    /// them, so their prefixes and suffixes are too (a fuzzed `WORKDIR /ْ…` was made absolute again
    /// on every rewriter round, its text doubling each time).
    @inlinable
    public func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// `hasSuffix` on the UTF-8 bytes (see `hasBytePrefix`).
    @inlinable
    public func hasByteSuffix(_ suffix: String) -> Bool {
        let bytes = utf8, tail = suffix.utf8
        guard bytes.count >= tail.count else { return false }
        return bytes.suffix(tail.count).elementsEqual(tail)
    }

    /// Whether any UTF-8 byte of the string passes `test`: on the contiguous bytes when the
    /// string has them (a native string always does), which `utf8.contains(where:)` does not use.
    @inlinable
    public func containsByte(where test: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.contains(where: test) }) { return found }
        return utf8.contains(where: test)
    }
}

/// Byte-string search, for strings (above) and for the rules that look for a marker in a whole
/// file or script before doing more (`gosu` in a Dockerfile, `for ` in a RUN, `key` in a name).
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`, byte for byte; false for an empty needle. Skips to
    /// the needle's first byte without bounds checks.
    @inlinable
    public static func contains(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    @inlinable
    public static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { needle in haystack.withUnsafeBufferPointer { contains(needle, in: $0) } }
    }
}
