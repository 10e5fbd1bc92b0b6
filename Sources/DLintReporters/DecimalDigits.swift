/// Writes a number's decimal digits straight into a report's bytes, as `String(value)` spells
/// them: the byte reporters format thousands of line and column numbers per file, and a `String`
/// per number was a large part of their cost.
enum DecimalDigits {
    static func append(_ value: UInt, to bytes: inout [UInt8]) {
        var rest = value
        var divisor: UInt = 1
        while rest / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
