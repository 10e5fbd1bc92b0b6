/// Prints a tree the way BuildKit's `Node.Dump()` does, in the format of BuildKit's parser
/// test `result` files, so our parse can be compared with BuildKit's directly.
public enum BuildKitDump {
    /// One line per instruction, each ending in a newline.
    public static func dump(_ tree: SyntaxTree) -> String {
        tree.instructions.map { "(" + dump($0) + ")\n" }.joined()
    }

    static func dump(_ instruction: Instruction) -> String {
        var parts = [instruction.keyword.text.lowercased()]
        if !instruction.flags.isEmpty {
            parts.append(GoQuote.quoteList(instruction.flags.map(\.text)))
        }
        parts += values(instruction.arguments)
        return parts.joined(separator: " ").trimmingBlanks()
    }

    private static func values(_ arguments: InstructionArguments) -> [String] {
        switch arguments {
        case .none:
            return []
        case .exec(let words), .words(let words):
            return words.map { GoQuote.quote($0.text) }
        case .shell(let word), .text(let word):
            return [GoQuote.quote(word.text)]
        case .keyValues(let pairs):
            return pairs.flatMap { pair in
                [pair.key.text, pair.value.text, pair.separator == .equals ? "=" : ""].map(GoQuote.quote)
            }
        case .declarations(let declarations):
            return declarations.map { GoQuote.quote($0.word.text) }
        case .healthcheck(let type, let command):
            return [GoQuote.quote(type.text)] + values(command)
        case .trigger(let trigger):
            return ["(" + dump(trigger) + ")"]
        case .ignored:
            // BuildKit keeps an empty node for the arguments of an unknown instruction.
            return [GoQuote.quote("")]
        }
    }
}

extension String {
    func trimmingBlanks() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, UTF8Scan.isSpace(first.value) { scalars.removeFirst() }
        while let last = scalars.last, UTF8Scan.isSpace(last.value) { scalars.removeLast() }
        return String(scalars)
    }
}
