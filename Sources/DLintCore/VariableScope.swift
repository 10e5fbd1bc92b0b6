/// The ARG and ENV variables visible at a point of the file, and BuildKit-style expansion of
/// `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alternative}` with their values.
public struct VariableScope: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// A value written in the file (an `ENV` value or an `ARG` default).
        case known(String)
        /// Declared, but only known at build time (`ARG NAME` without a default, `--build-arg`).
        case unknown
    }

    public private(set) var values: [String: Value] = [:]

    public init() {}

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The text with quotes removed and variables expanded; nil when it refers to a variable
    /// whose value is not known here (unset ones included: a base image may define them).
    public func expand(_ text: String, escape: Character = "\\") -> String? {
        // Most values (image names, paths) have nothing to expand or unquote.
        if let escapeByte = escape.asciiValue,
           !text.utf8.contains(where: { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == escapeByte }) {
            return text
        }
        var expander = Expander(scalars: Array(text.unicodeScalars), scope: self, escape: escape.unicodeScalars.first!)
        return expander.run()
    }

    private struct Expander {
        let scalars: [Unicode.Scalar]
        let scope: VariableScope
        let escape: Unicode.Scalar
        var index = 0

        // The output is put together as UTF-8 bytes, not scalar by scalar into a string: every
        // ENV, ARG, USER, WORKDIR and stage reference with a `$` or a quote comes here.
        mutating func run() -> String? {
            var output: [UInt8] = []
            output.reserveCapacity(scalars.count)
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "'":
                    index += 1
                    while index < scalars.count, scalars[index] != "'" {
                        Self.append(scalars[index], to: &output)
                        index += 1
                    }
                    index += 1
                case "\"":
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" {
                        if scalars[index] == escape, index + 1 < scalars.count,
                           scalars[index + 1] == "\"" || scalars[index + 1] == "$" || scalars[index + 1] == escape {
                            Self.append(scalars[index + 1], to: &output)
                            index += 2
                        } else if scalars[index] == "$" {
                            guard let value = expandVariable() else { return nil }
                            output.append(contentsOf: value.utf8)
                        } else {
                            Self.append(scalars[index], to: &output)
                            index += 1
                        }
                    }
                    index += 1
                case escape where index + 1 < scalars.count:
                    Self.append(scalars[index + 1], to: &output)
                    index += 2
                case "$":
                    guard let value = expandVariable() else { return nil }
                    output.append(contentsOf: value.utf8)
                default:
                    Self.append(scalar, to: &output)
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }

        private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: scalar.utf8)
            }
        }

        private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(scalars.count)
            for scalar in scalars { append(scalar, to: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Expands the `$...` at `index`; nil when its value is unknown.
        mutating func expandVariable() -> String? {
            index += 1
            guard index < scalars.count else { return "$" }
            if scalars[index] == "{" {
                guard let close = scalars[index...].firstIndex(of: "}") else { return nil }
                let inner = Self.string(scalars[(index + 1)..<close])
                index = close + 1
                return expandBraced(inner)
            }
            let start = index
            while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
            guard index > start else { return "$" }
            return lookUp(Self.string(scalars[start..<index]))
        }

        private static let braceOperators: [(String, Bool)] = [(":-", true), ("-", false), (":+", true), ("+", false)]

        /// The text before and after the first `operator_` in `inner`, matched by characters.
        /// On the bytes when `inner` is ASCII: the operators' characters (`:`, `-`, `+`) are then
        /// characters of their own wherever they are.
        private static func split(_ inner: String, isASCII: Bool, at operator_: String) -> (name: String, word: String)? {
            guard isASCII else {
                guard let range = inner.firstRange(of: operator_) else { return nil }
                return (String(inner[..<range.lowerBound]), String(inner[range.upperBound...]))
            }
            let bytes = inner.utf8, pattern = operator_.utf8
            var start = bytes.startIndex
            while start != bytes.endIndex {
                var candidate = start, matched = true
                for byte in pattern {
                    guard candidate != bytes.endIndex, bytes[candidate] == byte else { matched = false; break }
                    candidate = bytes.index(after: candidate)
                }
                if matched { return (String(inner[..<start]), String(inner[candidate...])) }
                start = bytes.index(after: start)
            }
            return nil
        }

        func expandBraced(_ inner: String) -> String? {
            let isASCII = inner.utf8.allSatisfy { $0 < 0x80 }
            for (operator_, useDefaultWhenEmpty) in Self.braceOperators {
                guard let (name, word) = Self.split(inner, isASCII: isASCII, at: operator_) else { continue }
                guard name.unicodeScalars.allSatisfy(isNameCharacter) else { continue }
                let value = scope[name]
                let isSet: Bool
                switch value {
                case .known(let text): isSet = !(useDefaultWhenEmpty && text.isEmpty)
                case .unknown: return nil
                case nil: isSet = false
                }
                if operator_.hasSuffix("-") {
                    return isSet ? lookUp(name) : scope.expand(word)
                }
                return isSet ? scope.expand(word) : ""
            }
            guard inner.unicodeScalars.allSatisfy(isNameCharacter) else { return nil }
            return lookUp(inner)
        }

        func lookUp(_ name: String) -> String? {
            if case .known(let value) = scope[name] { return value }
            return nil
        }

        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
    }
}
