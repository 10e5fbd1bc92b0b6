import DLintCore

/// DL3054: an `spdx` label of the schema holds an SPDX license expression, as
/// `org.opencontainers.image.licenses` must.
struct InvalidSPDXLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3054", name: "invalid-spdx-label", severity: .warning,
        summary: "A label the label schema types as spdx is not an SPDX license expression"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .spdx, isValid: Self.isLicenseExpression) { key, value in
            "Label '\(key)' is not an SPDX license expression: '\(value)'"
        }
    }

    /// Identifiers match without regard to case, as the SPDX specification says.
    private static let licenses = Set(SPDXLicenseList.licenseIdentifiers.map { $0.lowercased() })
    private static let exceptions = Set(SPDXLicenseList.exceptionIdentifiers.map { $0.lowercased() })

    /// SPDX 2.3 annex D: license identifiers (optionally `+`), `LicenseRef-…`, `WITH` an exception,
    /// joined by `AND` and `OR`, with parentheses.
    static func isLicenseExpression(_ text: String) -> Bool {
        var tokens: [Substring] = []
        var current = text.startIndex
        var index = text.startIndex
        func flush() {
            if current < index { tokens.append(text[current..<index]) }
        }
        while index < text.endIndex {
            let character = text[index]
            if character == " " || character == "\t" || character == "(" || character == ")" {
                flush()
                if character == "(" || character == ")" { tokens.append(text[index...index]) }
                current = text.index(after: index)
            }
            index = text.index(after: index)
        }
        flush()
        var parser = ExpressionParser(tokens: tokens)
        return parser.compound() && parser.position == tokens.count
    }

    private struct ExpressionParser {
        let tokens: [Substring]
        var position = 0

        /// `term ((AND | OR) term)*`.
        mutating func compound() -> Bool {
            guard term() else { return false }
            while position < tokens.count, isOperator(tokens[position], "and") || isOperator(tokens[position], "or") {
                position += 1
                guard term() else { return false }
            }
            return true
        }

        /// `( compound )` or `license [WITH exception]`.
        mutating func term() -> Bool {
            guard position < tokens.count else { return false }
            if tokens[position] == "(" {
                position += 1
                guard compound(), position < tokens.count, tokens[position] == ")" else { return false }
                position += 1
                return true
            }
            guard isLicense(tokens[position]) else { return false }
            position += 1
            if position < tokens.count, isOperator(tokens[position], "with") {
                position += 1
                guard position < tokens.count, isException(tokens[position]) else { return false }
                position += 1
            }
            return true
        }

        /// Operators are written all upper or all lower case.
        func isOperator(_ token: Substring, _ lowercase: String) -> Bool {
            token == lowercase || token == lowercase.uppercased()
        }

        func isLicense(_ token: Substring) -> Bool {
            let name = token.hasSuffix("+") ? token.dropLast() : token
            return InvalidSPDXLabel.licenses.contains(name.lowercased()) || isReference(token, prefix: "LicenseRef-")
        }

        func isException(_ token: Substring) -> Bool {
            InvalidSPDXLabel.exceptions.contains(token.lowercased()) || isReference(token, prefix: "AdditionRef-")
        }

        /// `LicenseRef-idstring`, optionally after `DocumentRef-idstring:`.
        func isReference(_ token: Substring, prefix: String) -> Bool {
            var rest = token
            if rest.hasPrefix("DocumentRef-"), let colon = rest.firstIndex(of: ":") {
                guard isIdString(rest[rest.index(rest.startIndex, offsetBy: "DocumentRef-".count)..<colon]) else { return false }
                rest = rest[rest.index(after: colon)...]
            }
            guard rest.hasPrefix(prefix) else { return false }
            return isIdString(rest.dropFirst(prefix.count))
        }

        func isIdString(_ text: Substring) -> Bool {
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        }
    }
}
