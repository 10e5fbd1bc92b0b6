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
            guard let first = needle.first else { return false }
            let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Bool in
                guard haystack.count >= needle.count else { return false }
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
            if let found = self.utf8.withContiguousStorageIfAvailable(search) { return found }
            var copy = String(self)
            return copy.withUTF8(search)
        }
    }
}
