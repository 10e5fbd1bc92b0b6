import DLintCore

/// A `NAME=value` the file sets: an `ENV` pair, an `ARG` default, a shell assignment
/// (`NAME=value cmd`, `export NAME=value`, `env NAME=value cmd`) in a RUN or its heredoc scripts,
/// or a `NAME=value` / `name: value` line of a heredoc that is data (`COPY <<EOF /app/.env`,
/// `RUN cat <<EOF > config.yml`). What the secret and TLS rules read, collected once per model.
struct AssignmentSite: Sendable {
    enum Place: Sendable, Hashable {
        case env, arg, run, file

        /// Where the value ends up, for messages.
        var leak: String {
            switch self {
            case .env: "ENV stores it in the image configuration"
            case .arg: "an ARG default is recorded in the image history of every RUN that uses it"
            case .run: "a RUN's command line is recorded in the image history"
            case .file: "the heredoc writes it to a file in the image"
            }
        }
    }

    let name: String
    /// The value with quotes removed; nil when it expands a variable or a command, or when there
    /// is no value (`ARG NAME`).
    let value: String?
    let hasValue: Bool
    /// The file bytes of the value as written (empty at the end of the name when there is none).
    let valueRange: Range<Int>
    /// The whole assignment, name to value.
    let range: Range<Int>
    let place: Place
    /// The keyword (`ENV`, `ARG`, `RUN`, `COPY` …) of the instruction it is in.
    let keyword: String
}

enum AssignmentSitesFact: ModelFactKey {
    typealias Value = [AssignmentSite]
}

extension AssignmentSite {
    static func all(in model: DockerfileModel) -> [AssignmentSite] {
        model.facts.value(AssignmentSitesFact.self) { collect(model) }
    }

    private static func collect(_ model: DockerfileModel) -> [AssignmentSite] {
        let tree = model.tree
        let escape = Character(UnicodeScalar(tree.escapeCharacter))
        var sites: [AssignmentSite] = []
        for checked in model.checkedInstructions {
            let instruction = checked.instruction
            switch (instruction.kind, instruction.arguments) {
            case (.env, .keyValues(let pairs)):
                let keyword = "ENV"
                for pair in pairs {
                    sites.append(AssignmentSite(
                        name: pair.key.text, value: SecretValues.unquotedDockerfileValue(pair.value.text, escape: escape), hasValue: true,
                        valueRange: pair.value.range, range: pair.range, place: .env, keyword: keyword
                    ))
                }
            case (.arg, .declarations(let declarations)):
                let keyword = "ARG"
                for declaration in declarations {
                    let value = declaration.defaultValue
                    sites.append(AssignmentSite(
                        name: declaration.name.text, value: value.flatMap { SecretValues.unquotedDockerfileValue($0.text, escape: escape) },
                        hasValue: value != nil, valueRange: value?.range ?? declaration.name.range.upperBound..<declaration.name.range.upperBound,
                        range: declaration.word.range, place: .arg, keyword: keyword
                    ))
                }
            default:
                break
            }
            // Heredocs that are data, not scripts: a RUN's heredocs are scripts when the model
            // parsed them as such (`RUN <<EOF`, `RUN bash <<EOF`).
            let heredocs = instruction.heredocs
            guard !heredocs.isEmpty else { continue }
            let scriptHeredocs = instruction.kind == .run ? (model.run(atInstruction: checked.index).map { $0.scripts.count > 1 } ?? false) : false
            if !scriptHeredocs {
                // Spelled for the sites' messages only: most instructions have no heredoc.
                let keyword = instruction.kind.rawValue.uppercased()
                for heredoc in heredocs {
                    sites += dataLines(of: heredoc, in: tree.source, keyword: keyword)
                }
            }
        }
        for run in model.runs {
            let keyword = "RUN"
            for command in run.commands {
                let simple = command.command
                for assignment in simple.assignments {
                    let valueRange = assignment.value.map { command.source.fileRange(of: $0.range) }
                        ?? command.source.fileRange(of: assignment.range.upperBound..<assignment.range.upperBound)
                    sites.append(AssignmentSite(
                        name: assignment.name, value: assignment.value.map { $0.literalValue } ?? "",
                        hasValue: true, valueRange: valueRange, range: command.source.fileRange(of: assignment.range), place: .run, keyword: keyword
                    ))
                }
                // `export NAME=value`, `env NAME=value cmd`, `declare -x NAME=value`.
                guard let name = simple.commandName, isAssigningCommand(PackageInvocation.baseProgram(name)) else { continue }
                for word in simple.arguments {
                    guard let site = wordAssignment(word, in: command, keyword: keyword) else {
                        if name == "env", word.literalValue?.hasPrefix("-") != true { break }
                        continue
                    }
                    sites.append(site)
                }
            }
        }
        return sites
    }

