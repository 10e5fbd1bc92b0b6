import DLintCore
@testable import DLintRules
import Testing

@Suite("Cache cleanup in the same RUN")
struct CacheCleanupTests {
    private func findings(_ text: String, _ code: String) -> [(line: Int, column: Int, message: String)] {
        let result = RuleRegistry.linter.lint(Array(text.utf8))
        return result.diagnostics.filter { $0.code == code }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (location.line, location.column, diagnostic.message)
        }
    }

    @Test("the parent chain of the final stage ships its layers; COPY --from sources do not")
    func layersShip() {
        let text = """
        FROM debian AS base
        FROM base AS middle
        FROM debian AS builder
        FROM middle
        COPY --from=builder /a /a
        """
        let model = DockerfileModel(tree: SyntaxTree(parsing: text))
        #expect(model.stagesWhoseLayersShip == [0, 1, 3])
        #expect(model.stagesInFinalImage.contains(2))
    }

    @Test("FROM base-$TARGETARCH ships every stage the name can match, and their parents")
    func variableParent() {
        let text = """
        FROM redhat/ubi9 AS base
        RUN yum install -y git
        FROM base AS base-amd64
        FROM base AS base-arm64
        FROM debian AS unrelated
        FROM base-$TARGETARCH AS final
        """
        let model = DockerfileModel(tree: SyntaxTree(parsing: text))
        #expect(model.stages[4].parentStage == nil)
        #expect(model.stages[4].possibleParentStages == [1, 2])
        #expect(model.stagesWhoseLayersShip == [0, 1, 2, 4])
        #expect(RuleRegistry.linter.lint(Array((text + "\n").utf8)).diagnostics.contains { $0.code == "DL3032" })
        #expect(DockerfileModel(tree: SyntaxTree(parsing: "FROM a AS x-1\nFROM b AS y-1\nFROM ${P}-1\n")).stages[2].possibleParentStages == [0, 1])
        #expect(DockerfileModel(tree: SyntaxTree(parsing: "FROM a AS pre-x-post\nFROM pre-${V}-post\nFROM pre-${V}-other\n")).stages.map(\.possibleParentStages) == [[], [0], []])
    }

    @Test("a stage built FROM by a stage that does not ship is exempt too")
    func unusedChain() {
        let text = """
        FROM debian AS deps
        RUN apt-get update && apt-get install -y gcc
        FROM deps AS builder
        RUN make
        FROM debian:bookworm-slim
        COPY --from=builder /out /out
        RUN apt-get update
        """
        let found = findings(text, "DL3009")
        #expect(found.map(\.line) == [7])
        #expect(found.first?.message == "'apt-get update' fills /var/lib/apt/lists: delete the lists with 'rm -rf /var/lib/apt/lists/*' later in the same RUN")
    }

    @Test("cleanup order is source order across the RUN's heredoc scripts")
    func heredocOrder() {
        let text = """
        FROM debian
        RUN <<EOT
        rm -rf /var/lib/apt/lists/*
        apt-get update
        EOT
        """
        #expect(findings(text, "DL3009").map { [$0.line, $0.column] } == [[4, 1]])
    }

    @Test("a tmpfs mount over a parent directory keeps the cache out; a mount elsewhere does not")
    func mounts() {
        #expect(findings("FROM alpine\nRUN --mount=type=tmpfs,target=/var/cache apk add curl\n", "DL3019").isEmpty)
        #expect(findings("FROM alpine\nRUN --mount=type=cache,target=/var/cache/foo apk add curl\n", "DL3019").count == 1)
        #expect(findings("FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n", "DL3009").count == 1)
    }

    @Test("PIP_NO_CACHE_DIR from export, env, ARG; falsy values do not count")
    func pipVariable() {
        #expect(findings("FROM python\nRUN export PIP_NO_CACHE_DIR=1 && pip install x\n", "DL3042").isEmpty)
        #expect(findings("FROM python\nRUN env PIP_NO_CACHE_DIR=yes pip install x\n", "DL3042").isEmpty)
        #expect(findings("FROM python\nARG PIP_NO_CACHE_DIR=on\nRUN pip install x\n", "DL3042").isEmpty)
        #expect(findings("FROM python\nRUN pip install x && export PIP_NO_CACHE_DIR=1\n", "DL3042").count == 1)
        #expect(findings("FROM python\nENV PIP_NO_CACHE_DIR=off\nRUN pip install x\n", "DL3042").count == 1)
        #expect(findings("FROM python\nRUN pipx install black && pipenv install\n", "DL3042").isEmpty)
    }

    @Test("one finding per RUN for cleanup-based managers, one per command for flag-based ones")
    func findingCounts() {
        #expect(findings("FROM centos\nRUN yum -y update && yum -y install git\n", "DL3032").map(\.column) == [5])
        #expect(findings("FROM python\nRUN pip install a && pip install b\n", "DL3042").map(\.column) == [5, 22])
        #expect(findings("FROM fedora\nRUN dnf5 install -y git\n", "DL3040").first?.message
            == "'dnf5 install' leaves the dnf cache in the layer: run 'dnf clean all' later in the same RUN")
    }

    @Test("non-install subcommands and exec-form RUNs are not reported")
    func nonTriggers() {
        #expect(findings("FROM debian\nRUN apt-get install -y curl\n", "DL3009").isEmpty)
        #expect(findings("FROM alpine\nRUN apk del curl && apk info\n", "DL3019").isEmpty)
        #expect(findings("FROM centos\nRUN yum list installed\n", "DL3032").isEmpty)
        #expect(findings("FROM node\nRUN yarn build && yarn -v\n", "DL3060").isEmpty)
        #expect(findings("FROM debian\nRUN [\"apt-get\", \"update\"]\n", "DL3009").isEmpty)
    }
}

