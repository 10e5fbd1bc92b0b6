/// Reads the `build:` of each service of a Compose file (the Compose Specification's build
/// section): the string form (a context) and the mapping with `context`, `dockerfile`,
/// `dockerfile_inline`, `target`, `args` (mapping or `KEY=VALUE` list), `additional_contexts`
/// (mapping or list) and `platforms`. YAML anchors and `<<` merge keys are followed.
struct ComposeReader {
    let source: ProjectSource
    var definition: ProjectDefinition

    init(source: ProjectSource) {
        self.source = source
        self.definition = ProjectDefinition(sources: [source])
    }

    func read() -> ProjectDefinition {
        var reader = self
        reader.readFile()
        return reader.definition
    }

    private mutating func readFile() {
        let root: YAMLNode?
        do {
            // Invalid UTF-8 is read as U+FFFD, as it always was: a Latin-1 comment is no error.
            root = try YAMLParser.singleDocument(String(decoding: source.bytes, as: UTF8.self))
        } catch {
            let offset = source.offset(line: error.mark.line, column: error.mark.column)
            problem("Invalid YAML: \(error.message)", at: offset..<min(offset + 1, source.bytes.count))
            return
        }
        guard let root else { return }
        guard let top = mapping(root) else {
            problem("A Compose file must be a mapping of top-level keys, found \(kindName(root))", at: source.range(of: root))
            return
        }
        guard let servicesEntry = top.first(where: { $0.key.string == "services" }) else { return }
        let services = servicesEntry.value
        if services.isNull { return }
        guard let serviceEntries = mapping(services) else {
            problem("'services' must be a mapping of service names to services, found \(kindName(services))", at: source.range(of: services))
            return
        }
        for (nameNode, service) in serviceEntries {
            guard let name = nameNode.string else { continue }
            if service.isNull { continue }
            guard let serviceKeys = mapping(service) else {
                problem("Service '\(name)' must be a mapping, found \(kindName(service))", at: source.range(of: service))
                continue
            }
            guard let buildEntry = serviceKeys.first(where: { $0.key.string == "build" }) else { continue }
            readBuild(buildEntry.value, service: name, key: buildEntry.key, nameNode: nameNode)
        }
    }

    private mutating func readBuild(_ node: YAMLNode, service: String, key: YAMLNode, nameNode: YAMLNode) {
        var build = ProjectBuild(tool: .compose, name: Located(service, file: 0, range: source.range(of: nameNode)))
        if case .scalar = node, node.isNull == false {
            build.context = located(node)
            definition.builds.append(build)
            return
        }
        guard let entries = mapping(node) else {
            problem("'build' of service '\(service)' must be a string (the context) or a mapping, found \(kindName(node))", at: source.range(of: node))
            return
        }
        for (keyNode, value) in entries {
            guard let key = keyNode.string else { continue }
            switch key {
            case "context": build.context = string(value, key: key, service: service)
            case "dockerfile": build.dockerfile = string(value, key: key, service: service)
            case "dockerfile_inline": build.dockerfileInline = string(value, key: key, service: service)
            case "target": build.target = string(value, key: key, service: service)
            case "args":
                build.arguments = pairs(value, key: key, service: service).map { name, value in
                    ProjectBuild.Argument(name: name, value: value.value.map { .known($0) } ?? .unknown)
                }
            case "additional_contexts":
                build.namedContexts = pairs(value, key: key, service: service).map { name, value in
                    ProjectBuild.NamedContext(name: name, value: value)
                }
            case "platforms":
                if case .sequence(let items) = value { build.platforms = items.compactMap(\.string) }
            default: break
            }
        }
        definition.builds.append(build)
    }

    /// A scalar value, interpolation resolved (unknown when it depends on the environment).
    private mutating func string(_ node: YAMLNode, key: String, service: String) -> Located<String?>? {
        guard case .scalar = node, node.isNull == false else {
            if node.isNull { return nil }
            problem("'build.\(key)' of service '\(service)' must be a string, found \(kindName(node))", at: source.range(of: node))
            return nil
        }
        return located(node)
    }

    private func located(_ node: YAMLNode) -> Located<String?> {
        Located(node.string.flatMap(ComposeInterpolation.resolve), file: 0, range: source.range(of: node))
    }

