import Foundation
import Testing

/// Fixes a reviewer accepts (issue 11, item 8), through `dlint --fix --unsafe-fixes -`: each
/// case's file before → after, and a second run over the result that changes nothing.
@Suite("fixes a reviewer accepts", .serialized)
struct ReviewableFixesCLITests {
    struct FixCase: Sendable, CustomStringConvertible {
        let name: String
        let before: String
        let after: String
        let unsafe: Bool
        var description: String { name }
        init(_ name: String, _ before: String, _ after: String, unsafe: Bool = true) {
            self.name = name
            self.before = before
            self.after = after
            self.unsafe = unsafe
        }
    }

    static let syntax = "# syntax=docker/dockerfile:1\n"

    static let cases: [FixCase] = [
        // DL3019: the `apk update` that --no-cache makes useless goes, with its `&&`.
        FixCase("apk update && apk add",
                syntax + "FROM alpine:3.20\nRUN apk update && apk add curl\n",
                syntax + "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
        FixCase("apk update on its own continuation line, in the middle of a chain",
                syntax + "FROM alpine:3.20\nRUN set -eux \\\n    && apk update \\\n    && apk add tini \\\n    && tini --version\n",
                syntax + "FROM alpine:3.20\nRUN set -eux \\\n    && apk add --no-cache tini \\\n    && tini --version\n"),
        FixCase("CRLF line endings stay",
                syntax + "FROM alpine:3.20\r\nRUN apk update && \\\r\n    apk add curl\r\n",
                syntax + "FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\n"),
        FixCase("two updates, two adds",
                syntax + "FROM alpine:3.20\nRUN apk update && apk add -q curl && apk update && apk add git\n",
                syntax + "FROM alpine:3.20\nRUN apk add --no-cache -q curl && apk add --no-cache git\n"),
        FixCase("the update stays when apk upgrade reads its index",
                syntax + "FROM alpine:3.20\nRUN apk update && apk upgrade && apk add curl\n",
                syntax + "FROM alpine:3.20\nRUN apk update && apk upgrade && apk add --no-cache curl\n"),
        FixCase("the update stays when it is not part of an && chain",
                syntax + "FROM alpine:3.20\nRUN apk update; apk add curl\nRUN apk update || true && apk add git\n",
                syntax + "FROM alpine:3.20\nRUN apk update; apk add --no-cache curl\nRUN apk update || true && apk add --no-cache git\n"),
        FixCase("the update stays with a comment line inside the continuation",
                syntax + "FROM alpine:3.20\nRUN apk update && \\\n# the tools\n    apk add curl\n",
                syntax + "FROM alpine:3.20\nRUN apk update && \\\n# the tools\n    apk add --no-cache curl\n"),
        // DX1001: the docker group, and a group handed a host device, get no invented gid.
        FixCase("the docker group keeps no id; the user gets one",
                syntax + "FROM debian:bookworm\nRUN groupadd docker && useradd -m -G docker ci\n",
                syntax + "FROM debian:bookworm\nRUN groupadd docker && useradd -u 10001 -m -G docker ci\n"),
        FixCase("a group a later chgrp hands a host device",
                syntax + "FROM debian:bookworm\nRUN groupadd kvm-users && groupadd app\nRUN chgrp kvm-users /dev/kvm\n",
                syntax + "FROM debian:bookworm\nRUN groupadd kvm-users && groupadd -g 10001 app\nRUN chgrp kvm-users /dev/kvm\n"),
        FixCase("a group handed a socket",
                syntax + "FROM debian:bookworm\nRUN groupadd sock && chown root:sock /var/run/docker.sock\n",
                syntax + "FROM debian:bookworm\nRUN groupadd sock && chown root:sock /var/run/docker.sock\n"),
        FixCase("a run-time directory the image creates is its own: the group gets an id",
                syntax + "FROM debian:bookworm\nRUN groupadd -r mysql && mkdir -p /run/mysqld && chown :mysql /run/mysqld\n",
                syntax + "FROM debian:bookworm\nRUN groupadd -g 10001 -r mysql && mkdir -p /run/mysqld && chown :mysql /run/mysqld\n"),
        FixCase("a user whose primary group is the docker group gets an id of its own",
                syntax + "FROM debian:bookworm\nRUN groupadd docker && useradd -g docker ci\n",
                syntax + "FROM debian:bookworm\nRUN groupadd docker && useradd -u 10001 -g docker ci\n"),
        // USER name → number only once the file fixes the number.
        FixCase("USER becomes the id the file now fixes (DL3066, after DX1001's id)",
                syntax + "FROM debian:bookworm\nRUN useradd app\nUSER app\n",
                syntax + "FROM debian:bookworm\nRUN useradd -u 10001 app\nUSER 10001\n"),
        FixCase("safe fixes only: no id is invented, so USER keeps the name",
                syntax + "FROM debian:bookworm\nRUN useradd app\nUSER app\n",
                syntax + "FROM debian:bookworm\nRUN useradd app\nUSER app\n", unsafe: false),
        FixCase("an earlier stage's USER keeps its name",
                syntax + "FROM debian:bookworm AS build\nRUN useradd builder\nUSER builder\nRUN make\nFROM debian:bookworm\nUSER 1000\n",
                syntax + "FROM debian:bookworm AS build\nRUN useradd -u 10001 builder\nUSER builder\nRUN make\nFROM debian:bookworm\nUSER 1000\n"),
        FixCase("a user the base image creates keeps its name",
                syntax + "FROM node:22-bookworm-slim\nUSER node\n",
                syntax + "FROM node:22-bookworm-slim\nUSER node\n"),
    ]

    static func fix(_ text: String, unsafe: Bool) throws -> DLintBinary.Result {
        try DLintBinary.run(["--no-config", "--fix"] + (unsafe ? ["--unsafe-fixes"] : []) + ["-"], stdin: Array(text.utf8))
    }

    @Test("before → after, and a second run changes nothing", arguments: cases)
    func beforeAfter(_ testCase: FixCase) throws {
        let first = try Self.fix(testCase.before, unsafe: testCase.unsafe)
        #expect(first.stdout == testCase.after, "\(first.stderr)")
        let second = try Self.fix(first.stdout, unsafe: testCase.unsafe)
        #expect(second.stdout == first.stdout)
        #expect(!second.stderr.contains("Fixed "), "\(second.stderr)")
    }

    @Test("the docker group is reported with the reason and no fix")
    func dockerGroupMessage() throws {
        let text = Self.syntax + "FROM debian:bookworm\nRUN groupadd docker\n"
        let result = try DLintBinary.run(["--no-config", "-f", "json", "-"], stdin: Array(text.utf8))
        #expect(result.stdout.contains("'groupadd' creates the group 'docker' without an explicit id: pass the host's id for it with -g/--gid (the 'docker' group must have the gid of the host's Docker socket, so no id is invented)"))
        #expect(result.stdout.contains("\"fix\": null"))
        #expect(!result.stdout.contains("10001"))
    }
}
