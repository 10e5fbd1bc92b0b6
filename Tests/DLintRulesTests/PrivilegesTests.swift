import DLintCore
@testable import DLintRules
import Testing

@Suite("Privilege rules: DL3004, DX1001, DL3066")
struct PrivilegesTests {
    /// (code, line, column, text under the range) of each finding of the given codes.
    private func findings(_ text: String, _ codes: Set<String>) -> [(code: String, line: Int, column: Int, text: String)] {
        let bytes = Array(text.utf8)
        let result = RuleRegistry.linter.lint(bytes)
        return result.diagnostics.filter { codes.contains($0.code) }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
        }
    }

    private func model(_ text: String) -> DockerfileModel {
        RuleRegistry.linter.lint(Array(text.utf8)).model
    }

    @Test("sudo behind command, exec, timeout, nice and in a bash -c string inside $(...)")
    func sudoThroughWrappers() {
        let found = findings("""
            FROM debian
            RUN command sudo true && exec nice -n 5 sudo id
            RUN timeout -s KILL 30 sudo make && x=$(bash -c "stdbuf -o0 sudo ls")
            RUN command -v sudo && which sudo && type sudo && sudoedit /etc/hosts
            """, ["DL3004"])
        #expect(found.map(\.text) == ["sudo", "sudo", "sudo", "sudo"])
        #expect(found.map(\.line) == [2, 2, 3, 3])
        #expect(found.map(\.column) == [13, 41, 24, 61])
    }

    @Test("sudo in a while body and a case branch, not in a for word list")
    func sudoInCompounds() {
        let found = findings("""
            FROM debian
            RUN while read f; do sudo rm "$f"; done < list; case "$x" in a) sudo true ;; esac; for p in sudo; do echo $p; done
            """, ["DL3004"])
        #expect(found.map(\.column) == [22, 65])
    }

    @Test("account creations carry tool, kind, name, id, system flag and primary group")
    func creationFacts() throws {
        let model = model("""
            FROM debian AS base
            RUN groupadd -r -g 999 postgres && useradd -r -g postgres --uid=999 postgres \\
                && useradd -u "$APP_UID" app && useradd --system --home /nonexistent svc
            FROM base
            RUN addgroup -S -g 70 pg && adduser -SDu 70 -G pg pg && adduser --group deploy \\
                && adduser pg deploy && addgroup pg wheel && useradd -D -s /bin/sh
            """)
        let creations = model.accountCreations
        try #require(creations.count == 7, "\(creations.map { "\($0.tool) \($0.name ?? "-")" })")
        #expect(creations.map(\.tool) == ["groupadd", "useradd", "useradd", "useradd", "addgroup", "adduser", "adduser"])
        #expect(creations.map(\.name) == ["postgres", "postgres", "app", "svc", "pg", "pg", "deploy"])
        #expect(creations.map(\.kind) == [.group, .user, .user, .user, .group, .user, .group])
        #expect(creations.map(\.id) == [.number(999), .number(999), .expression("\"$APP_UID\""), nil, .number(70), .number(70), nil])
        #expect(creations.map(\.isSystem) == [true, true, false, true, true, true, false])
        #expect(creations[1].primaryGroup == "postgres")
        #expect(creations[5].primaryGroup == "pg")
        #expect(creations.map(\.stageIndex) == [0, 0, 0, 0, 1, 1, 1])
        // Before the second stage's RUN: the first stage's; before the first RUN: nothing.
        #expect(model.accountCreations(before: 1).isEmpty)
        #expect(model.accountCreations(before: 3).map(\.stageIndex) == [0, 0, 0, 0])
    }

    @Test("DX1001 reports creations without ids at the tool word, through sudo and sh -c")
    func creationFindings() {
        let found = findings("""
            FROM debian
            RUN sudo useradd -r app && sh -c 'groupadd web' && /usr/sbin/useradd -g 1000 worker
            USER 1000
            """, ["DX1001"])
        #expect(found.map(\.text) == ["useradd", "groupadd", "/usr/sbin/useradd"])
        #expect(found.map(\.column) == [10, 35, 52])
    }

    @Test("DX1001 on USER: only a final user by name set in a stage the final one is built FROM; the final stage's own USER is DL3066's")
    func finalUser() {
        let ownUser = """
            FROM debian AS build
            USER builder
            FROM debian
            USER www-data
            USER nginx:nginx
            """
        #expect(findings(ownUser, ["DX1001"]).isEmpty)
        #expect(findings(ownUser, ["DL3066"]).map(\.text) == ["nginx"])
        let inherited = """
            FROM debian AS base
            USER daemon
            FROM base
            RUN true
            """
        #expect(findings(inherited, ["DX1001"]).map(\.text) == ["daemon"])
        #expect(findings(inherited, ["DL3066"]).isEmpty)
        // Created without an id: reported once, at the creation.
        #expect(findings("""
            FROM debian
            RUN useradd app
            USER app
            """, ["DX1001"]).map(\.text) == ["useradd"])
        // Created in a stage the final one does not build FROM: not fixed for this image, and
        // reported by DL3066 alone, once.
        #expect(findings("""
            FROM debian AS other
            RUN useradd -u 1000 app
            FROM debian
            USER app
            """, ["DX1001", "DL3066"]).map { "\($0.code):\($0.line)" } == ["DL3066:4"])
        #expect(findings("""
            FROM debian
            ARG U=root
            USER $U
            """, ["DX1001", "DL3066"]).map(\.code) == ["DL3066"])
    }

    @Test("DL3066 looks at the last USER of the last stage only, ignores Windows images")
    func numericUser() {
        #expect(findings("""
            FROM debian
            USER app
            USER 1000
            """, ["DL3066"]).isEmpty)
        #expect(findings("""
            FROM debian AS base
            USER app
            FROM base
            RUN true
            """, ["DL3066"]).isEmpty)
        #expect(findings("""
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            USER ContainerUser
            """, ["DL3066", "DX1001"]).isEmpty)
    }

    // MARK: - Fixes

    private func fixed(_ text: String, _ code: String, configuration: Configuration = Configuration()) throws -> (text: String, titles: [String]) {
        let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == code })
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), configuration: configuration, applying: [.safe, .unsafe])
        #expect(outcome.converged)
        #expect(!rewriter.fix(outcome.fixed, configuration: configuration, applying: [.safe, .unsafe]).changed, "a second run changes nothing")
        return (String(decoding: outcome.fixed, as: UTF8.self), outcome.applied.map(\.fix.title))
    }

    private func fixes(_ text: String, _ code: String) -> [Fix?] {
        RuleRegistry.linter.lint(Array(text.utf8)).diagnostics.filter { $0.code == code }.map(\.fix)
    }

    @Test("DL3004 removes sudo and its options as root, unsafe, and keeps CRLF and backtick continuations")
    func sudoFix() throws {
        let crlf = "FROM debian\r\nUSER 0:0\r\nRUN sudo -EH \\\r\n    apt-get update\r\n"
        #expect(try fixed(crlf, "DL3004").text == "FROM debian\r\nUSER 0:0\r\nRUN apt-get update\r\n")
        let backtick = "# escape=`\nFROM debian\nRUN sudo --user=root `\n  make install && env A=1 sudo -- id\n"
        let result = try fixed(backtick, "DL3004")
        #expect(result.text == "# escape=`\nFROM debian\nRUN make install && env A=1 id\n")
        #expect(result.titles.allSatisfy { $0.hasSuffix("(assuming the base image runs as root)") })
        #expect(fixes("FROM debian\nUSER root\nRUN sudo true", "DL3004").map { $0?.applicability } == [.unsafe])
    }

    @Test("DL3004 offers no fix for another user, a user-changing option, or a comment in the way")
    func sudoNoFix() {
        #expect(fixes("FROM debian\nUSER app\nRUN sudo true", "DL3004").map { $0 == nil } == [true])
        #expect(fixes("FROM debian\nUSER root:staff\nRUN sudo true", "DL3004").map { $0 == nil } == [true])
        let text = """
            FROM debian
            RUN sudo -u app true && sudo -i true && sudo -g adm true && sudo && xargs sudo A=1 rm
            RUN sudo \\
            # a comment
                true
            """
        #expect(fixes(text, "DL3004").map { $0 == nil } == [true, true, true, true, true, true])
        #expect(fixes("FROM debian\nRUN sudo A=1 make -C src", "DL3004").compactMap { $0?.edits.count } == [1])
    }

    @Test("DX1001 plans ids in file order, matching users to their groups, skipping used ids")
    func uidFix() throws {
        let text = """
            FROM debian:bookworm
            RUN groupadd app && useradd -g app -m app && useradd -u 10002 other && useradd svc \\
                && addgroup staff
            USER svc
            COPY --chown=10004:10004 . /app
            """
        let result = try fixed(text, "DX1001")
        #expect(result.text == """
            FROM debian:bookworm
            RUN groupadd -g 10001 app && useradd -u 10001 -g app -m app && useradd -u 10002 other && useradd -u 10003 svc \\
                && addgroup --gid 10005 staff
            USER svc
            COPY --chown=10004:10004 . /app
            """, "USER keeps the name: DL3066's fix writes the number once the file fixes it")
        #expect(result.titles.allSatisfy { $0.hasPrefix("Give the ") })
        #expect(fixes(text, "DX1001").allSatisfy { $0?.applicability == .unsafe })
    }

    @Test("DX1001 first ids come from the rule's uid and gid options; CRLF and backticks are kept")
    func uidFixOptions() throws {
        var configuration = Configuration()
        configuration.ruleOptions["DX1001"] = RuleOptions(["uid": .integer(2000), "gid": .string("3000")])
        let text = "# escape=`\r\nFROM alpine:3.20\r\nRUN addgroup -S web && `\r\n    adduser -S -D web && adduser -D -G web api\r\nUSER web\r\n"
        #expect(try fixed(text, "DX1001", configuration: configuration).text
            == "# escape=`\r\nFROM alpine:3.20\r\nRUN addgroup -g 3000 -S web && `\r\n    adduser -u 2000 -S -D web && adduser -u 3000 -D -G web api\r\nUSER web\r\n")
    }

    @Test("DX1001 gives no fix when the adduser flavour is unknown")
    func uidNoFix() {
        #expect(fixes("FROM example.com/base\nRUN adduser app && addgroup web", "DX1001").map { $0 == nil } == [true, true])
        #expect(fixes("FROM example.com/base\nRUN apk add curl && adduser app", "DX1001").compactMap { $0?.title }
            == ["Give the user 'app' the id 10001 with `-u 10001`"])
    }

    @Test("DL3066 writes the created user's id, or 0 for root; safe")
    func numericUserFix() throws {
        #expect(try fixed("FROM debian\nRUN useradd -u 1500 app\nUSER app:app\n", "DL3066").text == "FROM debian\nRUN useradd -u 1500 app\nUSER 1500:app\n")
        #expect(try fixed("FROM debian\r\nUSER root\r\n", "DL3066").text == "FROM debian\r\nUSER 0\r\n")
        #expect(fixes("FROM debian\nRUN useradd -u 1500 app\nUSER app", "DL3066").map { $0?.applicability } == [.safe])
        #expect(fixes("FROM debian\nRUN useradd -u \"$ID\" app\nUSER app", "DL3066").map { $0 == nil } == [true])
        #expect(fixes("FROM node\nUSER node", "DL3066").map { $0 == nil } == [true])
    }
}
