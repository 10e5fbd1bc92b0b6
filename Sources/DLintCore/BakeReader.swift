/// Reads Bake files (HCL, or JSON of the same shape) into builds: `variable` blocks (their
/// `default`), `group` blocks (`targets`), and `target` blocks with `inherits`, `context`,
/// `dockerfile`, `dockerfile-inline`, `target`, `args`, `contexts` and `platforms`. The files of
/// one directory are read together, as Bake merges them: a target or variable defined again in a
/// later file (`docker-bake.override.hcl`) has the later file's attributes.
///
/// Values are evaluated statically: strings with `${NAME}` interpolations of variables whose
/// defaults are known, numbers and bools as text. Function calls, operators and anything the
/// environment could change beyond a variable's default are unknown.
struct BakeReader {
    let sources: [ProjectSource]
    let kinds: [ProjectFileKind]
    private var definition: ProjectDefinition
    /// Block bodies per target and variable name, in merge order, with their file.
    private var targets: [(name: String, label: HCLLabel, file: Int, body: HCLBody)] = []
    private var variables: [String: HCLExpression?] = [:]
    private var groups: [(name: String, file: Int, targets: HCLExpression)] = []

    init(sources: [ProjectSource], kinds: [ProjectFileKind]) {
        self.sources = sources
        self.kinds = kinds
        self.definition = ProjectDefinition(sources: sources)
    }

    func read() -> ProjectDefinition {
        var reader = self
        reader.readAll()
        return reader.definition
    }

    private mutating func readAll() {
        for (file, source) in sources.enumerated() {
            let body: HCLBody?
            if kinds[file] == .bakeJSON {
                body = jsonBody(source, file: file)
            } else {
                switch HCLFile.parse(source.bytes) {
                case .success(let parsed): body = parsed.body
                case .failure(let error):
                    problem("Invalid HCL: \(error.message)", file: file, at: error.offset..<min(error.offset + 1, source.bytes.count))
                    body = nil
                }
            }
            guard let body else { continue }
            for block in body.blocks {
                guard let label = block.labels.first else {
                    if ["target", "group", "variable"].contains(block.type) {
                        problem("A '\(block.type)' block needs a name", file: file, at: block.typeRange)
                    }
                    continue
                }
                switch block.type {
                case "target": targets.append((label.text, label, file, block.body))
                case "variable": variables[label.text] = .some(block.body.attribute("default")?.value)
                case "group": if let list = block.body.attribute("targets")?.value { groups.append((label.text, file, list)) }
                default: break
                }
            }
        }
        buildTargets()
    }

    // MARK: Targets

    private mutating func buildTargets() {
        let names = orderedUnique(targets.map(\.name))
        var inherited: Set<String> = []
        for entry in targets {
            for (name, _) in strings(entry.body.attribute("inherits")?.value, file: entry.file, what: "'inherits' of target '\(entry.name)'") {
                if let name { inherited.insert(name) }
            }
        }
        var grouped: Set<String> = []
        for group in groups {
            for (name, _) in strings(group.targets, file: group.file, what: "'targets' of group '\(group.name)'") {
                if let name { grouped.insert(name) }
            }
        }
        // A target only other targets inherit from (`_common`) is a template, not a build.
        for name in names where grouped.contains(name) || !inherited.contains(name) {
            var seen: Set<String> = []
            guard let build = resolve(name, seen: &seen) else { continue }
            definition.builds.append(build)
        }
    }

    /// The target with what it inherits applied first, then its own attributes file by file.
    private mutating func resolve(_ name: String, seen: inout Set<String>) -> ProjectBuild? {
        let entries = targets.filter { $0.name == name }
        guard let first = entries.first, seen.insert(name).inserted else { return nil }
        var build = ProjectBuild(tool: .bake, name: Located(name, file: first.file, range: first.label.range))
        for entry in entries {
            for (parent, _) in strings(entry.body.attribute("inherits")?.value, file: entry.file, what: nil) {
                guard let parent else { continue }
                var parentSeen = seen
                guard let base = resolve(parent, seen: &parentSeen) else { continue }
                merge(base, into: &build)
            }
        }
        for entry in entries { apply(entry.body, file: entry.file, target: name, to: &build) }
        return build
    }