    /// `args` and `additional_contexts`: a mapping, or a list of `KEY=VALUE` (or `KEY`) items.
    /// The value is nil when it comes from the environment (no value, or an interpolation).
    private mutating func pairs(_ node: YAMLNode, key: String, service: String) -> [(Located<String>, Located<String?>)] {
        if node.isNull { return [] }
        if let entries = mapping(node) {
            return entries.compactMap { keyNode, value in
                guard let name = keyNode.string else { return nil }
                let nameLocation = Located(name, file: 0, range: source.range(of: keyNode))
                if value.isNull { return (nameLocation, Located(nil, file: 0, range: source.range(of: keyNode))) }
                guard case .scalar = value else {
                    problem("The value of '\(name)' in 'build.\(key)' of service '\(service)' must be a string, found \(kindName(value))", at: source.range(of: value))
                    return nil
                }
                return (nameLocation, located(value))
            }
        }
        guard case .sequence(let items) = node else {
            problem("'build.\(key)' of service '\(service)' must be a mapping or a list, found \(kindName(node))", at: source.range(of: node))
            return []
        }
        return items.compactMap { item in
            guard case .scalar = item, let text = item.string else {
                problem("An item of 'build.\(key)' of service '\(service)' must be a string 'KEY=VALUE', found \(kindName(item))", at: source.range(of: item))
                return nil
            }
            let itemRange = source.range(of: item)
            // The name is the item's text up to `=`; in a quoted item it starts after the quote.
            let quoted = itemRange.count > text.utf8.count
            let nameStart = itemRange.lowerBound + (quoted ? 1 : 0)
            guard let equals = text.firstIndex(of: "=") else {
                let nameRange = nameStart..<(nameStart + text.utf8.count)
                return (Located(text, file: 0, range: nameRange), Located(nil, file: 0, range: nameRange))
            }
            let name = String(text[..<equals])
            let nameRange = nameStart..<(nameStart + name.utf8.count)
            return (Located(name, file: 0, range: nameRange), Located(ComposeInterpolation.resolve(String(text[text.index(after: equals)...])), file: 0, range: itemRange))
        }
    }

    // MARK: YAML helpers

    /// A mapping's entries with `<<` merge keys applied (explicit keys win).
    private func mapping(_ node: YAMLNode) -> [(key: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.mergingKeys()
    }

    private func kindName(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: node.isNull ? "null" : "'\(node.string ?? "")'"
        }
    }

    private mutating func problem(_ message: String, at range: Range<Int>) {
        definition.problems.append(ProjectFileProblem(file: 0, range: range, message: message))
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension ProjectSource {
    /// The bytes of a node: a scalar's text with its quotes, or the first character of a collection.
    func range(of node: YAMLNode) -> Range<Int> {
        let mark = node.mark
        let start = offset(line: mark.line, column: mark.column)
        guard case .scalar(let scalar) = node else { return start..<min(start + 1, bytes.count) }
        return start..<scalarEnd(from: start, style: scalar.style)
    }

    private func scalarEnd(from start: Int, style: YAMLScalar.Style) -> Int {
        let bytes = self.bytes
        var index = start
        switch style {
        case .singleQuoted, .doubleQuoted:
            let quote = bytes[safe: start]
            index += 1
            while index < bytes.count {
                if style == .doubleQuoted, bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                if bytes[index] == quote {
                    if style == .singleQuoted, bytes[safe: index + 1] == quote { index += 2; continue }
                    return index + 1
                }
                index += 1
            }
            return bytes.count
        case .literal, .folded:
            return min(start + 1, bytes.count)
        default:
            // A plain scalar ends at the end of its line, a comment, `: ` or a flow indicator.
            var end = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                if byte == UInt8(ascii: "#"), index > start, bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t") { break }
                if byte == UInt8(ascii: ":"), index + 1 == bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index + 1]) { break }
                if [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(byte), isInFlow(start) { break }
                index += 1
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { end = index }
            }
            return max(end, start)
        }
    }

    /// True when an unclosed `[` or `{` comes before `offset` on its line (a flow collection).
    private func isInFlow(_ offset: Int) -> Bool {
        let line = lineTable.line(containing: offset)
        var depth = 0
        for byte in bytes[lineTable.lineStarts[line - 1]..<offset] {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
        }
        return depth > 0
    }

}
