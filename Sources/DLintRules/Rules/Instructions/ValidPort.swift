import DLintCore

/// DL3011: a port number above 65535 cannot be bound; the build accepts it, `docker run` fails.
struct ValidPort: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3011", name: "valid-port", severity: .error,
        summary: "Valid UNIX ports range from 0 to 65535"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for index in model.instructions.indices {
            let instruction = model.instructions[index]
            guard instruction.kind == .expose, case .words(let words) = instruction.arguments else { continue }
            for word in words {
                // A variable whose value is unknown says nothing about the port.
                guard let value = model.states[index].variables.expand(word.text, escape: escape),
                      let port = Self.outOfRangePort(in: value) else { continue }
                findings.append(Finding("Port '\(port)' is out of range: valid ports are 0 to 65535", at: word.range))
            }
        }
        return findings
    }

    /// The first number above 65535 in `80`, `80/tcp`, `8000-8100/udp`; nil when there is none,
    /// or when the text is not a port at all (another rule's business).
    static func outOfRangePort(in text: String) -> String? {
        let port = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let numbers = port.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        return numbers.first { Int($0).map { $0 > 65535 } ?? true }.map(String.init)
    }
}
