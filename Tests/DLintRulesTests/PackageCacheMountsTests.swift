import DLintCore
@testable import DLintRules
import Testing

@Suite("DX1020 cache mounts instead of cleanup")
struct PackageCacheMountsTests {
    private static var enabled: Configuration {
        var configuration = Configuration()
        configuration.severities["DX1020"] = .info
        return configuration
    }

    private func findings(_ text: String) -> [(line: Int, column: Int, text: String, fixable: Bool)] {
        let bytes = Array(text.utf8)
        let result = RuleRegistry.linter.lint(bytes, configuration: Self.enabled)
        return result.diagnostics.filter { $0.code == "DX1020" }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self), diagnostic.fix != nil)
        }
    }

    /// The file after DX1020's fixes (safe and unsafe); a second run must change nothing.
    private func fixed(_ text: String, rules codes: Set<String> = ["DX1020"]) -> String {
        let rules = RuleRegistry.rules.filter { codes.contains($0.descriptor.code) }
        let rewriter = Rewriter(linter: Linter(rules: rules))
        let outcome = rewriter.fix(Array(text.utf8), configuration: Self.enabled, applying: [.safe, .unsafe])
        #expect(outcome.converged)
        let again = rewriter.fix(outcome.fixed, configuration: Self.enabled, applying: [.safe, .unsafe])
        #expect(!again.changed, "a second run changed \(String(decoding: outcome.fixed, as: UTF8.self))")
        return String(decoding: outcome.fixed, as: UTF8.self)
    }

    @Test("off by default")
    func offByDefault() {
        #expect(RuleRegistry.catalog.descriptor(for: "DX1020")?.enabledByDefault == false)
        #expect(!RuleRegistry.linter.lint(Array("FROM alpine\nRUN apk add curl\n".utf8)).diagnostics.contains { $0.code == "DX1020" })
    }

    @Test("CRLF and trailing-operator continuations: the cleanup goes with its operator, the rest stays byte for byte")
    func crlfContinuations() {
        let before = "FROM ubuntu:24.04\r\nRUN apt-get update && \\\r\n    apt-get install -y --no-install-recommends curl && \\\r\n    rm -rf /var/lib/apt/lists/* && \\\r\n    curl --version\r\n"
        let after = "FROM ubuntu:24.04\r\n"
            + #"RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache"# + "\r\n"
            + "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && \\\r\n    apt-get install -y --no-install-recommends curl && \\\r\n    curl --version\r\n"
        #expect(fixed(before) == after)
    }

    @Test("a heredoc script: the cleanup line goes; the escape directive does not matter")
    func heredoc() {
        let before = "# escape=`\nFROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache curl\nrm -rf /var/cache/apk/*\necho done\nEOF\n"
        let after = "# escape=`\nFROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked --mount=type=cache,target=/etc/apk/cache,sharing=locked <<EOF\nset -e\napk add curl\necho done\nEOF\n"
        #expect(fixed(before) == after)
        #expect(findings(before).map { [$0.line, $0.column] } == [[5, 1]])
    }

    @Test("a leading-operator layout, and a cleanup first in the list")
    func layouts() {
        #expect(fixed("FROM node:20\nRUN npm ci \\\n    && npm cache clean --force \\\n    && npm run build\n")
            == "FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci \\\n    && npm run build\n")
        #expect(fixed("FROM node:20\nRUN yarn cache clean; yarn install\n")
            == "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n")
    }

    @Test("exec-form shell RUNs and RUNs with other flags")
    func execFormAndFlags() {
        #expect(fixed("FROM python:3.12\nRUN [\"sh\", \"-c\", \"pip install --no-cache-dir flask && pip cache purge\"]\n")
            == "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip [\"sh\", \"-c\", \"pip install flask\"]\n")
        #expect(fixed("FROM python:3.12\nRUN --network=host pip install -r req.txt\n")
            == "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --network=host pip install -r req.txt\n")
    }

    @Test("an rm with other operands loses only the cache's")
    func rmOperands() {
        #expect(fixed("FROM python:3.12\nRUN pip install flask && rm -rf /tmp/* /root/.cache/pip\n")
            == "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf /tmp/*\n")
    }

    @Test("a RUN that already has the mounts is not reported")
    func alreadyMounted() {
        #expect(findings("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk --mount=type=cache,target=/etc/apk/cache apk add curl\n").isEmpty)
        #expect(findings("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask\n").isEmpty)
        #expect(findings("FROM python:3.12\nUSER app\nENV HOME=/srv/app\nRUN --mount=type=cache,target=$HOME/.cache/pip,uid=1000 pip install flask\n").isEmpty)
        // Only the missing mount is added.
        #expect(fixed("FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git\n")
            .contains("RUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt apt-get update"))
    }

    @Test("no apt-get update in the RUN: /var/lib/apt is not mounted, its lists come from an earlier layer")
    func aptWithoutUpdate() {
        #expect(fixed("FROM debian\nRUN apt-get install -y git\n").hasSuffix("RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y git\n"))
    }

    @Test("the docker-clean step: once per stage, not in a stage built on it, not when the file has it")
    func dockerCleanOnce() {
        let text = """
        FROM debian AS base
        RUN apt-get update && apt-get install -y curl
        RUN apt-get update && apt-get install -y git
        FROM base AS child
        RUN apt-get update && apt-get install -y jq
        FROM debian
        RUN rm -f /etc/apt/apt.conf.d/docker-clean
        RUN apt-get update && apt-get install -y make

        """
        let result = fixed(text)
        #expect(result.components(separatedBy: "keep-cache").count - 1 == 1)
        #expect(result.hasPrefix("FROM debian AS base\nRUN rm -f /etc/apt/apt.conf.d/docker-clean; echo"))
    }

    @Test("a cleanup that cannot be removed cleanly: reported, no fix")
    func unremovable() {
        let nested = findings("FROM debian\nRUN apt-get update && if true; then rm -rf /var/lib/apt/lists/*; fi\n")
        #expect(nested.count == 1 && nested[0].fixable == false)
        let commented = findings("FROM debian\nRUN apt-get update \\\n    && apt-get install -y git \\\n    # tidy\n    && rm -rf /var/lib/apt/lists/*\n")
        #expect(commented.count == 1 && commented[0].fixable == false)
        #expect(findings("FROM debian\nRUN apt-get update || rm -rf /var/lib/apt/lists/*\n").map(\.fixable) == [false])
    }

    @Test("users: root's home, ENV HOME, a created user's uid; an unknown user is left alone")
    func users() {
        #expect(fixed("FROM node:20\nENV HOME=/app\nRUN npm ci\n").contains("--mount=type=cache,target=/app/.npm npm ci"))
        #expect(fixed("FROM node:20\nUSER 1001\nENV HOME=/home/node\nRUN npm ci\n").contains("--mount=type=cache,target=/home/node/.npm,uid=1001 npm ci"))
        #expect(findings("FROM node:20\nUSER node\nRUN npm ci\n").isEmpty)
        #expect(findings("FROM node:20\nUSER 1001\nRUN npm ci\n").isEmpty)
        // The system package managers' caches are root's, whoever the user: a mount owned by root suits `sudo apt-get`.
        #expect(fixed("FROM debian\nUSER app\nRUN sudo apt-get install -y git\n").contains("RUN --mount=type=cache,target=/var/cache/apt,sharing=locked sudo apt-get"))
    }

    @Test("moved caches: GOPATH, CARGO_HOME, PIP_CACHE_DIR; a disabled cache is not reported")
    func environment() {
        #expect(fixed("FROM debian\nENV GOPATH=/opt/go\nRUN go mod download\n").contains("--mount=type=cache,target=/opt/go/pkg/mod go mod"))
        #expect(fixed("FROM debian\nENV CARGO_HOME=/cargo\nRUN cargo fetch\n").contains("--mount=type=cache,target=/cargo/registry --mount=type=cache,target=/cargo/git/db cargo fetch"))
        #expect(fixed("FROM python:3.12\nENV PIP_CACHE_DIR=/pip-cache\nRUN pip install flask\n").contains("--mount=type=cache,target=/pip-cache pip"))
        #expect(findings("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n").isEmpty)
        #expect(findings("FROM maven:3\nRUN mvn --version\n").isEmpty)
    }

    @Test("not for ONBUILD triggers, Windows images or a PowerShell SHELL")
    func exempt() {
        #expect(findings("FROM alpine\nONBUILD RUN apk add curl\n").isEmpty)
        #expect(findings("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN pip install flask\n").isEmpty)
        #expect(findings("FROM python:3.12\nSHELL [\"pwsh\", \"-Command\"]\nRUN pip install flask\n").isEmpty)
    }

    @Test("the cache rules are quiet on the fixed output")
    func cacheRulesQuiet() {
        let text = """
        FROM debian:bookworm AS deb
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        FROM alpine:3.20 AS alp
        RUN apk add --no-cache curl
        FROM python:3.12 AS py
        RUN pip install --no-cache-dir flask==3.0.0
        FROM node:20 AS node
        RUN yarn install --frozen-lockfile && yarn cache clean
        FROM fedora:40 AS fed
        RUN dnf install -y git-2.45.0 && dnf clean all
        FROM centos:7 AS cent
        RUN yum install -y git-1.8.3 && yum clean all
        FROM opensuse/leap:15 AS suse
        RUN zypper install -y git=2.35 && zypper clean
        FROM scratch
        COPY --from=deb /etc/hostname /a
        COPY --from=alp /etc/hostname /b
        COPY --from=py /etc/hostname /c
        COPY --from=node /etc/hostname /d
        COPY --from=fed /etc/hostname /e
        COPY --from=cent /etc/hostname /f
        COPY --from=suse /etc/hostname /g

        """
        let after = fixed(text)
        #expect(!after.contains("--no-cache") && !after.contains(" clean"))
        let cacheRules: Set<String> = ["DL3009", "DL3019", "DL3042", "DL3060", "DL3032", "DL3040", "DL3036", "DX1020"]
        // Each stage alone, as the final stage: the cleanup rules skip stages that do not ship.
        let stages = after.components(separatedBy: "FROM ").dropFirst().filter { !$0.hasPrefix("scratch") }.map { "FROM " + $0 }
        #expect(stages.count == 7)
        for stage in stages {
            let result = RuleRegistry.linter.lint(Array(stage.utf8), configuration: Self.enabled)
            #expect(result.diagnostics.filter { cacheRules.contains($0.code) }.map(\.message) == [], "\(stage)")
        }
        // And they did fire before the fix.
        let before = text.components(separatedBy: "FROM ").dropFirst().filter { !$0.hasPrefix("scratch") }.map { "FROM " + $0 }
        for stage in before {
            let result = RuleRegistry.linter.lint(Array(stage.utf8), configuration: Self.enabled)
            #expect(result.diagnostics.contains { $0.code == "DX1020" }, "\(stage)")
        }
    }

    @Test("DL3019's and DL3042's fixes in the same round as this rule's: the flags they add are taken out again")
    func withCleanupRules() {
        let after = fixed("FROM alpine:3.20\nRUN apk add curl\nFROM python:3.12\nRUN pip install flask==3.0.0\n", rules: ["DX1020", "DL3019", "DL3042"])
        #expect(after == "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add curl\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.0\n")
    }

    @Test("fix titles name the cleanups, or count them past three")
    func titles() {
        func title(_ text: String) -> String? {
            RuleRegistry.linter.lint(Array(text.utf8), configuration: Self.enabled).diagnostics.first { $0.code == "DX1020" }?.fix?.title
        }
        #expect(title("FROM alpine\nRUN apk add --no-cache curl\n")
            == "Add a cache mount on /var/cache/apk and a cache mount on /etc/apk/cache and remove '--no-cache'")
        let many = "FROM debian\nRUN apt-get install -y git" + String(repeating: " && apt-get clean", count: 5) + "\n"
        #expect(title(many) == "Add a cache mount on /var/cache/apt and remove 5 cleanups")
        #expect(fixed(many) == "FROM debian\n" + CacheMountPlan.dockerCleanStep + "\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y git\n")
    }

    @Test("a labs pin stays on its channel; a pin that is new enough stays")
    func syntaxDirective() {
        #expect(fixed("# syntax=docker/dockerfile:1.0-experimental\nFROM alpine\nRUN apk add curl\n").hasPrefix("# syntax=docker/dockerfile:1.0-experimental\n"))
        #expect(fixed("# syntax=docker/dockerfile:1.1.7\nFROM alpine\nRUN apk add curl\n").hasPrefix("# syntax=docker/dockerfile:1.2\n"))
        #expect(fixed("# syntax=docker/dockerfile:1.4\nFROM alpine\nRUN apk add curl\n").hasPrefix("# syntax=docker/dockerfile:1.4\n"))
    }
}
