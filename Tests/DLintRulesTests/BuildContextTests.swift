import DLintCore
@testable import DLintRules
import Testing

@Suite("Build context rules: syntax directive and copy order")
struct BuildContextTests {
    func lint(_ text: String) -> LintResult {
        RuleRegistry.linter.lint(Array(text.utf8))
    }

    func findings(_ code: String, _ text: String) -> [Diagnostic] {
        lint(text).diagnostics.filter { $0.code == code }
    }

    @Test("directive values are read as frontend versions")
    func directiveValues() {
        #expect(SyntaxFrontend("docker/dockerfile:1").version == .latest)
        #expect(SyntaxFrontend("docker/dockerfile").version == .latest)
        #expect(SyntaxFrontend("docker/dockerfile-upstream:master").version == .latest)
        #expect(SyntaxFrontend("docker/dockerfile:1.4").version == .release(FrontendVersion(1, 4, Int.max)))
        #expect(SyntaxFrontend("docker.io/docker/dockerfile:1.5.2").version == .release(FrontendVersion(1, 5, 2)))
        let labs = SyntaxFrontend("docker/dockerfile:1.7-labs")
        #expect(labs.version == .release(FrontendVersion(1, 7, Int.max)) && labs.labs)
        #expect(SyntaxFrontend("docker/dockerfile:1@sha256:abc").version == .unknown)
        #expect(SyntaxFrontend("tonistiigi/dockerfile:runmount20181002").version == .unknown)
        #expect(SyntaxFrontend("docker/dockerfile:2.0").version == .unknown)
        #expect(SyntaxFrontend(" docker/dockerfile:1.3 ").supports(.heredocs) == false)
        #expect(SyntaxFrontend("docker/dockerfile:1.3-labs").supports(.heredocs) == true)
        #expect(SyntaxFrontend("docker/dockerfile:1.2.0-labs").supports(.runNetwork) == false)
        #expect(SyntaxFrontend("docker/dockerfile:1.2-labs").supports(.runNetwork) == true)
    }

