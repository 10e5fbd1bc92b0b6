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