@Suite("Cache cleanup fixes")
struct CacheCleanupFixTests {
    /// The text fixed with the rule's fixes (unsafe included), checking that a second run changes
    /// nothing, the result parses, and the rule reports nothing fixable afterwards.
    private func fixed(_ text: String, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        #expect(outcome.converged, sourceLocation: sourceLocation)
        #expect(outcome.rolledBackRules.isEmpty, sourceLocation: sourceLocation)
        #expect(!SyntaxTree(parsing: outcome.fixed).hasErrors, sourceLocation: sourceLocation)
        #expect(!outcome.remaining.diagnostics.contains { $0.code == code && $0.fix != nil }, sourceLocation: sourceLocation)
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed, sourceLocation: sourceLocation)
        return String(decoding: outcome.fixed, as: UTF8.self)
    }

    private func fix(_ text: String, _ code: String) -> Fix? {
        RuleRegistry.linter.lint(Array(text.utf8)).diagnostics.first { $0.code == code }?.fix
    }

    @Test("flags go right after the subcommand, in every command, sh -c strings included")
    func flags() {
        #expect(fixed("FROM alpine\nRUN apk add curl && apk --update add \\\n    git\n", "DL3019")
            == "FROM alpine\nRUN apk add --no-cache curl && apk --update add --no-cache \\\n    git\n")
        #expect(fixed("FROM python\nRUN pip install -r a.txt && sh -c 'python3 -m pip install b'\n", "DL3042")
            == "FROM python\nRUN pip install --no-cache-dir -r a.txt && sh -c 'python3 -m pip install --no-cache-dir b'\n")
        #expect(fix("FROM alpine\nRUN apk add curl\n", "DL3019")?.applicability == .unsafe)
    }

    @Test("one-line RUNs get ` && cleanup` before a trailing `;` or comment")
    func oneLine() {
        #expect(fixed("FROM debian\nRUN apt-get update && apt-get install -y curl\n", "DL3009")
            == "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM debian\nRUN apt-get update && apt-get install -y curl; # tools\n", "DL3009")
            == "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*; # tools\n")
        // `a || b && c` is `(a || b) && c`: the cleanup runs when the RUN succeeds.
        #expect(fixed("FROM centos\nRUN yum install -y git || true\n", "DL3032")
            == "FROM centos\nRUN yum install -y git || true && yum clean all && rm -rf /var/cache/yum\n")
        // Without `set -e`, `;` would hide a failing last command: `&&` it is.
        #expect(fixed("FROM debian\nRUN apt-get update; apt-get install -y curl\n", "DL3009")
            == "FROM debian\nRUN apt-get update; apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM debian\nRUN set -e; apt-get update; apt-get install -y curl\n", "DL3009")
            == "FROM debian\nRUN set -e; apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n")
    }

    @Test("a continued RUN gets a continuation line in its own layout, escape, indentation and line ending")
    func layouts() {
        #expect(fixed("FROM debian\nRUN apt-get update \\\n  && apt-get install -y curl\n", "DL3009")
            == "FROM debian\nRUN apt-get update \\\n  && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM debian\r\nRUN apt-get update &&  \\\r\n\tapt-get install -y curl\r\n", "DL3009")
            == "FROM debian\r\nRUN apt-get update &&  \\\r\n\tapt-get install -y curl &&  \\\r\n\trm -rf /var/lib/apt/lists/*\r\n")
        #expect(fixed("FROM debian\r\nRUN apt-get update \\ \r\n\r\n\t&&  apt-get install -y curl\r\n", "DL3009")
            == "FROM debian\r\nRUN apt-get update \\ \r\n\r\n\t&&  apt-get install -y curl \\ \r\n\t&&  rm -rf /var/lib/apt/lists/*\r\n")
        #expect(fixed("# escape=`\nFROM centos\nRUN yum -y install git `\n    && echo ok\n", "DL3032")
            == "# escape=`\nFROM centos\nRUN yum -y install git `\n    && echo ok `\n    && yum clean all `\n    && rm -rf /var/cache/yum\n")
        #expect(fixed("FROM debian\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y \\\n\t\twget \\\n\t;\n", "DL3009")
            == "FROM debian\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y \\\n\t\twget \\\n\t; \\\n\trm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM debian\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y wget\n", "DL3009")
            == "FROM debian\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y wget; \\\n    rm -rf /var/lib/apt/lists/*\n")
    }

    @Test("comment lines and a dangling continuation after the last command stay after the cleanup")
    func comments() {
        #expect(fixed("FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl \\\n#    && apt-get install -y git\n", "DL3009")
            == "FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/* \\\n#    && apt-get install -y git\n")
        #expect(fixed("FROM debian\nRUN apt-get update \\\n# the tools\n    && apt-get install -y curl\n", "DL3009")
            == "FROM debian\nRUN apt-get update \\\n# the tools\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM node\nRUN yarn install \\\n    && yarn build # production\n", "DL3060")
            == "FROM node\nRUN yarn install \\\n    && yarn build \\\n    && yarn cache clean # production\n")
    }

    @Test("heredocs: a new line with set -e, else && on the last line; CRLF kept")
    func heredocs() {
        #expect(fixed("FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl # tools\nEOF\n", "DL3009")
            == "FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl # tools\nrm -rf /var/lib/apt/lists/*\nEOF\n")
        #expect(fixed("FROM debian\nRUN <<-EOF\n\tset -e\n\tapt-get update\n\tapt-get install -y curl\n\tEOF\n", "DL3009")
            == "FROM debian\nRUN <<-EOF\n\tset -e\n\tapt-get update\n\tapt-get install -y curl\n\trm -rf /var/lib/apt/lists/*\n\tEOF\n")
        // Line continuations inside a heredoc script follow the same layouts, with `\`.
        #expect(fixed("# escape=`\nFROM debian\nRUN <<EOF\napt-get update \\\n  && apt-get install -y curl\nEOF\n", "DL3009")
            == "# escape=`\nFROM debian\nRUN <<EOF\napt-get update \\\n  && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\nEOF\n")
        #expect(fixed("FROM fedora\nRUN <<EOF\ndnf install -y git\nEOF\n", "DL3040")
            == "FROM fedora\nRUN <<EOF\ndnf install -y git && dnf clean all\nEOF\n")
    }

    @Test("sudo is kept for the cleanup; background jobs and moved caches get no fix")
    func privilegesAndNoFix() {
        #expect(fixed("FROM debian\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git\n", "DL3009")
            == "FROM debian\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git && sudo rm -rf /var/lib/apt/lists/*\n")
        #expect(fixed("FROM debian\nUSER app\nRUN sudo sh -c 'apt-get update && apt-get install -y git'\n", "DL3009")
            == "FROM debian\nUSER app\nRUN sudo sh -c 'apt-get update && apt-get install -y git' && sudo rm -rf /var/lib/apt/lists/*\n")
        #expect(fix("FROM debian\nRUN sudo -u app apt-get update\n", "DL3009") == nil)
        #expect(fix("FROM debian\nRUN apt-get update & wait\n", "DL3009") == nil)
        #expect(fix("FROM node\nRUN yarn install --cache-folder /tmp/y\n", "DL3060") == nil)
        #expect(fix("FROM fedora\nRUN dnf --installroot=/mnt install -y git\n", "DL3040") == nil)
    }

    @Test("several managers in one RUN: each appends its cleanup, in rounds")
    func severalManagers() {
        let text = "FROM fedora\nRUN dnf install -y python3-pip yarnpkg \\\n && pip install x \\\n && zypper install y \\\n && yarn install\n"
        let rewriter = Rewriter(linter: RuleRegistry.linter)
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        #expect(outcome.converged)
        let result = String(decoding: outcome.fixed, as: UTF8.self)
        #expect(result.contains(" && pip install --no-cache-dir x \\\n"))
        for line in [" && dnf clean all", " && zypper clean --all", " && yarn cache clean"] {
            #expect(result.contains(line + "\n") || result.contains(line + " \\\n"), "\(line) in \(result)")
        }
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed)
        let codes: Set<String> = ["DL3009", "DL3019", "DL3042", "DL3032", "DL3040", "DL3036", "DL3060"]
        #expect(!outcome.remaining.diagnostics.contains { codes.contains($0.code) })
    }
}
