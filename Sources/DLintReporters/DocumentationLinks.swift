/// Where dlint's documentation lives. The one place that knows the address: every format that
/// links to a rule's page asks here.
public struct DocumentationLinks: Sendable, Hashable {
    /// The project's home page (SARIF's `informationUri`).
    public let homepage: String
    /// The folder of the rule pages, ending in `/`; a rule's page is this followed by `CODE.md`.
    public let rulePagesBase: String

    public init(homepage: String, rulePagesBase: String) {
        self.homepage = homepage
        self.rulePagesBase = rulePagesBase.hasByteSuffix("/") ? rulePagesBase : rulePagesBase + "/"
    }

    /// dlint's own repository: `rules/CODE.md` on the main branch.
    public static let dlint = DocumentationLinks(
        homepage: "https://github.com/dlint-project/dlint",
        rulePagesBase: "https://github.com/dlint-project/dlint/blob/main/rules/"
    )

    /// The absolute address of the page describing `code`. The parser's and the engine's own
    /// codes (`DX00xx`) are described together in the README.
    public func rulePage(_ code: String) -> String {
        if code.hasPrefix("DX00") { return homepage + "#syntax-diagnostics" }
        return rulePagesBase + code + ".md"
    }
}
