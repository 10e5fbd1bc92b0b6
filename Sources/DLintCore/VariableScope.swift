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

        mutating func run() -> String? {
            var output = ""
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "'":
                    index += 1
                    while index < scalars.count, scalars[index] != "'" {
                        output.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    index += 1
                case "\"":
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" {
                        if scalars[index] == escape, index + 1 < scalars.count,
                           ["\"", "$", escape].contains(scalars[index + 1]) {
                            output.unicodeScalars.append(scalars[index + 1])
                            index += 2
                        } else if scalars[index] == "$" {
                            guard let value = expandVariable() else { return nil }
                            output += value
                        } else {
                            output.unicodeScalars.append(scalars[index])
                            index += 1
                        }
                    }
                    index += 1
                case escape where index + 1 < scalars.count:
                    output.unicodeScalars.append(scalars[index + 1])
                    index += 2
                case "$":
                    guard let value = expandVariable() else { return nil }
                    output += value
                default:
                    output.unicodeScalars.append(scalar)
                    index += 1
                }
            }
            return output
        }

        /// Expands the `$...` at `index`; nil when its value is unknown.
        mutating func expandVariable() -> String? {
            index += 1
            guard index < scalars.count else { return "$" }
            if scalars[index] == "{" {
                guard let close = scalars[index...].firstIndex(of: "}") else { return nil }
                let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                index = close + 1
                return expandBraced(inner)
            }
            let start = index
            while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
            guard index > start else { return "$" }
            return lookUp(String(String.UnicodeScalarView(scalars[start..<index])))
        }

        func expandBraced(_ inner: String) -> String? {
            for (operator_, useDefaultWhenEmpty) in [(":-", true), ("-", false), (":+", true), ("+", false)] {
                guard let range = inner.firstRange(of: operator_) else { continue }
                let name = String(inner[..<range.lowerBound])
                guard name.unicodeScalars.allSatisfy(isNameCharacter) else { continue }
                let word = String(inner[range.upperBound...])
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
