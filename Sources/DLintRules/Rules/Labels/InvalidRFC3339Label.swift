import DLintCore

/// DL3053: an `rfc3339` label of the schema holds an RFC 3339 date and time, as
/// `org.opencontainers.image.created` must.
struct InvalidRFC3339Label: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3053", name: "invalid-rfc3339-label", severity: .warning,
        summary: "A label the label schema types as rfc3339 is not an RFC 3339 date and time"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .rfc3339, isValid: Self.isDateTime) { key, value in
            "Label '\(key)' is not an RFC 3339 date and time: '\(value)'"
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` and `Z` in either case, with a real
    /// calendar date and a leap second allowed.
    static func isDateTime(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= characters.count else { return nil }
            var value = 0
            for byte in characters[index..<(index + digits)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func skip(_ allowed: String) -> Bool {
            guard index < characters.count, allowed.utf8.contains(characters[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              skip("Tt"), let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2),
              hour < 24, minute < 60, second <= 60 else { return false }
        if skip(".") {
            let start = index
            while index < characters.count, (0x30...0x39).contains(characters[index]) { index += 1 }
            guard index > start else { return false }
        }
        if skip("Zz") { return index == characters.count }
        guard skip("+-"), let offsetHour = number(2), skip(":"), let offsetMinute = number(2),
              offsetHour < 24, offsetMinute < 60 else { return false }
        return index == characters.count
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
