import DLintCore

/// DL3044: `ENV A=1 B=$A` sets B from the value A had before this ENV, not from `1`: BuildKit
/// expands every value of an ENV before it sets any.
struct EnvSameInstructionReference: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3044", name: "env-same-instruction-reference", severity: .error,
        summary: "Do not refer to an environment variable within the same ENV statement where it is defined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = context.tree.escapeCharacter
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() where instruction.kind == .env {
            guard case .keyValues(let pairs) = instruction.arguments, pairs.count > 1 else { continue }
            let scope = model.states[index].variables
            // Name → the value text the ENV sets it to, for the pairs read so far.
            var definedEarlier: [String: String] = [:]
            for pair in pairs {
                let value = Array(pair.value.text.utf8)
                for reference in Self.references(in: value, escape: escape) {
                    guard let newValue = definedEarlier[reference.name],
                          !Self.keepsValue(reference.name, setTo: newValue, in: scope, escape: escape) else { continue }
                    let logical = (pair.value.logicalRange.lowerBound + reference.range.lowerBound)..<(pair.value.logicalRange.lowerBound + reference.range.upperBound)
                    let text = String(decoding: value[reference.range], as: UTF8.self)
                    findings.append(Finding(
                        "'\(text)' is the value \(reference.name) had before this ENV, not the one set earlier in it: set \(reference.name) in an ENV of its own first",
                        at: instruction.logicalLine.fileRange(of: logical)
                    ))
                }
                definedEarlier[pair.key.text] = pair.value.text
            }
        }
        return findings
    }

    /// True when setting `name` to `value` leaves it as it was (`ENV V=$V`, an ARG passed on, or
    /// the same constant): a later reference then gets the same value either way.
    static func keepsValue(_ name: String, setTo value: String, in scope: VariableScope, escape: UInt8) -> Bool {
        if ["$\(name)", "${\(name)}", "\"$\(name)\"", "\"${\(name)}\""].contains(value) { return true }
        let character = Character(UnicodeScalar(escape))
        guard let new = scope.expand(value, escape: character), let old = scope.expand("${\(name)}", escape: character) else { return false }
        return scope[name] != nil && new == old
    }

    /// The variables a value refers to (`$NAME`, `${NAME}`, `${NAME:-default}` …) with their
    /// ranges in `value`; none inside single quotes or after the escape character.
    static func references(in value: [UInt8], escape: UInt8) -> [(name: String, range: Range<Int>)] {
        var references: [(name: String, range: Range<Int>)] = []
        var index = 0
        var inDoubleQuotes = false
        func isNameByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        while index < value.count {
            let byte = value[index]
            if byte == escape {
                index += 2
            } else if byte == UInt8(ascii: "'"), !inDoubleQuotes {
                index += 1
                while index < value.count, value[index] != UInt8(ascii: "'") { index += 1 }
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                inDoubleQuotes.toggle()
                index += 1
            } else if byte == UInt8(ascii: "$"), index + 1 < value.count {
                let start = index
                var nameStart = index + 1
                let braced = value[nameStart] == UInt8(ascii: "{")
                if braced { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < value.count, isNameByte(value[nameEnd]) { nameEnd += 1 }
                var end = nameEnd
                if braced {
                    while end < value.count, value[end] != UInt8(ascii: "}") { end += 1 }
                    end = min(end + 1, value.count)
                }
                if nameEnd > nameStart {
                    references.append((String(decoding: value[nameStart..<nameEnd], as: UTF8.self), start..<end))
                }
                index = max(end, index + 1)
            } else {
                index += 1
            }
        }
        return references
    }
}