    @Test("the feature table finds flags, heredocs, git sources and the check directive, in file order")
    func featureUses() {
        let text = """
        # check=skip=all
        FROM alpine AS base
        ADD --checksum=sha256:00 https://example.com/a.tar.gz /a
        ADD https://github.com/moby/buildkit.git#v0.12 /bk
        COPY --chmod=u+x a /a
        COPY --chmod=${MODE} b /b
        RUN --network=none --mount=type=secret,id=t,env=TOKEN true
        COPY <<EOF /c
        hi
        EOF
        """
        let model = lint(text).model
        #expect(model.frontendFeatureUses.map(\.feature.id) == [
            "check-directive", "add-checksum", "add-git", "copy-chmod-symbolic", "copy-chmod-variables",
            "run-network", "run-mount", "run-mount-secret-env", "heredocs",
        ])
    }

    @Test("missing directive: first line, and the newest feature named")
    func missingDirective() throws {
        let result = lint("FROM alpine\nCOPY --link a /a\nRUN <<EOF\necho\nEOF\nCOPY --exclude=x . /\n")
        let finding = try #require(result.diagnostics.first { $0.code == "DX1004" })
        #expect(finding.range == 0..<11)
        #expect(finding.message == "Add a '# syntax=docker/dockerfile:1' directive: Dockerfile frontend 1.19 or newer is required by COPY --exclude on line 6")
        #expect(findings("DX1004", "\nFROM alpine\n").first?.range == 0..<0)
        #expect(findings("DX1004", "# syntax=docker/dockerfile:1.0\nFROM alpine\n").isEmpty)
        #expect(findings("DX1004", "# just a comment\n").isEmpty)
    }

    @Test("outdated directive: the value is reported with the feature that needs the newest version")
    func outdatedDirective() throws {
        let text = "# syntax = docker/dockerfile:1.3\nFROM alpine\nCOPY --link a /a\nRUN --network=host true\nCOPY --exclude=x . /\n"
        let finding = try #require(findings("DX1006", text).first)
        #expect(text.utf8.count > finding.range.upperBound)
        #expect(String(decoding: Array(text.utf8)[finding.range], as: UTF8.self) == "docker/dockerfile:1.3")
        #expect(finding.message == "'# syntax=docker/dockerfile:1.3' is older than 1.19 (or 1.7-labs), required by COPY --exclude on line 5")
        #expect(findings("DX1006", "# syntax=docker/dockerfile:1.6-labs\nFROM alpine\nCOPY --exclude=x . /\n").first?.message
            == "'# syntax=docker/dockerfile:1.6-labs' is older than 1.7-labs, required by COPY --exclude on line 3")
        #expect(findings("DX1006", "# syntax=docker/dockerfile:1.2\nFROM alpine\nCOPY --chmod=755 a /a\nRUN --mount=type=cache,target=/x true\n").isEmpty)
        #expect(findings("DX1006", "# syntax=docker/dockerfile:1.9\nFROM alpine\nONBUILD COPY --exclude=x . /\n").isEmpty)
    }

    @Test("dependency installs are recognized, with their manifests")
    func installs() {
        func install(_ script: String) -> DependencyInstall? {
            let model = lint("FROM alpine\nRUN \(script)\n").model
            return model.runs.first?.dependencyInstalls.first
        }
        #expect(install("npm ci")?.manifests == ["package.json", "package-lock.json*"])
        #expect(install("sudo -u app npm install --omit=dev")?.label == "npm install")
        #expect(install("npm install express") == nil)
        #expect(install("npm ci --loglevel warn")?.installer == .npm)
        #expect(install("npm --silent ci")?.label == "npm ci")
        #expect(install("npm i -g pnpm") == nil)
        #expect(install("yarn --frozen-lockfile")?.installer == .yarn)
        #expect(install("yarn add lodash") == nil)
        #expect(install("python3 -m pip install --no-cache-dir -r req/base.txt -c constraints.txt")?.manifests == ["req/base.txt", "constraints.txt"])
        #expect(install("pip3.12 install -rrequirements.txt")?.label == "pip3.12 install -r requirements.txt")
        #expect(install("pip install -r requirements.txt .") == nil)
        #expect(install("pip install -c constraints.txt flask") == nil)
        #expect(install("poetry install") == nil)
        #expect(install("poetry install --no-root --only main")?.installer == .poetry)
        #expect(install("go mod download -x")?.label == "go mod download")
        #expect(install("cargo build --release") == nil)
        #expect(install("mvn -B -q dependency:go-offline")?.label == "mvn dependency:go-offline")
        #expect(install("mvn package") == nil)
        #expect(install("./gradlew dependencies --no-daemon")?.manifests.contains("gradlew") == true)
        #expect(install("sh -c 'bundle install --jobs 4'")?.installer == .bundler)
    }

    @Test("copy order: reported on the broad source, once per stage, not for another stage")
    func copyOrder() throws {
        let text = """
        FROM node:20 AS web
        COPY * /app/
        RUN cd /app && npm ci && npm ci
        FROM web AS more
        RUN yarn install
        FROM golang:1.22
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        RUN go mod download && go build ./...
        """
        let result = lint(text)
        let found = result.diagnostics.filter { $0.code == "DX1002" }
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(result.tree.location(of: finding.range.lowerBound).line == 2)
        #expect(result.tree.location(of: finding.range.lowerBound).column == 6)
        #expect(finding.message == "COPY of the whole build context comes before 'npm ci' on line 3: copy package.json and package-lock.json first so that a source change does not re-run the install")
    }

    // MARK: - Fixes

    func fixed(_ code: String, _ text: String) -> String {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        let again = rewriter.fix(outcome.fixed, applying: [.safe, .unsafe])
        #expect(!again.changed, "a second run changed \(code)")
        #expect(outcome.converged)
        return String(decoding: outcome.fixed, as: UTF8.self)
    }

    @Test("missing directive fix: first line, after a BOM, before escape, CRLF kept, unsafe")
    func missingDirectiveFix() throws {
        #expect(fixed("DX1004", "FROM alpine\nRUN true\n") == "# syntax=docker/dockerfile:1\nFROM alpine\nRUN true\n")
        #expect(fixed("DX1004", "\u{FEFF}FROM alpine\r\nRUN true\r\n") == "\u{FEFF}# syntax=docker/dockerfile:1\r\nFROM alpine\r\nRUN true\r\n")
        let backtick = "# escape=`\r\nFROM mcr.microsoft.com/powershell AS x\r\nFROM alpine\r\nRUN echo a `\r\n    b\r\n"
        let result = fixed("DX1004", backtick)
        #expect(result == "# syntax=docker/dockerfile:1\r\n" + backtick)
        let tree = SyntaxTree(parsing: result)
        #expect(tree.directives.map(\.name) == ["syntax", "escape"])
        #expect(tree.escapeCharacter == UInt8(ascii: "`") && !tree.hasErrors)
        #expect(fixed("DX1004", "FROM alpine") == "# syntax=docker/dockerfile:1\nFROM alpine")
        #expect(fixed("DX1004", "\n# c\nFROM alpine\n") == "# syntax=docker/dockerfile:1\n\n# c\nFROM alpine\n")
        let finding = try #require(findings("DX1004", "FROM alpine\n").first)
        #expect(finding.fix?.applicability == .unsafe)
        #expect(findings("DX1004", "#!/usr/bin/env -S docker build -f\nFROM alpine\n").first?.fix == nil)
    }

    @Test("outdated directive fix: the version only, labs kept, experimental becomes labs")
    func outdatedDirectiveFix() {
        #expect(fixed("DX1006", "# syntax = docker/dockerfile:1.3\nFROM alpine\nCOPY --link a /a\n") == "# syntax = docker/dockerfile:1.4\nFROM alpine\nCOPY --link a /a\n")
        #expect(fixed("DX1006", "# syntax=docker.io/docker/dockerfile:1.6-labs\r\nFROM alpine\r\nCOPY --exclude=x . /\r\n") == "# syntax=docker.io/docker/dockerfile:1.7-labs\r\nFROM alpine\r\nCOPY --exclude=x . /\r\n")
        #expect(fixed("DX1006", "# syntax=docker/dockerfile:1.1.7-experimental\nFROM alpine\nRUN <<EOF\necho\nEOF\n") == "# syntax=docker/dockerfile:1.3-labs\nFROM alpine\nRUN <<EOF\necho\nEOF\n")
        #expect(fixed("DX1006", "# syntax=docker/dockerfile:1.0.2-experimental\nFROM alpine\nRUN --security=insecure true\n") == "# syntax=docker/dockerfile:1.1.2-experimental\nFROM alpine\nRUN --security=insecure true\n")
        #expect(fixed("DX1006", "# syntax=docker/dockerfile:1.5.2\n# escape=`\nFROM alpine\nADD --checksum=sha256:00 https://x/a /a\nRUN echo `\n  b\n") == "# syntax=docker/dockerfile:1.6\n# escape=`\nFROM alpine\nADD --checksum=sha256:00 https://x/a /a\nRUN echo `\n  b\n")
        #expect(findings("DX1006", "# syntax=docker/dockerfile:1.3-custom\nFROM alpine\nCOPY --link a /a\n").first?.fix == nil)
    }

    @Test("copy order fix: manifests first, broad copy moved with its comment and flags")
    func copyOrderFix() {
        let text = "FROM node:20\r\nWORKDIR /app\r\n# everything\r\ncopy --chown=node:node --link . .\r\nENV NODE_ENV=production\r\n# deps\r\nrun npm ci && npm cache clean --force\r\nrun npm run build\r\n"
        #expect(fixed("DX1002", text) == "FROM node:20\r\nWORKDIR /app\r\nENV NODE_ENV=production\r\ncopy --chown=node:node package.json package-lock.json* ./\r\n# deps\r\nrun npm ci && npm cache clean --force\r\n# everything\r\ncopy --chown=node:node --link . .\r\nrun npm run build\r\n")
        // Backtick escape, the install on a continuation line, a cd into the destination, a subdirectory manifest.
        let backtick = "# escape=`\nFROM python:3.12\nCOPY . /srv\nRUN apt-get update && `\n    cd /srv && pip install -r reqs/prod.txt\nCMD [\"python\"]"
        #expect(fixed("DX1002", backtick) == "# escape=`\nFROM python:3.12\nCOPY reqs/prod.txt /srv/reqs/\nRUN apt-get update && `\n    cd /srv && pip install -r reqs/prod.txt\nCOPY . /srv\nCMD [\"python\"]")
        // Exec form, two installers in successive rounds, blank lines not doubled.
        let two = "FROM python:3.12\nWORKDIR /w\n\nADD [\".\", \"/w\"]\n\nRUN pip install -r requirements.txt\nRUN npm ci\n"
        #expect(fixed("DX1002", two) == "FROM python:3.12\nWORKDIR /w\n\nCOPY [\"requirements.txt\", \"/w/\"]\nRUN pip install -r requirements.txt\nCOPY [\"package.json\", \"package-lock.json*\", \"/w/\"]\nRUN npm ci\nADD [\".\", \"/w\"]\n")
        // The install also builds, a RUN reads the sources in between, WORKDIR changes, cd elsewhere: no fix.
        for unfixable in [
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN make\nRUN npm ci\n",
            "FROM node\nCOPY . /src\nWORKDIR /src\nRUN npm ci\n",
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN cd /srv && npm ci\n",
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN (cd /app && true) && npm ci\n",
            "FROM node\nWORKDIR /app\nCOPY --exclude=*.md . .\nRUN npm ci\n",
            "FROM gradle\nWORKDIR /app\nCOPY . .\nRUN ./gradlew dependencies\n",
            "FROM node\nWORKDIR /app\nCOPY . .\nCOPY x.json ./\nRUN npm ci\n",
        ] {
            let found = findings("DX1002", unfixable)
            #expect(found.count == 1 && found.first?.fix == nil, "\(unfixable)")
        }
        // The install runs in a subdirectory of the destination: the manifests come from there.
        #expect(fixed("DX1002", "FROM node\nWORKDIR /app\nCOPY . .\nRUN cd web && npm ci\n") == "FROM node\nWORKDIR /app\nCOPY web/package.json web/package-lock.json* ./web/\nRUN cd web && npm ci\nCOPY . .\n")
        // No WORKDIR: the base image's directory is both the destination and where npm runs.
        #expect(fixed("DX1002", "FROM node\nCOPY . .\nRUN npm ci\n") == "FROM node\nCOPY package.json package-lock.json* ./\nRUN npm ci\nCOPY . .\n")
    }
}