    /// The commands whose operands assign: told apart by their first byte, then compared (every
    /// command comes here, and six comparisons for each cost more than hashing its name).
    private static func isAssigningCommand(_ program: String) -> Bool {
        switch program.utf8.first {
        case UInt8(ascii: "e"): program == "export" || program == "env"
        case UInt8(ascii: "d"): program == "declare"
        case UInt8(ascii: "t"): program == "typeset"
        case UInt8(ascii: "r"): program == "readonly"
        case UInt8(ascii: "l"): program == "local"
        default: false
        }
    }

    /// `NAME=value` as one shell word whose name is unquoted.
    private static func wordAssignment(_ word: Word, in command: ShellCommand, keyword: String) -> AssignmentSite? {
        guard case .literal(let text, let range)? = word.parts.first, let equals = firstEquals(in: text) else { return nil }
        let name = String(text[..<equals])
        guard isName(name) else { return nil }
        let nameLength = name.utf8.count
        let valueStart = range.lowerBound + nameLength + 1
        let value = word.literalValue.map { String($0.dropFirst(name.count + 1)) }
        return AssignmentSite(
            name: name, value: value, hasValue: true, valueRange: command.source.fileRange(of: valueStart..<word.range.upperBound),
            range: command.fileRange(of: word), place: .run, keyword: keyword
        )
    }

    /// The first `=` of a word's text: on the bytes for ASCII text (nearly all, where each byte
    /// is a character), by characters otherwise (a combining mark may follow the `=`).
    private static func firstEquals(in text: String) -> String.Index? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.firstIndex(of: "=") }
        return bytes.firstIndex(of: UInt8(ascii: "="))
    }

    static func isName(_ text: String) -> Bool {
        // ASCII text on its bytes (each byte is a character; CR LF fails both ways): a letter or
        // `_`, then letters, digits and `_`. Other text by characters, as below.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
            return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
        }
        guard let first = text.first, first == "_" || first.isLetter else { return false }
        return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// `NAME=value`, `export NAME=value`, `name: value`, `"name": "value",` lines of a heredoc body.
    private static func dataLines(of heredoc: Heredoc, in source: [UInt8], keyword: String) -> [AssignmentSite] {
        var sites: [AssignmentSite] = []
        let body = heredoc.bodyRange
        var lineStart = body.lowerBound
        while lineStart < body.upperBound {
            var lineEnd = lineStart
            while lineEnd < body.upperBound, source[lineEnd] != 0x0A { lineEnd += 1 }
            if let site = dataLine(source, lineStart..<lineEnd, keyword: keyword) { sites.append(site) }
            lineStart = lineEnd + 1
        }
        return sites
    }

    private static func dataLine(_ source: [UInt8], _ line: Range<Int>, keyword: String) -> AssignmentSite? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func isNameByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        var index = line.lowerBound
        while index < line.upperBound, isBlank(source[index]) { index += 1 }
        let export = Array("export ".utf8)
        if index + export.count <= line.upperBound, Array(source[index..<(index + export.count)]) == export { index += export.count }
        let quotedKey = index < line.upperBound && source[index] == UInt8(ascii: "\"")
        if quotedKey { index += 1 }
        let nameStart = index
        while index < line.upperBound, isNameByte(source[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: source[nameStart..<index], as: UTF8.self)
        if quotedKey {
            guard index < line.upperBound, source[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
        }
        while index < line.upperBound, isBlank(source[index]) { index += 1 }
        guard index < line.upperBound, source[index] == UInt8(ascii: "=") || source[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        while index < line.upperBound, isBlank(source[index]) { index += 1 }
        var valueEnd = line.upperBound
        while valueEnd > index, isBlank(source[valueEnd - 1]) || source[valueEnd - 1] == 0x0D || source[valueEnd - 1] == UInt8(ascii: ",") { valueEnd -= 1 }
        var valueStart = index
        // Quotes around the value are not part of it.
        if valueEnd - valueStart >= 2, let first = source[valueStart] as UInt8?, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
           source[valueEnd - 1] == first {
            valueStart += 1
            valueEnd -= 1
        }
        guard valueEnd > valueStart else { return nil }
        let value = String(decoding: source[valueStart..<valueEnd], as: UTF8.self)
        // `$NAME` is filled in at build time (an expanding heredoc) or when the file is read (a
        // script, a Compose file): not a literal either way.
        return AssignmentSite(
            name: name, value: value.contains("$") ? nil : value, hasValue: true, valueRange: valueStart..<valueEnd,
            range: nameStart..<valueEnd, place: .file, keyword: keyword
        )
    }
}
