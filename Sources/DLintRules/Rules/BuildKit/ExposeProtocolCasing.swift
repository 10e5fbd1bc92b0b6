import DLintCore

/// DX1106: `EXPOSE 80/TCP`: BuildKit lower-cases the protocol; write it so (BuildKit's
/// `ExposeProtoCasing`).
struct ExposeProtocolCasing: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1106", name: "expose-protocol-casing", severity: .warning,
        summary: "Write the EXPOSE protocol in lower case", aliases: ["ExposeProtoCasing"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let escape = context.tree.escapeCharacter
        return context.model.instructions.flatMap { instruction -> [Finding] in
            guard instruction.kind == .expose, case .words(let words) = instruction.arguments else { return [] }
            return words.compactMap { word in
                let line = instruction.logicalLine
                let bytes = line.bytes[word.logicalRange]
                guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
                let protocolRange = (slash + 1)..<word.logicalRange.upperBound
                let written = String(decoding: line.bytes[protocolRange], as: UTF8.self)
                guard written != written.lowercased(), !written.contains("$"), !written.contains(Character(UnicodeScalar(escape))) else { return nil }
                let fileRange = line.fileRange(of: protocolRange)
                return Finding(
                    "Protocol '\(written)' in EXPOSE '\(word.text)' should be lower case", at: fileRange,
                    fix: Fix(title: "Write '\(written.lowercased())'", applicability: .safe, edits: line.filePieces(of: protocolRange).map { piece in
                        TextEdit(range: piece, replacement: context.tree.text(of: piece).lowercased())
                    })
                )
            }
        }
    }
}