    private func merge(_ base: ProjectBuild, into build: inout ProjectBuild) {
        if let value = base.context { build.context = value }
        if let value = base.dockerfile { build.dockerfile = value }
        if let value = base.dockerfileInline { build.dockerfileInline = value }
        if let value = base.target { build.target = value }
        for argument in base.arguments {
            build.arguments.removeAll { $0.name.value == argument.name.value }
            build.arguments.append(argument)
        }
        for context in base.namedContexts {
            build.namedContexts.removeAll { $0.name.value == context.name.value }
            build.namedContexts.append(context)
        }
        if !base.platforms.isEmpty { build.platforms = base.platforms }
    }

    private mutating func apply(_ body: HCLBody, file: Int, target: String, to build: inout ProjectBuild) {
        for attribute in body.attributes {
            let what = "'\(attribute.name)' of target '\(target)'"
            switch attribute.name {
            case "context": build.context = string(attribute.value, file: file, what: what)
            case "dockerfile": build.dockerfile = string(attribute.value, file: file, what: what)
            case "dockerfile-inline": build.dockerfileInline = string(attribute.value, file: file, what: what)
            case "target": build.target = string(attribute.value, file: file, what: what)
            case "platforms":
                build.platforms = strings(attribute.value, file: file, what: what).compactMap(\.0)
            case "output":
                let base = ProjectPaths.directory(of: sources[file].path)
                for (text, _) in strings(attribute.value, file: file, what: nil) {
                    guard let text else { continue }
                    let fields = text.split(separator: ",").map(String.init)
                    let destination = fields.count == 1 && !text.contains("=") ? text
                        : fields.first { $0.hasPrefix("dest=") }.map { String($0.dropFirst(5)) }
                    if let destination, ProjectPaths.isLocal(destination) {
                        definition.outputDirectories.append(ProjectPaths.join(base, destination))
                    }
                }
            case "args", "contexts":
                guard let items = objectItems(attribute.value, file: file, what: what) else { continue }
                for item in items {
                    guard let key = item.key else { continue }
                    let name = Located(key, file: file, range: item.keyRange)
                    if attribute.name == "args" {
                        // `null`, or a variable whose default is null, passes no value: the
                        // Dockerfile's default applies.
                        if isNull(item.value) {
                            build.arguments.removeAll { $0.name.value == key }
                            continue
                        }
                        let value = evaluate(item.value)
                        build.arguments.removeAll { $0.name.value == key }
                        var argument = ProjectBuild.Argument(name: name, value: value.map { .known($0) } ?? .unknown)
                        if case .expression = item.value.value { argument.mayBeUnset = true }
                        build.arguments.append(argument)
                    } else {
                        build.namedContexts.removeAll { $0.name.value == key }
                        build.namedContexts.append(ProjectBuild.NamedContext(name: name, value: Located(evaluate(item.value), file: file, range: item.value.range)))
                    }
                }
            default:
                break
            }
        }
    }

    // MARK: Values

    private mutating func string(_ expression: HCLExpression, file: Int, what: String) -> Located<String?>? {
        switch expression.value {
        case .null: return nil
        case .list, .object:
            problem("\(what) must be a string, found \(expression.kindName)", file: file, at: expression.range)
            return nil
        default:
            return Located(evaluate(expression), file: file, range: expression.range)
        }
    }

    /// The items of a list of strings; nil items are unknown values. A value of the wrong type is
    /// a problem when `what` names it.
    private mutating func strings(_ expression: HCLExpression?, file: Int, what: String?) -> [(String?, Range<Int>)] {
        guard let expression else { return [] }
        switch expression.value {
        case .list(let items): return items.map { (evaluate($0), $0.range) }
        case .null, .name, .expression: return []
        default:
            if let what { problem("\(what) must be a list, found \(expression.kindName)", file: file, at: expression.range) }
            return []
        }
    }

    private mutating func objectItems(_ expression: HCLExpression, file: Int, what: String) -> [HCLObjectItem]? {
        switch expression.value {
        case .object(let items): return items
        case .null, .name, .expression: return nil
        default:
            problem("\(what) must be an object, found \(expression.kindName)", file: file, at: expression.range)
            return nil
        }
    }

    /// The text of a value; nil when it is not known statically.
    func evaluate(_ expression: HCLExpression, depth: Int = 0) -> String? {
        guard depth < 16 else { return nil }
        switch expression.value {
        case .string(let template):
            var text = ""
            for part in template.parts {
                switch part {
                case .literal(let literal): text += literal
                case .interpolation(let inner):
                    guard let value = variable(inner, depth: depth) else { return nil }
                    text += value
                case .directive: return nil
                }
            }
            return text
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .name(let name): return variable(name, depth: depth)
        default: return nil
        }
    }

    /// True for `null` and for a variable whose default is `null`.
    func isNull(_ expression: HCLExpression, depth: Int = 0) -> Bool {
        switch expression.value {
        case .null: return true
        case .name(let name):
            guard depth < 16, let defined = variables[name], let value = defined else { return false }
            return isNull(value, depth: depth + 1)
        default: return false
        }
    }

    private func variable(_ name: String, depth: Int) -> String? {
        guard variables.keys.contains(name) else { return nil }
        // A variable without a default is empty unless the environment sets it.
        guard let value = variables[name] ?? nil else { return nil }
        return evaluate(value, depth: depth + 1)
    }

    private func orderedUnique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    private mutating func problem(_ message: String, file: Int, at range: Range<Int>) {
        definition.problems.append(ProjectFileProblem(file: file, range: range, message: message))
    }

    // MARK: JSON

    /// A `docker-bake.json` as the HCL body it stands for (JSON is read with the YAML reader,
    /// which gives positions).
    private mutating func jsonBody(_ source: ProjectSource, file: Int) -> HCLBody? {
        let root: YAMLNode?
        do {
            root = try YAMLParser.singleDocument(String(decoding: source.bytes, as: UTF8.self))
        } catch {
            let offset = source.offset(line: error.mark.line, column: error.mark.column)
            problem("Invalid JSON: \(error.message)", file: file, at: offset..<min(offset + 1, source.bytes.count))
            return nil
        }
        guard let root else { return HCLBody() }
        guard case .mapping(let top) = root else {
            problem("A Bake JSON file must be an object, found \(root.string.map { "'\($0)'" } ?? "another value")", file: file, at: source.range(of: root))
            return nil
        }
        var body = HCLBody()
        for (typeNode, blocks) in top {
            guard let type = typeNode.string, ["target", "group", "variable"].contains(type) else { continue }
            guard case .mapping(let named) = blocks else {
                problem("'\(type)' must be an object of names to \(type)s", file: file, at: source.range(of: blocks))
                continue
            }
            for (nameNode, content) in named {
                guard let name = nameNode.string else { continue }
                guard case .mapping(let attributes) = content else {
                    problem("\(type) '\(name)' must be an object", file: file, at: source.range(of: content))
                    continue
                }
                var inner = HCLBody()
                for (key, value) in attributes {
                    guard let attributeName = key.string else { continue }
                    inner.attributes.append(HCLAttribute(name: attributeName, nameRange: source.range(of: key), value: expression(value, in: source)))
                }
                body.blocks.append(HCLBlock(
                    type: type, typeRange: source.range(of: typeNode),
                    labels: [HCLLabel(text: name, range: source.range(of: nameNode))], body: inner
                ))
            }
        }
        return body
    }

    private func expression(_ node: YAMLNode, in source: ProjectSource) -> HCLExpression {
        let range = source.range(of: node)
        switch node {
        case .mapping(let mapping):
            let items = mapping.map { key, value in
                HCLObjectItem(key: key.string, keyRange: source.range(of: key), value: expression(value, in: source))
            }
            return HCLExpression(value: .object(items), range: range)
        case .sequence(let sequence):
            return HCLExpression(value: .list(sequence.map { expression($0, in: source) }), range: range)
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.isNull { return HCLExpression(value: .null, range: range) }
                if let bool = node.bool { return HCLExpression(value: .bool(bool), range: range) }
                return HCLExpression(value: .number(scalar.text), range: range)
            }
            return HCLExpression(value: .string(HCLTemplate(interpolating: scalar.text)), range: range)
        }
    }
}

extension HCLTemplate {
    /// A template from a string's decoded text (a JSON Bake file's values).
    init(interpolating text: String) {
        var parts: [Part] = []
        var literal = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            if (scalar == "$" || scalar == "%"), scalars.dropFirst().first == "{" {
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                var depth = 0
                var inner = ""
                scalars = scalars.dropFirst(2)
                while let next = scalars.first {
                    scalars = scalars.dropFirst()
                    if next == "{" { depth += 1 }
                    if next == "}" { if depth == 0 { break }; depth -= 1 }
                    inner.unicodeScalars.append(next)
                }
                parts.append(scalar == "$" ? .interpolation(inner.trimmingCharacters(in: " ")) : .directive)
                continue
            }
            literal.unicodeScalars.append(scalar)
            scalars = scalars.dropFirst()
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
