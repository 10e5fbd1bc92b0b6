// Generated from rules/*.md; do not edit. Regenerate with:
//   DLINT_REGENERATE=1 swift test --filter RulePages
// The test suite fails when this file and rules/ disagree.

enum RulePages {
    static let pages: [String: String] = [
        "DL1001": ##"""
# DL1001 no-inline-ignore

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL1001 |

An inline ignore pragma; keep ignores in the configuration file (off by default).

## What it checks

Every comment that suppresses findings: `# dlint ignore=CODE`, `# hadolint ignore=CODE` and
their `global ignore=` forms, the same comments dlint honours as suppressions. The finding
covers the comment.

The rule is off by default, as in hadolint: it runs when the configuration gives it a severity,
in `.dlint.yaml` (`severity: {DL1001: warning}`), in `.hadolint.yaml`
(`override: {warning: [DL1001]}`) or on the command line (`--severity DL1001=warning`).
BuildKit's `# check=skip=…` directive is not reported: it configures BuildKit's own checks at
build time.

```yaml .dlint.yaml
severity:
  DL1001: warning
```

## Why it matters

A suppression comment silences a finding where nobody reviewing the configuration sees it.
Teams that want every exception in one reviewed place, with a reason next to it, keep them in
`.dlint.yaml` (`ignore:`), and use this rule to keep them there.

## Examples

```dockerfile fail
# hadolint global ignore=DL3006
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
# dlint ignore=DL3018 # pinned by the base image
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RUN apk add --no-cache curl
    # hadolint ignore=DL3059
#   ^^^^^^^^^^^^^^^^^^^^^^^^
RUN echo done
```

Other comments, other pragmas and BuildKit's check directive are fine:

```dockerfile pass
# check=skip=JSONArgsRecommended
FROM alpine:3.20
# ignore=DL3018 is what we would write here
# hadolint shell=/bin/ash
RUN apk add --no-cache curl
```

## Fix

None: removing the comment brings the findings it suppresses back; move the ignore to the
configuration file by hand.

## Differences from hadolint

hadolint reports only `# hadolint ignore=…`; dlint also reports its own `# dlint ignore=…` and
the `global ignore=` forms of both, which silence findings for a whole file:

```dockerfile fail
# dlint global ignore=DL3006
#^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM alpine
```

"""##,
        "DL3000": ##"""
# DL3000 absolute-workdir

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | hadolint DL3000, BuildKit `WorkdirRelativePath` |

Use absolute WORKDIR paths.

## What it checks

A `WORKDIR` whose path, once the file's own `ARG` and `ENV` values are substituted, does not
start with `/` (or, for Windows images, a drive such as `C:\` or a leading backslash).

A path that starts with a variable whose value the file does not fix — an `ARG` without a
default, or a variable the base image may set — is not reported: it may well be absolute.

`ONBUILD WORKDIR` is checked as the `WORKDIR` it is: it runs in every image built `FROM` this
one, relative to the directory that image starts in (this stage's last `WORKDIR`, and the
`ONBUILD WORKDIR`s before it). A file without `FROM` (a fragment) is checked too.

## Why it matters

A relative `WORKDIR` is resolved against the previous `WORKDIR` of the stage, or against the
base image's working directory when there is none. The second depends on an image you do not
control, and both make the Dockerfile harder to read: the reader has to replay every earlier
`WORKDIR` to know where commands run.

## Examples

A relative path, and one built from a variable that holds a relative path:

```dockerfile fail
FROM alpine:3.20
WORKDIR app
#       ^^^
ARG SUBDIR=src
WORKDIR ${SUBDIR}/lib
#       ^^^^^^^^^^^^^
```

Absolute paths, a variable that resolves to an absolute path, a variable the file does not fix,
and a Windows drive path:

```dockerfile pass
FROM alpine:3.20
WORKDIR /app
ENV HOME=/home/app
WORKDIR $HOME/src
ARG TARGET_DIR
WORKDIR $TARGET_DIR
WORKDIR C:\build
```

## Fix

The fix writes the directory the path is relative to in front of it: the previous `WORKDIR` of
the stage, or the one inherited from a parent stage (`FROM build`). A plain path is written
resolved (`/srv` and `api/../web` give `/srv/web`); a path with variables or quotes keeps them
(`/srv/${SUBDIR}`). When the path needs no resolving, the fix only inserts the directory in
front of it, so the path's own bytes (continuations, text that is not UTF-8) stay as they are; a
directory known only from bytes that are not UTF-8 gets no fix, since its repaired text would name
another directory. Paths are read on their bytes: `/` followed by a combining mark is absolute.

It is **safe** when the file fixes that directory: the path means exactly what it meant. When
the directory is the base image's, which the Dockerfile cannot know, the fix assumes `/` — true
for most images, not all — and is **unsafe**. A path built from variables with unknown values,
and Windows images, get no fix.

```dockerfile fail
FROM alpine:3.20 AS build
WORKDIR /srv
WORKDIR api/../web
#       ^^^^^^^^^^
FROM build
WORKDIR src
#       ^^^
FROM alpine:3.20
WORKDIR app
#       ^^^
```

```dockerfile fixed
FROM alpine:3.20 AS build
WORKDIR /srv
WORKDIR /srv/web
FROM build
WORKDIR /srv/web/src
FROM alpine:3.20
WORKDIR /app
```

## Differences from hadolint

hadolint 2.15 does not look inside `ONBUILD`: a relative `ONBUILD WORKDIR` is as relative in the
child image as any other.

```dockerfile fail
FROM python:3.12
WORKDIR /srv
ONBUILD WORKDIR app
#               ^^^
```

```dockerfile fixed
FROM python:3.12
WORKDIR /srv
ONBUILD WORKDIR /srv/app
```

"""##,
        "DL3001": ##"""
# DL3001 pointless-commands

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3001 |

Commands such as ssh, vim, shutdown, service, ps, free, top, kill, mount and ifconfig make no sense in an image build.

## What it checks

These programs run as commands in a `RUN` or an `ONBUILD RUN`: `free`, `kill`, `mount`, `ps`,
`service`, `shutdown`, `ssh`, `top`, `vim` (hadolint's list), `ifconfig` and `nano`. Commands are
found wherever the shell runs them: after `&&`, `||`, `;`, in pipelines, subshells, `$(…)`,
compound commands and `sh -c '…'` strings, behind wrappers (`sudo service …`, `env … ps`), by
their path (`/usr/sbin/service`), and in exec form (`RUN ["top"]`).

The finding covers the program's word. The names as arguments are fine: installing them
(`apt-get install ssh vim`), looking them up (`command -v ps`), or printing them.

## Why it matters

A `RUN` executes once, in a throw-away container, to produce a filesystem layer. There is no
service manager to start services for the image (`service nginx start` starts nothing that
survives the step), no terminal for an editor or `top`, no processes worth listing or killing
but the build's own, no network configuration to inspect that the running container will have,
and `mount` or `shutdown` need privileges a build does not have. Such commands either do
nothing useful, hang, or fail. Start services in `CMD`/`ENTRYPOINT`, and edit files with `sed`
or by copying them in.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN service nginx start && nginx -t
#   ^^^^^^^
RUN ps aux | grep nginx
#   ^^
RUN sudo /usr/bin/top -bn1
#        ^^^^^^^^^^^^
RUN ["ifconfig"]
#    ^^^^^^^^^^
ONBUILD RUN vim /etc/app.conf
#           ^^^
```

Installing the tools, and looking them up, are fine:

```dockerfile pass
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends openssh-client vim procps
RUN command -v ps && echo "ssh and top are installed"
CMD ["nginx", "-g", "daemon off;"]
```

## Differences from hadolint

hadolint's message names `ifconfig` but its list does not hold it; dlint reports `ifconfig`, and
`nano` as it does `vim`. hadolint also misses a program behind `sudo` or given by its path
(`/usr/bin/top`):

```dockerfile fail
FROM debian:bookworm
RUN ifconfig eth0 && nano /etc/hosts && sudo /usr/bin/top
#   ^^^^^^^^         ^^^^                    ^^^^^^^^^^^^
```

"""##,
        "DL3002": ##"""
# DL3002 final-user-not-root

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3002 |

Last USER should not be root.

## What it checks

The `USER` the final image runs as: the last `USER` of the last stage or, when that stage has
none, of the stage it is built `FROM` (and so on up the chain). It is reported when it names
root: `root` or uid `0`, with any group (`root:root`, `0:0`, `root:staff`). Variables are
substituted when their values are constant (`ARG RUNTIME_USER=root` … `USER ${RUNTIME_USER}`);
a user the build supplies is not judged. The finding covers the user part of that `USER`.

Not reported: `USER root` in a builder stage the final image does not build on, `USER root`
followed by a switch to another user, and Windows images (`ContainerAdministrator` is another
matter).

A final image that never sets `USER` at all runs as its base image's user, usually root too.
That is [DL3063 final-user-set](DL3063.md), off by default as in hadolint: switch it on with
`severity: {DL3063: warning}` (or hadolint's `override:`) to require an explicit `USER`.

## Why it matters

A container that runs as root is root on the host's kernel: a process that escapes the
container, or a volume mounted from the host, is handled with root's rights. Build steps often
need root; the image's final user should not. Create a user and end with `USER` for it.

## Differences from hadolint

hadolint checks the last `USER` of every stage, so a builder stage that stays root is reported
even though its user never reaches the image. dlint checks only the final image:

```dockerfile pass
FROM golang:1.23 AS build
USER root
RUN go build -o /out/app ./...
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER 65532
```

## Examples

The last user is root, by name or id, in the final stage or in the stage it builds on:

```dockerfile fail
FROM debian:bookworm
USER app
USER root:root
#    ^^^^
```

```dockerfile fail
FROM debian:bookworm AS base
USER 0
#    ^
RUN apt-get update
FROM base
RUN echo still root
```

```dockerfile fail
FROM alpine:3.20
ARG RUNTIME_USER=root
USER ${RUNTIME_USER}
#    ^^^^^^^^^^^^^^^
```

Root for the build steps, then another user; a user the build supplies:

```dockerfile pass
FROM debian:bookworm
USER root
RUN apt-get update
USER app
```

```dockerfile pass
FROM alpine:3.20
ARG APP_USER
USER ${APP_USER}
```

"""##,
        "DL3003": ##"""
# DL3003 use-workdir

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3003 |

Use WORKDIR to switch to a directory.

## What it checks

`cd` run as a command in a `RUN` or an `ONBUILD RUN`: anywhere in the shell text (lists,
subshells, compound commands, `sh -c '…'` strings, heredoc scripts) and in exec form
(`RUN ["cd", "/opt"]`). Each `cd` is reported; the finding covers the `cd` word.

## Why it matters

A `cd` lasts for its `RUN` only. The next instruction runs in the `WORKDIR` again, which the
reader has to keep apart from the directory the commands seemed to move to; and a `cd` to a
directory that does not exist yet fails the step, where `WORKDIR` would create it. `WORKDIR`
states where the following instructions, and the container, run.

A `cd` inside a subshell, `(cd build && make)`, is reported too (as by hadolint): when the
directory matters to several steps, a `WORKDIR` says so.

## Fix

`RUN cd DIR && rest` becomes `WORKDIR DIR` followed by `RUN rest`, when the `cd` is the first
command of the `RUN`, is joined to the rest by `&&`, and `DIR` is one literal path: absolute, or
relative to a `WORKDIR` the file fixes (then written resolved). The `RUN` keeps its flags;
only blanks and line continuations may sit between `cd DIR &&` and the next command, and the
`WORKDIR` goes above the comment lines that belong to the `RUN`.

**Unsafe**: `WORKDIR` lasts for the rest of the stage — every later `RUN`, `COPY` and `ADD` with a
relative destination, `CMD` and `ENTRYPOINT`, the image's working directory and stages built
`FROM` this one then run in `DIR`, where they ran in the previous directory; and `WORKDIR`
creates `DIR` when it is missing, where `cd` failed the build. Review the instructions that
follow. Not fixed: a `cd` elsewhere than first, followed by `;`, `||` or a pipe, `cd` with
options, `-`, `~` or a variable, a path with quotes or blanks, a relative path under an unknown
working directory, a `RUN` with a heredoc or a relative mount target, `ONBUILD`, and Windows
images.

```dockerfile fail
FROM debian:bookworm
WORKDIR /usr/src
RUN cd app && \
#   ^^
    make install
# build the docs
RUN --network=none cd /opt/docs && make html
#                  ^^
```

```dockerfile fixed
FROM debian:bookworm
WORKDIR /usr/src
WORKDIR /usr/src/app
RUN make install
WORKDIR /opt/docs
# build the docs
RUN --network=none make html
```

## Examples

```dockerfile fail
FROM debian:bookworm
RUN cd /tmp; curl -fsSLO https://example.com/tool.tgz
#   ^^
RUN (cd /usr/src/app && make) && sh -c 'cd /srv && ./setup'
#    ^^                                 ^^
RUN ["cd", "/opt"]
#    ^^^^
```

```dockerfile pass
FROM debian:bookworm
WORKDIR /usr/src/app
RUN make && make install
RUN echo "cd /srv" >> /root/.bashrc
```

"""##,
        "DL3004": ##"""
# DL3004 no-sudo

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3004 |

Do not use sudo in RUN: switch USER, or use a tool like gosu at run time.

## What it checks

`sudo` run as a command anywhere in a `RUN`: in `&&`, `||` and `;` lists, pipelines, subshells,
`{ …; }` groups, `if`/`for`/`while`/`case` bodies, command substitutions `$(…)`, the script of
`sh -c '…'` or `bash -c "…"`, heredoc scripts (`RUN <<EOF`), and the exec form
(`RUN ["sudo", …]`), including the script of an exec-form shell (`RUN ["/bin/sh", "-c", "…"]`,
with the column inside the JSON string even after escapes such as `\"`). A path to it
(`/usr/bin/sudo`) counts too. `ONBUILD RUN` triggers and files without `FROM` (fragments) are
checked like any `RUN`.

It also looks through programs that run their operands as a command: `env`, `command`,
`exec`, `nice`, `nohup`, `time`, `stdbuf`, `timeout`, `setsid`, `ionice` and `xargs`
(`find … | xargs sudo rm` runs sudo once per batch of files).

The finding covers the `sudo` word.

Deliberately not reported: `sudo` as an argument (`apt-get install sudo`, `command -v sudo`,
`echo sudo`), inside a path (`/etc/sudoers.d`), or in a quoted string that is not run as a
script. Installing and configuring sudo for the image's users is a legitimate choice; running
it during the build is what the rule is about.

## Why it matters

A `RUN` runs as the stage's `USER`, without a terminal and without a password. `sudo` then
depends on the sudoers configuration of the base image, may prompt or fail for lack of a tty,
changes the environment (`PATH`, `HOME`, proxies) in ways that differ between distributions,
and hides which user a layer's files belong to. Switch with `USER root` for the steps that need
it and back afterwards; at run time, drop privileges with gosu, su-exec or `setpriv`.

hadolint reports this rule as an error; dlint makes it a warning, as the build itself usually
works.

## Fix

Removes `sudo` and its own options up to the command it runs (`sudo -E -H apt-get install` →
`apt-get install`), when the `RUN` already runs as root: the stage's `USER` is `root` or `0`
(optionally with the group `root` or `0`), or the file sets no `USER` in the stage or the
stages it is built `FROM`, where root is assumed of the base image (the title says so). Options
kept out of the way are `-E`/`--preserve-env[=…]`, `-H`/`--set-home`, `-n`/`--non-interactive`,
`-P`/`--preserve-groups`, `-k`, `-p`/`--prompt` and `-u root`/`-u 0`/`-u '#0'`/`--user=root`.
The exec form loses its `"sudo",` element.

**Unsafe**: the command runs as the same user, but sudo resets the environment before running
it (`env_reset`: `ENV` variables such as `PIP_INDEX_URL` are dropped, `PATH` becomes sudo's
`secure_path`, so `sudo pip` may run another `pip` than `pip`). Removing sudo can change which
program runs and what it sees; review the result. With no `USER` in the file, the base image may
also run as another user (the `jenkins`, `node`-style images that set one), for whom sudo was
doing something. Not fixed:

- another user or group (`USER app`, `USER root:staff`, `sudo -u app`, `sudo -g`), where
  removing sudo changes who runs the command;
- options that change more than the user (`-i`, `-s` login or shell, `-D` directory, `-b`
  background, `-S` password from standard input, `-C`, `-r`, `-t`, `-T`) or that do something
  else (`-v`, `-l`, `-e`, `-K`);
- `sudo NAME=value cmd` behind a wrapper (`xargs sudo X=1 rm`) or in exec form, where the
  assignment would become the command;
- a comment line inside the removed text, a `USER` given by a variable, Windows images.

```dockerfile fail
FROM debian:bookworm
RUN sudo apt-get update && sudo -E apt-get install -y curl
#   ^^^^                   ^^^^
USER root
RUN set -eux; \
    sudo -u root \
#   ^^^^
        chown -R app /srv; \
    find /srv -name '*.pid' | xargs -r sudo -n rm -f
#                                      ^^^^
RUN ["sudo", "--preserve-env", "make", "install"]
#    ^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
USER root
RUN set -eux; \
    chown -R app /srv; \
    find /srv -name '*.pid' | xargs -r rm -f
RUN ["make", "install"]
```

## Examples

sudo at the start of a command, after `&&`, behind `env`, in a subshell and in a command
substitution:

```dockerfile fail
FROM debian:bookworm
USER app
RUN sudo apt-get update && sudo apt-get install -y curl
#   ^^^^                   ^^^^
RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y git
#                                      ^^^^
RUN (cd /tmp && sudo make install) | tee /tmp/log
#               ^^^^
RUN echo "$(sudo cat /etc/shadow)" > /dev/null
#           ^^^^
```

Inside `sh -c`, behind `xargs`, inside an `if`, on a continuation line, and in a heredoc script:

```dockerfile fail
FROM debian:bookworm
RUN sh -c 'sudo chown -R app /srv'
#          ^^^^
RUN find /srv -name '*.pid' | xargs -r sudo rm -f
#                                      ^^^^
RUN set -eux; \
    if [ -d /opt/app ]; then \
        /usr/bin/sudo rm -rf /opt/app; \
#       ^^^^^^^^^^^^^
    fi
RUN <<EOF
set -e
exec sudo -u app /opt/app/setup
#    ^^^^
EOF
RUN ["sudo", "apt-get", "update"]
#    ^^^^^^
```

Installing sudo, configuring it, looking it up and printing the word are fine; so is switching
user for the steps that need root:

```dockerfile pass
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends sudo \
    && echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app \
    && chmod 0440 /etc/sudoers.d/app
RUN if command -v sudo > /dev/null; then echo "sudo is installed"; fi
RUN echo sudo && printf '%s\n' 'sudo make install'
USER root
RUN apt-get install -y curl
USER app
```

## Differences from hadolint

hadolint 2.15 reads an exec-form `RUN` as its words joined, so the script of
`["sh", "-c", "…"]` is one argument of `sh` to it, and the `sudo` inside is not seen:

```dockerfile fail
FROM debian:bookworm
RUN ["/bin/sh", "-c", "apt-get update && sudo apt-get install -y \"curl\""]
#                                        ^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y \"curl\""]
```

"""##,
        "DL3006": ##"""
# DL3006 tagged-image

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3006 |

Always tag the version of an image explicitly.

## What it checks

Every `FROM` that pulls an image must name a tag (`debian:12`) or a digest
(`debian@sha256:…`). Variables from `ARG`s declared before the first `FROM` (the only ones
`FROM` sees) are substituted first when their defaults are constant, so `ARG IMAGE=debian` …
`FROM ${IMAGE}` is reported, and `ARG TAG=12` … `FROM debian:${TAG}` is not.

Not reported: `FROM scratch`; `FROM` an earlier stage by its name (`FROM build`), directly or
through an `ARG`; an image whose text still holds a variable the build supplies
(`ARG IMAGE` without a default, or an undeclared one): the variable may carry the tag; and text
that is no image reference, such as a template's `FROM {{ .from }}` (the same holds for
[DL3007](DL3007.md) and [DL3026](DL3026.md)).

The finding covers the image word.

## Why it matters

An image without a tag is `:latest`, whatever that is on the day of the build: two builds of
the same Dockerfile can start from different operating systems, language runtimes or library
versions, and a build that worked yesterday breaks without a change in the repository. A tag
documents what the image was written for; a digest makes the base reproducible.

## Differences from hadolint

hadolint judges the text before variables are substituted. It skips any image that starts with
`$`, so an `ARG` default without a tag passes:

```dockerfile fail
ARG IMAGE=debian
FROM ${IMAGE}
#    ^^^^^^^^
```

and it reports an image whose variable names an earlier stage or comes from the build
(hadolint issues #979 and #1078), where dlint resolves the stage or leaves the image alone:

```dockerfile pass
ARG VARIANT=1
ARG TARGETARCH
FROM alpine:3.20 AS img1
FROM img${VARIANT} AS base
FROM base AS base-amd64
FROM base-${TARGETARCH} AS final
```

## Examples

An image without a tag, with and without a stage name:

```dockerfile fail
FROM debian
#    ^^^^^^
FROM node AS build
#    ^^^^
FROM ghcr.io/org/tool
#    ^^^^^^^^^^^^^^^^
```

Tags, digests, `scratch`, an earlier stage, a tag from an `ARG`, and an image the build chooses:

```dockerfile pass
ARG TAG=3.20
ARG BASE
FROM golang:1.23 AS build
FROM build AS test
FROM ruby@sha256:f1dbca0f5dbc9b8f4ad0de4b8c1c8a2b5f4c6e7d8a9b0c1d2e3f4a5b6c7d8e9f0
FROM alpine:${TAG}
FROM ${BASE}
FROM scratch
```

"""##,
        "DL3007": ##"""
# DL3007 no-latest-tag

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3007 |

Using latest is prone to errors if the image will ever update: pin the version explicitly to a release tag.

## What it checks

Every `FROM` that pulls an image tagged `latest`, with no digest. Variables from `ARG`s
declared before the first `FROM` are substituted first when their defaults are constant:
`ARG TAG=latest` … `FROM debian:${TAG}` is reported. Tags are case-sensitive, so `LATEST` is
some other tag.

The finding covers `latest` when it is written in the image word, otherwise the whole word.
An image without any tag is [DL3006](DL3006.md)'s.

Not reported: an image with a digest (`debian:latest@sha256:…` is pinned by the digest),
`scratch`, earlier stages, and a tag the build supplies (`ARG TAG` without a default).

## Why it matters

`latest` is only the tag that was pushed last: it moves to a new major version of the
operating system or runtime without notice, so the same Dockerfile builds a different image
next week, and a failure cannot be traced to a change in the repository. Name the release you
tested with, and update it on purpose (Renovate and Dependabot do this for tags).

## Differences from hadolint

hadolint looks at the tag as written, so a `latest` that comes from an `ARG` default passes
(hadolint issue #412):

```dockerfile fail
ARG TAG=latest
FROM debian:${TAG}
#    ^^^^^^^^^^^^^
```

## Examples

```dockerfile fail
FROM debian:latest
#           ^^^^^^
FROM ghcr.io/org/tool:latest AS tool
#                     ^^^^^^
```

A release tag, a digest (with or without a `latest` tag beside it), and a tag the build chooses:

```dockerfile pass
ARG TAG
FROM debian:bookworm
FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb
FROM node:${TAG}
```

"""##,
        "DL3008": ##"""
# DL3008 pin-apt-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3008 |

Pin versions in apt-get install.

## What it checks

Each package of an `apt-get install` (also `apt install` and `aptitude install`) that names no
version: `curl` rather than `curl=7.88.1-10+deb12u8`. The finding covers the package word, one
per package. Counted as pinned: `name=version` (wildcards such as `=2.2.*` included), a release
(`name/bookworm-backports`), a `.deb` file, and `name-` (a removal).

The command is found wherever it runs: after options (`apt-get -qq -y install`), by path
(`/usr/bin/apt-get`), behind `sudo`, `env`, `xargs`, `timeout`, `nice` and other wrappers, in
`sh -c '…'` strings and in heredoc scripts. Option values (`-t bookworm-backports`,
`-o Dpkg::Options::=--force-confold`) are not packages.

Packages that come from variables are read through their values:

- an `ARG` with a default or an `ENV` before the `RUN` (`ARG V=1.2` … `curl=${V}` is pinned;
  `ENV PKGS="curl git"` … `$PKGS` reports `curl` and `git` at the `$PKGS` word);
- a shell variable the same `RUN` set earlier to a literal value
  (`deps='gcc make'; apt-get install $deps`).

A value only known when the build runs (an `ARG` without default, `$(cat packages.txt)`, a
variable from the base image) counts as pinned: dlint cannot tell, and a version may well be in it.

## Why it matters

Without a version, each build installs whatever the archive holds that day: two builds of the
same Dockerfile differ, and a package update can break the image long after the file was
tested. A pinned version fails loudly when the archive drops it, which is the moment to review
the upgrade.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates=20230311 \
        curl \
#       ^^^^
    && rm -rf /var/lib/apt/lists/*
ENV TOOLS="git make=4.3-4.1"
RUN apt-get -qq install --no-install-recommends $TOOLS
#                                               ^^^^^^
```

```dockerfile pass
FROM debian:bookworm
ARG CURL_VERSION=7.88.1-10+deb12u8
RUN apt-get update && apt-get install -y --no-install-recommends \
        curl=${CURL_VERSION} \
        python3=3.11.2-1+b1 \
        openjdk-17-jdk/bookworm-backports \
        ./vendor/tool_1.0_amd64.deb \
    && rm -rf /var/lib/apt/lists/*
ARG EXTRA
RUN apt-get install -y --no-install-recommends $EXTRA
```

## Differences from hadolint

hadolint reads only `apt-get` by that exact name: not `apt install`, `aptitude install`,
`/usr/bin/apt-get`, nor commands behind `sudo` or `xargs`. It does not expand variables, so an
`ENV` or `ARG` list of unpinned packages passes, while a word made only of a build-time variable
is reported. dlint reads the values it can know and takes the others as pinned:

```dockerfile fail
FROM debian:bookworm
ENV PACKAGES="curl git"
RUN sudo apt-get install -y --no-install-recommends $PACKAGES
#                                                   ^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
ARG PACKAGES
RUN apt-get install -y --no-install-recommends $PACKAGES
```

"""##,
        "DL3009": ##"""
# DL3009 delete-apt-lists

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3009 |

Delete the apt lists in the RUN that runs apt-get update.

## What it checks

An `apt-get update` (or `apt update`) in a `RUN` that is not followed, later in the same `RUN`,
by a command that removes the package lists it downloaded into `/var/lib/apt/lists`:
`rm -rf /var/lib/apt/lists/*` (any `rm` of that directory, its contents or a parent), or
`apt-get dist-clean` (apt 2.7 and later). The finding covers the command from `apt-get` to
`update`, wrappers such as `sudo` or `env` and `sh -c '…'` strings are looked through, and the
commands of heredoc scripts count in source order.

Not reported:

- a `RUN` with a cache or tmpfs mount (`--mount=type=cache,target=/var/lib/apt/lists`, or a
  parent such as `/var/lib/apt`): the lists never reach the layer;
- `apt-get install` without `apt-get update` in the same `RUN`: it does not fill the lists (the
  `RUN` that downloaded them is the one to fix);
- a stage whose layers do not ship. Only the final stage and the stages it is built on
  (`FROM <stage>`, transitively) put their layers in the image; a builder stage that the final
  stage only copies files from (`COPY --from`) may keep its lists. A base named through a
  variable only the build sets (`FROM base-$TARGETARCH`) ships every stage the name can match.
  This assumes the default target, the last stage. The same exemption applies to every rule of the family (DL3009,
  DL3019, DL3042, DL3032, DL3040, DL3036, DL3060).

`apt-get clean` does not count: it empties `/var/cache/apt/archives`, not the lists (and Debian
and Ubuntu images already do that after every install).

## Why it matters

The lists take tens of megabytes. Each `RUN` is a layer, and a file deleted by a later `RUN`
still takes space in the earlier layer, so the cleanup must happen in the `RUN` that downloaded
them. Stale lists in an image are also useless: any later install must run `apt-get update`
again.

## Examples

Lists left behind, including by a `RUN` that removes them in a later instruction (too late), and
by an update on an inner continuation line:

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
#   ^^^^^^^^^^^^^^
RUN rm -rf /var/lib/apt/lists/*
RUN set -eux; \
    savedAptMark="$(apt-mark showmanual)"; \
    apt-get -qq update; \
#   ^^^^^^^^^^^^^^^^^^
    apt-get install -y --no-install-recommends ca-certificates; \
    apt-get clean
```

A cleanup before the update does not help, and `sh -c` strings are checked too:

```dockerfile fail
FROM ubuntu:24.04
RUN rm -rf /var/lib/apt/lists/* && apt update && apt install -y git
#                                  ^^^^^^^^^^
RUN sudo sh -c 'apt-get update && apt-get install -y make'
#               ^^^^^^^^^^^^^^
```

The usual pattern of official images, with the apt-mark state saved and restored, `dist-clean`,
a cache mount, and a heredoc:

```dockerfile pass
FROM debian:bookworm
RUN set -eux; \
    savedAptMark="$(apt-mark showmanual)"; \
    apt-get update; \
    apt-get install -y --no-install-recommends wget; \
    apt-mark auto '.*' > /dev/null; \
    [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y curl && apt-get dist-clean
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y git
RUN <<EOT
apt-get update
apt-get install -y make
rm -rf /var/lib/apt/lists/*
EOT
```

A builder stage the final stage only copies from need not clean up; a stage the final stage is
built on must:

```dockerfile pass
FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y gcc
RUN gcc -o /hello hello.c

FROM debian:bookworm-slim
COPY --from=builder /hello /usr/local/bin/hello
```

```dockerfile fail
FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y libssl3
#   ^^^^^^^^^^^^^^

FROM base
CMD ["bash"]
```

## Fix

Appends `rm -rf /var/lib/apt/lists/*` to the same `RUN` (with `sudo` when the update used it).
**Unsafe**: the image changes. Its lists are gone, so a later `apt-get install` (in a later
`RUN`, or in a container) must run `apt-get update` first; that is the point, but a Dockerfile
that relied on the lists in a later `RUN` would break.

The cleanup goes after the last command of the script that holds the offending command (the
`RUN` line, or the heredoc body it is in; a command inside `sh -c '…'` gets it after the `sh -c`),
joined with `&&`. `a; b || c && cleanup` is `a; (b || c) && cleanup`, so the cleanup runs only
when the `RUN` would have succeeded, and a failing `RUN` still fails with its own status; `;` is
used instead only where it means the same, when `set -e` (or a `SHELL` with `-e`) is in effect
and the commands are separated by `;` (or by lines, in a heredoc), as in official images. The text
follows the layout of the `RUN`: a one-line `RUN` gets ` && cleanup` on its line (before a
trailing `;` or comment); a `RUN` whose last command sits on a continuation line with a leading
`&&` gets a new `    && cleanup` line, one with trailing `&& \` or `; \` gets ` && \` (or `; \`)
and a new `    cleanup` line, copying the escape character (backslash or backtick), the blanks
around it, the line ending (CRLF stays CRLF) and the indentation; a heredoc script with `set -e`
gets a new line before its terminator, one without gets ` && cleanup` on its last line. Comment
lines and a dangling continuation after the last command stay after the cleanup. When the
command ran through a plain `sudo` (or `doas`), the cleanup does too.

No fix is offered when the cleanup cannot be placed for sure: a script with a background job
(`&`, the cleanup could run before the job fills the cache), a script the shell parser does not
fully understand, a script ending in a function definition, or a command run as another user
(`sudo -u app …`, the cleanup would not reach that user's cache).

A one-line `RUN`:

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
#   ^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
```

A continued `RUN` with leading `&&`, and the official-image layout with `set -eux` and `;`
(the dangling `;` line stays in place):

```dockerfile fail
FROM debian:bookworm
RUN apt-get update \
#   ^^^^^^^^^^^^^^
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        curl
RUN set -eux; \
    apt-get update; \
#   ^^^^^^^^^^^^^^
    apt-get install -y --no-install-recommends \
        wget \
    ;
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        curl \
    && rm -rf /var/lib/apt/lists/*
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        wget \
    ; \
    rm -rf /var/lib/apt/lists/*
```

A heredoc with `set -e` gets a line of its own; without `set -e`, a `;`-separated `RUN` gets
`&&` so that a failing last command still fails the build:

```dockerfile fail
# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOT
set -e
apt-get update
#^^^^^^^^^^^^^
apt-get install -y make
EOT
RUN apt-get update; apt-get install -y git
#   ^^^^^^^^^^^^^^
```

```dockerfile fixed
# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOT
set -e
apt-get update
apt-get install -y make
rm -rf /var/lib/apt/lists/*
EOT
RUN apt-get update; apt-get install -y git && rm -rf /var/lib/apt/lists/*
```

## Differences from hadolint

hadolint 2.15 tracks this rule per stage, so a file without `FROM` (a fragment that a template
pastes into a stage, a file of `RUN` lines) is never reported. dlint checks such a file as a
stage whose layers ship: the stage it goes into may well be the final one. The same holds for
every rule of the family (DL3009, DL3019, DL3042, DL3032, DL3040, DL3036, DL3060), and so does
the following: `ONBUILD RUN` triggers are checked (they run in the image built `FROM` this
one, and ship with it when this stage's layers ship), and so is the script of an exec-form
shell, `RUN ["/bin/sh", "-c", "…"]`, which hadolint reads as the words joined.

```dockerfile fail
FROM debian:bookworm
RUN ["/bin/bash", "-eo", "pipefail", "-c", "apt-get update && apt-get install -y curl"]
#                                           ^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN ["/bin/bash", "-eo", "pipefail", "-c", "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"]
```

"""##,
        "DL3010": ##"""
# DL3010 add-for-archives

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3010 |

Use ADD for extracting archives into an image.

## What it checks

A `COPY` of a local archive — a source named like a tar archive `ADD` unpacks (`.tar`, `.gz`,
`.tgz`, `.bz2`, `.tbz`, `.tbz2`, `.tb2`, `.xz`, `.txz`, `.zst`, `.tzst`), or, as hadolint does,
a destination named like one, which is the name the archive then goes by — followed in the same
stage by a `RUN` that extracts a file of that name:

- `tar` with `-x…`, the old bundled form `tar xzf`, `--extract` or `--get`, the file named by any
  of its arguments (compared by the last path component, `/` or `\` separated);
- a decompressor (`gunzip`, `zcat`, `unxz`, `bunzip2`, `unzstd`, `gzip -d` …) of a compressed
  tarball (`app.tar.gz`, `app.tgz`).

`COPY --from` is not considered: `ADD` cannot unpack from another stage. Nor is a `tar` that uses
options `ADD` has no counterpart for: `--strip-components`, `--exclude`, `--wildcards`,
`--transform`. Commands are found through wrappers (`sudo`, `env` …) and `sh -c` strings.

## Why it matters

The archive `COPY` brings in stays in that layer for good, even when the `RUN` deletes it
afterwards: the image carries the archive and its extracted contents. `ADD app.tar.gz /opt/app/`
unpacks in one step and keeps only the contents.

## Examples

A tarball copied, then extracted, directly and by a decompressor in a pipeline:

```dockerfile fail
FROM debian:12
COPY dist/app.tar.gz /tmp/
#    ^^^^^^^^^^^^^^^
COPY vendor.tgz /tmp/vendor.tgz
#    ^^^^^^^^^^
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
RUN zcat /tmp/vendor.tgz | tar -x -C /opt/vendor
```

An archive only kept, one extracted with `--strip-components`, an archive from another stage,
a plain compressed file, and an extraction in another stage:

```dockerfile pass
FROM debian:12 AS build
COPY release.tar.gz /srv/
COPY node.tar.xz /tmp/
RUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1
COPY data.json.gz /tmp/
RUN gunzip /tmp/data.json.gz
COPY --from=build /srv/release.tar.gz /tmp/
FROM debian:12
RUN tar -xzf /srv/release.tar.gz
```

## Differences from hadolint

hadolint also counts a decompressor run on any compressed file, though `ADD` does not unpack a
compressed file that is not a tar archive (`data.json.gz` stays compressed). It does not see the
old `tar xzf` form, and reports extractions with `--strip-components`, which `ADD` cannot do.

```dockerfile pass
FROM debian:12
COPY data.json.gz /tmp/
RUN gunzip /tmp/data.json.gz
```

"""##,
        "DL3011": ##"""
# DL3011 valid-port

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3011 |

Valid UNIX ports range from 0 to 65535.

## What it checks

Each port of an `EXPOSE`: a number, a range (`8000-8100`), either with a protocol (`53/udp`),
with a number above 65535. Variables are substituted where the file fixes their values
(`ARG PORT=80800` then `EXPOSE $PORT` is reported); a port from a variable whose value is unknown
is not. Text that is not a port at all (`EXPOSE 80:80`) is left to the format checks.

## Why it matters

A TCP or UDP port is a 16-bit number. The build records whatever `EXPOSE` says, and the mistake —
usually a typo, `80800` for `8080` — shows only when `docker run -P` or an orchestrator tries to
publish the port.

## Examples

A typo, the end of a range, and a port from a constant `ARG`:

```dockerfile fail
FROM nginx:1.27
EXPOSE 80800
#      ^^^^^
EXPOSE 8000-70000/tcp
#      ^^^^^^^^^^^^^^
ARG METRICS_PORT=99999
EXPOSE ${METRICS_PORT}
#      ^^^^^^^^^^^^^^^
```

Ports in range, with protocols, a range, and a variable the file does not fix:

```dockerfile pass
FROM nginx:1.27
ARG EXTRA_PORT
EXPOSE 0 80 443/tcp 53/udp 65535
EXPOSE 8000-8100
EXPOSE $EXTRA_PORT
```

"""##,
        "DL3012": ##"""
# DL3012 single-healthcheck

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3012 |

Multiple HEALTHCHECK instructions.

## What it checks

A stage with more than one `HEALTHCHECK` (`HEALTHCHECK NONE` included). Each one that a later
`HEALTHCHECK` of the same stage replaces is reported. Stages are separate: a `HEALTHCHECK` in
each stage is fine.

## Why it matters

The health check is one setting of the image: each `HEALTHCHECK` replaces the one before, and
only the last of the stage takes effect. The earlier ones are dead text that a reader may take
for the check that runs.

## Examples

```dockerfile fail
FROM nginx:1.27
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
HEALTHCHECK --interval=10s CMD curl -f http://localhost/health || exit 1
```

One per stage:

```dockerfile pass
FROM nginx:1.27 AS base
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
FROM base
HEALTHCHECK --interval=10s CMD curl -f http://localhost/health || exit 1
```

## Differences from hadolint

hadolint reports the later instructions; dlint reports the ones that have no effect, as BuildKit
does for `CMD` and `ENTRYPOINT`, and names the line of the one that replaces each.

"""##,
        "DL3013": ##"""
# DL3013 pin-pip-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3013 |

Pin versions in pip install: use <package>==<version> or a requirements file.

## What it checks

Each requirement of a `pip install` that pins no version. The finding covers the requirement's
word; one finding per unpinned requirement.

The command is recognised as `pip`, `pip3`, `pip3.12`, a path (`/usr/local/bin/pip`,
`/opt/venv/bin/pip`), `python3 -m pip`, `uv pip install` and `pipx install`, behind `sudo`,
`env`, `nice` and the like, in `&&`/`;` lists, `sh -c '…'` strings, heredoc scripts, the exec
form (`RUN ["pip", "install", "flask"]`) and `ONBUILD RUN`. Options before `install`
(`pip --no-cache-dir install`) and pip's options that take a value (`--index-url URL`,
`--timeout 60`, `-t DIR`, `-C key=value` …) are read as pip reads them, so their values are not
taken for packages.

A requirement is pinned when it has a version specifier (`==`, `===`, `~=`, `>=`, `<=`, `>`,
`<`, `!=`, with or without extras: `flask[async]==3.0.3`). Not reported either:

- local directories and files: `.`, `.[dev]`, `./pkg`, `/src/pkg`, `~/pkg`, `dist/x.whl`, and
  archives (`.whl`, `.tar.gz`, `.zip` …);
- URLs of archives (`https://…/x.zip`, `name @ https://…`), and version-control URLs with a
  revision after the path (`git+https://github.com/org/repo.git@v1.2#egg=repo`); without a
  revision they are reported (`git+https://github.com/org/repo.git`), also after `-e`;
- the whole command when the versions come from elsewhere: `-r`/`--requirement` or
  `-c`/`--constraint` files, `PIP_CONSTRAINT` set (by `ENV`, `ARG` or on the command), or
  `--no-index` (only local files, e.g. `--find-links /wheels`, are installed).

Versions from `ARG`s and `ENV`s with a value written in the file are resolved before judging:
with `ARG PACKAGES="flask requests==2.32.3"`, `pip install $PACKAGES` reports `flask`. A value
only known at build time (`ARG V` without a default, `$(cat file)`, a variable the `RUN` sets
itself) is taken as pinned: it cannot be judged, and the rule stays quiet rather than guess.

`pip install --upgrade pip` is reported like any other install: the image gets whatever pip is
newest on the day it is built. `pipenv` and `poetry` are other programs, and are not checked.

## Why it matters

An unpinned requirement installs the newest release on the day of the build. Two builds of the
same Dockerfile then differ, and a release that breaks the application, or a compromised one,
goes into the image without a change to the file. Pin each package, or install from a
requirements or constraints file (ideally a lock file with hashes, `pip install --require-hashes
-r requirements.txt`) that changes only in review.

## Examples

```dockerfile fail
FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip
#                                        ^^^
RUN python3 -m pip install --no-cache-dir -i https://pypi.example/simple flask "gunicorn[gevent]"
#                                                                        ^^^^^ ^^^^^^^^^^^^^^^^^^
RUN /opt/venv/bin/pip install --no-cache-dir \
        requests==2.32.3 \
        git+https://github.com/org/tool.git#egg=tool
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

Versions written in the command, from an `ARG`, in a requirements file, or local packages:

```dockerfile pass
FROM python:3.12-slim
ARG FLASK_VERSION=3.0.3
RUN pip install --no-cache-dir "flask==${FLASK_VERSION}" 'gunicorn[gevent]~=22.0' 'uvicorn>=0.30,<0.31'
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt
RUN pip install --no-cache-dir -c constraints.txt celery redis
COPY . /src
RUN pip install --no-cache-dir /src '.[dev]' dist/app-1.0-py3-none-any.whl
RUN pip install --no-cache-dir git+https://github.com/org/tool.git@v1.4.0#egg=tool
```

## Differences from hadolint

hadolint does not see `pip` behind `sudo` or `env`, by a path, in `uv pip install`, or inside
`sh -c '…'`; dlint does:

```dockerfile fail
FROM python:3.12-slim
RUN sudo /usr/local/bin/pip install --no-cache-dir flask && uv pip install --system requests
#                                                  ^^^^^                            ^^^^^^^^
```

hadolint takes the value of an option it does not know for a package (`--timeout 60 flask==3.0.3`
is reported for `60`), reports local directories with extras (`.[dev]`), ignores `-e` requirements, and judges a variable
by its text: `pip install $PACKAGES` is reported whatever `ARG PACKAGES` holds. It exempts
a whole command when a `.` appears among its words (`pip install . flask`); dlint still reports
`flask`. A version-control URL counts as pinned in hadolint when an `@` appears anywhere in it,
including the user name (`git+ssh://git@github.com/org/repo.git`); dlint looks for a revision
after the path:

```dockerfile fail
FROM python:3.12-slim
RUN pip install --no-cache-dir git+ssh://git@github.com/org/repo.git . flask
#                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^   ^^^^^
```

hadolint reads the words of a command as text; dlint reads them as the shell does. Unquoted,
`flask>=3.0` is `flask` with its output redirected to a file named `=3.0`:

```dockerfile fail
FROM python:3.12-slim
RUN pip install --no-cache-dir flask>=3.0
#                              ^^^^^
```

```dockerfile pass
FROM python:3.12-slim
ARG V
RUN pip install --no-cache-dir --timeout 60 flask==3.0.3 '.[dev]' "requests${V}"
RUN pip install --no-cache-dir --no-index --find-links /wheels flask
```

"""##,
        "DL3014": ##"""
# DL3014 apt-get-assume-yes

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3014 |

Use the -y switch with apt-get install.

## What it checks

An apt command that asks for confirmation before changing packages, without an option that
answers it: `install`, `reinstall`, `remove`, `purge`, `autoremove`, `autopurge`, `upgrade`,
`dist-upgrade`, `full-upgrade`, `dselect-upgrade`, `build-dep` and `satisfy` of `apt-get` and
`apt`, and `aptitude install`. The finding covers the command from the program to the
subcommand (`apt-get -qq install`).

Answers that count: `-y`, `--yes`, `--assume-yes` (alone or in a cluster such as `-qy`), quiet
level 2, which implies `-y` (`-qq`, `-q -q`, `--quiet --quiet`, `-q=2`, `--quiet=2`), and
`-o APT::Get::Assume-Yes=true`. So does `APT::Get::Assume-Yes "true";` written to
`/etc/apt/apt.conf*` by an earlier command of the stage or of a stage it is built `FROM`
(`echo … > /etc/apt/apt.conf.d/90yes`, `… | tee /etc/apt/apt.conf.d/90yes`). `-q` alone does not.

Commands are found as for [DL3008](DL3008.md): after options, by path, behind wrappers, in
`sh -c` strings and heredocs.

## Why it matters

A build has no terminal. When apt-get has more to do than the packages named (dependencies to
add, packages to remove, upgrades) it asks "Do you want to continue?", reads the empty standard
input and aborts: the build fails, or passes today and fails the day a dependency is added.

## Fix

Inserts `-y` right after the subcommand word, wherever it is (continued line, `sh -c` string,
heredoc). **Safe**: a build that succeeded without `-y` never reached the question, so it does
the same with it; only builds that would have aborted at the prompt now go on.

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends \
#                     ^^^^^^^^^^^^^^^
        curl=7.88.1-10+deb12u8 \
    && apt-get -q purge wget
#      ^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        curl=7.88.1-10+deb12u8 \
    && apt-get -q purge -y wget
```

## Examples

```dockerfile pass
FROM debian:bookworm
RUN apt-get update && apt-get -qq install --no-install-recommends curl=7.88.1-10+deb12u8
RUN apt-get --yes upgrade && apt-get autoremove --assume-yes && apt-get clean
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assume-yes
RUN apt-get install --no-install-recommends git=1:2.39.5-0+deb12u2
```

## Differences from hadolint

hadolint looks at `apt-get install` only, by that exact name, and does not take quiet level 2
written as `--quiet=2`, nor a configuration file. dlint also reports the other subcommands that
ask (they abort the same way) and `apt`/`aptitude`:

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get -y upgrade && apt-get autoremove
#                                           ^^^^^^^^^^^^^^^^^^
```

"""##,
        "DL3015": ##"""
# DL3015 apt-no-install-recommends

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3015 |

Avoid additional packages by specifying --no-install-recommends.

## What it checks

An `apt-get install` (or `apt install`, `aptitude install`) that also installs the packages
the requested ones recommend. The finding covers the command from the program to `install`.

Not reported when recommended packages are turned off: `--no-install-recommends`,
`--install-recommends=false`, `-o APT::Install-Recommends=false` (or `0`), aptitude's
`-R`/`--without-recommends`, or `APT::Install-Recommends "false";` written to
`/etc/apt/apt.conf*` by an earlier command of the stage or of a stage it is built `FROM`.

Commands are found as for [DL3008](DL3008.md): after options, by path, behind wrappers, in
`sh -c` strings and heredocs.

## Why it matters

Debian and Ubuntu install recommended packages by default: documentation tools, fonts, X
libraries, compilers. They make the image larger, slower to pull and broader to attack, for
software the image rarely uses; the packages it really needs are better named.

## Fix

Inserts `--no-install-recommends` (aptitude: `--without-recommends`) right after `install`.
**Unsafe**: the image gets fewer packages. Software that relied on a recommended package (a CA
bundle, a locale, a helper program) can fail at run time; add what it needs by name.

```dockerfile fail
FROM debian:bookworm
RUN apt-get update \
    && apt-get -y install \
#      ^^^^^^^^^^^^^^^^^^
        curl=7.88.1-10+deb12u8
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update \
    && apt-get -y install --no-install-recommends \
        curl=7.88.1-10+deb12u8
```

## Examples

```dockerfile fail
FROM ubuntu:24.04
RUN apt-get update && sh -c 'apt-get install -y git=1:2.43.0-1ubuntu7'
#                            ^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm AS base
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
RUN apt-get -o APT::Install-Recommends=0 install -y git=1:2.39.5-0+deb12u2
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/90no-recommends
FROM base
RUN apt-get install -y make=4.3-4.1
```

## Differences from hadolint

hadolint reads `apt-get` only, by that exact name, and does not see a configuration file that
turns recommended packages off, so every install after it is reported. dlint follows the
setting:

```dockerfile pass
FROM debian:bookworm
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/90no-recommends \
    && apt-get update && apt-get install -y curl=7.88.1-10+deb12u8
```

"""##,
        "DL3016": ##"""
# DL3016 pin-npm-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3016 |

Pin versions in npm install: use <package>@<version>.

## What it checks

Each package of an `npm install` (or its aliases `npm i`, `npm add`, `npm isntall` …) that pins
no version. The finding covers the package's word; one finding per unpinned package. `npm`
behind `sudo`, `env` and the like, inside `sh -c '…'`, heredoc scripts, the exec form and
`ONBUILD RUN` counts. Options before the command (`npm --prefix /app install`) and npm's options
that take a value (`--registry URL`, `--omit dev`, `--loglevel warn`, `-w workspace` …) are read
as npm reads them.

Reported:

- a registry package without a version (`express`, `@scope/pkg`), or with `@latest`, `@*` or
  an empty one (`npm@latest` is what `npm` alone installs);
- a git repository without a commit, tag or `semver:` range after `#`
  (`git+https://github.com/org/repo.git`, `github:org/repo`, `org/repo`).

Not reported: versions, ranges and other tags (`express@4.19.2`, `@scope/pkg@^1.2`, `pkg@next`),
aliases with a version (`alias@npm:pkg@1.2.3`), folders (`.`, `./pkg`, `/src`, `~/pkg`,
`file:../pkg`), tarballs (`.tgz`, `.tar`, `.tar.gz`) and other URLs, and `npm install` or
`npm ci` without packages, which install what `package.json` and the lock file say.

Versions from `ARG`s and `ENV`s with a value written in the file are resolved first
(`ARG NPM_VERSION=latest` makes `npm install -g npm@${NPM_VERSION}` unpinned); a value only
known at build time is taken as pinned.

## Why it matters

`npm install express` installs the `latest` tag on the day of the build, and saves a caret range
(`^4.19.2`) into `package.json` that later installs widen. The image then changes without a
change to the Dockerfile. Pin the version, or let `npm ci` install from a lock file.

## Examples

```dockerfile fail
FROM node:22-slim
RUN npm install -g npm@latest pnpm
#                  ^^^^^^^^^^ ^^^^
RUN npm --prefix /app install --omit dev express @types/node@22.5.0 @fastify/static
#                                        ^^^^^^^                    ^^^^^^^^^^^^^^^
RUN npm install git+https://github.com/org/tool.git
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM node:22-slim
ARG PNPM_VERSION=9.7.0
RUN npm install -g npm@10.8.2 "pnpm@${PNPM_VERSION}" @angular/cli@^18.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install
COPY . .
RUN npm install ./packages/shared ../vendor/lib-1.2.3.tgz github:org/tool#v1.4.0
```

## Differences from hadolint

hadolint checks only the spelling `npm install` with `install` first, and takes the value of an
option it does not know for a package; it treats `@latest` as a version. dlint reads the
aliases, options before the command, and `@latest`:

```dockerfile fail
FROM node:22-slim
RUN npm i -g npm@latest && npm --prefix /app add express
#            ^^^^^^^^^^                          ^^^^^^^
```

```dockerfile pass
FROM node:22-slim
RUN npm install --omit dev && npm install file:../shared
```

"""##,
        "DL3018": ##"""
# DL3018 pin-apk-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3018 |

Pin versions in apk add.

## What it checks

Each package of an `apk add` that names no version: `curl` rather than `curl=8.5.0-r0`. The
finding covers the package word, one per package. Counted as pinned: `name=version`,
`name~version` (a fuzzy match such as `git~2.45`), `name>version` and `name<version`, and an
`.apk` file. The values of `--virtual`/`-t`, `--repository`/`-X` and the other options that take
one are not packages.

Commands are found after options (`apk --no-cache add`), by path, behind wrappers, in `sh -c`
strings and heredocs; packages from variables are read as for [DL3008](DL3008.md) (an `ARG`
default, an `ENV`, a shell variable set earlier in the `RUN`), and a value only known when the
build runs counts as pinned.

## Why it matters

Without a version, each build installs whatever the Alpine repository holds that day, so two
builds of the same file differ. Alpine keeps only the latest build of each package in a branch:
a pin then fails the build when the package moves on, which is the moment to review the upgrade
(a `~` pin keeps to a minor version and accepts its fixes).

## Examples

```dockerfile fail
FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 make \
#                                                                      ^^^^
    && deps='musl-dev zlib-dev~1.3' && apk add --no-cache $deps
#                                                         ^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG CURL_VERSION=8.9.1-r2
RUN apk add --no-cache curl=${CURL_VERSION} git~2.45 \
        --repository=https://dl-cdn.alpinelinux.org/alpine/edge/testing tool=1.0-r0 \
        /tmp/local-1.0.apk
RUN apk del .build-deps && apk upgrade --no-cache
```

## Differences from hadolint

hadolint does not expand variables: a list of unpinned packages set in the `RUN` or by an `ENV`
passes, while a word made only of a build-time variable is reported. dlint reads the values it
can know and takes the others as pinned:

```dockerfile fail
FROM alpine:3.20
RUN BASE_PKGS="tar curl=8.9.1-r2"; apk add --no-cache $BASE_PKGS
#                                                     ^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG PACKAGES
RUN apk add --no-cache $PACKAGES
```

"""##,
        "DL3019": ##"""
# DL3019 apk-no-cache

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3019 |

Use apk add --no-cache.

## What it checks

An `apk add` without `--no-cache` (before or after `add`). The finding covers the command from
`apk` to `add`; one finding per command, since the fix is a flag on each. `sudo`/`env`
wrappers, `sh -c '…'` strings and heredoc scripts are looked into.

Not reported:

- `apk add --no-network`: it cannot fetch an index (official images use it to register the
  run-time dependencies of what they built);
- a `RUN` with a cache or tmpfs mount on `/var/cache/apk` (or a parent);
- an `apk add` followed, later in the same `RUN`, by an `rm` of `/var/cache/apk` or its
  contents (`rm -rf /var/cache/apk/*`). hadolint reports this case; dlint does not, because the
  layer ends up without the cache all the same, as for the other rules of the family;
- `apk update` alone: pair it with `apk add --no-cache`, or better drop it;
- stages whose layers do not ship in the final image (see [DL3009](DL3009.md): only the final
  stage and the stages it is built `FROM` count).

## Why it matters

Without `--no-cache`, the package index that `--update` or an `apk update` fetched stays in
`/var/cache/apk`, in the layer, for good: a later `RUN` cannot remove it from that layer.
`apk add --no-cache` fetches the index to memory and leaves nothing behind, so neither
`apk update` nor a cleanup is needed.

## Examples

```dockerfile fail
FROM alpine:3.20
RUN apk update && apk add curl
#                 ^^^^^^^
RUN apk add --virtual .build-deps \
#   ^^^^^^^
        gcc musl-dev \
    && make \
    && apk del .build-deps \
    && apk --update add tini
#      ^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk --no-cache add --virtual .build-deps gcc \
    && make \
    && apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1 \
    && apk del .build-deps
RUN apk add -U git && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add make
```

## Fix

Inserts `--no-cache` right after `add`, in each offending command (also inside `sh -c '…'` and
heredocs), and removes the `apk update` the flag makes useless: with `--no-cache`, apk fetches a
fresh index for the command itself and keeps nothing, so an `apk update` before it only leaves the
index it fetched in the layer — the very thing the rule is about. The update goes (with the `&&`
after it) only when that is all it does, in the same `&&` chain: a plain `apk update` (options
allowed), first in the script or after `&&`, `;` or a newline, followed by `&&`, and every later
apk command of the script is an `apk add` that has or gets `--no-cache` (or uses
`--no-network`) or an `apk del`. An `apk update` that an `apk upgrade`, an `apk search` or an
`apk add` exempted by a cleanup still reads, or that is piped, redirected or followed by `;` or
`||`, stays, and so does one with a comment line between it and the next command.

**Unsafe**: the image changes. apk no longer keeps the package index in `/var/cache/apk`, and it
fetches a fresh index for this command instead of reading the one a preceding `apk update` left,
so the versions installed can differ from the cached index's.

```dockerfile fail
FROM alpine:3.20
RUN apk update && apk add curl \
#                 ^^^^^^^
        git \
    && apk --virtual .build-deps add gcc
#      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN apk add --no-cache curl \
        git \
    && apk --virtual .build-deps add --no-cache gcc
```

On its own line of a continued `RUN`, in the middle of a chain, and once per script:

```dockerfile fail
FROM alpine:3.20
RUN set -eux \
    && apk update \
    && apk add tini
#      ^^^^^^^
RUN apk update && apk add -q curl && apk update && apk add git
#                 ^^^^^^^                          ^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN set -eux \
    && apk add --no-cache tini
RUN apk add --no-cache -q curl && apk add --no-cache git
```

The update stays when something else still reads the index it fetched:

```dockerfile fail
FROM alpine:3.20
RUN apk update && apk upgrade && apk add curl
#                                ^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN apk update && apk upgrade && apk add --no-cache curl
```

"""##,
        "DL3020": ##"""
# DL3020 copy-instead-of-add

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | hadolint DL3020 |

Use COPY instead of ADD for files and folders.

## What it checks

An `ADD` (or `ONBUILD ADD`) none of whose sources needs `ADD`: no source is a URL (`http://`,
`https://`, `git@…`, anything with `://`) and none is named like an archive `ADD` unpacks — a tar
archive, plain or compressed with gzip, bzip2, xz or zstd (`.tar`, `.gz`, `.tgz`, `.bz2`,
`.tbz`, `.tbz2`, `.tb2`, `.xz`, `.txz`, `.zst`, `.tzst`). Sources are judged after the file's
own `ARG` and `ENV` values are substituted; a source built from a variable whose value the file
does not fix may be a URL, and the instruction is not reported. Here-documents
(`ADD <<EOF /etc/motd`) are plain files.

## Why it matters

`ADD` does what `COPY` does, plus two things that depend on the source: it downloads URLs and it
unpacks local tar archives. A reader of `ADD config /etc/app/` has to wonder whether `config` is
an archive that will be unpacked; with `COPY` there is nothing to wonder about, and a file that
happens to be a tar archive is copied as it is, as intended.

## Fix

The fix replaces the keyword `ADD` with `COPY`, in the same letter case. It is offered only when
every flag is one `COPY` takes too (`--chown`, `--chmod`, `--link`, `--exclude`); `--checksum`,
`--keep-git-dir` and `--unpack` belong to `ADD` alone.

`ADD` unpacks a local file only when its content is a tar archive. The fix is **safe** when every
source is a path without wildcards: its name is not an archive's, and a tar archive under a name
without an archive extension is taken not to exist (the one assumption a linter must make, since
it cannot read the build context). It is **unsafe** when a source holds a wildcard (`*`, `?`,
`[`), which may match an archive.

```dockerfile fail
FROM alpine:3.20
ADD --chown=app:app config/ /etc/app/
#^^
add requirements.txt setup.py /src/
#^^
ADD *.conf /etc/app/conf.d/
#^^
```

```dockerfile fixed
FROM alpine:3.20
COPY --chown=app:app config/ /etc/app/
copy requirements.txt setup.py /src/
COPY *.conf /etc/app/conf.d/
```

## Examples

A local file and a here-document:

```dockerfile fail
FROM alpine:3.20
ADD app.py /srv/
#^^
ADD <<EOF /etc/motd
#^^
Welcome
EOF
```

Archives and URLs, which `ADD` is for, and a source from a variable the file does not fix:

```dockerfile pass
FROM alpine:3.20
ARG SOURCE
ADD rootfs.tar.xz /
ADD https://example.com/app.tgz /opt/
ADD git@github.com:moby/buildkit.git /src/buildkit
ADD ${SOURCE} /opt/
```

## Differences from hadolint

hadolint also counts `.Z`, `.lz`, `.lzma`, `.tlz`, `.tpz` and `.tZ` as archives; `ADD` copies
those as they are, so dlint reports them. dlint knows `.zst` and `.tzst`, which `ADD` unpacks and
hadolint reports. A source whose value is unknown is not reported (hadolint reports
`ADD $SRC /x`).

```dockerfile fail
FROM alpine:3.20
ADD data.lzma /srv/
#^^
```

"""##,
        "DL3021": ##"""
# DL3021 copy-to-directory

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | hadolint DL3021 |

COPY with more than 2 arguments requires the last argument to end with /.

## What it checks

A `COPY` or `ADD` (also in `ONBUILD`) with more than one source — here-documents count — whose
destination does not end with `/` (or, for Windows images, `\`). The destination is judged after
the file's own `ARG` and `ENV` values are substituted (`COPY a b $APP_HOME` with
`ENV APP_HOME=/srv/` passes); one built from a variable whose value the file does not fix may
well end with a slash, and is not reported.

## Why it matters

Several sources can only go into a directory. The Dockerfile reference requires the trailing `/`
and the classic builder fails without it ("When using COPY with more than one source file, the
destination must be a directory and end with a /"). BuildKit accepts the instruction, and where
the destination does not exist yet it may copy the sources over one another into a single file
(moby/buildkit#1853): the image silently misses files.

## Fix

The fix appends `/` to the destination, inside its closing quote if it is quoted
(`"/srv/app"` becomes `"/srv/app/"`, in JSON form too).

It is **safe** when the destination is certainly an existing directory: `.`, `..`, a path ending
in `/.` or `/..`, or the stage's `WORKDIR` written as an absolute path. The slash then changes
nothing but the builder's reading. Otherwise it is **unsafe**: where BuildKit would have written a
single file, the fixed instruction creates a directory holding all the sources — what the
instruction means, but not what the image held. Windows images get no fix.

```dockerfile fail
FROM node:20
WORKDIR /srv/app
COPY package.json package-lock.json .
#                                   ^
COPY ["tsconfig.json", "src", "/srv/app"]
#                             ^^^^^^^^^^
COPY --chown=node bin/start bin/stop "/usr/local/bin"
#                                    ^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM node:20
WORKDIR /srv/app
COPY package.json package-lock.json ./
COPY ["tsconfig.json", "src", "/srv/app/"]
COPY --chown=node bin/start bin/stop "/usr/local/bin/"
```

## Examples

Two sources into a destination without a slash, and a here-document with a file:

```dockerfile fail
FROM alpine:3.20
COPY nginx.conf mime.types /etc/nginx
#                          ^^^^^^^^^^
COPY <<EOF motd /etc
#               ^^^^
Welcome
EOF
```

One source, destinations ending with `/`, one from a variable that ends with `/`, and one from a
variable the file does not fix:

```dockerfile pass
FROM alpine:3.20
ARG TARGET
ENV APP_HOME=/srv/
COPY nginx.conf /etc/nginx/nginx.conf
COPY nginx.conf mime.types /etc/nginx/
COPY a.txt b.txt $APP_HOME
COPY a.txt b.txt $TARGET
```

## Differences from hadolint

hadolint checks `COPY` only; `ADD` has the same requirement, and dlint checks it too. hadolint
reports a destination from a variable without looking at its value.

```dockerfile fail
FROM alpine:3.20
ADD a.tar.gz b.tar.gz /opt
#                     ^^^^
```

"""##,
        "DL3022": ##"""
# DL3022 copy-from-known-stage

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3022 |

COPY --from should reference a previously defined FROM alias.

## What it checks

The value of `COPY --from=X`, and of the `from=X` field of a `RUN --mount` of type `bind` or
`cache`, when it is none of:

- the name of a stage defined earlier in the file (compared ignoring case, as BuildKit does);
- the index of an earlier stage (`COPY --from=0`);
- something that looks like an image reference: a value with a tag or digest (`:`, `@`) or a
  path (`/`), such as `golang:1.22`, `docker.io/library/golang:1.22` or `tianon/true`.

In particular it reports:

- a stage defined **later** in the file, by name or by index: BuildKit fails with "cannot copy
  from stage, it needs to be defined before current stage";
- a stage index past the last stage;
- a bare word that is no stage name (`--from=buidler`): most often a typo of a stage name. If it
  really is an image, write its tag (`--from=nginx:1.27`), which also pins it.

hadolint treats only a value with `:` as an image, so it reports `--from=tianon/true`; dlint
also accepts `/` and `@`, which no stage name can contain.

Not reported: a value built from a variable whose value the file does not fix
(`--from=${BASE}` with `ARG BASE` and no default) — it may name anything; the stage's own name
or index, which is [DL3023](DL3023.md); a mount's `from=0`, which BuildKit reads as an image name
and [DX1003](DX1003.md) reports. `ONBUILD COPY --from` is not checked: the trigger runs in a
child image, whose stages this file does not know. A named build context
(`docker build --build-context tools=...` with `COPY --from=tools`) looks like an unknown bare
word and is reported; suppress the finding there.

## Why it matters

BuildKit reads a `--from` value it does not know as a stage as an image name. A misspelled stage
name therefore does not fail with a clear message: the build tries to pull an image of that name
from Docker Hub, which fails with an access error or, worse, succeeds with someone else's image.

## Examples

A typo, a later stage, an index that does not exist, and a mount from a later stage on a
continuation line:

```dockerfile fail
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20 AS runtime
COPY --from=buidler /out/app /usr/local/bin/app
#           ^^^^^^^
COPY --from=assets /srv/static /srv/static
#           ^^^^^^
COPY --from=5 /out/app /app
#           ^
RUN --mount=type=cache,target=/var/cache/apk \
    --mount=type=bind,from=assets,source=/srv,target=/mnt \
#                          ^^^^^^
    cp -r /mnt/static /srv/

FROM node:20 AS assets
RUN npm run build
```

Earlier stages by name (in any case) and by index, images written with a tag, a path or a
digest, a variable the file does not fix, and an `ONBUILD` trigger:

```dockerfile pass
ARG TOOLS_IMAGE
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=Builder /out/app /usr/local/bin/app
COPY --from=0 /out/app /usr/local/bin/app2
COPY --from=docker.io/library/golang:1.22 /usr/local/go /usr/local/go
COPY --from=tianon/true /true /bin/true
COPY --from=${TOOLS_IMAGE} /bin/tool /bin/tool
RUN --mount=type=bind,from=builder,source=/out,target=/in \
    cp /in/app /usr/local/bin/app3
ONBUILD COPY --from=assets /srv /srv
```

## Fix

None. The intended value cannot be known: a typo may be close to several stage names, or the
value may really be an image or a named build context (`--build-context`); a later stage has to
be moved above, which reorders the file. Any guess could make the build copy files from a
different place than meant.

"""##,
        "DL3023": ##"""
# DL3023 copy-from-own-stage

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3023 |

COPY --from cannot reference its own FROM alias.

## What it checks

`COPY --from=X`, and the `from=X` field of a `RUN --mount` of type `bind` or `cache`, where `X`
is the stage the instruction is written in: its name (compared ignoring case, as BuildKit does)
or its index. hadolint only checks the name; dlint also catches `COPY --from=1` written in
stage 1.

`FROM golang AS golang` is fine and not reported: BuildKit looks up the image of a `FROM`
before the stage's own name is known, so it is the `golang` image. A mount's `from=1` is not
reported either: BuildKit reads it as an image name, and [DX1003](DX1003.md) reports it.
`ONBUILD` triggers are ignored: they run in a child image.

## Why it matters

A stage cannot read files from itself while it is being built: BuildKit stops with a circular
dependency error. Usually the `--from` value is a copy-paste leftover, or the stage names were
reshuffled; to copy files within a stage use a plain `RUN cp`, or copy from the stage that
produced them.

## Examples

```dockerfile fail
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
COPY --from=Build /out/app /usr/local/bin/app
#           ^^^^^
COPY --from=0 /out/app /usr/local/bin/app2
#           ^
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=bind,from=build,source=/out,target=/in \
#                          ^^^^^
    cp /in/app /opt/app
```

```dockerfile pass
FROM golang:1.22 AS golang
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20 AS runtime
COPY --from=golang /out/app /usr/local/bin/app
COPY --from=0 /out/app /usr/local/bin/app2
```

## Fix

None. The reference is wrong, but what it should be is not in the file: the files may come from
an earlier stage, from an image, or from the stage itself (a plain `RUN cp`). Replacing it with
any of these is a guess.

"""##,
        "DL3024": ##"""
# DL3024 unique-stage-names

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3024, BuildKit `DuplicateStageName` |

FROM aliases (stage names) must be unique.

## What it checks

A stage whose name (`FROM image AS name`) was already used by an earlier stage. Names are
compared ignoring case, as BuildKit does: `AS build` and `AS Build` are the same name
(hadolint compares them case-sensitively and misses this). The finding covers the later
duplicate's name.

## Why it matters

BuildKit keeps one stage per name: `COPY --from=build` and `--target build` use the last stage
with that name, while `FROM build` uses the last one defined above it. With two stages of the
same name, the same reference can mean different stages in different places of the file, and
files end up copied from a stage nobody meant.

## Examples

```dockerfile fail
FROM node:20 AS build
RUN npm ci && npm run build

FROM golang:1.22 AS build
#                   ^^^^^
RUN go build ./...

FROM nginx:1.27 AS Build
#                  ^^^^^
COPY --from=build /app/dist /usr/share/nginx/html
```

```dockerfile pass
FROM node:20 AS frontend
RUN npm ci && npm run build

FROM golang:1.22 AS backend
RUN go build ./...

FROM nginx:1.27
COPY --from=frontend /app/dist /usr/share/nginx/html
```

## Fix

None. Renaming one of the stages changes which stage every reference to the name means:
`COPY --from=build` and `--target build` use the last stage with the name, `FROM build` the last
one above it, so a rename either moves some references to another stage or needs a choice of
which references meant which stage — only a person can make it.

"""##,
        "DL3025": ##"""
# DL3025 exec-form-command

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3025, BuildKit `JSONArgsRecommended` |

Use arguments JSON notation for CMD and ENTRYPOINT arguments.

## What it checks

A `CMD` or `ENTRYPOINT` in shell form (`CMD node server.js`) rather than JSON, or exec, form
(`CMD ["node", "server.js"]`), unless a `SHELL` instruction comes before it in its stage or in a
stage it is built on.

This is one rule for hadolint's DL3025 and BuildKit's `JSONArgsRecommended`, and it follows
BuildKit on the one point where they differ: BuildKit takes a `SHELL` instruction as saying that
the shell is wanted, and stays silent (its documentation recommends `SHELL` as the way to keep
shell form on purpose). `HEALTHCHECK CMD` is not checked: the check command is a new process
each time, and no signal needs to reach it.

## Why it matters

In shell form the command runs as `/bin/sh -c "node server.js"` (`cmd /S /C` on Windows). The
shell is the container's PID 1, and it does not pass signals on: `docker stop` sends `SIGTERM`
to the shell, the program never hears of it, and ten seconds later everything is killed —
connections dropped, no cleanup. A shell-form `ENTRYPOINT` also ignores `CMD` and the arguments
of `docker run`.

## Fix

The fix writes the same words in JSON form, each word in place, so continuation lines and
comments stay where they are. It is offered only when the shell would have done nothing but split
the text on blanks: no quotes, `$`, backslashes, back-quotes, operators (`&&`, `|`, `;`, `&`),
redirections, globs (`*`, `?`, `[`), braces, `~` or `#`, no leading `NAME=value` assignment and
no shell built-in or keyword as the command (`cd`, `export`, `if` …). A leading `exec` is
dropped, since the JSON form does what it did. Windows images get no fix.

The fix is **unsafe**: the program becomes PID 1 and now receives signals (the point, but a
program that does not handle `SIGTERM` behaves differently on `docker stop`), it no longer runs
under a shell, and an `ENTRYPOINT` in JSON form receives the image's `CMD` as arguments, which a
shell-form one ignored.

```dockerfile fail
FROM node:20
ENTRYPOINT exec node \
#          ^^^^^^^^^^^
    server.js
CMD npm run serve
#   ^^^^^^^^^^^^^
```

```dockerfile fixed
FROM node:20
ENTRYPOINT ["node", \
    "server.js"]
CMD ["npm", "run", "serve"]
```

## Examples

Shell form, with shell syntax the fix cannot write in JSON form:

```dockerfile fail
FROM python:3.12
CMD gunicorn app:app --bind 0.0.0.0:$PORT
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

JSON form, shell form after a `SHELL` instruction (also one inherited from a stage this one is
built on), and a shell-form `HEALTHCHECK`:

```dockerfile pass
FROM python:3.12 AS base
CMD ["gunicorn", "app:app"]
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
SHELL ["/bin/bash", "-c"]
FROM base
ENTRYPOINT exec gunicorn app:app --bind "0.0.0.0:${PORT:-8000}"
```

## Differences from hadolint

hadolint reports shell form after a `SHELL` instruction too, and the shell form of
`HEALTHCHECK CMD`, which has nothing to do with signals.

```dockerfile pass
FROM alpine:3.20
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
CMD echo "$GREETING" | tee /tmp/greeting
HEALTHCHECK CMD wget -q -O - http://localhost/ || exit 1
```

"""##,
        "DL3026": ##"""
# DL3026 trusted-registry

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3026 |

Use only an allowed registry in the FROM image.

## What it checks

Every `FROM` that pulls an image, against the registries the configuration trusts:
`trusted-registries` in `.dlint.yaml`, or `trustedRegistries` in a `.hadolint.yaml` that dlint
reads instead. With no list, nothing is checked. The examples on this page use:

```yaml .dlint.yaml
trusted-registries:
  - docker.io
  - "*.example.com"
  - registry.internal:5000
```

Each entry is matched against the image's registry as hadolint matches it:

- `*` trusts every registry;
- a leading `*` matches by suffix: `*.example.com` trusts `cr.example.com` and
  `eu.cr.example.com`, not `example.com` itself;
- a trailing `*` matches by prefix: `registry.*` trusts `registry.local`;
- anything else must equal the registry, port included: `registry.internal:5000` does not
  trust `registry.internal`.

An image without a registry (`debian`, `bitnami/redis`) comes from Docker Hub, trusted by
`docker.io` or `hub.docker.com` (and by patterns matching either); so do `docker.io/…` and
Docker Hub's legacy name `index.docker.io/…`. Host names are compared without regard to case.
Variables from `ARG`s declared before the first `FROM` are substituted first when their
defaults are constant.

Not reported: `FROM scratch`, `FROM` an earlier stage, and an image whose registry is hidden in
a variable the build supplies (`FROM ${REGISTRY}/app:1`). The finding covers the image word.

## Why it matters

A base image is code that runs in every build and ends up in the image. Organisations mirror
and scan the images they allow in their own registry; a `FROM` that pulls from elsewhere
bypasses that review, and may fail in a build network that only reaches the mirror.

## Differences from hadolint

hadolint reads the registry before variables are substituted, so an `ARG` that names a trusted
registry is reported (hadolint issue #339):

```dockerfile pass
ARG BASE=cr.example.com/base/python:3.12
FROM ${BASE}
```

It also misses registries given as `localhost` or `host:port` without a dot
(`localhost:5000/app`), which it reads as part of a Docker Hub name; Docker reads them as
registries, and so does dlint:

```dockerfile fail
FROM localhost:5000/app:1.0
#    ^^^^^^^^^^^^^^^^^^^^^^
```

## Examples

```dockerfile fail
ARG MIRROR=ghcr.io
FROM quay.io/prometheus/node-exporter:v1.8.0
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM example.com/app:1.0
#    ^^^^^^^^^^^^^^^^^^^
FROM ${MIRROR}/org/tool:2
#    ^^^^^^^^^^^^^^^^^^^^
```

Docker Hub images with and without `docker.io`, wildcard and port matches, an earlier stage,
`scratch`, and a registry the build supplies:

```dockerfile pass
ARG REGISTRY
FROM debian:bookworm AS base
FROM docker.io/bitnami/redis:7.2
FROM cr.example.com/base/python:3.12
FROM registry.internal:5000/tools/make:4
FROM base
FROM ${REGISTRY}/app:1.0
FROM scratch
```

"""##,
        "DL3027": ##"""
# DL3027 no-apt

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3027 |

Do not use apt in scripts: use apt-get or apt-cache.

## What it checks

The `apt` program run in a `RUN`, whatever its subcommand, by path (`/usr/bin/apt`) and behind
wrappers (`sudo apt`), in `sh -c` strings and heredocs. The finding covers the `apt` word.
`apt-get`, `apt-cache`, `apt-mark` and `apt` as an argument are fine.

## Why it matters

`apt` is the front end for people at a terminal: its output, defaults and options may change
from one release to the next, and it says so itself ("WARNING: apt does not have a stable CLI
interface. Use with caution in scripts."). `apt-get` and `apt-cache` keep a stable interface for
scripts such as a Dockerfile.

## Fix

Replaces `apt` with `apt-get` for the subcommands `apt-get` has under the same name (`install`,
`update`, `upgrade`, `remove`, `purge`, `autoremove`, `full-upgrade`, `dist-upgrade`,
`build-dep`, `satisfy`, `clean`, `source`, `download` …), and with `apt-cache` for `search`,
`show`, `policy`, `depends`, `rdepends`, `showsrc` and `madison`. Other subcommands (`list`,
`edit-sources`) have no counterpart and get no fix; nor does a quoted or computed `apt` word.

**Unsafe**: the commands differ in details. `apt upgrade` installs new dependencies where
`apt-get upgrade` holds the package back (use `apt-get upgrade --with-new-pkgs` or
`dist-upgrade` if that is what is meant), `apt` deletes downloaded `.deb` files after installing
where `apt-get` keeps them in `/var/cache/apt/archives` unless the base image cleans them, and
`apt show` prints only the candidate version where `apt-cache show` prints all.

```dockerfile fail
FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
#   ^^^           ^^^
RUN /usr/bin/apt search libssl
#   ^^^^^^^^^^^^
```

```dockerfile fixed
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
RUN /usr/bin/apt-cache search libssl
```

## Examples

No fix for `apt list`:

```dockerfile fail
FROM debian:bookworm
RUN apt list --installed > /packages.txt
#   ^^^
```

```dockerfile pass
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apt-utils=2.6.1 \
    && apt-cache policy curl && apt-mark hold apt-utils && echo apt
```

"""##,
        "DL3028": ##"""
# DL3028 pin-gem-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3028 |

Pin versions in gem install: use <gem>:<version> or -v <version>.

## What it checks

Each gem of a `gem install` (or `gem i`) that pins no version: `bundler`, where
`bundler:2.5.17` pins one. The finding covers the gem's word; one finding per unpinned gem.
`gem` behind `sudo`, `env` and the like, inside `sh -c '…'`, heredoc scripts, the exec form and
`ONBUILD RUN` counts.

Not reported: the whole command when `-v`/`--version` is given (it applies to every gem of the
command) or `-g`/`--file` (the versions come from a Gemfile); local gem files (`./x.gem`,
`vendor/cache/x-1.0.gem`); the gems' build options after `--`. `gem`'s options that take a value
(`-i DIR`, `-n DIR`, `--source URL`, `--platform P` …) are read as RubyGems reads them; the value
of an option it does not know is not taken for a gem.

Versions from `ARG`s and `ENV`s with a value written in the file are resolved first; a value
only known at build time is taken as pinned.

## Why it matters

An unpinned gem installs the newest release on the day of the build, so two builds of the same
Dockerfile differ, and a breaking or compromised release goes in without a change to the file.
Pin each gem, or install with Bundler from a `Gemfile.lock`.

## Examples

```dockerfile fail
FROM ruby:3.3-slim
RUN gem install --no-document bundler
#                             ^^^^^^^
RUN gem i -N rake:13.2.1 rails
#                        ^^^^^
```

```dockerfile pass
FROM ruby:3.3-slim
ARG BUNDLER_VERSION=2.5.17
RUN gem install --no-document bundler -v "${BUNDLER_VERSION}"
RUN gem install rake:13.2.1 nokogiri:1.16.7 -- --use-system-libraries
COPY vendor/cache/app-1.0.gem /tmp/
RUN gem install --local /tmp/app-1.0.gem
```

## Differences from hadolint

hadolint takes the word after an option for the option's value: it misses
`gem install --no-document bundler`, the most common spelling, and reports local gem files:

```dockerfile fail
FROM ruby:3.3-slim
RUN gem install --no-document bundler
#                             ^^^^^^^
```

```dockerfile pass
FROM ruby:3.3-slim
COPY app-1.0.gem .
RUN gem install app-1.0.gem
```

"""##,
        "DL3029": ##"""
# DL3029 no-platform-flag

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3029 |

Do not use --platform with FROM to fix the platform of a stage.

## What it checks

`FROM --platform=…` with a fixed value: written out (`linux/amd64`) or coming from an `ARG`
declared before the first `FROM` with a constant default. A value that uses one of the
platform arguments BuildKit sets for every build (`$BUILDPLATFORM`, `$TARGETPLATFORM`,
`$BUILDOS`, `$BUILDARCH`, `$BUILDVARIANT`, `$TARGETOS`, `$TARGETARCH`, `$TARGETVARIANT`)
follows the build and is fine, as is a build argument without a default, which the person
building chooses. The finding covers the flag.

BuildKit's own checks about this flag are other rules: `FromPlatformFlagConstDisallowed`
(any value without a variable) and `RedundantTargetPlatform` (`--platform=$TARGETPLATFORM`,
which changes nothing).

## Why it matters

`docker build --platform linux/arm64` and multi-platform builds (`--platform
linux/amd64,linux/arm64`) build every stage for the requested platform, unless a `FROM` fixes
its own. A stage pinned to `linux/amd64` then produces amd64 binaries in an arm64 image, or is
emulated slowly on an arm64 machine. A cross-compiling builder stage should use
`--platform=$BUILDPLATFORM` and target `$TARGETOS`/`$TARGETARCH`; a base image that only exists
for one platform is better chosen with `--platform` on the command line.

## Differences from hadolint

hadolint only accepts values that mention `BUILDPLATFORM` or `TARGETPLATFORM`, so it reports
values built from the other automatic arguments and build arguments without a default:

```dockerfile pass
ARG PLATFORM
FROM --platform=$TARGETOS/$TARGETARCH golang:1.23 AS build
FROM --platform=${PLATFORM} alpine:3.20
```

## Examples

```dockerfile fail
ARG ARCH=linux/arm64
FROM --platform=linux/amd64 debian:bookworm
#    ^^^^^^^^^^^^^^^^^^^^^^
FROM --platform=$ARCH alpine:3.20
#    ^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform="${TARGETPLATFORM}" alpine:3.20
FROM debian:bookworm
```

"""##,
        "DL3030": ##"""
# DL3030 yum-assume-yes

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3030 |

Use the -y switch with yum install.

## What it checks

A yum command that asks for confirmation, without `-y`: `install` (and `localinstall`),
`reinstall`, `update`/`upgrade`, `remove`/`erase`, `autoremove`, `downgrade`, `distro-sync`,
`swap`, the group commands (`groupinstall`, `group install`, `groupupdate`, `groupremove`) and
the module commands (`module install`, `module enable` …). dnf's short forms work with the yum
of RHEL 8 and later, which is dnf: `yum in`, `yum up`, `yum rei`. The finding covers the command
from `yum` to the subcommand (`yum group install`).

Answers that count: `-y` (alone or in a cluster such as `-qy`), `--assumeyes`, and
`--setopt=assumeyes=1` (or `True`). Commands are found after options, by path, behind wrappers,
in `sh -c` strings and heredocs.

## Why it matters

A build has no terminal: yum asks "Is this ok [y/N]:", reads the empty standard input and exits
with "Exiting on user command", failing the build.

## Fix

Inserts `-y` right after the subcommand word (after `install` in `yum group install`).
**Safe**: a build that succeeded without `-y` never reached the question, so it does the same
with it; only builds that would have stopped at the prompt now go on.

```dockerfile fail
FROM centos:7
RUN yum install httpd-2.4.6 && yum groupinstall 'Development Tools' \
#   ^^^^^^^^^^^                ^^^^^^^^^^^^^^^^
    && yum clean all
```

```dockerfile fixed
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum groupinstall -y 'Development Tools' \
    && yum clean all
```

## Examples

```dockerfile pass
FROM centos:7
RUN yum -y install httpd-2.4.6 && yum install --assumeyes git-1.8.3.1 \
    && yum --setopt=assumeyes=1 update && yum clean all
RUN yum makecache && yum info httpd && yum list installed
```

## Differences from hadolint

hadolint looks at `install`, `groupinstall` and `localinstall` only; dlint also reports the
other commands that ask (`update`, `remove`, `group install` …), which stop the build the same
way:

```dockerfile fail
FROM centos:7
RUN yum update && yum -y install git-1.8.3.1 && yum clean all
#   ^^^^^^^^^^
```

"""##,
        "DL3032": ##"""
# DL3032 yum-clean-all

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3032 |

Run yum clean all in the RUN that installs with yum.

## What it checks

A `yum install` (also `groupinstall`, `localinstall`, `reinstall`, `update`, `upgrade`) that is
not followed, later in the same `RUN`, by `yum clean all` (or `dnf clean all`: on RHEL 8 and
later yum is dnf) or by an `rm` of `/var/cache/yum` or a parent. One finding per `RUN`, on the
first such command, from `yum` to the subcommand: a single cleanup at the end fixes them all.
`sudo`/`env` wrappers, `sh -c '…'` strings and heredoc scripts are looked into.

Not reported: a `RUN` with a cache or tmpfs mount on `/var/cache/yum` (or a parent), and stages
whose layers do not ship in the final image (see [DL3009](DL3009.md)). Unlike hadolint, the
cleanup must come after the install: a `yum clean all` before it cleans nothing the install
leaves.

## Why it matters

yum keeps repository metadata, and sometimes packages, in `/var/cache/yum`. It stays in the
layer of the `RUN` for good: a later `RUN` cannot shrink it.

## Examples

```dockerfile fail
FROM centos:7
RUN yum install -y httpd
#   ^^^^^^^^^^^
RUN yum clean all && yum -y update && yum -y install git
#                    ^^^^^^^^^^^^^
RUN set -eux; \
    sudo yum -y --setopt=tsflags=nodocs install \
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        tar gzip; \
    tar -xzf app.tar.gz
```

```dockerfile pass
FROM centos:7
RUN yum -y update && yum -y install httpd && yum clean all
RUN yum install -y git && rm -rf /var/cache/yum
RUN --mount=type=cache,target=/var/cache/yum yum install -y make
```

## Fix

Appends `yum clean all && rm -rf /var/cache/yum` to the same `RUN` (`yum` as the file wrote it;
`clean all` leaves directories and some repository data behind, which the `rm` removes).
**Unsafe**: the image changes: the cached packages and metadata are gone, and a later `yum`
command must download the metadata again.

The cleanup goes after the last command of the script that holds the offending command (the
`RUN` line, or the heredoc body it is in; a command inside `sh -c '…'` gets it after the `sh -c`),
joined with `&&`. `a; b || c && cleanup` is `a; (b || c) && cleanup`, so the cleanup runs only
when the `RUN` would have succeeded, and a failing `RUN` still fails with its own status; `;` is
used instead only where it means the same, when `set -e` (or a `SHELL` with `-e`) is in effect
and the commands are separated by `;` (or by lines, in a heredoc), as in official images. The text
follows the layout of the `RUN`: a one-line `RUN` gets ` && cleanup` on its line (before a
trailing `;` or comment); a `RUN` whose last command sits on a continuation line with a leading
`&&` gets a new `    && cleanup` line, one with trailing `&& \` or `; \` gets ` && \` (or `; \`)
and a new `    cleanup` line, copying the escape character (backslash or backtick), the blanks
around it, the line ending (CRLF stays CRLF) and the indentation; a heredoc script with `set -e`
gets a new line before its terminator, one without gets ` && cleanup` on its last line. Comment
lines and a dangling continuation after the last command stay after the cleanup. When the
command ran through a plain `sudo` (or `doas`), the cleanup does too.

No fix is offered when the cleanup cannot be placed for sure: a script with a background job
(`&`, the cleanup could run before the job fills the cache), a script the shell parser does not
fully understand, a script ending in a function definition, or a command run as another user
(`sudo -u app …`, the cleanup would not reach that user's cache).

No fix either for `yum --installroot=…`: its cache lives under the other root.

```dockerfile fail
FROM centos:7
RUN yum -y install httpd
#   ^^^^^^^^^^^^^^
RUN yum -y update \
#   ^^^^^^^^^^^^^
    && yum -y install git
```

```dockerfile fixed
FROM centos:7
RUN yum -y install httpd && yum clean all && rm -rf /var/cache/yum
RUN yum -y update \
    && yum -y install git \
    && yum clean all \
    && rm -rf /var/cache/yum
```

"""##,
        "DL3033": ##"""
# DL3033 pin-yum-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3033 |

Specify version with yum install.

## What it checks

Each package of a `yum install` (also `yum in`, `yum localinstall`) that names no version, and
each module of a `yum module install` that names no stream. The finding covers the word, one per
package.

A package names a version when, after its first `-`, every `-`-separated part is made of version
characters (letters, digits, `._~^:+`) and one starts with a digit: `tomcat-9.0.1`,
`openssl-1:1.1.1k`, `gcc-c++-1.1.1`, `rpm-sign-4.16.1.3`, but not `rpm-sign` nor
`python3-devel`. An `.rpm` file is pinned. A module is pinned with its stream: `nodejs:18`.

Not reported: groups (`yum groupinstall`, `yum group install`, `@base`), which have no version,
file provides and local files by path (`/usr/bin/which`), URLs. Packages from variables are read
as for [DL3008](DL3008.md): `tomcat-${V}` with `ARG V=9.0` is pinned, and so is a value only
known when the build runs (`tomcat-$VERSION` with `ARG VERSION`).

## Why it matters

Without a version, each build installs whatever the repositories hold that day, so two builds of
the same file differ, and an update can break the image long after the file was tested.

## Examples

```dockerfile fail
FROM centos:7
RUN yum install -y tomcat python3-devel httpd-2.4.6 && yum clean all
#                  ^^^^^^ ^^^^^^^^^^^^^
RUN yum module install -y nodejs && yum clean all
#                         ^^^^^^
```

```dockerfile pass
FROM centos:7
ARG GIT_VERSION
RUN yum install -y tomcat-7.0.76 openssl-1:1.0.2k "git-${GIT_VERSION}" /tmp/tool-1.0-1.x86_64.rpm \
    && yum module install -y nodejs:18 && yum groupinstall -y 'Development Tools' && yum clean all
```

## Differences from hadolint

hadolint counts any `-` as a version (`rpm-sign`, `python3-devel` pass) and reports group names
(`yum group install -y web`). dlint uses the version test hadolint uses for dnf
([DL3041](DL3041.md)), and leaves groups alone:

```dockerfile fail
FROM centos:7
RUN yum install -y rpm-sign && yum clean all
#                  ^^^^^^^^
```

```dockerfile pass
FROM centos:7
RUN yum group install -y 'Development Tools' && yum clean all
```

"""##,
        "DL3034": ##"""
# DL3034 zypper-non-interactive

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3034 |

Use the non-interactive switch with zypper.

## What it checks

A zypper command that asks for confirmation, without a switch that answers it: `install` (`in`),
`remove` (`rm`), `update` (`up`), `patch`, `dist-upgrade` (`dup`), `source-install` (`si`),
`install-new-recommends` (`inr`) and `verify` (`ve`). The finding covers the command from
`zypper` to the subcommand.

Switches that count: the global `-n`/`--non-interactive` before the subcommand (`zypper -n in`),
`--non-interactive` anywhere, and the command's `-y`/`--no-confirm` (`zypper in -y`). After the
subcommand, `-n` is `--name` (select packages by plain name) and does not count. Commands are
found after options, by path, behind wrappers, in `sh -c` strings and heredocs.

## Why it matters

A build has no terminal: zypper asks "Continue? [y/n/v/...? shows all options] (y):" and cannot
read an answer, so the build stops or fails depending on the version.

## Fix

Inserts the global `-n` right after the `zypper` word, where it applies to every subcommand
(after the subcommand it would mean `--name`). **Safe**: a build that succeeded without it never
needed an answer, so it does the same with it; only builds that would have stopped at a prompt
now take its default answer.

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper --quiet in curl=8.6.0 && zypper rm -n vim \
#   ^^^^^^^^^^^^^^^^^               ^^^^^^^^^
    && zypper clean --all
```

```dockerfile fixed
FROM opensuse/leap:15.6
RUN zypper -n --quiet in curl=8.6.0 && zypper -n rm -n vim \
    && zypper clean --all
```

## Examples

```dockerfile pass
FROM opensuse/leap:15.6
RUN zypper -n in curl=8.6.0 && zypper --non-interactive ref && zypper in -y git=2.43.0 \
    && zypper remove --no-confirm vim && zypper clean --all
```

## Differences from hadolint

hadolint takes `-n` anywhere, but `zypper install -n` selects packages by name and still asks:

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper install -n httpd=2.4.58 && zypper clean --all
#   ^^^^^^^^^^^^^^
```

hadolint also does not report `update`, `dist-upgrade` and the other commands that ask.

"""##,
        "DL3035": ##"""
# DL3035 no-zypper-dist-upgrade

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3035 |

Do not use zypper dist-upgrade.

## What it checks

`zypper dist-upgrade` and its short form `zypper dup`, after options, by path, behind
wrappers, in `sh -c` strings and heredocs. The finding covers the command from `zypper` to the
subcommand.

## Why it matters

A distribution upgrade moves every package of the base image to what the repositories hold at
build time, possibly to a new release, with vendor changes and removals: the image no longer is
the base image it names, and two builds differ. Pick the base image tag of the release you want,
and update packages within it (`zypper -n update`) if needed.

## Examples

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper -n dup && zypper clean --all
#   ^^^^^^^^^^^^^
RUN zypper --non-interactive dist-upgrade --no-recommends
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM opensuse/leap:15.6
RUN zypper -n update && zypper -n patch && zypper clean --all
```

"""##,
        "DL3036": ##"""
# DL3036 zypper-clean

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3036 |

Run zypper clean in the RUN that installs with zypper.

## What it checks

A `zypper install` (`in`), `update` (`up`), `dist-upgrade` (`dup`) or `patch` that is not
followed, later in the same `RUN`, by `zypper clean` or `zypper cc` (with or without `--all`),
or by an `rm` of `/var/cache/zypp` (or a parent). Global options before the subcommand
(`zypper -n in`, `zypper --non-interactive install`) are skipped. One finding per `RUN`, on the
first such command, from `zypper` to the subcommand. `sudo`/`env` wrappers, `sh -c '…'` strings
and heredoc scripts are looked into.

Not reported: a `RUN` with a cache or tmpfs mount on `/var/cache/zypp` (or a parent), and stages
whose layers do not ship in the final image (see [DL3009](DL3009.md)).

## Why it matters

zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`. They stay in the
layer of the `RUN` for good: a later `RUN` cannot shrink it.

## Examples

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper -n in git
#   ^^^^^^^^^^^^
RUN zypper clean && zypper --non-interactive install make
#                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RUN zypper refresh \
    && zypper -n update \
#      ^^^^^^^^^^^^^^^^
    && echo done
```

```dockerfile pass
FROM opensuse/leap:15.6
RUN zypper -n in git && zypper clean --all
RUN zypper -n install make && zypper cc -a
RUN zypper -n install gcc && rm -rf /var/cache/zypp/*
RUN --mount=type=cache,target=/var/cache/zypp zypper -n in tar
```

## Fix

Appends `zypper clean --all` (packages and metadata) to the same `RUN`. **Unsafe**: the image
changes: the cached packages and metadata are gone, and a later `zypper` command must refresh
the repositories again.

The cleanup goes after the last command of the script that holds the offending command (the
`RUN` line, or the heredoc body it is in; a command inside `sh -c '…'` gets it after the `sh -c`),
joined with `&&`. `a; b || c && cleanup` is `a; (b || c) && cleanup`, so the cleanup runs only
when the `RUN` would have succeeded, and a failing `RUN` still fails with its own status; `;` is
used instead only where it means the same, when `set -e` (or a `SHELL` with `-e`) is in effect
and the commands are separated by `;` (or by lines, in a heredoc), as in official images. The text
follows the layout of the `RUN`: a one-line `RUN` gets ` && cleanup` on its line (before a
trailing `;` or comment); a `RUN` whose last command sits on a continuation line with a leading
`&&` gets a new `    && cleanup` line, one with trailing `&& \` or `; \` gets ` && \` (or `; \`)
and a new `    cleanup` line, copying the escape character (backslash or backtick), the blanks
around it, the line ending (CRLF stays CRLF) and the indentation; a heredoc script with `set -e`
gets a new line before its terminator, one without gets ` && cleanup` on its last line. Comment
lines and a dangling continuation after the last command stay after the cleanup. When the
command ran through a plain `sudo` (or `doas`), the cleanup does too.

No fix is offered when the cleanup cannot be placed for sure: a script with a background job
(`&`, the cleanup could run before the job fills the cache), a script the shell parser does not
fully understand, a script ending in a function definition, or a command run as another user
(`sudo -u app …`, the cleanup would not reach that user's cache).

No fix either for `zypper --root …`: its cache lives under the other root.

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper --non-interactive refresh && \
    zypper --non-interactive install curl
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM opensuse/leap:15.6
RUN zypper --non-interactive refresh && \
    zypper --non-interactive install curl && \
    zypper clean --all
```

"""##,
        "DL3037": ##"""
# DL3037 pin-zypper-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3037 |

Specify version with zypper install.

## What it checks

Each package of a `zypper install` (or `zypper in`) that names no version: `tomcat` rather than
`tomcat=9.0.85`. The finding covers the package word, one per package. Counted as pinned:
`name=version`, `name>=version`, `name>version`, `name<=version`, `name<version` (quoted or
escaped for the shell), and an `.rpm` file. Installs of patterns, patches and products
(`-t pattern`) are not reported: they have no version to pin. Option values (`--from repo`,
`-r repo`) are not packages.

Commands are found after options, by path, behind wrappers, in `sh -c` strings and heredocs;
packages from variables are read as for [DL3008](DL3008.md), and a value only known when the
build runs counts as pinned.

## Why it matters

Without a version, each build installs whatever the repositories hold that day, so two builds of
the same file differ, and an update can break the image long after the file was tested.

## Examples

```dockerfile fail
FROM opensuse/leap:15.6
RUN zypper -n in tomcat curl=8.6.0 && zypper clean --all
#                ^^^^^^
```

```dockerfile pass
FROM opensuse/leap:15.6
RUN zypper -n in 'tomcat>=9.0' curl=8.6.0 git\<3 /tmp/tool-1.0-1.noarch.rpm \
    && zypper -n in -t pattern devel_basis && zypper clean --all
```

## Differences from hadolint

hadolint reports the names of patterns, patches and products, which have no version to pin:

```dockerfile pass
FROM opensuse/leap:15.6
RUN zypper -n install -t pattern devel_basis && zypper clean --all
```

"""##,
        "DL3038": ##"""
# DL3038 dnf-assume-yes

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3038 |

Use the -y switch with dnf install.

## What it checks

A dnf command that asks for confirmation, without `-y`, run by `dnf`, `dnf5`, `dnf-3` or
`microdnf`: `install` (`in`, `localinstall`), `reinstall` (`rei`), `upgrade` (`up`, `update`),
`upgrade-minimal` (`up-min`), `remove` (`rm`, `erase`), `autoremove`, `downgrade` (`dg`),
`distro-sync` (`dsync`), `swap`, the group commands (`group install`, `groupinstall`,
`grp in`) and the module commands (`module install`, `module enable` …). The finding covers the
command from the program to the subcommand (`dnf in`).

Answers that count: `-y` (alone or in a cluster), `--assumeyes`, `--setopt=assumeyes=1` (or
`True`). Commands are found after options, by path, behind wrappers, in `sh -c` strings and
heredocs.

The classic `microdnf` of UBI minimal images never asks; the one of Fedora is dnf5 and does.
Adding `-y` is harmless to the first and needed by the second, so both are reported, as by
hadolint.

## Why it matters

A build has no terminal: dnf asks "Is this ok [y/N]:", reads the empty standard input and
aborts the operation, failing the build.

## Fix

Inserts `-y` right after the subcommand word. **Safe**: a build that succeeded without `-y`
never reached the question, so it does the same with it; only builds that would have stopped at
the prompt now go on.

```dockerfile fail
FROM fedora:40
RUN dnf in httpd-2.4.62 \
#   ^^^^^^
    && microdnf install git-2.46.0 && dnf clean all
#      ^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM fedora:40
RUN dnf in -y httpd-2.4.62 \
    && microdnf install -y git-2.46.0 && dnf clean all
```

## Examples

```dockerfile pass
FROM fedora:40
RUN dnf -y install httpd-2.4.62 && dnf5 install --assumeyes git-2.46.0 \
    && dnf --setopt=install_weak_deps=False -y upgrade && dnf clean all
RUN dnf makecache && dnf info httpd && dnf repoquery git
```

## Differences from hadolint

hadolint looks at `install`, `groupinstall` and `localinstall` of `dnf` and `microdnf` by those
names only; dlint also reads `dnf5` and `/usr/bin/dnf`, the short forms (`in`, `up`, `rei`,
`up-min`) and the other commands that ask:

```dockerfile fail
FROM fedora:40
RUN dnf5 up && dnf -y install git-2.46.0 && dnf clean all
#   ^^^^^^^
```

"""##,
        "DL3040": ##"""
# DL3040 dnf-clean-all

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3040 |

Run dnf clean all in the RUN that installs with dnf.

## What it checks

A `dnf` or `microdnf` (also `dnf5`, `dnf-3`) `install`, `groupinstall`, `localinstall`,
`reinstall`, `update` or `upgrade` that is not followed, later in the same `RUN`, by
`dnf clean all`, `microdnf clean all` or `yum clean all` (one program family), or by an `rm` of
`/var/cache/dnf`, `/var/cache/yum` or `/var/cache/libdnf5` (or a parent). One finding per `RUN`,
on the first such command, from the program to the subcommand: a single cleanup at the end fixes
them all. `sudo`/`env` wrappers, `sh -c '…'` strings and heredoc scripts are looked into.

Not reported: a `RUN` with a cache or tmpfs mount on one of those directories (or a parent), and
stages whose layers do not ship in the final image (see [DL3009](DL3009.md)).

## Why it matters

dnf keeps repository metadata, often over a hundred megabytes, in its cache directory. It stays
in the layer of the `RUN` for good: a later `RUN` cannot shrink it.

## Examples

```dockerfile fail
FROM fedora:40
RUN dnf install -y git
#   ^^^^^^^^^^^
RUN dnf -y upgrade && dnf -y install make
#   ^^^^^^^^^^^^^^
RUN set -eux; \
    microdnf install -y \
#   ^^^^^^^^^^^^^^^^
        gnupg2; \
    gpg --version
```

```dockerfile pass
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y tar && microdnf clean all
RUN microdnf -y install gzip && rm -rf /var/cache/yum /var/cache/dnf
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc
```

## Fix

Appends `dnf clean all` to the same `RUN`, with the program as the file wrote it
(`microdnf clean all`, `dnf5 clean all`). **Unsafe**: the image changes: the cached packages and
metadata are gone, and a later `dnf` command must download the metadata again.

The cleanup goes after the last command of the script that holds the offending command (the
`RUN` line, or the heredoc body it is in; a command inside `sh -c '…'` gets it after the `sh -c`),
joined with `&&`. `a; b || c && cleanup` is `a; (b || c) && cleanup`, so the cleanup runs only
when the `RUN` would have succeeded, and a failing `RUN` still fails with its own status; `;` is
used instead only where it means the same, when `set -e` (or a `SHELL` with `-e`) is in effect
and the commands are separated by `;` (or by lines, in a heredoc), as in official images. The text
follows the layout of the `RUN`: a one-line `RUN` gets ` && cleanup` on its line (before a
trailing `;` or comment); a `RUN` whose last command sits on a continuation line with a leading
`&&` gets a new `    && cleanup` line, one with trailing `&& \` or `; \` gets ` && \` (or `; \`)
and a new `    cleanup` line, copying the escape character (backslash or backtick), the blanks
around it, the line ending (CRLF stays CRLF) and the indentation; a heredoc script with `set -e`
gets a new line before its terminator, one without gets ` && cleanup` on its last line. Comment
lines and a dangling continuation after the last command stay after the cleanup. When the
command ran through a plain `sudo` (or `doas`), the cleanup does too.

No fix is offered when the cleanup cannot be placed for sure: a script with a background job
(`&`, the cleanup could run before the job fills the cache), a script the shell parser does not
fully understand, a script ending in a function definition, or a command run as another user
(`sudo -u app …`, the cleanup would not reach that user's cache).

No fix either for `dnf --installroot=…`: its cache lives under the other root.

```dockerfile fail
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN set -eux; \
    microdnf install -y --nodocs tar gzip; \
#   ^^^^^^^^^^^^^^^^
    tar --version
```

```dockerfile fixed
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN set -eux; \
    microdnf install -y --nodocs tar gzip; \
    tar --version; \
    microdnf clean all
```

"""##,
        "DL3041": ##"""
# DL3041 pin-dnf-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3041 |

Specify version with dnf install.

## What it checks

Each package of a `dnf install` (also `dnf in`, `dnf5`, `microdnf`, `/usr/bin/dnf`) that names
no version, and each module of a `dnf module install` (or `@module` in an install) that names no
stream. The finding covers the word, one per package.

A package names a version when, after its first `-`, every `-`-separated part is made of version
characters (letters, digits, `._~^:+`) and one starts with a digit: `tomcat-9.0.1`,
`openssl-1:1.1.1k`, `gcc-c++-1.1.1`, `rpm-sign-4.16.1.3`, but not `rpm-sign` nor
`python3-devel`. An `.rpm` file is pinned. A module is pinned with its stream: `nodejs:18`.

Not reported: groups (`dnf group install`, `@development-tools`), file provides and local files
by path, URLs. Packages from variables are read as for [DL3008](DL3008.md): `tomcat-${V}` with
`ARG V=9.0` is pinned, and so is a value only known when the build runs (`tomcat-$VERSION` with
`ARG VERSION`).

## Why it matters

Without a version, each build installs whatever the repositories hold that day, so two builds of
the same file differ, and an update can break the image long after the file was tested.

## Examples

```dockerfile fail
FROM fedora:40
RUN dnf install -y tomcat rpm-sign-4.19.1 && dnf module install -y nodejs \
#                  ^^^^^^                                          ^^^^^^
    && microdnf install -y git && dnf clean all
#                          ^^^
```

```dockerfile pass
FROM fedora:40
ARG VERSION
RUN dnf install -y tomcat-9.0.1 openssl-1:3.2.2 gcc-c++-14.2.1 "tool-${VERSION}" @nodejs:20 \
        @development-tools /tmp/local-1.0-1.noarch.rpm \
    && dnf group install -y 'C Development Tools and Libraries' && dnf clean all
```

## Differences from hadolint

hadolint 2.15.1 reports a version given by a variable (`tomcat-$VERSION`), which its own tests
say should pass; dlint takes it as pinned. hadolint does not read `dnf5`, `/usr/bin/dnf` nor
`dnf in`:

```dockerfile fail
FROM fedora:40
RUN dnf5 in -y git && dnf clean all
#              ^^^
```

"""##,
        "DL3042": ##"""
# DL3042 pip-no-cache-dir

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3042 |

Use pip install --no-cache-dir.

## What it checks

A `pip install` (also `pip3`, `pip3.12`, a path such as `/opt/venv/bin/pip`, and
`python3 -m pip install`) without `--no-cache-dir`. The finding covers the command from its
first word to `install`; one finding per command. `sudo`/`env` wrappers, `sh -c '…'` strings
and heredoc scripts are looked into. `pip install --upgrade pip` counts like any other install.

Not reported when the cache is disabled or kept out of the layer:

- `PIP_NO_CACHE_DIR` set to `1`, `true`, `yes` or `on` (any case): by `ENV` or `ARG` in the
  stage or a stage it is built `FROM`, by `export` or an assignment earlier in the `RUN`, by
  `PIP_NO_CACHE_DIR=1 pip …` or `env PIP_NO_CACHE_DIR=1 pip …`. `0`, `false`, `off` do not
  disable it;
- a cache or tmpfs mount on `/root/.cache/pip`, on any `…/.cache/pip` or `…/.cache` (other
  users' homes), or on the directory `PIP_CACHE_DIR` or `--cache-dir` names. hadolint does not
  accept mounts (its issue #497); the cache is not in the layer, so dlint does;
- `pip cache purge`, or an `rm` of the cache (`rm -rf /root/.cache/pip`, `rm -rf ~/.cache`),
  later in the same `RUN`;
- stages whose layers do not ship in the final image (see [DL3009](DL3009.md)).

`pipx` and `pipenv` are other programs, and are not checked.

## Why it matters

pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image nothing reuses it,
and it stays in the layer for good: a later `RUN` cannot shrink it.

## Examples

```dockerfile fail
FROM python:3.12-slim
RUN pip install --upgrade pip
#   ^^^^^^^^^^^
RUN python3 -m venv /venv \
    && /venv/bin/pip install -r requirements.txt \
#      ^^^^^^^^^^^^^^^^^^^^^
    && python3 -m pip install flask
#      ^^^^^^^^^^^^^^^^^^^^^^
ENV PIP_NO_CACHE_DIR=0
RUN pip3 install gunicorn
#   ^^^^^^^^^^^^
```

```dockerfile pass
FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip
RUN PIP_NO_CACHE_DIR=1 pip install flask
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN pip install gunicorn && pip cache purge
ENV PIP_NO_CACHE_DIR=true
RUN python3 -m pip install uvicorn
```

The setting is inherited by a stage built on the one that sets it:

```dockerfile pass
FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1

FROM base
RUN pip install requests
```

## Fix

Inserts `--no-cache-dir` right after `install`, in each offending command (also
`python3 -m pip install`, and inside `sh -c '…'` and heredocs). **Unsafe**: the image changes
(no cache directory is written), and a later `RUN` that counted on the cache to reinstall
offline would now download again.

```dockerfile fail
FROM python:3.12
RUN pip install --upgrade pip \
#   ^^^^^^^^^^^
    && python3 -m pip install -r requirements.txt
#      ^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM python:3.12
RUN pip install --no-cache-dir --upgrade pip \
    && python3 -m pip install --no-cache-dir -r requirements.txt
```

"""##,
        "DL3044": ##"""
# DL3044 env-same-instruction-reference

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3044 |

Do not refer to an environment variable within the same ENV statement where it is defined.

## What it checks

A reference (`$NAME`, `${NAME}`, `${NAME:-default}` …) in a value of an `ENV` to a variable that
an earlier pair of the same `ENV` sets. References in single quotes or behind the escape
character are text, not references. Not reported: a variable set to what it already was
(`ENV VERSION=$VERSION URL=…/$VERSION`, passing an `ARG` on, or the same constant), since the
reference then gets the same value either way.

## Why it matters

BuildKit substitutes every value of an `ENV` with the variables as they were before the
instruction, and only then sets them. In `ENV DIR=/opt/app BIN=$DIR/bin`, `BIN` becomes `/bin`
(or whatever `DIR` was before), not `/opt/app/bin`. The line reads as if it meant the latter.
Set the variable in an `ENV` of its own first.

## Examples

A reference to a variable set earlier in the same `ENV`, and a second change of `PATH` that
drops the first:

```dockerfile fail
FROM debian:12
ENV APP_HOME=/opt/app APP_BIN=${APP_HOME}/bin
#                             ^^^^^^^^^^^
ENV PATH=/opt/app/bin:$PATH \
    PATH=/opt/tools/bin:$PATH
#                       ^^^^^
```

Separate `ENV`s, a variable referring to its own old value, one passed on from an `ARG`, and a
reference in single quotes:

```dockerfile pass
FROM debian:12
ARG VERSION=1.4.2
ENV APP_HOME=/opt/app
ENV APP_BIN=${APP_HOME}/bin PATH=/opt/app/bin:$PATH
ENV VERSION=$VERSION URL=https://example.com/v$VERSION.tar.gz
ENV GREETING=hello MESSAGE='$GREETING world'
```

## Differences from hadolint

hadolint also reports a reference that comes before the pair that sets the variable
(`ENV B=$A A=1`), which reads as the old value and gets it; and it does not report a variable
that an earlier instruction defined, though the reference still gets the old value:

```dockerfile fail
FROM debian:12
ARG VERSION=1
ENV VERSION=2 URL=/v$VERSION
#                   ^^^^^^^^
```

"""##,
        "DL3045": ##"""
# DL3045 copy-relative-destination

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3045 |

COPY to a relative destination without WORKDIR set.

## What it checks

A `COPY` or `ADD` whose destination is a relative path while the stage has no `WORKDIR`: none
earlier in the stage, and none in a stage it is built on (`FROM build` inherits the `WORKDIR` of
`build`, however deep the chain). Absolute destinations are Unix paths (`/srv`) and Windows ones
(`C:\app`, `c:/app`, `\app`). The destination is judged after the file's own `ARG` and `ENV`
values are substituted; one built from a variable whose value the file does not fix may well be
absolute, and is not reported.

An `ONBUILD COPY` runs in the build of a child image, in the `WORKDIR` this image ends with: it is
reported only when neither the stage (or one it is built on) nor an earlier `ONBUILD WORKDIR`
sets one.

## Why it matters

A relative destination is resolved against the working directory, which without a `WORKDIR` is
whatever the base image says — often `/`, sometimes not, and free to change with the next base
image release. The files land somewhere the Dockerfile does not say.

## Examples

No `WORKDIR` in the stage, and one set in an earlier stage that this one is not built on:

```dockerfile fail
FROM python:3.12
COPY requirements.txt .
#                     ^
FROM node:20 AS web
WORKDIR /srv
FROM node:20
ADD package.json app/
#                ^^^^
```

Absolute destinations, a `WORKDIR` set in the stage or inherited through two stages, a variable
the file does not fix, and an `ONBUILD WORKDIR` before an `ONBUILD COPY`:

```dockerfile pass
FROM python:3.12 AS base
ARG TARGET
COPY requirements.txt /tmp/requirements.txt
COPY app.py $TARGET
WORKDIR /srv
FROM base AS test
FROM test
COPY . .
FROM alpine:3.20
ONBUILD WORKDIR /src
ONBUILD COPY . .
```

## Differences from hadolint

hadolint remembers a `WORKDIR` under the image name of a stage that has no `AS` name, so a second
`FROM` of the same image seems to have it, though it starts from a fresh image; dlint follows the
stages as BuildKit builds them. It also checks `ADD`, which resolves its destination the same way.

```dockerfile fail
FROM node:20
WORKDIR /app
FROM node:20
COPY package.json .
#                 ^
```

"""##,
        "DL3046": ##"""
# DL3046 useradd-log-init

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL3046 |

useradd without -l and a high UID results in an excessively large image.

## What it checks

`useradd` (shadow-utils) creating a user with a UID of 100000 or more (more than five digits,
hadolint's threshold), without `-l` / `--no-log-init`. The UID may be given as `-u N`, `-uN`,
`--uid N`, `--uid=N`, or through a variable whose value the file fixes
(`ARG APP_UID=1000001`, then `-u "$APP_UID"`). `-l` counts in a cluster of short options
(`-lmu 123456`), `--no-log-init` also abbreviated (`--no-log`). Commands are found behind
`sudo`, in `sh -c` strings and heredoc scripts, as the model reads account creations.

The finding covers the `useradd` word.

## Why it matters

`useradd` resets the new user's records in `/var/log/lastlog` and `/var/log/faillog`, which are
indexed by UID: writing the record for UID 123456 extends lastlog to about 36 MB, and UIDs near
2³¹ to hundreds of gigabytes. On the host these are sparse files, but an image layer stores
them in full, so the image grows by that much (or the build runs out of disk). `-l` skips those
records.

## Fix

Adds `-l` right after `useradd` (`--no-log-init` when the command spells all its options the
long way).

**Safe**: the user, its groups and home are the same; only the lastlog and faillog records are
not written. A user without a record reads as "never logged in" with no failures, which is what
the zeroed record said, and nothing logs in to a container through `login` anyway.

```dockerfile fail
FROM debian:bookworm
ARG APP_UID=1000001
RUN useradd -u 123456 -m app && useradd --uid "$APP_UID" --create-home svc
#   ^^^^^^^                     ^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
ARG APP_UID=1000001
RUN useradd -l -u 123456 -m app && useradd --no-log-init --uid "$APP_UID" --create-home svc
```

## Examples

```dockerfile pass
FROM debian:bookworm
ARG BUILD_UID
RUN useradd -u 10001 app \
    && useradd -l -u 123456 big \
    && useradd --no-log-init --uid=2000000 bigger \
    && useradd -u "$BUILD_UID" unknown
```

## Differences from hadolint

hadolint judges the length of the text after `-u`, so it reports a variable (`-u "$APP_UID"` is
more than five characters) whatever its value, and misses `--uid`. dlint resolves the value
when the file fixes it, and says nothing when it does not:

```dockerfile pass
FROM debian:bookworm
ARG APP_UID=1000
RUN useradd -u "${APP_UID}" app
```

"""##,
        "DL3047": ##"""
# DL3047 wget-progress

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3047 |

Avoid wget without a progress setting: use --progress=dot:giga, -q or -nv.

## What it checks

`wget` run as a command (behind wrappers such as `sudo`, in `sh -c` strings, heredoc scripts,
exec form and `ONBUILD RUN` too) without an option that sets its progress display or its log:
`--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file`,
`-a`/`--append-output` (hadolint's list). Short options may be grouped (`-qO-`, `-qnv`).

The finding covers the `wget` word.

## Why it matters

Without a terminal, as in a build, GNU wget prints its progress as dots: a line for every
50 KiB. A 500 MB download writes some 10,000 lines to the build log, slowing the build output
and burying what matters. `--progress=dot:giga` prints a line per 32 MiB; `-nv` prints one line
per file; `-q` prints nothing (errors included).

## Fix

Adds `--progress=dot:giga` right after `wget` (in exec form, as the second element).

**Safe** where `wget` is GNU wget 1.x: Debian, Ubuntu and the official images built on them
(`python`, `node`, `golang` …), and Alpine or BusyBox images after `apk add wget`. The option
changes what is logged, nothing else. **Unsafe** on other or unknown base images (Fedora's
`wget` is wget2, whose progress options differ); the title says "assuming GNU wget". **Not
offered** where `wget` is BusyBox's (Alpine and BusyBox images without GNU wget installed): it
rejects `--progress` and the step would fail. Use `-q` there.

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && wget -O /tmp/tool.tgz https://example.com/tool.tgz
#      ^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && wget --progress=dot:giga -O /tmp/tool.tgz https://example.com/tool.tgz
```

BusyBox's wget gets no fix:

```dockerfile fail
FROM alpine:3.20
RUN wget -O /tmp/tool.tgz https://example.com/tool.tgz
#   ^^^^
```

## Examples

```dockerfile pass
FROM debian:bookworm
RUN wget --progress=dot:giga https://example.com/a.tgz \
    && wget -q https://example.com/b.tgz \
    && wget -nv https://example.com/c.tgz \
    && wget -qO- https://example.com/d.sh | sh
RUN echo "use wget" && apt-get install -y wget
```

"""##,
        "DL3048": ##"""
# DL3048 invalid-label-key

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | hadolint DL3048 |

Label keys are lower-case letters, digits, dots and dashes, outside Docker's reserved namespaces.

## What it checks

Each key of a `LABEL` (and of an `ONBUILD LABEL`), quotes removed and variables resolved where
the file fixes their values, against Docker's guidelines for label keys:

- only lower-case letters, digits, `.` and `-`;
- it starts with a lower-case letter and ends with a lower-case letter or a digit;
- no two separators in a row (`..`, `--`);
- not in the namespaces Docker reserves: `com.docker.`, `io.docker.`, `org.dockerproject.`.

The finding covers the key and says which guideline it breaks. A key built from a variable the
file does not fix (`LABEL $PREFIX.version=1`) is not judged.

## Why it matters

Labels are read by tools: registries, scanners, orchestrators and `docker inspect` filters.
Keys that follow one convention — reverse-DNS names of your own domain, like
`org.opencontainers.image.source` or `com.example.team` — are unambiguous and do not collide
with keys other tools set. Docker reserves its own namespaces for its own use.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL com.docker.compose.project=web
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^
LABEL Maintainer="Jane Doe <jane@example.com>"
#     ^^^^^^^^^^
LABEL "com.example.build..id"=42 com.example.version-=1
#     ^^^^^^^^^^^^^^^^^^^^^^^    ^^^^^^^^^^^^^^^^^^^^
ONBUILD LABEL io.docker.hint=yes
#             ^^^^^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG VENDOR=com.example
LABEL org.opencontainers.image.source=https://github.com/example/app \
      maintainer="Jane Doe <jane@example.com>" \
      "com.example.release-channel"=stable \
      ${VENDOR}.team=platform
```

## Fix

None: a label's key is what tools and users query; renaming it is for a person to decide.

## Differences from hadolint

hadolint reports a `LABEL` instruction once, however many of its keys are invalid; dlint reports
each invalid key. hadolint does not look into `ONBUILD LABEL`, whose labels the images built from this one carry;
dlint checks them too. It also resolves variables in keys before judging (`${VENDOR}.team`
above), where hadolint judges the text as written: it reports `invalid$character`, whose
`$character` BuildKit expands (to nothing, unless the base image sets it), so dlint does not
judge it:

```dockerfile pass
FROM alpine:3.20
LABEL invalid$character=foo
```

"""##,
        "DL3049": ##"""
# DL3049 missing-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3049 |

An image lacks a label the label schema requires.

## What it checks

With a label schema configured (`label-schema` in `.dlint.yaml`, or in `.hadolint.yaml`), each
image the Dockerfile builds must set every label of the schema. The finding is on the `FROM`
keyword of the image's stage, one per missing label.

An image is a stage that no other stage builds on (`FROM stage`) or uses (`COPY --from`,
`RUN --mount=from=`): the final stage, and any other stage left for `--target` to pick. A
stage's labels are those it sets and those of the stages it is built `FROM`, since a stage
inherits its parent's labels. `ONBUILD LABEL` does not count: it labels the images built from
this one. A stage whose `LABEL` keys come from a variable the file does not fix is not judged
(the key may be the required one).

The schema is configured like this; its types are checked by DL3051 to DL3058:

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.source: url
  org.opencontainers.image.licenses: spdx
```

## Why it matters

Labels are how registries, scanners and people find out where an image comes from, who owns it
and under which license it ships. A schema makes that information mandatory; an image without
it cannot be traced.

## Examples

The final image sets one label and misses the other; the builder stage is not an image:

```dockerfile fail
FROM golang:1.22 AS build
RUN go build -o /app ./cmd/app

FROM alpine:3.20
#^^^
LABEL org.opencontainers.image.source=https://github.com/example/app
COPY --from=build /app /app
```

Two stages left for `--target`, one of them inheriting its labels from a common base:

```dockerfile fail
FROM alpine:3.20 AS base
LABEL org.opencontainers.image.source=https://github.com/example/app

FROM base AS dev
#^^^
RUN apk add --no-cache bash

FROM base AS prod
LABEL org.opencontainers.image.licenses=MIT
```

```dockerfile pass
FROM alpine:3.20 AS base
LABEL org.opencontainers.image.source=https://github.com/example/app \
      org.opencontainers.image.licenses=MIT

FROM base
RUN apk add --no-cache curl
```

## Fix

None: only a person knows the values.

## Differences from hadolint

hadolint reports every stage without the label, including stages that only serve others; dlint
reports only the stages that are images. Here hadolint reports the `base` stage, dlint nothing:

```dockerfile pass
FROM alpine:3.20 AS base
FROM base
LABEL org.opencontainers.image.source=https://github.com/example/app \
      org.opencontainers.image.licenses=MIT
```

hadolint counts only `COPY --from` as a use of a stage; dlint counts `RUN --mount=from=` too.

"""##,
        "DL3050": ##"""
# DL3050 superfluous-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3050 |

With strict labels, a label outside the label schema.

## What it checks

With `strict-labels: true`, every key a `LABEL` or `ONBUILD LABEL` sets must be in the
configured `label-schema`; each other key is reported, on the key. A key built from a variable
the file does not fix is not judged. Without `strict-labels` the rule does nothing.

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.source: url
  org.opencontainers.image.version: semver
strict-labels: true
```

## Why it matters

A strict schema keeps the labels of a fleet of images uniform: no ad-hoc keys that one team
queries and the next one never sets, no stale keys left from an old convention, nothing
published in image metadata that was not meant to be.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.source=https://github.com/example/app \
      build.host=ci-runner-7 \
#     ^^^^^^^^^^
      org.opencontainers.image.version=1.4.0 maintainer=jane@example.com
#                                            ^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG VERSION=1.4.0
LABEL org.opencontainers.image.source=https://github.com/example/app \
      org.opencontainers.image.version=$VERSION
```

## Fix

None: whether to drop the label or add it to the schema is for a person to decide.

## Differences from hadolint

hadolint reports a `LABEL` instruction once, however many keys are superfluous, and skips
`ONBUILD LABEL`; dlint reports each superfluous key, in both.

"""##,
        "DL3051": ##"""
# DL3051 empty-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3051 |

A label of the label schema is empty.

## What it checks

A `LABEL` or `ONBUILD LABEL` that sets a key of the configured `label-schema`, whatever its
type, to the empty string — written empty (`key=""`, `key=`) or from a variable whose value
the file fixes as empty. The finding covers the `key=value` pair. A value from a variable the
file does not fix (an `ARG` without a default, set at build time) is not judged.

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.title: text
  org.opencontainers.image.revision: hash
```

## Why it matters

An empty label satisfies the schema in form only: the image claims to carry the information
and carries none. It is usually a build argument that the build forgot to pass.

## Examples

```dockerfile fail
FROM alpine:3.20
ARG REVISION=""
LABEL org.opencontainers.image.title="" \
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      org.opencontainers.image.revision=$REVISION
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG REVISION
LABEL org.opencontainers.image.title="Example app" \
      org.opencontainers.image.revision=$REVISION \
      com.example.note=""
```

## Fix

None: only a person knows the value.

## Differences from hadolint

hadolint also reports an empty value as not matching its type (an empty `url` label is reported
by DL3051 and DL3052); dlint reports it once, here. hadolint does not resolve variables, and
skips `ONBUILD LABEL`.

"""##,
        "DL3052": ##"""
# DL3052 invalid-url-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3052 |

A label the label schema types as url is not a valid URL.

## What it checks

The value of each label the configured `label-schema` types `url`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
an absolute URI as RFC 3986 defines it: a scheme (`https:`, `git+ssh:`, `mailto:` …), then
only the characters a URI may hold, with `%` followed by two hexadecimal digits. `http` and
`https` URLs must also name a host. The finding covers the value.

Not judged: values from variables the file does not fix, and empty values (DL3051 reports
those).

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.url: url
  org.opencontainers.image.source: url
```

## Why it matters

Registries and scanners turn these labels into links: to the project's home page, to the
source repository a vulnerability report should point at. A host name without a scheme, an
`scp`-style git address or a URL with spaces is not a link anywhere.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.url=example.com/app \
#                                  ^^^^^^^^^^^^^^^
      org.opencontainers.image.source="git@github.com:example/app.git"
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
ARG HOME_PAGE="https://example.com/my app"
LABEL org.opencontainers.image.url=$HOME_PAGE
#                                  ^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG SOURCE_URL
LABEL org.opencontainers.image.url=https://example.com/app?ref=docker#top \
      org.opencontainers.image.source=$SOURCE_URL
ONBUILD LABEL org.opencontainers.image.source="git+ssh://git@github.com/example/app.git"
```

## Fix

None: only a person knows the right address.

## Differences from hadolint

hadolint does not resolve variables: with `ARG URL=https://example.com`, it reports
`LABEL org.opencontainers.image.url=$URL` as not a URL, and it accepts `http:` with no host.
dlint resolves the variable and asks web URLs for a host. It also leaves empty values to
DL3051 and checks `ONBUILD LABEL`.

"""##,
        "DL3053": ##"""
# DL3053 invalid-rfc3339-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3053 |

A label the label schema types as rfc3339 is not an RFC 3339 date and time.

## What it checks

The value of each label the configured `label-schema` types `rfc3339`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
an RFC 3339 `date-time`: `2024-05-17T09:30:00Z`, with optional fractional seconds
(`09:30:00.25Z`) and a `Z` or a `±hh:mm` offset (`+02:00`). `T` and `Z` may be lower case. The
date must exist (no 30 February) and the time must be a real one (a leap second `:60` is
allowed). The finding covers the value.

Not judged: values from variables the file does not fix — the usual
`ARG BUILD_DATE` set with `--build-arg BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)` — and empty
values (DL3051 reports those).

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.created: rfc3339
```

## Why it matters

`org.opencontainers.image.created` is defined as an RFC 3339 date and time, and tools sort and
filter images by it. A date without a time, a local time without an offset, or a placeholder
default is not comparable with anything.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-17 09:30:00"
#                                      ^^^^^^^^^^^^^^^^^^^^^
ARG BUILD_DATE=unknown
LABEL org.opencontainers.image.created=$BUILD_DATE
#                                      ^^^^^^^^^^^
ONBUILD LABEL org.opencontainers.image.created=2024-05-17T09:30:00+0200
#                                              ^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG BUILD_DATE
LABEL org.opencontainers.image.created=$BUILD_DATE
LABEL org.opencontainers.image.created=2024-05-17T09:30:00.25+02:00
```

## Fix

None: only a person knows the date.

## Differences from hadolint

hadolint accepts an offset without its colon (`+0200`), which RFC 3339 does not allow; dlint
reports it. hadolint does not resolve variables, reports empty values here as well as under
DL3051, and skips `ONBUILD LABEL`.

"""##,
        "DL3054": ##"""
# DL3054 invalid-spdx-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3054 |

A label the label schema types as spdx is not an SPDX license expression.

## What it checks

The value of each label the configured `label-schema` types `spdx`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
an SPDX license expression (SPDX specification, annex D), as
`org.opencontainers.image.licenses` is defined to be:

- a license identifier of the SPDX License List (3.27.0, deprecated identifiers such as
  `GPL-2.0` included), matched without regard to case, optionally followed by `+`;
- or a reference of your own, `LicenseRef-name` (optionally `DocumentRef-doc:LicenseRef-name`);
- optionally `WITH` an exception of the list (`Classpath-exception-2.0`) or `AdditionRef-name`;
- joined by `AND` and `OR` (all upper or all lower case), grouped with parentheses.

The finding covers the value. Not judged: values from variables the file does not fix, and
empty values (DL3051 reports those).

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.licenses: spdx
```

## Why it matters

License scanners and software bills of materials read this label to decide whether an image
may ship. `Apache 2`, `BSD` or `GPLv3` are names a person can guess at but a tool cannot match;
the SPDX identifier says exactly which text applies.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
#                                       ^^^^^^^^^^
LABEL org.opencontainers.image.licenses=GPLv3
#                                       ^^^^^
LABEL org.opencontainers.image.licenses="MIT OR"
#                                       ^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
LABEL org.opencontainers.image.licenses=Apache-2.0
LABEL org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND BSD-3-Clause"
LABEL org.opencontainers.image.licenses="GPL-2.0-or-later WITH Classpath-exception-2.0"
LABEL org.opencontainers.image.licenses="LicenseRef-Example-Commercial or mit"
```

## Fix

None: only a person knows the license.

## Differences from hadolint

hadolint accepts a single current license identifier, spelt exactly: it reports
`MIT OR Apache-2.0`, `LicenseRef-…`, `GPL-2.0` and `mit`, all valid SPDX. dlint accepts the
license expressions the OCI annotation asks for:

```dockerfile pass
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"
```

hadolint also does not resolve variables, reports empty values here as well as under DL3051,
and skips `ONBUILD LABEL`.

"""##,
        "DL3055": ##"""
# DL3055 invalid-hash-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3055 |

A label the label schema types as hash is not a git commit hash.

## What it checks

The value of each label the configured `label-schema` types `hash`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
a commit name as git prints it: lower-case hexadecimal, 7 to 40 digits (abbreviated or full
SHA-1) or 64 (SHA-256). The finding covers the value.

Not judged: values from variables the file does not fix — the usual `ARG GIT_COMMIT` passed
with `--build-arg GIT_COMMIT=$(git rev-parse HEAD)` — and empty values (DL3051 reports those).

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.revision: hash
```

## Why it matters

`org.opencontainers.image.revision` ties an image to the exact source it was built from. A
branch name, a tag or `HEAD` moves; a commit hash does not.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.revision=main
#                                       ^^^^
ARG GIT_COMMIT=HEAD
LABEL org.opencontainers.image.revision=$GIT_COMMIT
#                                       ^^^^^^^^^^^
LABEL org.opencontainers.image.revision=43C572F
#                                       ^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG GIT_COMMIT
LABEL org.opencontainers.image.revision=$GIT_COMMIT
LABEL org.opencontainers.image.revision=43c572f1272b6b3171dd1db9e41b7027128ce080
LABEL org.opencontainers.image.revision=43c572f1272b
```

## Fix

None: only a person knows the commit.

## Differences from hadolint

hadolint accepts exactly 7 or 40 digits; dlint also accepts the longer abbreviations git uses
in large repositories (`git rev-parse --short` gives 12 digits in some) and SHA-256 names:

```dockerfile pass
FROM alpine:3.20
LABEL org.opencontainers.image.revision=43c572f1272b
```

hadolint also does not resolve variables, reports empty values here as well as under DL3051,
and skips `ONBUILD LABEL`.

"""##,
        "DL3056": ##"""
# DL3056 invalid-semver-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3056 |

A label the label schema types as semver is not a semantic version.

## What it checks

The value of each label the configured `label-schema` types `semver`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
a version as Semantic Versioning 2.0.0 defines it: `MAJOR.MINOR.PATCH`, numbers without leading
zeros, optionally a pre-release (`-rc.1`, its numeric parts without leading zeros either) and
build metadata (`+build.5`). A leading `v` is not part of a semantic version. The finding
covers the value.

Not judged: values from variables the file does not fix, and empty values (DL3051 reports
those).

```yaml .dlint.yaml
label-schema:
  org.opencontainers.image.version: semver
```

## Why it matters

Tools compare versions to find the newest image, to decide whether an update is a patch or a
breaking change. `1.2`, `v1.2.3` or `latest` cannot be ordered by the semantic versioning rules
the schema asks for.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL org.opencontainers.image.version=v1.2.3
#                                      ^^^^^^
ARG VERSION=1.2
LABEL org.opencontainers.image.version=${VERSION}
#                                      ^^^^^^^^^^
LABEL org.opencontainers.image.version=1.02.0
#                                      ^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG VERSION
LABEL org.opencontainers.image.version=$VERSION
LABEL org.opencontainers.image.version=2.0.1-rc.1+build.0042
```

## Fix

None: only a person knows the version.

## Differences from hadolint

hadolint accepts numbers with leading zeros (`01.0.0`, `1.0.0-01`), which Semantic Versioning
forbids; dlint reports them. hadolint does not resolve variables, reports empty values here as
well as under DL3051, and skips `ONBUILD LABEL`.

"""##,
        "DL3057": ##"""
# DL3057 require-healthcheck

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3057 |

HEALTHCHECK instruction missing.

**Off by default**, as in hadolint. Turn it on by giving it a severity or options in the
configuration: `severity: { DL3057: warning }` or `rules: { DL3057: {} }` in `.dlint.yaml`, or
`override: { warning: [DL3057] }` in `.hadolint.yaml`. It then reports with severity `info`
unless a severity is given.

## What it checks

Each image the file builds without a `HEALTHCHECK`: each stage that no other stage is built on or
copies from (the final stage, and other stages that can only be build targets), when neither it
nor a stage it is built on (`FROM base`) has a `HEALTHCHECK`. `HEALTHCHECK NONE` counts: it says
so on purpose. The finding is on the stage's `FROM`. A health check in the base image cannot be
seen from the Dockerfile.

## Why it matters

Without a health check, Docker and Swarm know only whether the main process is alive, not whether
it still serves: a hung server stays "running". Orchestrators such as Kubernetes have their own
probes and ignore `HEALTHCHECK`, which is why the rule is off unless you want it.

## Examples

A final image without a health check, whose builder stage has one it does not inherit:

```dockerfile fail
FROM golang:1.22 AS build
HEALTHCHECK NONE
RUN go build -o /out/app ./cmd/app
FROM alpine:3.20
#^^^
COPY --from=build /out/app /usr/local/bin/app
```

A health check in the image, inherited from the stage it is built on, and a builder stage, which
needs none:

```dockerfile pass
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
FROM alpine:3.20 AS base
HEALTHCHECK CMD wget -q -O /dev/null http://localhost:8080/health || exit 1
FROM base
COPY --from=build /out/app /usr/local/bin/app
```

## Differences from hadolint

hadolint reports every stage without a health check, builder stages included; dlint only the
stages that are images to run.

```dockerfile pass
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
HEALTHCHECK CMD ["/usr/local/bin/app", "-health"]
```

"""##,
        "DL3058": ##"""
# DL3058 invalid-email-label

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3058 |

A label the label schema types as email is not an email address.

## What it checks

The value of each label the configured `label-schema` types `email`, in `LABEL` and
`ONBUILD LABEL`, once quotes are removed and variables the file fixes are resolved. It must be
an RFC 5322 mailbox: an address `local@domain` — the local part a dot-atom
(`jane.doe+docker`) or a quoted string, the domain host name labels or a bracketed literal —
optionally in angle brackets after a display name, as `maintainer` labels are usually written
(`Jane Doe <jane@example.com>`). Several mailboxes separated by commas (an RFC 5322
`mailbox-list`, for images with more than one maintainer) and `(comments)` are accepted. The
finding covers the value.

Not judged: values from variables the file does not fix, and empty values (DL3051 reports
those).

```yaml .dlint.yaml
label-schema:
  maintainer: email
```

## Why it matters

Whoever finds a problem in the image — a scanner's report, an operator at night — needs a way
to reach its owner. A user name, a team name or a URL in an email label leaves them guessing.

## Examples

```dockerfile fail
FROM alpine:3.20
LABEL maintainer=platform-team
#                ^^^^^^^^^^^^^
LABEL maintainer="Jane Doe jane@example.com"
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^
LABEL maintainer=jane.@example.com
#                ^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ARG MAINTAINER
LABEL maintainer=$MAINTAINER
LABEL maintainer=jane.doe+docker@example.com
LABEL maintainer="Jane Doe <jane@example.com>"
LABEL maintainer="Jane Doe <jane@example.com>, John Roe <john@example.com> (@john)"
```

## Fix

None: only a person knows the address.

## Differences from hadolint

hadolint accepts only a bare address; dlint also accepts the display-name form RFC 5322 calls a
mailbox, the usual way to write a maintainer, and lists of mailboxes:

```dockerfile pass
FROM alpine:3.20
LABEL maintainer="Jane Doe <jane@example.com>"
```

hadolint also does not resolve variables, reports empty values here as well as under DL3051,
and skips `ONBUILD LABEL`.

"""##,
        "DL3059": ##"""
# DL3059 consecutive-runs

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | hadolint DL3059 |

Multiple consecutive RUN instructions: consider consolidation.

## What it checks

A `RUN` that directly follows another `RUN` — only comment lines and blank lines between them —
when both run a single command and both have the same flags (`--mount`, `--network`,
`--security`, in any order).

Commands are counted as hadolint counts them: every simple command, those inside `$(…)`, `if`
conditions and loops included, not `[ … ]` tests; a `sh -c '…'` string counts as the one `sh`
command; an exec-form `RUN` runs one command; PowerShell and cmd text is split on the same
separators (`;`, `&&`, `|`). A `RUN` with two commands or more (`a && b`, `a; b`, `a | b`) is taken as
a deliberate layer of its own and resets the count, as does any other instruction. `ONBUILD RUN`
is not a `RUN` of this image.

The finding covers the second `RUN` keyword.

## Why it matters

Each `RUN` makes a layer. Single commands in a row (`RUN apt-get update`, then
`RUN apt-get install …`) make more layers than needed, and a later layer cannot shrink an
earlier one: files an early `RUN` leaves behind stay in the image even when a later one deletes
them. Joining them with `&&` gives one layer and lets the cleanup happen in it. RUNs with
different mounts cannot simply be joined, so they are left alone.

## Options

Build stages whose layers do not ship — a stage used only through `COPY --from` — cost build
time, not image size. To report only the stages whose layers end up in the built image (the
final stage and the stages it is built `FROM`), set:

```yaml
rules:
  consecutive-runs:
    only-shipped-stages: true
```

## Examples

```dockerfile fail
FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
#^^
# the runtime user
RUN useradd --system app
#^^
```

Commands already joined, different mounts, and an instruction in between:

```dockerfile pass
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN useradd --system app
RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt
RUN --mount=type=secret,id=token ./fetch.sh
WORKDIR /srv
RUN ./configure
```

With `only-shipped-stages: true`, a build stage used only by `COPY --from` is not reported
(the page examples run without options, so this one is shown as plain text):

```
FROM golang:1.22 AS build
RUN go mod download
RUN go build -o /app .
FROM gcr.io/distroless/static
COPY --from=build /app /app
```

## Differences from hadolint

hadolint reads PowerShell as POSIX shell too, but where its parser fails (a parenthesised
expression, `[Type]::Member`) it counts no command at all and reports a `RUN` of many
statements; dlint counts the statements the parse finds. The option is dlint's.

```dockerfile pass
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Set-PSDebug -Trace 2
RUN Write-Host ('downloading {0}' -f $env:URL); Invoke-WebRequest -Uri $env:URL -OutFile a.zip
```

"""##,
        "DL3060": ##"""
# DL3060 yarn-cache-clean

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3060 |

Run yarn cache clean in the RUN that runs yarn install.

## What it checks

A `yarn install`, `yarn add`, or a bare `yarn` (no subcommand, only options such as
`--frozen-lockfile`), not followed, later in the same `RUN`, by `yarn cache clean` or by an `rm`
of the yarn cache (`/usr/local/share/.cache/yarn`, `~/.cache/yarn`, `…/.cache`). One finding per
`RUN`, on the first such command, from `yarn` to the subcommand (or the `yarn` word alone for a
bare `yarn`). `yarn --version` and `yarn --help` install nothing and are not reported.
`sudo`/`env` wrappers, `sh -c '…'` strings and heredoc scripts are looked into.

Not reported:

- a `RUN` with a cache or tmpfs mount on `/usr/local/share/.cache/yarn`, on any `…/.cache/yarn`
  or `…/.cache`, or on the directory `YARN_CACHE_FOLDER` or `--cache-folder` names;
- stages whose layers do not ship in the final image (see [DL3009](DL3009.md)): a frontend
  build stage whose output the final stage copies does not need to clean its cache.

Unlike hadolint, the cleanup must come after the install.

## Why it matters

Yarn 1 keeps a copy of every package it installs in its global cache, often as big as
`node_modules` itself. It stays in the layer for good: a later `RUN` cannot shrink it.

## Examples

```dockerfile fail
FROM node:22
RUN yarn install --frozen-lockfile
#   ^^^^^^^^^^^^
RUN yarn --production \
    && yarn cache clean
RUN cd /app \
    && yarn \
#      ^^^^
    && yarn build
```

```dockerfile pass
FROM node:22
RUN yarn install --frozen-lockfile && yarn cache clean
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/yarn YARN_CACHE_FOLDER=/yarn yarn add left-pad
RUN yarn --version
```

```dockerfile pass
FROM node:22 AS frontend
RUN yarn install && yarn build

FROM nginx:alpine
COPY --from=frontend /app/dist /usr/share/nginx/html
```

## Fix

Appends `yarn cache clean` to the same `RUN`. **Unsafe**: the image changes: the cached packages
are gone, so a later `yarn install` downloads them again (and with Yarn 2 or later, run outside
the project directory the `RUN` ended in, the command may fail).

The cleanup goes after the last command of the script that holds the offending command (the
`RUN` line, or the heredoc body it is in; a command inside `sh -c '…'` gets it after the `sh -c`),
joined with `&&`. `a; b || c && cleanup` is `a; (b || c) && cleanup`, so the cleanup runs only
when the `RUN` would have succeeded, and a failing `RUN` still fails with its own status; `;` is
used instead only where it means the same, when `set -e` (or a `SHELL` with `-e`) is in effect
and the commands are separated by `;` (or by lines, in a heredoc), as in official images. The text
follows the layout of the `RUN`: a one-line `RUN` gets ` && cleanup` on its line (before a
trailing `;` or comment); a `RUN` whose last command sits on a continuation line with a leading
`&&` gets a new `    && cleanup` line, one with trailing `&& \` or `; \` gets ` && \` (or `; \`)
and a new `    cleanup` line, copying the escape character (backslash or backtick), the blanks
around it, the line ending (CRLF stays CRLF) and the indentation; a heredoc script with `set -e`
gets a new line before its terminator, one without gets ` && cleanup` on its last line. Comment
lines and a dangling continuation after the last command stay after the cleanup. When the
command ran through a plain `sudo` (or `doas`), the cleanup does too.

No fix is offered when the cleanup cannot be placed for sure: a script with a background job
(`&`, the cleanup could run before the job fills the cache), a script the shell parser does not
fully understand, a script ending in a function definition, or a command run as another user
(`sudo -u app …`, the cleanup would not reach that user's cache).

No fix either when the command moved its cache (`--cache-folder`, `YARN_CACHE_FOLDER=… yarn`):
a plain `yarn cache clean` would empty another folder.

```dockerfile fail
FROM node:20
RUN yarn install --frozen-lockfile \
#   ^^^^^^^^^^^^
    && yarn build # production bundle
```

```dockerfile fixed
FROM node:20
RUN yarn install --frozen-lockfile \
    && yarn build \
    && yarn cache clean # production bundle
```

"""##,
        "DL3062": ##"""
# DL3062 pin-go-versions

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3062 |

Pin versions in go install, go get and go run: use <package>@<version>.

## What it checks

The packages of `go install`, `go get` and `go run` without a fixed version: no `@version`, or
a query for the newest one (`@latest`, `@upgrade`, `@patch`). The finding covers the package's
word; one finding per unpinned package. `go run` takes one package: the words after it are the
program's arguments. `go`'s build flags that take a value (`-ldflags '-s -w'`, `-tags x`,
`-o bin` …) are read as go reads them.

Not reported: versions and commits (`@v1.2.3`, `@v0.0.0-2024…`, `@abc123`), local packages
(`.`, `./cmd/...`, `/src/app`, `.go` files), the `tool`, `all`, `std` and `cmd` patterns (the
versions come from `go.mod` or the toolchain), `@none` (it removes a requirement), and
`go build`, `go mod download`.

Versions from `ARG`s and `ENV`s with a value written in the file are resolved first
(`ARG GOPLS_VERSION=latest` makes `golang.org/x/tools/gopls@${GOPLS_VERSION}` unpinned); a
value only known at build time is taken as pinned.

## Why it matters

`@latest` and a bare module path resolve the newest version on the day of the build: two builds
of the same Dockerfile get different tools, and a breaking or compromised release goes in
without a change to the file.

## Examples

```dockerfile fail
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@latest
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RUN go install -ldflags '-s -w' github.com/go-delve/delve/cmd/dlv \
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    && go run github.com/a-h/templ/cmd/templ generate ./...
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

A package on a continuation line is reported there:

```dockerfile fail
FROM golang:1.23
RUN go get -tool \
        golang.org/x/tools/cmd/stringer
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM golang:1.23
ARG DLV_VERSION=v1.23.0
RUN go install github.com/go-delve/delve/cmd/dlv@${DLV_VERSION} golang.org/x/tools/gopls@v0.16.1
WORKDIR /src
COPY . .
RUN go install ./cmd/... && go run ./tools/gen.go -out gen/ && go install tool
RUN go get example.com/old@none && go build -o /bin/app .
```

## Differences from hadolint

When a `RUN` has a `go run`, hadolint checks only its `go run` commands, and it reports
`go run main.go`. dlint checks every command, and takes `.go` files as local:

```dockerfile fail
FROM golang:1.23
RUN go run ./gen.go && go install github.com/swaggo/swag/cmd/swag@latest
#                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM golang:1.23
RUN go run main.go
```

"""##,
        "DL3063": ##"""
# DL3063 final-user-set

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3063 |

A USER instruction should be specified.

## What it checks

**Off by default**, as in hadolint (where its severity is `ignore`). Switch it on by giving it a
severity: `severity: {DL3063: warning}` in `.dlint.yaml`, `override: {warning: [DL3063]}` in
`.hadolint.yaml`, or `--severity DL3063=warning`.

Reports a final image that never sets `USER`: neither its last stage nor the stages that stage
is built `FROM` have a `USER` instruction, so the container runs as whatever user the base
image chose, which is root for most images. The finding covers the image of the final stage's
`FROM`. Windows images are not checked.

A `USER` that names root is [DL3002 final-user-not-root](DL3002.md)'s.

## Why it matters

Whether an image runs as root should be a decision written in its Dockerfile, not inherited:
most official images (`debian`, `python`, `node`) run as root unless told otherwise, and a
base image that sets a user today may drop it in its next release. An explicit `USER` makes
the running user visible in review and stable across base image updates.

## Differences from hadolint

hadolint is satisfied by a `USER` in any stage, even a builder stage the final image does not
build on; dlint looks at the final image only:

```dockerfile fail
FROM node:22 AS build
USER node
RUN echo building
FROM node:22-slim
#    ^^^^^^^^^^^^
COPY --from=build /home/node /app
```

## Examples

```dockerfile fail
FROM python:3.12-slim
#    ^^^^^^^^^^^^^^^^
RUN pip install --no-cache-dir flask
CMD ["flask", "run"]
```

A `USER` in the final stage, or in the stage it is built `FROM`:

```dockerfile pass
FROM alpine:3.20
USER 1000:1000
```

```dockerfile pass
FROM node:22-slim AS base
USER node
FROM base
CMD ["node", "server.js"]
```

"""##,
        "DL3064": ##"""
# DL3064 secrets-in-arg-or-env

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `SecretsUsedInArgOrEnv` |

Do not pass secrets through ARG or ENV.

## What it checks

An `ARG` or `ENV` (also inside `ONBUILD`) whose name looks like it carries a secret. The name is
split at `_` into words, without regard to case; it is reported when a word is `apikey`, `auth`,
`credential(s)`, `key`, `password`, `pword`, `passwd`, `secret` or `token`, unless a word is
`public`, `file` or `version` — BuildKit's rule — or `gpg`, `pgp`, `signing` or `fingerprint`.
A name whose only such word is `key` is not reported either when its value is forty hex digits,
an OpenPGP fingerprint (`ARG GHC_RELEASE_KEY=C5705533DA4F78D8664B5DC0575159689BEFB442`).

The finding covers the name. The message says what keeps the value: the image history of every
RUN that uses an `ARG`, the image configuration for an `ENV`; and it points at
`RUN --mount=type=secret`, which passes a secret to one RUN without recording it anywhere.

## One finding per problem

A name written with a literal secret value is reported once, by the rule about the value:
[DX1401](DX1401.md) for a literal (`ENV API_TOKEN=abc123`, `ARG DB_PASSWORD=changeme`), at the
value, and [DX1400](DX1400.md) for a recognisable token (`ENV GITHUB_TOKEN=ghp_…`). This rule
keeps the names declared without a value (`ARG GITHUB_TOKEN`), set from a variable (`ENV
API_TOKEN=$TOKEN`), empty, or set to what DX1401 takes for a placeholder (`xxxx`, `<token>`):
their value comes from the build, and still ends up in the image. Turning DX1401 or DX1400 off
does not bring their findings back here.

## Why it matters

An `ENV` value is stored in the image configuration and every `ARG` value used by a `RUN` is
recorded in the image history: anyone who can pull the image can read them. Secrets belong in
`RUN --mount=type=secret,id=...` (or `--mount=type=ssh`), which never reach a layer.

## Examples

```dockerfile fail
FROM alpine:3.20
ARG GITHUB_TOKEN
#   ^^^^^^^^^^^^
ENV DB_PASSWORD=$DB_PASSWORD AWS_SECRET_ACCESS_KEY=x
#   ^^^^^^^^^^^
#                            ^^^^^^^^^^^^^^^^^^^^^
```

A literal value is [DX1401](DX1401.md)'s finding, not this rule's:

```dockerfile pass
FROM alpine:3.20
ENV DB_PASSWORD=changeme
```

```dockerfile pass
FROM alpine:3.20
ARG USERNAME
ARG PUBLIC_KEY
ENV KEYCLOAK_URL=http://keycloak:8080 TOKENIZERS_PARALLELISM=false
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
RUN --mount=type=secret,id=github_token GITHUB_TOKEN=$(cat /run/secrets/github_token) ./fetch.sh
```

## Differences from hadolint

hadolint reports any name that contains `password`, `secret`, `token`, `username`, `private`,
`api_key` or `client_key`, or is on a fixed list (`DOCKER_USERNAME`, `TRAVIS_OS_NAME` …). Matching
inside words reports names that hold no secret, which dlint, like BuildKit, does not:

```dockerfile pass
FROM alpine:3.20
ARG USERNAME
ENV TOKENIZERS_PARALLELISM=false
```

A signing key's fingerprint (`GPG_KEY`, `SWIFT_SIGNING_KEY`, a `…_KEY` set to forty hex digits)
is public; BuildKit reports it, dlint does not:

```dockerfile pass
FROM alpine:3.20
ARG GHC_RELEASE_KEY=FFEB7CE81E16A36B3E2DED6F2DE04D4E97DB64AD
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
```

"""##,
        "DL3065": ##"""
# DL3065 redundant-target-platform

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | BuildKit `RedundantTargetPlatform` |

Do not set FROM --platform to $TARGETPLATFORM.

## What it checks

`FROM --platform=$TARGETPLATFORM …` or `FROM --platform=${TARGETPLATFORM} …`.

## Why it matters

A stage is built for the target platform unless told otherwise, so the flag says nothing; it
usually stands where `$BUILDPLATFORM` was meant, for a stage that should run natively and
cross-compile.

## Fix

Removes the flag. **Safe**: the stage is built for the target platform either way. When the
file redefines `TARGETPLATFORM` with a global `ARG TARGETPLATFORM=...`, the flag picks that
value instead, and no fix is offered.

## Examples

```dockerfile fail
FROM --platform=$TARGETPLATFORM alpine:3.20
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
```

```dockerfile pass
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM alpine:3.20
```

"""##,
        "DL3066": ##"""
# DL3066 numeric-user

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | hadolint DL3066 |

Non-numeric user-id may not be resolvable by host system.

## What it checks

The last `USER` of the last stage, as hadolint 2.15 does: the user part (before `:`) must be a
number once the file's `ARG` and `ENV` values are substituted. `USER app`, `USER app:app` and
`USER root` are reported; `USER 1000`, `USER 1000:app` and `USER 0` are not.

In a file without `FROM` (a fragment a template pastes into a stage), the last `USER` of the
file is checked, as hadolint does.

This rule keeps hadolint's meaning for projects coming from hadolint, whose configuration and
`# hadolint ignore=DL3066` comments keep working. It shares the subject with dlint's own
[DX1001 explicit-uid-gid](DX1001.md) without reporting the same bytes: DL3066 owns the final
stage's `USER`; DX1001 reports the `useradd`/`adduser` that leave an id to chance, and a final
user inherited from a parent stage (which DL3066, like hadolint, does not look at). A project
that accepts user names whose id the file fixes ignores DL3066 and keeps DX1001.

Deliberately not reported, unlike hadolint:

- a value made of a variable whose value the file does not fix (`USER ${APP_UID}`): it is
  usually a number passed with `--build-arg` (hadolint issue #1234);
- Windows images, whose users have no numeric ids: told by the image's name
  (`mcr.microsoft.com/windows/servercore`, `…/dotnet/framework/sdk`, a `windowsservercore`,
  `nanoserver`, `ltsc2022` or `1809` tag), by a backtick escape when the image is a variable,
  or by a `cmd` or `powershell` SHELL.

`USER` instructions of earlier stages, and earlier `USER`s of the last stage, are not checked:
only the image's final user is seen by the host. Like hadolint, a last stage without `USER` is
not checked, even when it is built `FROM` a stage that sets one.

## Why it matters

The host, Kubernetes (`runAsNonRoot`) and volume permissions see numeric ids. A name is only
resolved through the image's `/etc/passwd`: a policy cannot tell whether `app` is root without
running the image, and the id behind the name may change when the base image changes.

## Fix

Writes the user's id in place of its name when the file creates that user with a literal id
(`useradd -u 10001 app` … `USER app` → `USER 10001`), in the stage or the stages it is built
`FROM`, and `0` for `root`. Only the user part changes (`USER app:app` → `USER 10001:app`).
**Safe**: the runtime finds the same `/etc/passwd` entry by id as by name, with the same primary
and supplementary groups. A user the base image creates, or one created without an id or with
an id from a variable, is not fixed (DX1001's fix gives such a user an id); neither is a user
written through a variable.

## Examples

A name as the last user of the last stage, even when the name is root:

```dockerfile fail
FROM node:22-alpine
USER node
#    ^^^^
```

Only the user part is checked and reported, even when the file gives the user a fixed id:

```dockerfile fail
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER app:app
#    ^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER 10001:app
```

A variable is expanded when the file fixes its value:

```dockerfile fail
FROM debian:bookworm
ARG RUNTIME_USER=appuser
USER root
USER ${RUNTIME_USER}
#    ^^^^^^^^^^^^^^^
```

Numeric users, a name in an earlier stage only, a variable the file does not fix, and root
given by its id:

```dockerfile pass
FROM golang:1.23 AS build
USER nobody
FROM gcr.io/distroless/static
USER 65532:65532
```

```dockerfile pass
FROM alpine:3.20
ARG APP_UID
USER ${APP_UID}
```

```dockerfile pass
FROM alpine:3.20
USER 0:root
```

A Windows image, told by its tag:

```dockerfile pass
FROM mcr.microsoft.com/powershell:lts-7.4-windowsservercore-ltsc2022
USER ContainerUser
```

"""##,
        "DL3067": ##"""
# DL3067 no-root-filesystem-copy

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL3067 |

Do not copy an entire filesystem from another stage.

## What it checks

`COPY --from=…` whose source is the other stage's or image's root directory (`/`, `/.`, or
`/*`, every entry at the root) and whose destination is this stage's root (`/`, or a relative
path such as `.` where `WORKDIR` is `/`). Quotes and variables with constant values are
resolved first; exec form (`COPY --from=build ["/", "/"]`) counts too. The finding covers the
source and destination.

Not reported: `COPY / /` without `--from` (the build context), copying one directory
(`COPY --from=build /app /`), and copying the root into a subdirectory
(`COPY --from=build / /rootfs`).

## Why it matters

Copying a whole filesystem brings everything of the other stage: compilers and build tools,
package manager databases and caches, files holding credentials used during the build, and
its `/etc` over this stage's `/etc`, so the result is the other image again with none of the
size or attack-surface savings a multi-stage build is for, and with two images' worth of
files merged in ways neither was built for. Copy the artefacts the image needs. When the
intent really is to flatten an image into one layer (`FROM scratch` then `COPY --from=full / /`),
say so with `# dlint ignore=DL3067`.

## Examples

```dockerfile fail
FROM golang:1.23 AS build
RUN go build -o /out/app ./...
FROM gcr.io/distroless/static-debian12
COPY --from=build / /
#                 ^^^
COPY --from=build "/" "/"
#                 ^^^^^^^
WORKDIR /
COPY --from=build /* .
#                 ^^^^
```

```dockerfile pass
FROM golang:1.23 AS build
RUN go build -o /out/app ./...
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
COPY --from=build / /rootfs
COPY / /
```

"""##,
        "DL4000": ##"""
# DL4000 maintainer-deprecated

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | hadolint DL4000, BuildKit `MaintainerDeprecated` |

MAINTAINER is deprecated: use a LABEL.

## What it checks

Any `MAINTAINER` instruction.

## Why it matters

`MAINTAINER` has been deprecated since Docker 1.13. The OCI image specification's
`org.opencontainers.image.authors` label carries the same information, and tools that read
image metadata look for the label.

## Examples

```dockerfile fail
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
#^^^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix

Replaces the instruction with `LABEL org.opencontainers.image.authors="…"`, the keyword in the
case the file used, the value quoted with the file's escape character so that quotes, `$` and
escape characters keep their literal meaning (`MAINTAINER` never expanded variables; `LABEL`
does). **Safe**: the label records the same author; nothing the image runs changes.

```dockerfile fail
FROM alpine:3.20
MAINTAINER Jane "JD" Doe <jane@example.com>
#^^^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane \"JD\" Doe <jane@example.com>"
```

"""##,
        "DL4001": ##"""
# DL4001 wget-or-curl

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL4001 |

Either use wget or curl but not both.

## What it checks

A stage whose `RUN`s run both `wget` and `curl` (as commands: behind `sudo`, in `sh -c`
strings, by path, in exec form). From the `RUN` where the second of the two first appears, each
`RUN` of the stage that runs either is reported once, at its first `wget` or `curl` word, as
hadolint does. Each stage is judged on its own, and a stage's `ONBUILD RUN` triggers apart from
its `RUN`s.

## Why it matters

Two download tools in one image mean two packages to install, patch and scan, and two sets of
behaviours to remember (redirects, retries, TLS options, exit codes on HTTP errors). Pick one:
`curl -fsSL` or `wget -q`, and use it throughout the stage.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN wget -q https://example.com/a.tgz
RUN curl -fsSLO https://example.com/b.tgz
#   ^^^^
RUN echo done
RUN wget -q https://example.com/c.tgz && curl -fsSLO https://example.com/d.tgz
#   ^^^^
```

One tool per stage:

```dockerfile pass
FROM debian:bookworm AS fetch
RUN wget -q https://example.com/a.tgz
FROM debian:bookworm
RUN curl -fsSLO https://example.com/b.tgz
RUN apt-get install -y wget
```

"""##,
        "DL4003": ##"""
# DL4003 single-cmd

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL4003 |

Multiple CMD instructions found: only the last CMD takes effect.

## What it checks

A stage with more than one `CMD`. Each one that a later `CMD` of the same stage replaces is
reported. Stages are separate: a `CMD` in each stage is fine.

## Why it matters

The default command is one setting of the image: each `CMD` replaces the one before, and only the
last of the stage takes effect. An earlier `CMD` is dead text — often a leftover, or a first
command that was meant to run as a `RUN`.

## Examples

```dockerfile fail
FROM python:3.12
CMD ["python", "manage.py", "migrate"]
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
CMD ["gunicorn", "app.wsgi"]
```

One per stage:

```dockerfile pass
FROM python:3.12 AS base
CMD ["python"]
FROM base
CMD ["gunicorn", "app.wsgi"]
```

## Differences from hadolint

hadolint reports the later instructions; dlint reports the ones that have no effect, as BuildKit's
`MultipleInstructionsDisallowed` does, and names the line of the one that replaces each.

"""##,
        "DL4004": ##"""
# DL4004 single-entrypoint

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL4004 |

Multiple ENTRYPOINT instructions found: only the last ENTRYPOINT takes effect.

## What it checks

A stage with more than one `ENTRYPOINT`. Each one that a later `ENTRYPOINT` of the same stage
replaces is reported. Stages are separate: an `ENTRYPOINT` in each stage is fine.

## Why it matters

The entrypoint is one setting of the image: each `ENTRYPOINT` replaces the one before, and only
the last of the stage takes effect. An earlier one is dead text that a reader may take for the
program the container runs.

## Examples

```dockerfile fail
FROM alpine:3.20
ENTRYPOINT ["/usr/bin/tini", "--"]
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
COPY entrypoint.sh /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
```

One per stage:

```dockerfile pass
FROM alpine:3.20 AS base
ENTRYPOINT ["/usr/bin/tini", "--"]
FROM base
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/entrypoint.sh"]
```

## Differences from hadolint

hadolint reports the later instructions; dlint reports the ones that have no effect, as BuildKit's
`MultipleInstructionsDisallowed` does, and names the line of the one that replaces each.

"""##,
        "DL4005": ##"""
# DL4005 use-shell-instruction

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | hadolint DL4005 |

Use SHELL to change the default shell.

## What it checks

`ln` making `/bin/sh` (or `/usr/bin/sh`) a link to something else, in a `RUN` or an
`ONBUILD RUN`: `ln -sf /bin/bash /bin/sh`, `ln -sfv bash /usr/bin/sh`. The finding covers the
`/bin/sh` operand.

A link that only points at `/bin/sh` (`ln -s /bin/sh /usr/local/bin/sh`), or a `/bin/sh` that is
an argument of another command, is fine.

## Why it matters

Replacing `/bin/sh` changes the shell of every later `RUN` without saying so where a reader
looks for it, and it changes the image: every script that runs `#!/bin/sh` in the container now
runs bash (or whatever the link points to), with its different behaviour. The `SHELL`
instruction changes the shell of the build's `RUN`s and nothing else.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN ln -sf /bin/bash /bin/sh
#                    ^^^^^^^
RUN sudo ln -sfv bash /usr/bin/sh
#                     ^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ln -s /bin/sh /usr/local/bin/posix-sh && ln -sf /bin/true /sbin/initctl
RUN ln -s foo bar && something_with /bin/sh
```

## Differences from hadolint

hadolint reports any `ln` with a `/bin/sh` argument, the link's target included; dlint only the
link named `/bin/sh`:

```dockerfile pass
FROM debian:bookworm
RUN ln -s /bin/sh /usr/local/bin/sh
```

"""##,
        "DL4006": ##"""
# DL4006 pipefail

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | hadolint DL4006 |

Set the SHELL option -o pipefail before RUN with a pipe in it.

## What it checks

A pipe (`|` or `|&`) in a `RUN` that runs without `pipefail`. `pipefail` is on when:

- the stage's `SHELL` sets it: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, also grouped
  (`-eo pipefail`, `-euxo pipefail`), for any shell that accepts it (bash, zsh, BusyBox ash,
  `/bin/sh` on Alpine); a stage built `FROM` another inherits its `SHELL`;
- `set -o pipefail` (or `set -euo pipefail` …) runs earlier in the same shell: before the pipe
  in the `RUN`, not inside a subshell that has ended, nor after the pipe;
- for the script of `sh -c '…'` / `bash -o pipefail -c '…'`, a shell fed a heredoc
  (`RUN bash -o pipefail <<EOF`) and a heredoc with its own `#!` line: the options of that shell
  and its script only, since it is a new shell (the `SHELL` does not reach it);
- for exec form (`RUN ["bash", "-c", "a | b"]`), which ignores `SHELL`: the options given there.

Pipes inside `$(…)` count, as for hadolint: with `set -e`, `VERSION=$(curl … | jq …)` should fail
when curl does. `RUN`s whose shell is not POSIX (PowerShell, cmd, Windows images) are not
checked.

One finding per `RUN`, at its first pipe without `pipefail`.

## Why it matters

A pipeline's exit status is that of its last command. In
`RUN curl -fsSL https://example.com/tool.tgz | tar -xz`, a failed download gives `tar` an empty
input and the step may still succeed, producing an image without the tool. With `pipefail`, the
pipeline fails when any command in it fails, and the build stops where the problem is.

## Fix

Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first `RUN` of the stage with a
pipe, keeping its indentation and line ending, above the comment lines that belong to it. Only
when the stage still runs the default `/bin/sh -c` (no `SHELL` in it or the stages it is built
`FROM`) and its base image is known to have bash: Debian, Ubuntu and the official images built
on them, Fedora, CentOS, Rocky, Alma, UBI, Amazon Linux, openSUSE, Arch, or a stage that runs
`apt-get` or `dnf`. Not for Alpine, BusyBox or distroless images, nor for pipes in `sh -c`
strings or heredocs with their own shell, which `SHELL` does not reach.

When the stage has its own `SHELL` running bash, zsh or ash (or `sh` on Alpine and BusyBox,
which is ash) without `pipefail`, the fix adds `"-o", "pipefail"` to that `SHELL` instead,
written with its separators: `SHELL ["/bin/bash", "-c"]` becomes
`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. A `SHELL` of a parent stage, or dash's
`/bin/sh`, is left alone.

**Unsafe**: every later `RUN` of the stage, and of stages built `FROM` it, runs bash instead of
`/bin/sh` (dash on Debian): bash-only syntax now works, `echo` treats backslashes differently,
and a pipeline whose first command fails on purpose — `yes | apt-get …` killed by `SIGPIPE`,
`grep` finding nothing — now fails the build. Review the stage's pipes.

```dockerfile fail
FROM debian:bookworm
RUN echo start
# fetch the tool
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local
#                                           ^
RUN ls /usr/local/bin | wc -l
#                     ^
```

```dockerfile fixed
FROM debian:bookworm
RUN echo start
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# fetch the tool
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local
RUN ls /usr/local/bin | wc -l
```

```dockerfile fail
FROM ubuntu:24.04
SHELL ["/bin/bash", "-c"]
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
#                                          ^
```

```dockerfile fixed
FROM ubuntu:24.04
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
```

## Examples

A pipe in a `$(…)`, one before `set -o pipefail`, one in an `sh -c` string (a new shell, even
under a pipefail `SHELL`), and on Alpine, where nothing is fixed:

```dockerfile fail
FROM alpine:3.20
RUN VERSION="$(wget -qO- https://example.com/latest | head -n1)" && echo "$VERSION"
#                                                   ^
RUN wget -qO- https://example.com/a | sh && set -o pipefail
#                                   ^
SHELL ["/bin/ash", "-o", "pipefail", "-c"]
RUN sh -c 'wget -qO- https://example.com/b | sh'
#                                          ^
```

`pipefail` from `SHELL`, from `set` earlier in the `RUN`, in a `bash -o pipefail -c` string, a
heredoc with a `#!/bin/bash` line and `set -o pipefail`, and a PowerShell stage:

```dockerfile pass
FROM debian:bookworm AS tools
SHELL ["/bin/bash", "-euxo", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tgz | tar -xz
FROM tools
RUN ls | wc -l
FROM debian:bookworm
RUN set -euo pipefail; curl -fsSL https://example.com/a.sh | sh
RUN bash -o pipefail -c 'curl -fsSL https://example.com/b.sh | sh'
RUN <<EOF
#!/bin/bash
set -o pipefail
curl -fsSL https://example.com/c.sh | sh
EOF
FROM alpine:3.20
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
RUN wget -qO- https://example.com/d.sh | sh
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-ChildItem | Select-Object Name
```

## Differences from hadolint

hadolint accepts `pipefail` only from `SHELL` and only for bash, zsh and ash, forgets a parent
stage's `SHELL` in a child stage, ignores `set -o pipefail` in the `RUN`, does not look into
`sh -c` strings, and judges exec form by the `SHELL` it does not use. dlint follows the shell
that really runs each pipe: the pass examples above are all reported by hadolint, and these
are reported by dlint only:

```dockerfile fail
FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN sh -c 'curl -fsSL https://example.com/a.sh | sh'
#                                              ^
RUN ["sh", "-c", "curl -fsSL https://example.com/b.sh | sh"]
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

"""##,
        "DX1001": ##"""
# DX1001 explicit-uid-gid

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | — |

Create users and groups with explicit numeric ids, and run the image as a user whose id is fixed.

## What it checks

Two things:

1. A `useradd`, `adduser`, `groupadd` or `addgroup` in a `RUN` that creates a user or group
   without an explicit id. The options known are those of shadow-utils (Debian, Ubuntu, Red
   Hat: `useradd -u`/`--uid`, `groupadd -g`/`--gid`), Debian's adduser (`adduser --uid`,
   `addgroup --gid`, `adduser --group` creating a group) and BusyBox/Alpine (`adduser -u`,
   `addgroup -g`). The value may be attached (`-u1000`, `--uid=1000`), options may be grouped
   (`-Su 100`) and long options abbreviated (`--home` for `--home-dir`). A system account
   (`-r`, `--system`, `-S`) still gets an id picked at build time, so it is reported too.
   `useradd -g 1000` and `adduser -G group` give the primary group, not the user's id.
   The finding covers the command's name.
2. The image's final user given as a name that no `useradd`/`adduser` of that stage or its
   ancestors creates, when the final stage has no `USER` of its own and inherits it from the
   stage it is built `FROM`. The finding covers the user part of the `USER` value. A name in the
   last `USER` of the final stage is [DL3066](DL3066.md)'s finding, not this rule's (see below).

Creations are checked wherever they are: in a file without `FROM` (a fragment a template
pastes into a stage), in an `ONBUILD RUN` trigger, and in an exec-form shell
(`RUN ["sh", "-c", "useradd app"]`).

Deliberately not reported:

- an id computed at build time (`useradd -u "$APP_UID" app`, `--uid=${UID:-1000}`): the build
  fixes it, not the system's allocator;
- `adduser user group` and `addgroup user group`, which add an existing user to a group, and
  `useradd -D`, which changes defaults;
- `USER 1000`, `USER 1000:1000`, `USER root` (root is 0 everywhere) and a `USER` made of a
  variable whose value the file does not fix (`USER ${APP_UID}`);
- the last `USER` of the final stage: [DL3066](DL3066.md) reports any name there, so this rule
  leaves it to DL3066 rather than report the same bytes twice;
- a `USER` naming a user the file creates: if that user has no explicit id, the creation is
  reported instead, once;
- `USER` instructions of earlier stages or earlier in the final stage: they only affect the
  build, and the build resolves names in the same image that defines them;
- the group part of `USER user:group`;
- Windows images (by name, by a backtick escape with an unreadable image, or by a `cmd` or
  `powershell` SHELL), whose accounts have no numeric ids.

## Why it matters

Files on volumes and bind mounts belong to numbers, not names. An id picked by the allocator
depends on the accounts created before it, by the base image and by packages: a new base image
release can move `app` from 999 to 998, and a volume written by the old image becomes
unreadable. Hosts and orchestrators (`runAsUser`, `runAsNonRoot`, `securityContext`) also see
only numbers: a name forces them to trust the image's `/etc/passwd`, or to refuse it. A
`USER` naming an account the base image or a package creates has an id the Dockerfile does not
control.

### Relation to hadolint's DL3066

hadolint 2.15's [DL3066](DL3066.md) (info) reports any non-numeric user in the last `USER` of
the last stage, even one the file creates with an explicit id, and even `root`. The two rules
split the work so that no token is reported twice for the same reason: DL3066 speaks of the
final stage's `USER` (its meaning is hadolint's, for projects that configured it); DX1001
speaks of the `useradd`/`adduser` that leaves an id to chance, and of a final user inherited
from a parent stage, which DL3066 does not look at. `FROM debian`, `RUN useradd app`,
`USER app` gives one finding of each, on different bytes: the id is not fixed (DX1001, at
`useradd`), and the image names its user (DL3066, at `app`). Projects that do not care about
numeric `USER` values ignore DL3066 and keep DX1001.

## Fix

Gives each user and group created without an id one, in the tool's own spelling, right after
the tool's name: `useradd -u N`, `groupadd -g N`, Debian's `adduser --uid N` and
`addgroup --gid N`, BusyBox's `adduser -u N` and `addgroup -g N` (Red Hat's `adduser` is
`useradd`: `-u N`). Which `adduser`/`addgroup` it is comes from the base image (`alpine`,
`busybox` or an `-alpine` tag; `debian`, `ubuntu` or a Debian/Ubuntu release in the tag;
Fedora, CentOS, Rocky, Alma, UBI, Amazon Linux) or, failing that, the package manager the stage
runs (`apk`; `apt-get`; `dnf`/`yum`), else the options the command already has (`--long` ones:
Debian; short ones: BusyBox). `adduser --group` (a group) is Debian's: `--gid N`.

The ids are chosen in file order, from the first user id and first group id, both **10001**
unless configured, skipping every number the file already uses (explicit ids, `USER` values,
`--chown` flags, ids already handed out), as a user id or a group id, so that a user-private
group can take the same number as its user. A user whose primary group has a known id (`-g 1500`,
or a group the file creates, with an explicit id or one the fix gives it) gets that same number
when it is free as a user id: `groupadd app && useradd -g app app` become 10001 and 10001.

The first ids are options of the rule, in `.dlint.yaml`:

```yaml
rules:
  explicit-uid-gid:
    uid: 20000
    gid: 20000
```

The fix does not touch `USER`: a `USER app` becomes `USER 10001` only through
[DL3066](DL3066.md)'s fix, which writes a number only when the file itself fixes that user's id
(`useradd -u 10001 app`, as it does once this fix is applied), and only the user part
(`USER app:app` → `USER 10001:app`): a numeric user finds the same `/etc/passwd` entry, so the
primary group and the supplementary groups are the same, whereas writing `10001:10001` would drop
the supplementary groups (the runtime adds them only when the group is not given). A `USER`
naming an account the base image creates keeps its name: its id is not known here.

**Groups whose id belongs to the host are reported without a fix.** The `docker` group exists in
an image so that a user can reach the Docker socket bind-mounted from the host
(`-v /var/run/docker.sock:/var/run/docker.sock`); the socket belongs to the host's `docker` group,
so the image's group must have the host's gid, which only the person running the image knows
(`--build-arg DOCKER_GID=$(stat -c %g /var/run/docker.sock)`, then `groupadd -g "$DOCKER_GID"
docker`). An invented 10001 would be wrong on every host. The same holds for any group a later
`chown`/`chgrp` in the file hands a device (`/dev/…`) or a socket (`….sock`) to; a run-time
directory such as `/run/mysqld` is the image's own and does not count. Such a group is still reported — its id is left to chance — but the
message asks for the host's id and no id is planned for it (a user whose primary group it is gets
an id of its own).

```dockerfile fail
FROM debian:bookworm
RUN groupadd docker && useradd -m -G docker ci
#   ^^^^^^^^           ^^^^^^^
RUN groupadd kvm-users && chgrp kvm-users /dev/kvm
#   ^^^^^^^^
```

**Unsafe**: the accounts get other numbers than the allocator gave them, so files the image
creates, volumes written by an earlier image, and host bind mounts may no longer match; and the
build fails if the base image already uses the number (`useradd: UID 10001 is not unique`).
Choose the ids on purpose, then apply. Not fixed: a Debian-or-BusyBox `adduser`/`addgroup`
whose distribution neither the image, the package manager nor its options tell, `addgroup` on a
Red Hat image, and the host's groups above.

```dockerfile fail
FROM debian:bookworm
RUN groupadd -r mysql && useradd -r -g mysql mysql --home-dir /var/lib/mysql
#   ^^^^^^^^             ^^^^^^^
USER mysql
```

```dockerfile fixed
FROM debian:bookworm
RUN groupadd -g 10001 -r mysql && useradd -u 10001 -r -g mysql mysql --home-dir /var/lib/mysql
USER mysql
```

(`--fix --unsafe-fixes` then applies DL3066's safe fix in its next round: the file now fixes
mysql's id, so `USER mysql` becomes `USER 10001`.)

BusyBox spellings on continuation lines; 10001 is taken by the first `USER`, and `worker`'s own
group keeps the next number free for it:

```dockerfile fail
FROM alpine:3.20 AS build
USER 10001
FROM alpine:3.20
RUN set -eux; \
    addgroup -S app; \
#   ^^^^^^^^
    adduser -S -D -H -G app app; \
#   ^^^^^^^
    adduser -D worker && adduser -D -G app helper
#   ^^^^^^^              ^^^^^^^
USER app:app
```

```dockerfile fixed
FROM alpine:3.20 AS build
USER 10001
FROM alpine:3.20
RUN set -eux; \
    addgroup -g 10002 -S app; \
    adduser -u 10002 -S -D -H -G app app; \
    adduser -u 10003 -D worker && adduser -u 10004 -D -G app helper
USER app:app
```

Debian's adduser, told by its long options:

```dockerfile fail
FROM example.com/base:1
RUN adduser --disabled-password --gecos "" app && adduser --group deploy
#   ^^^^^^^                                       ^^^^^^^
```

```dockerfile fixed
FROM example.com/base:1
RUN adduser --uid 10001 --disabled-password --gecos "" app && adduser --gid 10002 --group deploy
```

## Examples

A system group and user created without ids, the Debian/Ubuntu way:

```dockerfile fail
FROM debian:bookworm
RUN groupadd -r mysql && useradd -r -g mysql mysql --home-dir /var/lib/mysql
#   ^^^^^^^^             ^^^^^^^
USER mysql
```

The BusyBox (Alpine) spellings, on continuation lines: `-G` names the primary group, not an id:

```dockerfile fail
FROM alpine:3.20
RUN set -eux; \
    addgroup -S app; \
#   ^^^^^^^^
    adduser -S -D -H -G app app
#   ^^^^^^^
USER app
```

Debian's adduser, where `--gid` is the primary group, and `--group` without `--system` creates
a group:

```dockerfile fail
FROM ubuntu:24.04
RUN addgroup --gid 1500 app && adduser --disabled-password --gid 1500 app
#                              ^^^^^^^
RUN adduser --group deploy
#   ^^^^^^^
```

The final stage inherits its user from the stage it is built `FROM`, and that name's id is
never fixed here (the base image creates it):

```dockerfile fail
FROM node:22-bookworm-slim AS runtime
USER node:node
#    ^^^^
FROM runtime
COPY app /app
```

The final stage's own `USER node` is [DL3066](DL3066.md)'s to report, not this rule's:

```dockerfile pass
FROM node:22-bookworm-slim
USER node
```

An `ONBUILD` trigger is checked too (so is a file without `FROM`):

```dockerfile fail
FROM debian:bookworm
ONBUILD RUN groupadd app
#           ^^^^^^^^
```

Explicit ids in every spelling, an id from a build argument, membership changes, and a
numeric or root final user:

```dockerfile pass
FROM debian:bookworm
ARG APP_UID=10001
RUN groupadd -r -g 999 postgres \
    && useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql postgres \
    && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node \
    && useradd -u"$APP_UID" -M app \
    && adduser --system --uid 7474 --no-create-home --home /var/lib/neo4j --ingroup node neo4j \
    && adduser app node && addgroup node staff
USER postgres
```

```dockerfile pass
FROM alpine:3.20
RUN addgroup -g 70 -S postgres && adduser -u 70 -S -D -G postgres -H -h /var/lib/postgresql postgres
RUN adduser -DSu 1883 mosquitto && addgroup mosquitto postgres
USER 1883:1883
```

The final user is set by the stage the final one is built from, and the name is created there
with an id; `root` needs no id:

```dockerfile pass
FROM debian:bookworm AS base
RUN useradd --uid 1000 --create-home app
USER app
FROM base
RUN echo built
```

```dockerfile pass
FROM debian:bookworm
ARG RUNTIME_UID
USER root
RUN apt-get update
USER ${RUNTIME_UID}
```

"""##,
        "DX1002": ##"""
# DX1002 cache-friendly-copy-order

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | dlint's own |

Copy dependency manifests and install dependencies before copying the whole build context.

## What it checks

In one stage, a `COPY` or `ADD` of the whole build context — a source of `.`, `./`, `*` or
`./*`, shell or exec form, not `--from` — that comes before a `RUN` installing dependencies
from manifest files only. The finding covers the broad source word; the message names the
install, its line, and the files to copy first. One finding per stage.

| Install | Manifests to copy first |
| --- | --- |
| `npm ci`, `npm install`, `npm i` (no package names, not `-g`) | `package.json`, `package-lock.json` |
| `yarn`, `yarn install` | `package.json`, `yarn.lock` |
| `pnpm install`, `pnpm i`, `pnpm fetch` | `package.json`, `pnpm-lock.yaml` |
| `pip install -r FILE` (`pip3`, `python -m pip`) | the `-r` and `-c` files |
| `poetry install --no-root` | `pyproject.toml`, `poetry.lock` |
| `pipenv install` | `Pipfile`, `Pipfile.lock` |
| `bundle install`, `bundle` | `Gemfile`, `Gemfile.lock` |
| `go mod download` | `go.mod`, `go.sum` |
| `composer install` | `composer.json`, `composer.lock` |
| `cargo fetch` | `Cargo.toml`, `Cargo.lock` |
| `mvn dependency:go-offline`, `mvn dependency:resolve` | `pom.xml` |
| `gradle dependencies`, `./gradlew dependencies` | `build.gradle`, `settings.gradle`, `gradle.properties` (and the wrapper) |

Not reported, deliberately:

- installs that need the sources anyway: `pip install .` or `-e .`, `poetry install` without
  `--no-root` (it installs the project itself), `cargo build` (it compiles the crate: caching its
  dependencies takes dummy sources or cargo-chef, not just a manifest copy), `mvn package`,
  `go build`;
- installs of named packages (`npm install left-pad`, `yarn add`, `pip install flask`) and global
  tools (`npm install -g`): they do not read the project's manifests;
- a second install of the same package manager after the broad copy, when one already ran before
  it (the good pattern: `poetry install --no-root`, `COPY . .`, `poetry install`);
- an install in another stage than the broad copy, even one built `FROM` it.

## Why it matters

A `COPY` layer is rebuilt whenever a copied file changes, and every instruction after it too.
When the whole build context is copied first, editing any source file re-runs the dependency
install, usually the slowest step of the build. Copying only the manifests, installing, and
then copying the rest keeps the install cached until the dependencies change.

## Examples

The whole context is copied before `npm ci`:

```dockerfile fail
FROM node:20-alpine
WORKDIR /app
COPY . .
#    ^
RUN npm ci
CMD ["node", "server.js"]
```

`ADD` in exec form, and a `pip install -r` inside a multi-line `RUN`; the message says
`'pip install -r requirements/prod.txt' on line 6`:

```dockerfile fail
FROM python:3.12-slim
WORKDIR /srv
ADD ["./", "/srv/"]
#    ^^^^
RUN apt-get update && \
    pip install --no-cache-dir -r requirements/prod.txt
```

Manifests first, then the install, then the rest (a second `poetry install` after the broad copy
installs the project itself and is fine):

```dockerfile pass
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
```

```dockerfile pass
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root
COPY . .
RUN poetry install
```

Installs that need the sources, a named package, a copy from another stage, and an install in
another stage:

```dockerfile pass
FROM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo build --release
RUN pip install .
RUN npm install -g pnpm

FROM node:20 AS web
COPY --from=build . /app
RUN npm ci

FROM build AS deps
RUN go mod download
```

## Fix

The fix does what the message says:

1. it inserts a `COPY` of the manifests the install reads (the table above; pip's `-r` and `-c`
   files) right above the install `RUN` (above the comment lines directly over it), with the
   broad copy's destination and its `--chown` and `--chmod`. Lock files are written with a
   trailing `*` (`package-lock.json*`, `yarn.lock*`, `go.sum*` …): BuildKit fails on a missing
   source named literally, but not on a wildcard that matches nothing, and a project may have
   no lock file. The destination gets a trailing `/` (several sources need one; a single
   `pom.xml` copied to `/app` would otherwise become a file named `/app`); a manifest in a
   subdirectory (`pip install -r reqs/prod.txt`) goes to the same subdirectory of the
   destination;
2. it moves the broad `COPY`/`ADD` — unchanged, flags (`--chown`, `--link` …) included, with
   the comment lines directly above it — to the line after the install `RUN`. A blank line the
   move would leave doubled is removed.

Keyword case, exec or shell form and line endings follow the broad copy. When the stage has
installs of several package managers after the broad copy, successive rounds of `--fix` handle
them one after the other.

The fix is **unsafe**, even where it applies, because the install now sees only the manifests:

- an install may need more than them: npm/yarn/pnpm workspaces, a `Gemfile` with `gemspec`,
  Cargo workspace members, a requirements file that includes another one (`-r base.txt`),
  configuration next to the manifests (`.npmrc`, `.yarnrc.yml` and `.yarn/`, `auth.json`,
  `.mvn/`), or lifecycle scripts (`postinstall`, `prepare`) that read the sources;
- the broad copy now comes after the install and overwrites what the install created with what
  the build context holds, when `.dockerignore` does not exclude `node_modules`, `vendor` …

No fix — the move could break the build — when:

- something between the broad copy and the install could read the copied files or change how
  they land: a `RUN` that is not made only of commands that read no project file (system package
  managers, cache cleaning, global tool installs, `rm` of system paths, `mkdir`, `echo` …), a
  `COPY`/`ADD`, a `WORKDIR` (a relative destination would resolve elsewhere), a `VOLUME`, or an
  `ENV`/`ARG` when the broad copy uses a variable;
- the install `RUN` does something else that needs the sources (`npm ci && npm run build`), or
  runs its install in a directory other than the broad copy's destination (or a directory under
  it) — a `cd` that is not a plain path at the top level of the script counts as unknown;
- the broad copy has several sources, `--exclude` or `--parents`, a heredoc, or a destination
  that is not a plain word (quotes, blanks, the escape character);
- the manifests are in different directories, or include a directory (`./gradlew` needs
  `gradle/`).

```dockerfile fail
FROM node:20-alpine
WORKDIR /app
# The application
COPY --chown=node:node . .
#                      ^
ENV NODE_ENV=production
RUN npm ci --omit=dev && npm cache clean --force
CMD ["node", "server.js"]
```

```dockerfile fixed
FROM node:20-alpine
WORKDIR /app
ENV NODE_ENV=production
COPY --chown=node:node package.json package-lock.json* ./
RUN npm ci --omit=dev && npm cache clean --force
# The application
COPY --chown=node:node . .
CMD ["node", "server.js"]
```

`ADD` in exec form, a `cd` into the destination and a requirements file in a subdirectory:

```dockerfile fail
FROM python:3.12-slim
ADD ["./", "/srv/"]
#    ^^^^
RUN apt-get update && \
    cd /srv && pip install --no-cache-dir -r requirements/prod.txt && \
    rm -rf /var/lib/apt/lists/*
```

```dockerfile fixed
FROM python:3.12-slim
COPY ["requirements/prod.txt", "/srv/requirements/"]
RUN apt-get update && \
    cd /srv && pip install --no-cache-dir -r requirements/prod.txt && \
    rm -rf /var/lib/apt/lists/*
ADD ["./", "/srv/"]
```

No fix here: `npm run build` in the same `RUN` needs the sources.

```dockerfile fail
FROM node:20
WORKDIR /app
COPY . .
#    ^
RUN npm ci && npm run build
```

"""##,
        "DX1003": ##"""
# DX1003 named-stages

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | dlint |

Name build stages and refer to them by name, not by index.

## What it checks

In a Dockerfile with more than one stage:

- a reference to a stage by its index: `COPY --from=0`, the `from=0` field of a
  `RUN --mount` of type `bind` or `cache`, and `FROM 0` written after stage 0. The finding
  covers the option (`--from=0`, `from=0`) or the `FROM` image word;
- a stage other than the last one that has no `AS name`. The finding covers the image word
  of its `FROM`.

Two of these forms are not stage references at all, which is why they are worth a warning
even when the build seems to work:

- BuildKit reads a mount's `from=` as a stage name or an image, never as an index:
  `--mount=from=0` looks for an image called `0`;
- BuildKit never resolves `FROM` by index: `FROM 0` pulls an image called `0`.

Files with a single stage are never reported: there is nothing to name and nothing to refer to.
An index past the last stage (`COPY --from=7` in a file of three stages) is left to
[DL3022](DL3022.md), and an index of the stage itself to [DL3023](DL3023.md). `ONBUILD`
triggers are not looked at: they run in a child image, where this file's stages do not exist.

## Why it matters

An index changes meaning as soon as a stage is added or moved above it, and it says nothing
about what is being copied. `COPY --from=builder` keeps working when the file is reorganised,
can be targeted with `docker build --target builder`, and reads as documentation. Unnamed
intermediate stages show up as `stage-0`, `stage-1` in build output and cannot be targeted by a
stable name.

## Examples

An unnamed build stage copied from by index, and a mount whose `from=0` on a continuation line
BuildKit would read as an image name:

```dockerfile fail
FROM golang:1.22
#    ^^^^^^^^^^^
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=0 /out/app /usr/local/bin/app
#    ^^^^^^^^
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=bind,from=0,source=/out,target=/in \
#                     ^^^^^^
    cp /in/app /usr/local/bin/app2
```

`FROM` by index pulls an image named `1` instead of building on stage 1:

```dockerfile fail
FROM debian:12 AS base
RUN apt-get update

FROM base AS build
RUN make

FROM 1
#    ^
CMD ["app"]
```

Named stages referred to by name, an image in `--from`, and a single-stage file with an
unnamed stage:

```dockerfile pass
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
COPY --from=busybox:1.36 /bin/busybox /bin/busybox
RUN --mount=type=bind,from=build,source=/out,target=/in \
    cp /in/app /usr/local/bin/app2
```

```dockerfile pass
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix

One fix per stage, with all its edits together so that the file stays consistent: it adds
`AS <name>` after the image of a stage that has no name (`AS` in the case of the file's `FROM`
keyword), and rewrites every `COPY --from=<index>` of that stage to the name. A stage that
already has a name only gets its index references rewritten.

The name is the last path component of the base image's repository (`golang:1.22` gives
`golang`, `ghcr.io/acme/node-tools:2` gives `node-tools`), else `stage-<index>`. It is made
lower-case and valid for BuildKit (`^[a-z][a-z0-9-_.]*$`), and gets `-2`, `-3` ... appended
until it differs from every stage name of the file, from the reserved names `scratch` and
`context`, and from every value that a `COPY --from`, a mount `from=` or a later `FROM` of the
file uses as an image: naming a stage `golang` while a later stage says `FROM golang` would make
that `FROM` build on the stage instead of pulling the image. For a value built from a variable
(`FROM ${BASE}` with `ARG BASE=kong:3.9`) the bare repository of its default (`kong`) is avoided
too, since `--build-arg BASE=kong` is a likely override; and a name that a value the file does
not fix could expand to (`FROM base-${TARGETARCH}` could be `base-2`) is skipped.

The fix is **safe**: `COPY --from=0` and `COPY --from=<name of stage 0>` are the same stage to
BuildKit, and a name nothing refers to yet changes nothing in the build.

No fix is offered for:

- a mount's `from=0` and `FROM 1`: BuildKit reads them as image names today, so writing the
  stage's name would change what they read (mount the stage, build on the stage);
- an index written with a variable (`--from=${STAGE}`): `--build-arg` can change its value;
- a stage whose name another stage also uses ([DL3024](DL3024.md)): BuildKit resolves the name
  to the last of them, which may not be the stage the index means.

```dockerfile fail
FROM golang:1.22
#    ^^^^^^^^^^^
RUN go build -o /out/app ./cmd/app

FROM node:20-alpine AS assets
RUN npm ci && npm run build

FROM alpine:3.20
COPY --from=0 /out/app /usr/local/bin/app
#    ^^^^^^^^
COPY --from=1 /app/dist /srv/www
#    ^^^^^^^^
```

```dockerfile fixed
FROM golang:1.22 AS golang
RUN go build -o /out/app ./cmd/app

FROM node:20-alpine AS assets
RUN npm ci && npm run build

FROM alpine:3.20
COPY --from=golang /out/app /usr/local/bin/app
COPY --from=assets /app/dist /srv/www
```

Two stages on the same image get distinct names, the keyword follows the file's lower-case
`from`, and a name that a later `FROM` uses as an image is skipped (`debian` here):

```dockerfile fail
from golang:1.22
#    ^^^^^^^^^^^
run go build -o /go/bin/api ./cmd/api
from golang:1.22-alpine
#    ^^^^^^^^^^^^^^^^^^
run go build -o /go/bin/worker ./cmd/worker
from debian:12
#    ^^^^^^^^^
run apt-get update
from debian
copy --from=0 /go/bin/api /usr/local/bin/
#    ^^^^^^^^
copy --from=1 /go/bin/worker /usr/local/bin/
#    ^^^^^^^^
```

```dockerfile fixed
from golang:1.22 as golang
run go build -o /go/bin/api ./cmd/api
from golang:1.22-alpine as golang-2
run go build -o /go/bin/worker ./cmd/worker
from debian:12 as debian-2
run apt-get update
from debian
copy --from=golang /go/bin/api /usr/local/bin/
copy --from=golang-2 /go/bin/worker /usr/local/bin/
```

"""##,
        "DX1004": ##"""
# DX1004 missing-syntax-directive

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | yes | dlint's own |

Pin the Dockerfile frontend with a '# syntax=docker/dockerfile:1' directive.

## What it checks

A Dockerfile with at least one stage and no `# syntax=` parser directive. The finding covers
the first line of the file, the line the directive has to go above (parser directives must
come before any comment, blank line or instruction). When the file uses a feature that needs a
recent frontend — heredocs, `RUN --mount`, `COPY --link`, `--chmod`, `--exclude`… (the table
is on the [DX1006](DX1006.md) page) — the message names the newest one and its line.

Not reported:

- a file with a Windows stage (told by the image's name, such as
  `mcr.microsoft.com/windows/servercore` or a `windowsservercore`/`nanoserver`/`ltsc2022` tag,
  by a backtick escape when the image is a variable, or by a `cmd` or `powershell` SHELL): Windows
  images are built by the classic builder, which ignores the directive;
- a file without `FROM` (a fragment a template pastes into another file): it is not built on
  its own, and the directive belongs at the top of the file it goes into.

A directive that is present but too old is [DX1006](DX1006.md), a warning.

### Why the severity is style

The rule fires on 93% of the real Dockerfiles dlint is tested against: most projects, official
images included, have no directive, and they are not wrong. The directive also has a price: with
it, **every build pulls the frontend image** `docker/dockerfile:1` from Docker Hub (BuildKit
resolves the tag on each build, and downloads the image when it is new or not cached), so a
builder without access to Docker Hub — air-gapped CI, a registry allow-list, a Docker Hub rate
limit — can no longer build the file unless it mirrors the image. At info, the default failure
threshold would fail nearly every run for a choice that is the project's to make; at style the
finding stays on by default, visible in the output and in editors with its fix, and fails
nothing unless asked. It stays on because the risk it names is real: a file that uses a feature
newer than some builder's embedded frontend (the message names it) builds on one machine and
fails on another. Projects that want the directive enforced raise its severity
(`severity: { missing-syntax-directive: warning }` in `.dlint.yaml`) or set
`failure-threshold: style`; projects that cannot pull from Docker Hub
ignore the rule.

## Why it matters

Without the directive, BuildKit uses the Dockerfile frontend built into the builder, whose
version depends on the Docker Engine or BuildKit release installed on the build machine. A file
that uses heredocs or `COPY --link` then builds on one machine and fails — or behaves
differently — on another. `# syntax=docker/dockerfile:1` makes BuildKit fetch the latest
stable 1.x frontend, the same everywhere, with every feature the file may use — at the cost
of a pull from Docker Hub on every build (see above).

## Examples

No directive; the file uses `RUN --mount`, which needs frontend 1.2:

```dockerfile fail
FROM golang:1.22 AS build
#^^^^^^^^^^^^^^^^^^^^^^^^
WORKDIR /src
RUN --mount=type=cache,target=/root/.cache/go-build \
    go build -o /out/app .
```

A license comment first: the directive must go above it, so the comment line is underlined:

```dockerfile fail
# Copyright 2024 Example Inc.
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
RUN apk add --no-cache curl
```

A directive is present (whatever its version: a too old one is [DX1006](DX1006.md)'s business),
and a Windows file (even one with a Linux builder stage):

```dockerfile pass
# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
apk add --no-cache curl
EOF
```

```dockerfile pass
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN echo hello
```

```dockerfile pass
FROM golang:1.23 AS build
RUN go build -o /out/app.exe .
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=build /out/app.exe C:/app/app.exe
```

## Fix

The fix inserts `# syntax=docker/dockerfile:1` as the first line: after a UTF-8 byte order
mark, before everything else — so an `escape` or `check` directive that the file already has
stays in the leading directive block and keeps working. The new line ends like the file's first
line (`\r\n` in a CRLF file). `:1` is the major-version tag: BuildKit fetches the newest 1.x
frontend, which has every feature in the [DX1006](DX1006.md) table, so the fixed file never
needs a version raised.

The fix is **unsafe**. The directive does not change a single instruction, but it changes the
program that reads them: instead of the frontend embedded in the builder, BuildKit pulls
`docker/dockerfile:1` from Docker Hub at build time and runs whatever 1.x is newest that day.
A builder without access to Docker Hub (air-gapped, or behind a registry allow-list) can no
longer build the file, and a builder whose embedded frontend is older than the newest 1.x now
reads the file with newer semantics — for example `ADD` of a Git URL, which frontends before 1.6
fetched as a plain HTTP download. The image may therefore differ from the one built before, so
the fix waits for `--unsafe-fixes`.

No fix when the file starts with a `#!` line: BuildKit skips a shebang when it looks for the
`syntax` directive but dlint's parser (like BuildKit's instruction parser) ends the directive
block there, so where the directive should go is left to the author.

```dockerfile fail
# escape=`
#^^^^^^^^^
FROM alpine:3.20
RUN apk add --no-cache curl && `
    curl --version
```

```dockerfile fixed
# syntax=docker/dockerfile:1
# escape=`
FROM alpine:3.20
RUN apk add --no-cache curl && `
    curl --version
```

"""##,
        "DX1005": ##"""
# DX1005 stage-name-casing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | BuildKit `StageNameCasing` |

Stage names should be lowercase.

## What it checks

A stage name (`FROM image AS name`) that has an upper-case letter. Digits, `-`, `_` and `.`
are fine. The name is checked as written: stage names are never expanded from variables.

## Why it matters

BuildKit lower-cases stage names before matching them, so `AS Builder` and
`COPY --from=builder` do refer to the same stage, but the mixed spelling hides that. Worse,
`FROM Builder` does not find the stage `Builder`: BuildKit looks up base images by the exact
name and treats the upper-case one as an image reference, which is invalid. Writing stage
names in lower case, like image names, avoids both surprises.

## Examples

```dockerfile fail
FROM maven:3.9 AS buildJar
#                 ^^^^^^^^
RUN mvn package

FROM eclipse-temurin:21 AS Runtime
#                          ^^^^^^^
COPY --from=buildJar /target/app.jar /app.jar
```

```dockerfile pass
FROM maven:3.9 AS build-jar
RUN mvn package

FROM eclipse-temurin:21 AS runtime_1.0
COPY --from=build-jar /target/app.jar /app.jar
```

## Fix

The fix lower-cases the name and, in the same fix, every reference to it written without
variables: `COPY --from=Name`, a mount's `from=Name`, and `FROM Name` in a later stage.

It is **safe** when only the name and `--from`/`from=` values change: BuildKit lower-cases stage
names and these values (and `--target`) before comparing them, so every reference finds the same
stage as before. It is **unsafe** when a later `FROM` has to be lower-cased too: BuildKit looks
that one up by its exact text, so `FROM Base` is an invalid image reference today and builds on
the stage once it reads `FROM base` — the build changes (for the better). References written
with variables (`--from=${STAGE}`) are left alone: BuildKit compares their value ignoring case.

No fix is offered when another stage already has the lower-case name (`AS build` and
`AS Build`): that is a duplicate name, reported by [DL3024](DL3024.md), and which stage should
keep it is for a person to decide.

```dockerfile fail
FROM maven:3.9 AS buildJar
#                 ^^^^^^^^
RUN mvn package

FROM eclipse-temurin:21 AS Runtime
#                          ^^^^^^^
COPY --from=buildJar /target/app.jar /app.jar
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=bind,from=BUILDJAR,source=/target,target=/t \
    ls /t
```

```dockerfile fixed
FROM maven:3.9 AS buildjar
RUN mvn package

FROM eclipse-temurin:21 AS runtime
COPY --from=buildjar /target/app.jar /app.jar
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=bind,from=buildjar,source=/target,target=/t \
    ls /t
```

A later `FROM Base` makes the fix unsafe:

```dockerfile fail
FROM alpine:3.20 AS Base
#                   ^^^^
RUN apk add --no-cache curl

FROM Base
CMD ["curl", "--version"]
```

```dockerfile fixed
FROM alpine:3.20 AS base
RUN apk add --no-cache curl

FROM base
CMD ["curl", "--version"]
```

"""##,
        "DX1006": ##"""
# DX1006 outdated-syntax-directive

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | dlint's own |

The '# syntax' directive must name a frontend that supports the features the file uses.

## What it checks

The `# syntax=` directive names a `docker/dockerfile` (or `docker/dockerfile-upstream`)
version older than a feature the file uses. The finding covers the directive's value and names
the feature that needs the newest version, with its line. One finding per file.

How the value is read:

| Value | Read as |
| --- | --- |
| `docker/dockerfile:1`, `:latest`, `-upstream:master`, no tag | the latest 1.x: always new enough |
| `docker/dockerfile:1.4`, `docker.io/docker/dockerfile:1.5.2` | that version (a tag without a patch number means its newest patch) |
| `docker/dockerfile:1.7-labs`, `:1-labs`, `:labs`, `:1.1.7-experimental` | that version of the labs channel, which had some features before the stable one |
| `docker/dockerfile:1@sha256:…`, another image, another major version, a variable | not judged |

Features, and the first stable (and labs) frontend versions that have them:

| Feature | Stable | Labs |
| --- | --- | --- |
| `RUN --mount` | 1.2 | 1.0 (experimental) |
| variables in `RUN --mount` values | 1.3 | |
| `RUN --mount=type=secret,env=…` | 1.10 | |
| `RUN --network` | 1.3 | 1.2.1 |
| `RUN --security` | 1.20 | 1.1.2 |
| `RUN --device` | 1.27 | 1.14 |
| heredocs (`RUN <<EOF`, `COPY <<EOF`) | 1.4 | 1.3 |
| `COPY`/`ADD --link` | 1.4 | |
| `COPY`/`ADD --chmod` (octal) | 1.2 | |
| variables in `--chmod` | 1.10 | |
| non-octal `--chmod` (`u+x`) | 1.14 | 1.11 |
| `COPY`/`ADD --exclude` | 1.19 | 1.7 |
| `COPY --parents` | 1.20 | 1.7 |
| variables in `ADD --chown` | 1.2 | |
| `ADD --checksum` | 1.6 | 1.5 |
| `ADD` from a Git URL, `ADD --keep-git-dir` | 1.6 | 1.5 |
| `ADD --unpack` | 1.17 | |
| `HEALTHCHECK --start-interval` | 1.6 | |
| several names in one `ARG` | 1.2 | |
| the `# check=` directive | 1.8 | |

Octal `--chmod`: the Dockerfile reference says "supported since Dockerfile 1.3", but the flag
(moby/buildkit#1492) shipped with BuildKit 0.8, whose frontend is 1.2.0; dlint uses 1.2 so that
it only reports what is certainly too old. `ADD` from Git: the 1.5.0 notes announce it, the
1.6.0 notes say it left labs; dlint uses 1.6.

Not checked: string-substitution expansions (`${a#x}`, 1.7), whitespace in heredocs (1.16),
query parameters in Git URLs (1.18), and `ONBUILD` triggers (the downstream file's frontend
builds them). A missing directive is [DX1004](DX1004.md).

Why two rules: a missing directive is advice (info); a directive that is too old breaks the
build or makes flags fail (warning). A rule has one severity, so these are two codes.

## Why it matters

The directive makes BuildKit fetch exactly that frontend. A frontend older than a feature
rejects the file (`unknown flag: link`) or, before 1.4, reads the lines of a heredoc body as
instructions. Raising the pin to `1` (the latest 1.x) or to the version the message gives fixes
it.

## Examples

Heredocs need 1.4:

```dockerfile fail
# syntax=docker/dockerfile:1.3
#        ^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
RUN <<EOF
apk add --no-cache curl
EOF
```

A labs pin: `COPY --parents` was in labs from 1.7, but `RUN --device` only from 1.14 (the
message names `RUN --device` and its line):

```dockerfile fail
# syntax=docker.io/docker/dockerfile:1.7-labs
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
COPY --parents ./src/*/package.json /app/
RUN --device=nvidia.com/gpu=all \
    nvidia-smi
```

Enough for every feature the file uses; the major-only tag; a labs pin that has `--exclude`;
a digest pin (not judged):

```dockerfile pass
# syntax=docker/dockerfile:1.4
FROM alpine:3.20
COPY --link --chmod=755 entrypoint.sh /usr/local/bin/
RUN --mount=type=cache,target=/var/cache/apk apk add curl
```

```dockerfile pass
# syntax=docker/dockerfile:1
FROM alpine:3.20
COPY --exclude=*.md --parents . /app/
```

```dockerfile pass
# syntax=docker/dockerfile:1.7-labs
FROM alpine:3.20
COPY --exclude=*.md . /app/
```

```dockerfile pass
# syntax=docker/dockerfile:1.2@sha256:e2a8561e419ab1ba6b2fe6cbdf49fd92b95912df1cf7d313c3e2230a333fdbcc
FROM alpine:3.20
RUN <<EOF
echo hi
EOF
```

## Fix

The fix raises the version in the tag to the one the most demanding feature of the file needs —
the version the message gives — and changes nothing else: the registry and image name stay,
the `-labs` channel stays (`1.6-labs` becomes `1.7-labs`, not `1.19`), and a tag with a patch
number loses it (`1.5.2` becomes `1.6`, the newest 1.6.x). An old `-experimental` tag becomes
`-labs` when the version needed is 1.2.1 or newer (the labs channel replaced it there); below
that it stays `-experimental`.

Why the minimum and not `1`: whoever wrote a pinned version chose a pin, usually so that the
build does not change under them. The minimum keeps the pin and the channel and moves it only as
far as the file requires. Writing `1` (what [DX1004](DX1004.md) inserts when there is no
directive at all) is the other reasonable choice; it is left to the author.

The fix is **unsafe**: a newer frontend builds the file. Where the old frontend rejected a flag
the build did not work anyway, but some features were silently read differently — before 1.3,
variables in `RUN --mount` were not expanded; before 1.6, `ADD` of a Git URL was a plain HTTP
download; before 1.8, a `# check=error=true` directive was only a comment and can now fail the
build. The image can change, so the fix waits for `--unsafe-fixes`.

No fix for a tag with another suffix (`1.3-custom`): dlint does not know which tags of that
flavour exist.

```dockerfile fail
# syntax=docker/dockerfile:1.3
#        ^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
COPY --link app /app
RUN <<EOF
apk add --no-cache curl
EOF
```

```dockerfile fixed
# syntax=docker/dockerfile:1.4
FROM alpine:3.20
COPY --link app /app
RUN <<EOF
apk add --no-cache curl
EOF
```

A labs pin stays on the labs channel:

```dockerfile fail
# syntax=docker.io/docker/dockerfile:1.6-labs
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FROM alpine:3.20
COPY --exclude=*.md --parents ./src/*/package.json /app/
```

```dockerfile fixed
# syntax=docker.io/docker/dockerfile:1.7-labs
FROM alpine:3.20
COPY --exclude=*.md --parents ./src/*/package.json /app/
```

"""##,
        "DX1010": ##"""
# DX1010 instruction-casing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | yes | BuildKit `ConsistentInstructionCasing` |

Write instruction keywords in upper case.

## What it checks

Every instruction keyword — `ONBUILD` triggers included — that is not written in upper case.
Keywords are case-insensitive for BuildKit, so this is purely about reading: upper case is the
convention of the Dockerfile reference and of nearly every Dockerfile, and it sets instructions
apart from their arguments.

BuildKit's `ConsistentInstructionCasing` check asks that a file use one case throughout, the
case most of its keywords are in. This rule asks for upper case, which is one case throughout,
so every file it accepts BuildKit accepts; it answers to BuildKit's name, and
`# check=skip=ConsistentInstructionCasing` turns it off. In a file written mostly in lower case
BuildKit reports the upper-case keywords and this rule the lower-case ones: a second check with
the opposite fix would make the two fixes undo each other, so there is one rule, whose fix
leaves a file that both accept.

## Why it matters

Mixed casing makes a Dockerfile harder to scan: the eye looks for `RUN`, `COPY` and `FROM` at
the start of lines.

## Examples

```dockerfile fail
from alpine:3.20
#^^^
Run echo hello
#^^
ONBUILD copy . /app
#       ^^^^
```

```dockerfile pass
FROM alpine:3.20
RUN echo hello
ONBUILD COPY . /app
```

## Fix

Rewrites the keyword in upper case. **Safe**: BuildKit reads keywords without regard to case.

```dockerfile fail
from alpine:3.20
#^^^
run echo hello \
#^^
    && echo world
```

```dockerfile fixed
FROM alpine:3.20
RUN echo hello \
    && echo world
```

"""##,
        "DX1011": ##"""
# DX1011 from-as-casing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | yes | BuildKit `FromAsCasing` |

Write AS in the same case as FROM.

## What it checks

`FROM image AS name` where `AS` is not in the case of `FROM`: `FROM x as y`, `from x AS y`.
When `FROM` itself is in mixed case (`From`), nothing is reported.

## Why it matters

BuildKit reports the same mismatch; it is a small inconsistency that makes stage names harder to
spot.

## Examples

```dockerfile fail
FROM golang:1.22 as build
#                ^^
from alpine:3.20 AS runtime
#                ^^
```

```dockerfile pass
FROM golang:1.22 AS build
from alpine:3.20 as runtime
```

## Fix

Rewrites `AS` in the case of `FROM`. **Safe**: the keyword is case-insensitive.

```dockerfile fail
FROM golang:1.22 as build
#                ^^
```

```dockerfile fixed
FROM golang:1.22 AS build
```

"""##,
        "DX1012": ##"""
# DX1012 legacy-key-value-format

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | BuildKit `LegacyKeyValueFormat` |

Use KEY=value in ENV and LABEL.

## What it checks

`ENV KEY value` and `LABEL KEY value`, the legacy form where a single key is followed by white
space and the rest of the line is its value.

## Why it matters

The legacy form sets one variable per instruction and reads the whole rest of the line as the
value, so `ENV A 1 B 2` sets `A` to `1 B 2` — rarely what the author meant. BuildKit warns about
it and the Dockerfile reference says it may be removed.

## Examples

```dockerfile fail
FROM alpine:3.20
ENV PATH /opt/app/bin:$PATH
#   ^^^^
LABEL version 1.0
#     ^^^^^^^
```

```dockerfile pass
FROM alpine:3.20
ENV PATH=/opt/app/bin:$PATH
LABEL version=1.0
ENV A=1 B=2
```

## Fix

Writes `KEY=value`. A value with blanks is put in double quotes (`ENV GREETING hello world` →
`ENV GREETING="hello world"`), which keeps blanks and variable expansion exactly as the legacy
form had them; an already double-quoted value only loses the blank before it. **Safe**: the
variable gets the same value. A value holding quotes or escape characters is reported without a
fix, because quoting it again could change what it means.

```dockerfile fail
FROM alpine:3.20
ENV PATH /opt/app/bin:$PATH
#   ^^^^
ENV GREETING hello   world
#   ^^^^^^^^
ENV NAME "quoted value"
#   ^^^^
```

```dockerfile fixed
FROM alpine:3.20
ENV PATH=/opt/app/bin:$PATH
ENV GREETING="hello   world"
ENV NAME="quoted value"
```

"""##,
        "DX1013": ##"""
# DX1013 keyword-as-command

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | dlint only |

A Dockerfile instruction keyword is run as a command inside RUN.

## What it checks

A command in a `RUN` (or an `ONBUILD RUN`) whose name is a Dockerfile instruction keyword in
upper case: `RUN`, `COPY`, `ADD`, `ENV`, `ARG`, `WORKDIR`, `USER`, `FROM`, `CMD`, `ENTRYPOINT`,
`EXPOSE`, `LABEL`, `VOLUME`, `SHELL`, `HEALTHCHECK`, `ONBUILD`, `STOPSIGNAL`, `MAINTAINER`. It is
what remains when lines are joined with `&& \` and a keyword is left in:
`RUN apt-get update && RUN apt-get install -y curl`, or `... && COPY app.conf /etc/`.

Only the upper-case spelling, and only as the command name: Linux commands are case-sensitive,
no distribution ships a program named `RUN` or `COPY`, while the lower-case words are real
programs (`env`; `add` or `user` may be scripts of an image) or arguments (`echo RUN`,
`apt-get install user-setup`). An assignment to a variable named like a keyword
(`USER=app ./setup.sh`) is not a command, and a function the `RUN` defines with that name is
left alone.

The finding covers the keyword.

## Why it matters

The shell looks for a program named `RUN` or `COPY`, finds none, and the step fails with
`RUN: not found`; after `||` or `;`, the intended command silently does not run. A `COPY`
inside a `RUN` never copies anything from the build context.

## Fix

For `RUN`, removes the keyword: `... && RUN apt-get install -y curl` becomes
`... && apt-get install -y curl`. **Unsafe**: the step used to fail (or skip the command) at that
point and now runs it. Other keywords get no fix: a `COPY` or `ENV` has to become an
instruction of its own, outside the `RUN`.

```dockerfile fail
FROM debian:bookworm
RUN apt-get update && \
    RUN apt-get install -y --no-install-recommends curl
#   ^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN apt-get update && \
    apt-get install -y --no-install-recommends curl
```

## Examples

```dockerfile fail
FROM debian:bookworm
RUN make && COPY build/app /usr/local/bin/app
#           ^^^^
RUN ./setup.sh || WORKDIR /srv
#                 ^^^^^^^
```

Lower-case programs, keywords as arguments, an assignment to a variable named like a keyword,
and a function:

```dockerfile pass
FROM debian:bookworm
RUN env | sort && echo RUN COPY && apt-get install -y user-setup
RUN USER=app ./setup.sh
RUN COPY() { cp "$@"; } && COPY a b
```

"""##,
        "DX1020": ##"""
# DX1020 package-cache-mounts

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | dlint's own |

Keep package-manager caches in RUN --mount=type=cache mounts instead of cleaning them up.

## What it checks

Off by default: switch it on in `.dlint.yaml`.

```yaml .dlint.yaml
enable: [DX1020]
```

A `RUN` whose package commands download into a cache that no `--mount=type=cache` (or tmpfs)
of the RUN covers. One finding per RUN, on its first such command (program word through the
subcommand); the message lists every mount the RUN lacks. The caches:

| Command | Cache mounted |
| --- | --- |
| `apt-get`/`apt` `install`, `update`, `upgrade`, `dist-upgrade`, `full-upgrade`, `build-dep`, `reinstall` | `/var/cache/apt`, and `/var/lib/apt` when the RUN runs `apt-get update` (both `sharing=locked`) |
| `apk add`, `update`, `upgrade`, `fix` | `/var/cache/apk` (the index) and `/etc/apk/cache` (apk keeps downloaded packages only when that directory exists), `sharing=locked` |
| `dnf`, `yum`, `microdnf` `install`, `update`, `upgrade`, `makecache` … | `/var/cache/dnf` (dnf), `/var/cache/libdnf5` (dnf5), `/var/cache/yum` (yum, microdnf), `sharing=locked` |
| `zypper install`, `update`, `dist-upgrade`, `patch`, `refresh` … | `/var/cache/zypp`, `sharing=locked` |
| `pip install`, `download`, `wheel` (also `pip3`, `python3 -m pip`) | `$PIP_CACHE_DIR`, else `$XDG_CACHE_HOME/pip`, else `HOME/.cache/pip` |
| `npm install`, `ci`, `i`, `add`, `update`, `exec` | `$npm_config_cache`, else `HOME/.npm` |
| `yarn`, `yarn install`, `yarn add` (yarn 1) | `$YARN_CACHE_FOLDER`, else `/usr/local/share/.cache/yarn` for root, `HOME/.cache/yarn` for another user |
| `pnpm install`, `i`, `add`, `fetch`, `update` | `$PNPM_HOME/store`, else `$XDG_DATA_HOME/pnpm/store`, else `HOME/.local/share/pnpm/store` |
| `go build`, `install`, `test`, `run`, `vet`, `generate` | the module cache (`$GOMODCACHE`, else `$GOPATH/pkg/mod`, `/go/pkg/mod` in `golang` images, `HOME/go/pkg/mod`) and the build cache (`$GOCACHE`, else `HOME/.cache/go-build`) |
| `go get`, `go mod download`/`tidy`/`vendor` | the module cache |
| `cargo build`, `install`, `fetch`, `test`, `run`, `check`, `vendor` | `CARGO_HOME/registry` and `CARGO_HOME/git/db`: `$CARGO_HOME`, `/usr/local/cargo` in `rust` images, else `HOME/.cargo` |
| `mvn`, `./mvnw` with a goal | `HOME/.m2/repository` |
| `gradle`, `./gradlew` with a task | `$GRADLE_USER_HOME/caches`, else `HOME/.gradle/caches` |

`HOME` is the home of the RUN's user: `/root` (or `ENV HOME`) for root and when no `USER` is
set; for `USER app`, `ENV HOME` or `/home/app`. A cache mount is created owned by root, so for
another user the mount gets `uid=` — the user's number (`USER 1000`), or the uid the file gives
the user it creates (`useradd -u 1000 app`). When dlint cannot tell the home or the uid (a
named user from the base image, `USER 1000` without `ENV HOME`), that user's caches are not
reported. `ENV` values count only when constant.

A mount counts when its target is the directory or a parent of it; for caches under a home, a
target ending in the part below the home (`…/.cache/pip`, `$HOME/.cache`) counts too.

Not reported: `ONBUILD` triggers (the downstream file's frontend builds them), Windows images
(no `RUN --mount`), PowerShell or cmd `SHELL`s, and pip while `PIP_NO_CACHE_DIR` is set (by
`ENV`, or before the command) or `--cache-dir` moves the cache, npm with `--cache`, yarn with
`--cache-folder`, pnpm with `--store-dir` (the user chose where the cache goes). Unlike the
cleanup rules (DL3009, DL3019, DL3042 …), every stage is checked, not only the stages whose
layers ship: builder stages gain the most from a warm cache.

A RUN that has every mount it needs but still empties or bypasses the cache (`apk add
--no-cache`, `pip install --no-cache-dir`, `apt-get clean`, `rm -rf /var/lib/apt/lists/*`) is
reported at each such option or command: the mount is there for nothing.

## Why it matters

A cleanup (`rm -rf /var/lib/apt/lists/*`, `--no-cache`, `yarn cache clean`) keeps a cache out
of the image, but every build then downloads everything again. A cache mount keeps the cache out
of the layer too — BuildKit keeps it on the build host between builds — so the next build reuses
what the last one downloaded. Docker's build documentation recommends them for package
managers ("Use cache mounts", docs.docker.com/build/cache/optimize). It is off by default
because it needs BuildKit and changes how the build runs, not what a correct image contains.

## Fix

The fix (unsafe) edits only what it must:

- inserts the missing `--mount=type=cache,target=…` flags right after the `RUN` keyword (with
  `sharing=locked` for the system package managers, which refuse to share a cache with a
  concurrent build, and `uid=` for a non-root user);
- removes, in the same RUN, what would empty or bypass the mounted caches: `apt-get clean`,
  `autoclean`, `dist-clean`; `apk cache clean`; `dnf`/`yum`/`zypper clean`; `pip cache purge`;
  `npm cache clean`, `yarn cache clean`; `pnpm store prune`; `go clean -cache -modcache`; the
  `--no-cache` of `apk` and the `--no-cache-dir` of `pip`; and `rm` operands inside a mounted
  directory (`/var/lib/apt/lists/*`) or above one (`/root/.cache`, which would now fail on the
  mount point: `rm -rf` cannot remove it). A command goes with the `&&` or `;` before it (the
  first one with the one after it), so the other lines, their continuations, indentation and
  line endings stay as they were;
- for apt, before the stage's first apt RUN, adds the step BuildKit's documentation shows, since
  Debian's and Ubuntu's images delete downloaded packages after every install
  (`/etc/apt/apt.conf.d/docker-clean`):
  `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`
  — not when a RUN of the stage (or of a stage it is built on) already removes docker-clean;
- raises a `# syntax=` directive that pins a frontend older than `RUN --mount` (1.2; 1.0 on
  the labs/experimental channel) to that version, as [DX1006](DX1006.md) would. Without a
  directive nothing is needed: BuildKit's built-in frontend has supported `RUN --mount` since
  BuildKit 0.8 (Docker 20.10), and the legacy builder supports none of it either way.

No fix when a cleanup cannot be taken out cleanly — inside `if`, `{ …; }`, a subshell or an
`sh -c` string, after `||`, or where a comment line would go with it: left in, it would empty
the cache or fail on a mount point. The finding stays.

Why unsafe: the build needs BuildKit; a RUN whose cache was empty now finds what an earlier
build left (stale apt lists are refreshed by `apt-get update`, but a package manager run without
its update step may install from an older index); `/var/lib/apt` also holds apt's record of
automatically installed packages, which now stays in the cache instead of the image (a later
`apt-get autoremove` in a derived image knows less); and an `rm` of a parent directory
(`rm -rf /var/cache/*`) cleaned more than the cache.

## Examples

```dockerfile fail
FROM debian:bookworm-slim
RUN apt-get update \
#   ^^^^^^^^^^^^^^
    && apt-get install -y --no-install-recommends curl \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
```

```dockerfile fixed
FROM debian:bookworm-slim
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update \
    && apt-get install -y --no-install-recommends curl
```

An old `# syntax=` pin is raised; `apk --no-cache` goes:

```dockerfile fail
# syntax=docker/dockerfile:1.1
FROM alpine:3.20
RUN apk add --no-cache curl
#   ^^^^^^^
```

```dockerfile fixed
# syntax=docker/dockerfile:1.2
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add curl
```

A non-root user: the cache is in its home, and the mount is its own:

```dockerfile fail
FROM python:3.12-slim
RUN useradd --create-home --uid 1000 app
USER app
RUN pip install --user --no-cache-dir flask && rm -rf ~/.cache
#   ^^^^^^^^^^^
```

```dockerfile fixed
FROM python:3.12-slim
RUN useradd --create-home --uid 1000 app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask
```

Builder stages count; the golang image keeps modules in `/go/pkg/mod`:

```dockerfile fail
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
#   ^^^^^^
COPY . .
RUN go build -o /out/app .
#   ^^^^^^^^
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
```

```dockerfile fixed
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
```

The mount is there, but the command bypasses it:

```dockerfile fail
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir flask
#                                                          ^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
```

The mounts are there (a parent directory counts); nothing installs; a numeric user without a
known home:

```dockerfile pass
FROM node:20
RUN --mount=type=cache,target=/root/.npm npm ci
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends git
RUN --mount=type=cache,target=/root/.cache npm --version && pip --version
USER 1000
RUN npm ci
```

"""##,
        "DX1101": ##"""
# DX1101 reserved-stage-name

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `ReservedStageName` |

Do not name a stage scratch or context.

## What it checks

`FROM image AS scratch` and `FROM image AS context`, in any case. BuildKit keeps these names:
`scratch` is the empty image and `context` the build context, so a stage cannot be reached by
them.

## Why it matters

`FROM scratch` or `COPY --from=scratch` after such a stage still means the empty image, and
`--build-context context=...` cannot name the stage either: the file reads as if it used the
stage while BuildKit does not. Pick another name.

## Examples

```dockerfile fail
FROM alpine:3.20 AS scratch
#                   ^^^^^^^
RUN echo building
FROM golang:1.22 AS context
#                   ^^^^^^^
```

```dockerfile pass
FROM alpine:3.20 AS base
FROM scratch
COPY --from=base /etc/os-release /
```

"""##,
        "DX1102": ##"""
# DX1102 undefined-arg-in-from

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `UndefinedArgInFrom` |

Declare the ARGs a FROM uses before the first FROM.

## What it checks

A variable in a `FROM` image or its `--platform` flag that no `ARG` before the first `FROM`
declares and that BuildKit does not predefine (`BUILDPLATFORM`, `TARGETPLATFORM`, `TARGETOS`,
`TARGETARCH`, `TARGETVARIANT`, their `BUILD…` twins, `TARGETSTAGE`). An `ARG` inside a stage
does not count: a `FROM` only sees the global ones. When a declared name is close (fewer than
three edits), the message suggests it, as BuildKit does.

## Why it matters

An undeclared variable expands to nothing, so `FROM alpine:${ALPINE_VERSION}` silently becomes
`FROM alpine:`, an invalid reference, or a typo such as `$BULIDPLATFORM` drops the platform.

## Examples

```dockerfile fail
ARG VERSION=3.20
FROM alpine:${VERSOIN}
#           ^^^^^^^^^^
FROM --platform=$BULIDPLATFORM golang:1.22 AS build
#               ^^^^^^^^^^^^^^
```

```dockerfile pass
ARG VERSION=3.20
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM alpine:${VERSION}
```

"""##,
        "DX1103": ##"""
# DX1103 invalid-default-arg-in-from

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `InvalidDefaultArgInFrom` |

Give the ARGs a FROM uses defaults that make a valid image.

## What it checks

A `FROM` image with variables that, with every global `ARG` at its default, is empty or not a
valid image reference. An `ARG` without a default, and an undeclared variable, count as empty,
as in BuildKit; the predefined platform arguments take typical values (`linux/amd64`).

## Why it matters

The build only works when someone passes `--build-arg`; a plain `docker build` fails with an
invalid reference. A default documents the expected value and keeps the file buildable.

## Examples

```dockerfile fail
ARG VERSION
ARG IMAGE
FROM alpine:$VERSION
#    ^^^^^^^^^^^^^^^
FROM $IMAGE
#    ^^^^^^
```

```dockerfile pass
ARG VERSION=3.20
ARG VARIANT
FROM alpine:$VERSION
FROM busybox:stable${VARIANT}
```

"""##,
        "DX1104": ##"""
# DX1104 undefined-variable

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `UndefinedVar` |

Declare variables with ARG or ENV before using them.

## What it checks

A `$NAME` or `${NAME…}` where BuildKit expands variables itself — `COPY` and `ADD` (sources,
destination, `--chown`, `--chmod`, the body of a heredoc with an unquoted delimiter), `ENV`,
`LABEL`, `EXPOSE`, `VOLUME`, `USER`, `WORKDIR`, `STOPSIGNAL` and the default of an `ARG` in a
stage — when no `ARG` or `ENV` before it in the stage, or in a stage it is built on, declares the
name. `PATH` is always defined. `RUN`, `CMD` and `ENTRYPOINT` are not checked: their variables are
the shell's. As in BuildKit, a global `ARG` is not visible in a stage until the stage declares it
again (`ARG NAME`), an `ENV` cannot use a variable the same `ENV` instruction sets, and a name
close to a declared one (fewer than three edits) is suggested.

dlint does not download base images, so a variable the base image sets with `ENV` (such as
`$JAVA_HOME` in a JDK image) is reported although BuildKit, which reads the image's
configuration, knows it. Declare it with `ARG` or `ENV`, or ignore the finding for that line.

## Why it matters

An undefined variable expands to the empty string without an error: `ENV PATH=$PAHT:/app/bin`
throws away the search path, `COPY $SRC .` copies the whole context.

## Examples

```dockerfile fail
FROM alpine:3.20
ENV PATH=$PAHT:/app/bin
#        ^^^^^
COPY $APP_DIR /app
#    ^^^^^^^^
```

```dockerfile fail
ARG VERSION=1.0
FROM alpine:3.20
LABEL version=$VERSION
#             ^^^^^^^^
```

```dockerfile pass
ARG VERSION=1.0
FROM alpine:3.20 AS base
ARG VERSION
ARG APP_DIR=src
ENV PATH=$PATH:/app/bin
LABEL version=$VERSION
FROM base
COPY $APP_DIR /app
RUN echo "$HOME"
```

"""##,
        "DX1105": ##"""
# DX1105 from-platform-constant

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `FromPlatformFlagConstDisallowed` |

Do not pin FROM --platform to a constant.

## What it checks

`FROM --platform=linux/amd64 …` with a constant platform, unless the stage's name contains the
platform's operating system or architecture (`AS build-amd64`), which BuildKit takes as a sign
that the pin is deliberate.

## Why it matters

A constant platform makes every build of that stage use it, whatever `--platform` the build
asks for: a multi-platform build then emulates the stage, or ships an image of the wrong
architecture. `--platform=$BUILDPLATFORM` (for a cross-compiling stage) or no flag at all is
what is meant in most files.

## Examples

```dockerfile fail
FROM --platform=linux/amd64 golang:1.22 AS build
#    ^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=linux/arm64 alpine:3.20 AS runtime-arm64
```

"""##,
        "DX1106": ##"""
# DX1106 expose-protocol-casing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | BuildKit `ExposeProtoCasing` |

Write the EXPOSE protocol in lower case.

## What it checks

An `EXPOSE` port whose protocol is not in lower case: `80/TCP`, `53/Udp`.

## Why it matters

BuildKit lower-cases the protocol when it writes the image configuration, so `80/TCP` works, but
other tools that read the Dockerfile (and people searching it) expect `80/tcp`.

## Fix

Lower-cases the protocol. **Safe**: BuildKit stores the same port either way.

## Examples

```dockerfile fail
FROM nginx:1.27
EXPOSE 80/TCP 53/Udp
#         ^^^
#                ^^^
```

```dockerfile fixed
FROM nginx:1.27
EXPOSE 80/tcp 53/udp
```

```dockerfile pass
FROM nginx:1.27
EXPOSE 80 443/tcp 53/udp
```

"""##,
        "DX1107": ##"""
# DX1107 expose-invalid-format

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | BuildKit `ExposeInvalidFormat` |

EXPOSE takes a container port, not an address or a host port mapping.

## What it checks

An `EXPOSE` port written as a `docker run -p` mapping: `8080:80`, `127.0.0.1:80:80`,
`[::1]:80:80`. BuildKit accepts them today, drops the address and the host port, and says it
will refuse them in a future release.

## Why it matters

`EXPOSE` only documents which ports the container listens on; which host port a container is
published on is decided by whoever runs it. A mapping in the Dockerfile suggests a publication
that does not happen.

## Fix

Keeps only the container port (with its protocol). **Safe**: that is the port BuildKit records
in the image.

## Examples

```dockerfile fail
FROM nginx:1.27
EXPOSE 8080:80 127.0.0.1:443:443/tcp
#      ^^^^^^^
#              ^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM nginx:1.27
EXPOSE 80 443/tcp
```

```dockerfile pass
FROM nginx:1.27
EXPOSE 80 443/tcp
```

"""##,
        "DX1108": ##"""
# DX1108 definition-description

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | BuildKit `InvalidDefinitionDescription` |

Start a comment right above FROM AS or ARG with the stage or argument name.

## What it checks

A comment on the line directly above `FROM … AS name` or `ARG name` whose first word is not the
stage's or one of the argument's names. A blank line or an empty `#` line between the comment and
the instruction ends the description, as in BuildKit.

**Off by default**, as BuildKit's check is experimental. Turn it on with BuildKit's directive
`# check=experimental=InvalidDefinitionDescription` (or `experimental=all`) at the top of the
Dockerfile, or with `enable: [definition-description]` in `.dlint.yaml`.

## Why it matters

`docker build --call=outline` and `--call=targets` print the comment directly above a stage or
an argument as its description. A comment such as `# install the toolchain` above `ARG VERSION`
becomes the description of `VERSION`.

## Examples

```dockerfile fail
# check=experimental=InvalidDefinitionDescription
FROM alpine:3.20
# the version we ship
#^^^^^^^^^^^^^^^^^^^^
ARG VERSION=1.0
# compile everything
#^^^^^^^^^^^^^^^^^^^
FROM golang:1.22 AS build
```

```dockerfile pass
# check=experimental=InvalidDefinitionDescription
FROM alpine:3.20
# VERSION is the version we ship
ARG VERSION=1.0
# compile everything

FROM golang:1.22 AS build
```

"""##,
        "DX1109": ##"""
# DX1109 copy-ignored-file

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | BuildKit `CopyIgnoredFile` |

Do not COPY or ADD what .dockerignore excludes.

## What it checks

A `COPY` (without `--from`) or `ADD` source that the build context's ignore file excludes, by a
pattern matching the path or one of its parent directories. dlint takes the Dockerfile's
directory as the build context and reads `NAME.dockerignore` beside a Dockerfile named `NAME`,
or else `.dockerignore`, as BuildKit does; patterns follow Docker's rules (`*` and `?` within a
path segment, `**` across segments, a leading `/` ignored, `#` comment lines, `!` re-including).
Sources with variables are judged after expanding them, when their values are known; `.` is
only reported when everything is excluded (`*`, `**`).

When a `!` pattern could put back something inside the source, nothing is reported for it: the
copy still sends those files. (BuildKit gives up on every source as soon as the file has a `!`
pattern; dlint only for the sources such a pattern can reach.) BuildKit's check is experimental;
dlint runs this one by default, because the case it reports fails the build.

## Why it matters

What `.dockerignore` excludes is not sent to the builder, so the `COPY` fails with "not found" —
or, for a directory that is partly excluded, silently copies less than it seems to.

## Examples

```dockerignore
# local files
node_modules
*.md
/secrets
```

```dockerfile fail
FROM node:22
COPY node_modules/.bin /tools
#    ^^^^^^^^^^^^^^^^^
COPY README.md /docs/
#    ^^^^^^^^^
ADD secrets/key.pem /etc/
#   ^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM node:22
COPY package.json src /app/
COPY --from=build /out/README.md /docs/
```

"""##,
        "DX1201": ##"""
# DX1201 missing-copy-source

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

COPY and ADD sources must exist in the build context.

## What it checks

Each source of a `COPY` or `ADD` that is read from the build context (not `--from`, not a
heredoc, not a URL or git source, no variable whose value the file does not fix) is looked up in
the context's listing. A literal path that is not there is reported at the source; for a
wildcard path (`src/*.py`) the directories before the first wildcard must exist, since BuildKit
lets a wildcard itself match nothing. A path that exists but `.dockerignore` excludes is
DX1109's. When a path differs only in letter case from one that exists, the message says so.

The context is the Dockerfile's directory, or the directory `--context DIR` names (Compose and
Bake builds give theirs). When the context is only assumed to be the Dockerfile's directory and
fewer than half of the file's literal sources are in it, the file is taken to be built with
another context (`docker build -f docker/Dockerfile .`) and nothing is reported: pass
`--context` to check it. Standard input has no context unless `--context` is given. A context
of more than 20,000 entries is read breadth first up to that many, and nothing below the part
left unread is called missing; `.git` is never entered.

## Why it matters

The build fails with "failed to compute cache key: ... not found" — usually in CI, after the
stages before it have run, for a file that was renamed, never committed or generated only on a
developer's machine.

## Examples

```context
package.json
src/index.js
```

```dockerfile fail
FROM node:22
WORKDIR /app
COPY package.json package-lock.json ./
#                 ^^^^^^^^^^^^^^^^^
COPY lib/*.js ./lib/
#    ^^^^^^^^
COPY src ./src
```

```dockerfile pass
FROM node:22
WORKDIR /app
COPY package.json package-lock.json* ./
COPY src ./src
COPY --from=builder /out/dist ./dist
ADD https://example.com/tool.tar.gz /tmp/
```

"""##,
        "DX1202": ##"""
# DX1202 unignored-sensitive-files

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes (unsafe) | - |

Do not copy the whole build context while it holds secrets or build clutter and has no .dockerignore.

## What it checks

A `COPY .` or `ADD .` (also `./`, `*`) from a build context that has no `.dockerignore` (nor
`NAME.dockerignore` beside the Dockerfile) while the context holds any of: a `.git` directory,
`node_modules`, environment files (`.env`, `*.env`, `.env.*` other than `.env.example` and the
like), private keys (`id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519`, `*.pem`, `*.key`, `*.p12`,
`*.pfx`), `.aws` and `.ssh` directories, Terraform state (`*.tfstate`, `*.tfstate.backup`,
`.terraform`) and build caches (`__pycache__`, `.venv`, `.pytest_cache`, `.mypy_cache`, `.tox`,
`.next`, `.nuxt`, `.gradle`). The finding is at the first such copy and names what it would copy
(the first six paths, and how many more). A path that some `COPY` of the file names on purpose
(`COPY certs/server.pem /etc/ssl/`) is not counted. Without context information (standard input
without `--context`) nothing is reported.

## Why it matters

Everything in the context ends up in the image layer: the repository's history, a `.env` with
production credentials, a deploy key — readable by anyone who can pull the image, forever, even
if a later step deletes it. Dependency folders and caches built on the host also break the
image (native modules for the wrong platform) and make every build send megabytes it does not need.

## Fix

Writes a `.dockerignore` at the root of the build context with one pattern per kind of file
found (`.git`, `**/node_modules`, `**/.env`, `**/*.key` …). Unsafe: the image no longer contains
those files, which is the point, but a build step that needed one of them (a script reading
`.env` at build time) now fails. `--fix --unsafe-fixes` creates the file atomically and only when
none exists; `--diff` shows it as a new file. Standard input is never given one.

## Examples

```context
.git/
node_modules/left-pad/index.js
.env
package.json
server.js
```

```dockerfile fail
FROM node:22
WORKDIR /app
COPY . .
#    ^
CMD ["node", "server.js"]
```

```dockerfile pass
FROM node:22
WORKDIR /app
COPY package.json server.js ./
CMD ["node", "server.js"]
```

```dockerignore
.git
node_modules
.env
```

```dockerfile pass
FROM node:22
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
```

"""##,
        "DX1203": ##"""
# DX1203 malformed-exec-form

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | yes | - |

Exec-form arguments must be a valid JSON array of double-quoted strings.

## What it checks

A `RUN` or `HEALTHCHECK CMD` whose arguments are written as an array but are not valid JSON:
single-quoted strings (`['apk', 'add', 'curl']`), a trailing comma, bare words between commas.
Shell syntax that happens to start with `[` — the test command `[ -f /etc/x ]`,
`[ "$a" = b ]` — has no commas between quoted strings and is not reported. `CMD` and
`ENTRYPOINT` are reported by [DL3025](DL3025.md), except after a `SHELL` instruction (where
DL3025 is silent on purpose), and then by this rule; `ONBUILD` triggers are checked too.

## Why it matters

BuildKit does not reject such arguments: it falls back to shell form and runs the text under
`/bin/sh -c`, so the shell looks for a command named `['apk',` and the build fails with a
puzzling "not found" — or, for a `HEALTHCHECK`, the container is reported unhealthy forever.

## Fix

Rewrites the array as JSON with double quotes and without the stray comma. Safe: the author
meant exec form, and the fix is only offered when every element is plain text that means the
same in JSON (no quote or backslash inside, nothing empty) and the array is on one line.

## Examples

```dockerfile fail
FROM alpine:3.20
RUN ['apk', 'add', '--no-cache', 'curl']
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
HEALTHCHECK CMD ["wget", "-q", "http://localhost/",]
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN ["apk", "add", "--no-cache", "curl"]
HEALTHCHECK CMD ["wget", "-q", "http://localhost/"]
```

```dockerfile pass
FROM alpine:3.20
RUN [ -f /etc/os-release ] && cat /etc/os-release
RUN ["apk", "add", "--no-cache", "curl"]
HEALTHCHECK CMD ["wget", "-q", "http://localhost/"]
```

"""##,
        "DX1204": ##"""
# DX1204 shell-form-without-shell

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

Do not use shell form in a stage whose image has no shell.

## What it checks

A shell-form `RUN` (a heredoc `RUN` too), `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` in a stage
whose chain of `FROM`s starts at `scratch`, a distroless image (`gcr.io/distroless/…`, except
its `:debug` tags, which carry busybox) or `cgr.dev/chainguard/static`. A `SHELL` instruction,
or a `COPY` that brings in a shell or busybox, ends the check for the rest of the stage.
Windows stages are not checked.

## Why it matters

Shell form runs `/bin/sh -c "…"`. Without `/bin/sh` a `RUN` fails the build, and a `CMD`,
`ENTRYPOINT` or health check fails when the container starts with "exec: \"/bin/sh\": stat
/bin/sh: no such file or directory".

## Examples

```dockerfile fail
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
CMD /app --listen :8080
#   ^^^^^^^^^^^^^^^^^^^
```

```dockerfile fail
FROM gcr.io/distroless/static-debian12
RUN mkdir /data
#   ^^^^^^^^^^^
```

```dockerfile pass
FROM scratch
COPY app /app
CMD ["/app", "--listen", ":8080"]
```

```dockerfile pass
FROM gcr.io/distroless/static-debian12:debug
RUN mkdir /data
```

"""##,
        "DX1205": ##"""
# DX1205 copy-from-empty-stage

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

Do not COPY --from a stage that produces no files.

## What it checks

A `COPY --from` (or `RUN --mount=from=`) naming a stage that is built `FROM scratch`, directly
or through the stages it is built on, where none of those stages has a `COPY`, `ADD`, `RUN`
or `WORKDIR`. A stage that is only `FROM scratch AS name` is not reported: that is the usual
placeholder a named build context (`docker buildx build --build-context name=dir`, Bake
`contexts`, Compose `additional_contexts`) replaces.

## Why it matters

Such a stage is an empty file system, so every source the copy names is "not found" and the
build fails — typically after a `COPY` into the stage was deleted or moved to another stage.

## Examples

```dockerfile fail
FROM scratch AS assets
LABEL org.opencontainers.image.title=assets

FROM nginx:1.27
COPY --from=assets /site /usr/share/nginx/html
#           ^^^^^^
```

```dockerfile pass
FROM scratch AS assets
COPY site /site

FROM scratch AS prebuilt

FROM nginx:1.27
COPY --from=assets /site /usr/share/nginx/html
COPY --from=prebuilt /bin/tool /usr/local/bin/tool
```

"""##,
        "DX1207": ##"""
# DX1207 unreachable-stage

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | - |

Remove stages that no build target reaches.

## What it checks

A stage without a name that the final stage does not use — not as its base (`FROM`), not
through `COPY --from` or `RUN --mount=from=`, directly or through other stages. Named stages
are left alone, since `docker build --target NAME` (or a Compose or Bake target) may build
them; so is every stage when some reference's value is a variable the file does not fix.

## Why it matters

BuildKit builds only what the target needs, so the stage never runs: its packages are never
installed, its tests never run. Without a name no `--target` can select it either. It is dead
code, usually the remains of an edit that changed which stage a `COPY --from` names.

## Examples

```dockerfile fail
FROM golang:1.23
#^^^
RUN go test ./...

FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
```

```dockerfile pass
FROM golang:1.23 AS test
RUN go test ./...

FROM golang:1.23
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=1 /out/app /usr/local/bin/app
```

"""##,
        "DX1208": ##"""
# DX1208 created-user-never-used

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Switch to the user the final stage creates.

## What it checks

A `useradd` or `adduser` creating a regular (not `--system`/`-r`) user in the final stage or a
stage it is built `FROM` (those users are in the image's `/etc/passwd`; one created in a stage
used only by `COPY --from` is not), with no `USER` instruction after it. The finding is at the
user's name. A file that names a tool that drops privileges at run time (`gosu`, `su-exec`,
`setpriv`, `runuser`, `chpst`, `s6-setuidgid`, `su`, `sudo -u`), or whose `ENTRYPOINT` runs a
script (`docker-entrypoint.sh`, `/entrypoint`, an `init`: such scripts usually switch users, as
the official images' do), is not reported. When the last `USER` is `root`, [DL3002](DL3002.md)
reports that instead.

## Why it matters

The account was made so that the application would not run as root, but without `USER` it
does: a compromise of the process is a compromise of the container's root.

## Examples

```dockerfile fail
FROM debian:12-slim
RUN useradd --create-home app
#                         ^^^
COPY --chown=app app /home/app/app
CMD ["/home/app/app"]
```

```dockerfile pass
FROM debian:12-slim
RUN useradd --create-home app
COPY --chown=app app /home/app/app
USER app
CMD ["/home/app/app"]
```

"""##,
        "DX1209": ##"""
# DX1209 root-owned-copy-into-home

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes (unsafe) | - |

Give COPY and ADD into a non-root user's home a --chown.

## What it checks

A `COPY` or `ADD` without `--chown`, after a `USER` naming a user other than `root`/`0`, whose
destination (resolved against `WORKDIR` when relative) lies in that user's home: `/home/NAME`,
or the home the file gives the user with `useradd -d`/`--home-dir` or `adduser --home`/`-h`.
Windows stages are not checked.

## Why it matters

`USER` does not change who owns copied files: `COPY` and `ADD` always write them as root
(0:0) unless `--chown` says otherwise. The user then cannot modify or delete files in its own
home — a config the application rewrites, a cache directory, an `.ssh` directory that ssh
refuses because it is not the user's own.

## Fix

Adds `--chown=` with the value of the `USER` instruction in effect. Unsafe: the files' owner
changes, which is the point, but a program that relied on them being read-only to the user
behaves differently.

## Examples

```dockerfile fail
FROM python:3.12-slim
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY requirements.txt .
#                     ^
```

```dockerfile fixed
FROM python:3.12-slim
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY --chown=app requirements.txt .
```

```dockerfile pass
FROM python:3.12-slim
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY --chown=app:app requirements.txt .
COPY app.py /opt/app/
```

"""##,
        "DX1210": ##"""
# DX1210 invalid-stopsignal

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

STOPSIGNAL must name a valid signal.

## What it checks

The value of `STOPSIGNAL` (variables expanded when their values are known) read as moby's
`signal.ParseSignal` does on Linux: a signal name with or without `SIG`, in any letter case
(`SIGTERM`, `term`), `RTMIN+n`/`RTMAX-n`, or a number from 1 to 64. Anything else is
reported. Windows stages are [DX1212](DX1212.md)'s.

## Why it matters

The image builds, but `docker run` refuses to create a container from it ("invalid signal"),
and other runtimes fail to stop it.

## Examples

```dockerfile fail
FROM nginx:1.27
STOPSIGNAL SIGTREM
#          ^^^^^^^
```

```dockerfile pass
FROM nginx:1.27
STOPSIGNAL SIGQUIT
```

```dockerfile pass
FROM postgres:17
STOPSIGNAL 2
```

"""##,
        "DX1211": ##"""
# DX1211 stopsignal-sigkill

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Do not use SIGKILL as the stop signal.

## What it checks

`STOPSIGNAL SIGKILL` (also `KILL`, `9`, any letter case, or a variable whose value is one of
them). Windows stages are not checked.

## Why it matters

`docker stop` sends the stop signal and waits for the process to exit cleanly before killing
it. SIGKILL cannot be caught: the process dies at once, without flushing writes, closing
connections or removing lock files, and the grace period is wasted. Use SIGTERM (the default) or
the signal the program handles for a graceful shutdown (`SIGQUIT` for nginx, `SIGINT` for
PostgreSQL's fast shutdown).

## Examples

```dockerfile fail
FROM redis:7
STOPSIGNAL SIGKILL
#          ^^^^^^^
```

```dockerfile pass
FROM redis:7
STOPSIGNAL SIGTERM
```

"""##,
        "DX1212": ##"""
# DX1212 windows-unsupported-feature

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Do not use --chown, RUN --mount or STOPSIGNAL in a Windows image.

## What it checks

In a stage that builds a Windows image (its base image's name says so, or a `SHELL` only Windows
has, or an earlier Windows stage it is built on): `--chown` on `COPY`/`ADD`, `--mount` on
`RUN`, and `STOPSIGNAL`.

## Why it matters

Each looks like it does something and does not: Windows files have no Unix owner, so `--chown`
is ignored; BuildKit does not support `RUN --mount` for Windows containers, so the build fails;
Windows containers are not stopped with signals, so `STOPSIGNAL` has no effect.

## Examples

```dockerfile fail
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY --chown=app app.exe C:/app/
#    ^^^^^^^^^^^
RUN --mount=type=cache,target=C:/cache build.cmd
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
STOPSIGNAL SIGTERM
#^^^^^^^^^
```

```dockerfile pass
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY app.exe C:/app/
RUN build.cmd
```

"""##,
        "DX1300": ##"""
# DX1300 invalid-project-file

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | — |

A Compose or Bake file that cannot be read: bad syntax or a value of the wrong type.

## What it checks

The Compose files (`compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml`)
and Bake files (`docker-bake.hcl`, `docker-bake.json` and their `.override` variants) that dlint
reads, and those named by `--compose` and `--bake`:

- invalid YAML, HCL or JSON: the finding is at the position where the reader stopped;
- a value of the wrong type where dlint reads builds: `services` or a service that is not a
  mapping, a `build:` that is neither a string nor a mapping, `args` or `additional_contexts`
  that are neither a mapping nor a list, a Bake `args` or `contexts` that is not an object,
  `inherits`, `platforms` or a group's `targets` that is not a list, a `context`, `dockerfile`
  or `target` that is a list or an object, a `target`, `group` or `variable` block without a
  name.

Keys dlint does not read (`image`, `ports`, `tags`, `output` …) are not checked. A file with a
syntax error still lets every other file of the run be linted.

## Why it matters

`docker compose` and `docker buildx bake` reject the whole file, so no service or target of it
builds. The other project checks cannot see the builds of a file they cannot read either.

## Examples

A mapping key indented one space short:

```yaml compose.yaml fail
services:
  web:
    build:
      context: .
     dockerfile: Dockerfile
#    ^
```

An unterminated string in a Bake file:

```hcl docker-bake.hcl fail
target "app" {
  dockerfile = "Dockerfile
#              ^
}
```

`args` written as a list, which Bake does not accept:

```hcl docker-bake.hcl fail
target "app" {
  args = ["VERSION=1"]
#        ^^^^^^^^^^^^^
}
```

```dockerfile file Dockerfile
ARG VERSION=0
FROM alpine:3.20
```

```yaml compose.yaml pass
services:
  web:
    build:
      context: .
      args:
        - VERSION=1
```

"""##,
        "DX1301": ##"""
# DX1301 build-dockerfile-missing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | — |

A Compose service or Bake target builds a Dockerfile that does not exist.

## What it checks

For every build a Compose file (`services.*.build`) or a Bake file (`target` blocks) declares:
the Dockerfile it builds, that is its `dockerfile` (default `Dockerfile`) read relative to its
build context (`context`, default `.`), must be a file. The finding is on the `dockerfile`
value, or on the `context` (or the service or target name) when the default name is missing.

Not checked: builds with `dockerfile_inline` / `dockerfile-inline`, remote contexts (Git and
HTTP URLs) and values that depend on the environment (`${VAR}` in Compose).

## Why it matters

`docker compose build` and `docker buildx bake` fail at once with
`failed to read dockerfile: open Dockerfile: no such file or directory`, often only in CI, after
a Dockerfile was renamed or moved.

## Examples

```text tree
worker/
```

```dockerfile file app/Dockerfile
FROM alpine:3.20
```

```yaml compose.yaml fail
services:
  web:
    build:
      context: ./app
      dockerfile: Dockerfile.prod
#                 ^^^^^^^^^^^^^^^
  worker:
    build: ./worker
#          ^^^^^^^^
```

```hcl docker-bake.hcl fail
target "app" {
  context    = "app"
  dockerfile = "../Dockerfile"
#              ^^^^^^^^^^^^^^^
}
```

```yaml compose.yaml pass
services:
  web:
    build: ./app
  tool:
    build:
      context: ./worker
      dockerfile_inline: |
        FROM alpine:3.20
```

"""##,
        "DX1302": ##"""
# DX1302 build-context-missing

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | — |

A build context or named context directory that does not exist.

## What it checks

The `context` of a Compose service's `build:` (relative to the Compose file) or of a Bake target,
and the local paths among the named contexts (Compose `additional_contexts`, relative to the
build context; Bake `contexts`): each must be a directory. Remote sources (`https://…`,
`git@…`, `docker-image://…`, `oci-layout://…`, `target:…`, `service:…`) and values that depend
on the environment are not checked.

Bake reads relative paths from the directory it runs in, usually the Bake file's: for a Bake
file kept in a subdirectory, dlint takes the nearest of the file's directory and its parents
where the context exists. A named context inside a Bake target's `output` directory is not
reported: another target writes it.

## Why it matters

The build fails before it starts (`unable to prepare context: path "./nope" not found`).

## Examples

```text tree
app/Dockerfile
shared/
```

```yaml compose.yaml fail
services:
  web:
    build:
      context: ./web
#              ^^^^^
  api:
    build:
      context: ./app
      additional_contexts:
        assets: ./assets
#               ^^^^^^^^
```

```hcl docker-bake.hcl fail
target "app" {
  context  = "app"
  contexts = {
    shared = "./shared"
    vendor = "./third_party"
#            ^^^^^^^^^^^^^^^
  }
}
```

```yaml compose.yaml pass
services:
  api:
    build:
      context: ./app
      additional_contexts:
        shared: ../shared
        base: docker-image://alpine:3.20
  remote:
    build: https://github.com/example/app.git#main
  configured:
    build: ${APP_DIR:-./app}
```

"""##,
        "DX1303": ##"""
# DX1303 build-target-unknown

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | — |

A build target that names no stage of the Dockerfile.

## What it checks

The `target` of a Compose service's `build:` or of a Bake target must be the name of a stage
(`FROM … AS NAME`) of the Dockerfile the build uses, compared without regard to case as
BuildKit does. The message lists the stages there are.

## Why it matters

The build fails with `target stage "prodution" could not be found`. A renamed stage breaks
every Compose service and Bake target that names it, and the Dockerfile alone does not show it.

## Examples

```dockerfile file Dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM gcr.io/distroless/static AS production
COPY --from=build /out/app /app
```

```yaml compose.yaml fail
services:
  api:
    build:
      context: .
      target: prodution
#             ^^^^^^^^^
```

```hcl docker-bake.hcl fail
target "app" {
  target = "release"
#          ^^^^^^^^^
}
```

```hcl docker-bake.hcl pass
target "app" {
  target = "Production"
}
target "builder" {
  target = "build"
}
```

"""##,
        "DX1304": ##"""
# DX1304 build-arg-undeclared

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | — |

A build argument that no ARG of the stages the build runs declares.

## What it checks

Each key of a Compose service's `build.args` (mapping or `KEY=VALUE` list) or of a Bake
target's `args` (its own and those it inherits) must be declared by an `ARG` that the build can
see: an `ARG` before the first `FROM` (the global scope), or an `ARG` in one of the stages the
build runs. Those are the target stage (the last one without `target`) and every stage it uses
through `FROM`, `COPY --from` and `RUN --mount=from=`, transitively; when one of them names a
stage through a variable whose value is not known (`FROM binaries-$TARGETOS`), all stages count.
When only a stage the build does not run declares the argument, the message says which.

Not reported: BuildKit's predefined arguments (`HTTP_PROXY` and the other proxy variables,
`SOURCE_DATE_EPOCH`, `BUILDKIT_*`, the platform arguments), Bake values that may be `null`
(`COND ? "x" : null`), and an argument that a shared definition (a Bake target others inherit,
a YAML anchor) gives to several builds when at least one of them uses it.

## Why it matters

The value never reaches the build: a misspelt name (`NODE_VERISON`), an `ARG` that was removed,
or one declared only in a stage the target does not build means the build silently uses the
default instead of the value the Compose or Bake file says.

## Examples

```dockerfile file Dockerfile
ARG NODE_VERSION=20
FROM node:${NODE_VERSION} AS build
ARG NPM_TOKEN
RUN npm ci

FROM node:${NODE_VERSION}-slim AS runtime
ARG PORT=8080
COPY --from=build /app /app

FROM build AS test
ARG CI
```

```yaml compose.yaml fail
services:
  web:
    build:
      context: .
      target: runtime
      args:
        NODE_VERISON: "22"
#       ^^^^^^^^^^^^
        CI: "true"
#       ^^
        PORT: "80"
```

```hcl docker-bake.hcl fail
target "_common" {
  args = {
    NODE_VERSION = "22"
  }
}
target "web" {
  inherits = ["_common"]
  target   = "runtime"
  args = {
    PORT  = 80
    DEBUG = 1
#   ^^^^^
  }
}
```

```yaml compose.yaml pass
services:
  web:
    build:
      context: .
      target: runtime
      args:
        - NODE_VERSION=22
        - NPM_TOKEN
        - HTTP_PROXY
  test:
    build:
      context: .
      target: test
      args:
        CI: "true"
```

"""##,
        "DX1305": ##"""
# DX1305 build-arg-required

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | — |

An ARG without default that a FROM needs gets no value from the build.

## What it checks

For each build of a Compose or Bake file: a global `ARG` (before the first `FROM`) without a
default that the `FROM` of a stage the build runs uses plainly (`FROM ${BASE_IMAGE}`,
`FROM python:$PYTHON_VERSION`) must get a value from the build's `args`. The finding is on the
service or target name. `${NAME:-default}` has a fallback and is not reported; nor are the
platform arguments BuildKit sets (`BUILDPLATFORM`, `TARGETARCH` …) or stages the build does not
run.

## Why it matters

Without the value the image name is empty or incomplete, and BuildKit fails with
`base name (${BASE_IMAGE}) should not be blank` or tries to pull `python:`. The Dockerfile is
written to be given the value; the build that forgets it is where the mistake is.

## Examples

```dockerfile file Dockerfile
ARG BASE_IMAGE
ARG PYTHON_VERSION
FROM python:${PYTHON_VERSION} AS build
RUN pip wheel --wheel-dir /wheels .

FROM ${BASE_IMAGE} AS runtime
COPY --from=build /wheels /wheels

FROM python:${PYTHON_VERSION} AS lint
RUN ruff check .
```

```yaml compose.yaml fail
services:
  app:
# ^^^
    build:
      context: .
      target: runtime
      args:
        PYTHON_VERSION: "3.12"
```

```hcl docker-bake.hcl fail
target "lint" {
#      ^^^^^^
  target = "lint"
}
```

```hcl docker-bake.hcl pass
variable "PYTHON" {
  default = "3.12"
}
target "app" {
  args = {
    PYTHON_VERSION = PYTHON
    BASE_IMAGE     = "python:${PYTHON}-slim"
  }
}
target "lint" {
  target = "lint"
  args   = { PYTHON_VERSION = "3.12" }
}
```

"""##,
        "DX1306": ##"""
# DX1306 named-context-unused

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | — |

A named build context that no FROM, COPY --from or RUN --mount of the Dockerfile uses.

## What it checks

Each name of a Compose service's `build.additional_contexts` or of a Bake target's `contexts`
must be used by the stages the build runs: as the image of a `FROM`, a `COPY --from=NAME` or a
`RUN --mount=from=NAME`. A named context replaces an image of that name
(`alpine = "docker-image://alpine:3.20"` for `FROM alpine`) or a stage of that name, so both
count. When a reference there uses a variable whose value is not known, nothing is reported.

The other direction is DL3022: linted with a build's values, a `COPY --from=NAME` that names no
stage is fine when the build declares the context `NAME`, and reported when it does not.

## Why it matters

A context nobody reads is a leftover of a renamed stage or a `COPY --from` that was removed, or
a typo: the Dockerfile then pulls an image called like the context instead of using the files
the build meant to pass. Every named context is also transferred to the builder.

## Examples

```dockerfile file Dockerfile
FROM alpine AS base
COPY --from=assets . /srv/assets
```

```yaml compose.yaml fail
services:
  web:
    build:
      context: .
      additional_contexts:
        assets: ./assets
        asset: ./assets
#       ^^^^^
```

```text tree
assets/
```

```hcl docker-bake.hcl pass
target "app" {
  contexts = {
    assets = "./assets"
    alpine = "docker-image://alpine:3.20"
  }
}
```

"""##,
        "DX1400": ##"""
# DX1400 leaked-credential

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

Do not write tokens or private keys into the Dockerfile.

## What it checks

Every byte of the file — instructions, heredocs and comments alike — for credentials that are
recognisable by their shape alone:

- PEM private key blocks: `-----BEGIN RSA PRIVATE KEY-----` (also `EC`, `DSA`, `OPENSSH`,
  `ENCRYPTED`, none, and `PGP PRIVATE KEY BLOCK`) followed by key material. A header followed by
  a variable (`"-----BEGIN…-----\n$KEY"`) or a pattern (`grep 'BEGIN .* PRIVATE KEY'`) holds no
  key and is not reported;
- AWS access key IDs (`AKIA` or `ASIA` and 16 capitals or digits);
- GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and 36 letters or digits;
  `github_pat_…`), GitLab personal access tokens (`glpat-…`), Slack tokens (`xoxa-`, `xoxb-`,
  `xoxp-`, `xoxo-`, `xoxr-`, `xoxs-`), Google API keys (`AIza` and 35 characters), Stripe live
  keys (`sk_live_…`, `rk_live_…`), npm tokens (`npm_…`), Docker Hub tokens (`dckr_pat_…`) and
  PyPI tokens (`pypi-AgEIcHlwaS5vcmc…`);
- the password of a URL, `scheme://user:password@host` (`git clone https://deploy:s3cret@…`,
  `ENV DATABASE_URL=postgres://app:s3cret@db/app`), outside comments, where such URLs are mostly
  examples. A password from a variable (`https://user:${TOKEN}@…`), a placeholder
  (`user:password@`, `user:xxxx@`, `user:<token>@`) or a token the list above names (reported
  as that token) is not reported as a URL password.

A token must stand alone (no letter, digit or `_` right before it, and for fixed-length tokens
none right after). Placeholders are not reported: a body holding `EXAMPLE` (AWS's documented
`AKIAIOSFODNN7EXAMPLE`), `xxxx` or a run of zeros, or made of three distinct characters or fewer.

The finding covers the token, the URL's password, or the key block's `BEGIN` line. The message names the kind of
credential, shows it masked (`AKIA…4B1D`, `ghp_…WXYZ`) and says where it leaks: a comment with
the Dockerfile (repository, build context), `ENV`/`LABEL`/`CMD` in the image configuration,
`ARG` and `RUN` in the image history, a `COPY <<EOF` heredoc in a file of the image.

Comments are read on purpose: secret scanners such as gitleaks or GitHub's push protection read
every line, and a token in a comment is as public as the repository that holds it.

## Why it matters

A Dockerfile is committed, shared, sent as build context and often copied into the image
itself; `docker history` and `docker inspect` show what `ENV`, `ARG` and `RUN` set. A credential
written into it is exposed to everyone who can read any of those, for as long as they exist:
removing the line later leaves it in the Git history and in every image already pushed.

Revoke the credential, then give the build a new one without writing it down:
`RUN --mount=type=secret,id=token …` reads it from `/run/secrets/token` (`docker build --secret
id=token,env=TOKEN`), and nothing of it reaches a layer or the history.

Values that are not recognisable by shape but are written to a secret's name
(`ENV DB_PASSWORD=hunter2`) are [DX1401](DX1401.md)'s; names that only look secret, with no
literal value, are [DL3064](DL3064.md)'s. Each problem gets one finding: a token assigned to
`GITHUB_TOKEN` is reported here only.

## Fix

None: removing the text does not un-leak it, and the build may need it. Revoke it first.

## Examples

```dockerfile fail
FROM alpine:3.20
# deploy token: ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
ENV AWS_ACCESS_KEY_ID=AKIAZ7Q2DOCSONLY4B1D
#                     ^^^^^^^^^^^^^^^^^^^^
RUN git clone https://oauth2:glpat-Q1w2E3r4T5y6U7i8O9p0@gitlab.com/acme/app.git
#                            ^^^^^^^^^^^^^^^^^^^^^^^^^^
ENV DATABASE_URL=postgres://app:s3cr3t-pw@db:5432/app
#                               ^^^^^^^^^
COPY <<EOF /root/.ssh/id_rsa
-----BEGIN OPENSSH PRIVATE KEY-----
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----
EOF
```

Placeholders, documentation keys, variables and secret mounts are fine:

```dockerfile pass
FROM alpine:3.20
# Set GITHUB_TOKEN to a token like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
RUN printf -- '-----BEGIN RSA PRIVATE KEY-----\n%s\n' "$KEY" > /dev/null
# e.g. DATABASE_URL=postgres://app:s3cr3t@db:5432/app
RUN pip install --index-url "https://ci:${PIP_PASSWORD}@pypi.example.com/simple" app
RUN --mount=type=secret,id=github_token GITHUB_TOKEN=$(cat /run/secrets/github_token) ./fetch.sh
```

"""##,
        "DX1401": ##"""
# DX1401 hardcoded-secret

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | - |

Do not write secret values into the Dockerfile.

## What it checks

A literal value given to a name that says it holds a secret, wherever the file sets one:

- `ENV NAME=value` (and the legacy `ENV NAME value`), also inside `ONBUILD`;
- an `ARG NAME=default`;
- a RUN's assignments: `NAME=value cmd`, `export NAME=value`, `env NAME=value cmd`, `declare`,
  `readonly`, `local`, `typeset` — in the RUN line, its heredoc scripts and `sh -c` strings;
- lines of a heredoc that is data, not a script (`COPY <<EOF /app/.env`, `RUN cat <<EOF >
  config.yml`): `NAME=value`, `export NAME=value`, `name: value`, `"name": "value",`.

Two more literals of the same kind, in RUN (through wrappers, heredoc scripts, `sh -c`):

- an account's password, `echo 'root:s3cret' | chpasswd` (or `printf`, `sudo chpasswd`): the
  finding covers the password;
- an npm registry credential, `//registry.npmjs.org/:_authToken=…` (also `:_auth=`,
  `:_password=`, `npmAuthToken=`) in any word (`echo … > ~/.npmrc`), and the value after such a
  key in `npm config set KEY VALUE` or `yarn config set npmAuthToken VALUE`.

A name is a secret's when its last word (split at `_`, `-`, `.` and lower-to-upper case changes,
without regard to case) is `password`, `passwd`, `pword`, `pwd`, `passphrase`, `secret`,
`token`, `key` or `apikey` — `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`,
`clientSecret`, `PASSWORD` — unless a word says it is public or not a credential (`public`,
`file`, `version`, `gpg`, `pgp`, `signing`, `fingerprint`, `primary`, `foreign`, `sort`, `cache`,
`partition`, `repo`, `apt`, `host`, `id`, `path`, `dir`, `url`, `name`, `length`). `KEY` and
`PWD` alone are not secrets' names.

A value is literal when it is written out. Not reported, because nothing secret is written:

- an empty value, and any value that refers to a variable or a command (`$DB_PASSWORD`,
  `${TOKEN}`, `$(cat /run/secrets/token)`, `pre${SUFFIX}`);
- placeholders: one repeated character (`xxxx`, `****`), `<token>`, `{{ .Token }}`, `%TOKEN%`,
  `@TOKEN@`, values holding `example`, `placeholder`, `your_`, `dummy`, `fake`, `redacted`,
  `replace_me`, `todo`, `fixme`, `xxx`, `***` or `...`;
- booleans and null words (`ALLOW_EMPTY_PASSWORD=yes`, `true`, `none`);
- paths and file names (`/run/secrets/db`, `./key.pem`, `server.key`): the file holds the
  secret, not the Dockerfile;
- a URL without `user:password@`;
- forty hex digits for a `…_KEY` (an OpenPGP fingerprint, which is public).

A weak default such as `changeme`, `postgres` or `root` is reported: a literal is a literal, and
a default password that ships in an image is the password of every container that forgets to
override it.

The finding covers the value, which the message masks (`'****'`); it says where the value ends
up: `ENV` in the image configuration (`docker inspect`), an `ARG` default in the image history
of every RUN that uses it, a RUN's command line in the image history, a heredoc in a file of
the image.

## Why it matters

Anyone who can pull the image reads `ENV` values with `docker inspect` and RUN command lines and
build arguments with `docker history`; anyone who can read the repository reads them all. A
value written there cannot be rotated without a new commit and new images, and the old ones
keep it.

Pass secrets at run time (`docker run -e`, an orchestrator's secrets) or, when the build needs
them, with `RUN --mount=type=secret,id=NAME`, which reads them from `/run/secrets/NAME` without
writing them to a layer or the history.

## One finding per problem

[DL3064](DL3064.md) (BuildKit's `SecretsUsedInArgOrEnv`) reports an `ARG` or `ENV` whose *name*
looks secret. When the value is a literal this rule reports, DL3064 says nothing: `ENV
API_TOKEN=abc` is this rule's finding, at `abc`; `ARG API_TOKEN` and `ENV API_TOKEN=$TOKEN` stay
DL3064's. A value that is a recognisable token (`ghp_…`, `AKIA…`) is [DX1400](DX1400.md)'s, and
neither this rule nor DL3064 reports it again. Turning this rule off does not bring the literal
values back into DL3064.

## Fix

None: the value must be revoked and passed another way, which only the author can arrange.

## Examples

```dockerfile fail
FROM postgres:16
ENV POSTGRES_PASSWORD=changeme
#                     ^^^^^^^^
ARG NPM_TOKEN="a1b2c3d4e5f6"
#             ^^^^^^^^^^^^^^
RUN export DJANGO_SECRET_KEY=s3cr3t-build-key && ./manage.py collectstatic
#                            ^^^^^^^^^^^^^^^^
COPY <<EOF /app/.env
DB_PASSWORD=hunter2
#           ^^^^^^^
EOF
RUN echo 'root:Docker!' | chpasswd
#              ^^^^^^^
RUN echo "//registry.npmjs.org/:_authToken=npm-s3cr3t" > ~/.npmrc
#                                          ^^^^^^^^^^
```

References, empty values, placeholders, paths, booleans and fingerprints are not secrets
written into the file:

```dockerfile pass
FROM postgres:16
ARG DB_PASSWORD
ENV POSTGRES_PASSWORD=$DB_PASSWORD POSTGRES_PASSWORD_FILE=/run/secrets/db API_TOKEN=
ENV ALLOW_EMPTY_PASSWORD=yes API_KEY=<your-api-key> GITHUB_TOKEN=xxxx
ENV SSL_KEY=/etc/ssl/private/server.key GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
RUN --mount=type=secret,id=token API_TOKEN=$(cat /run/secrets/token) ./fetch.sh
COPY <<EOF /app/.env
DB_PASSWORD=${DB_PASSWORD}
EOF
RUN echo "root:${ROOT_PASSWORD}" | chpasswd
RUN --mount=type=secret,id=npm echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/npm)" > ~/.npmrc
```

"""##,
        "DX1402": ##"""
# DX1402 tls-verification-disabled

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Do not turn off TLS certificate or package signature checks.

## What it checks

Commands of every `RUN` (through `sudo`, `env` and other wrappers, in heredoc scripts and
`sh -c` strings) that tell a tool to skip its checks:

| Tool | Reported |
| --- | --- |
| curl | `-k`, `--insecure`, `--proxy-insecure`, and `k` in a group of short options (`-fsSLk`) |
| wget | `--no-check-certificate`, `--check-certificate=off`/`quiet` |
| pip, uv, pipenv, poetry | `--trusted-host`, `--allow-insecure-host`, `pip config set global.trusted-host` |
| conda, mamba | `config --set ssl_verify false` |
| npm, yarn, pnpm | `config set strict-ssl false`, `strict-ssl=false`, `--strict-ssl=false`, `--no-strict-ssl`, `enableStrictSsl false` |
| git | `-c http.sslVerify=false` (also `http.<url>.sslVerify`), `config … http.sslVerify false` |
| apt-get, apt, aptitude | `--allow-unauthenticated`, `--force-yes`, `--allow-insecure-repositories`, `-o Acquire::https::Verify-Peer=false` (`Verify-Host`), `-o APT::Get::AllowUnauthenticated=true` |
| apk | `--allow-untrusted` |
| rpm | `--nosignature`, `--nodigest` |
| yum, dnf, microdnf, tdnf, zypper | `--nogpgcheck`, `--no-gpgcheck`, `--no-gpg-checks`, `--setopt=gpgcheck=0`, `--setopt=sslverify=false` |
| go | `-insecure` |
| any program | `--insecure-skip-tls-verify`, `--tls-verify=false`, `--no-verify-ssl` |

Configuration that does the same, written by `echo`, `printf` or `sed` (the replacement of an
`s///`), or as a line of a heredoc that writes a file: `deb [trusted=yes] …` apt sources,
`gpgcheck=0` and `sslverify=0` in `.repo` files, `strict-ssl=false` in `.npmrc`,
`check_certificate = off` in `.wgetrc`, `trusted-host` in `pip.conf`, `Acquire::https::Verify-Peer
"false"` in `apt.conf.d`.

Variables set in `ENV`, `ARG` defaults and RUN assignments or exports:
`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY` (with any value:
git reads `GIT_SSL_NO_VERIFY=false` as "do not verify" too), `NPM_CONFIG_STRICT_SSL=false`,
`YARN_ENABLE_STRICT_SSL=false`, `PIP_TRUSTED_HOST`, `GOINSECURE`, `GOSUMDB=off`,
`GOFLAGS=-insecure`. An `ARG` without a default sets nothing and is not reported.

The finding covers the option (the `k` alone in `-fsSLk`), the key and value of a configuration
command, or the whole assignment.

## Why it matters

Certificate verification is what stops anyone on the network path — a compromised proxy or
mirror, a hostile Wi-Fi, a poisoned DNS answer — from serving their own file in place of the
one the build asked for. Package signatures stop a compromised mirror from shipping a modified
package. A build that turns either off installs whatever it is given, silently, into every
image it produces; turned off "temporarily" behind a corporate proxy, it usually stays.

The usual reason is a TLS-intercepting proxy or a private registry with its own certificate
authority. Trust that CA instead: `COPY corp-ca.crt /usr/local/share/ca-certificates/` and `RUN
update-ca-certificates` (or `--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `npm config set
cafile`), or give the build the certificate through a secret mount. For packages, import the
repository's signing key (`signed-by=` in apt sources, `rpm --import`).

## Fix

None. Removing `-k` or `--allow-unauthenticated` is mechanical, but the build then fails
exactly where the check was turned off to get past a certificate or a key the image lacks; the
fix is to provide that certificate or key, which a linter cannot know.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN curl -fsSLk https://example.com/tool.tgz | tar -xz -C /usr/local/bin
#             ^
RUN apt-get update && apt-get install -y --allow-unauthenticated internal-tool
#                                        ^^^^^^^^^^^^^^^^^^^^^^^
RUN git config --global http.sslVerify false && npm config set strict-ssl false
#                       ^^^^^^^^^^^^^^^^^^^^                   ^^^^^^^^^^^^^^^^
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RUN echo "deb [trusted=yes] http://repo.internal/debian ./" > /etc/apt/sources.list.d/internal.list
#              ^^^^^^^^^^^
```

```dockerfile fail
FROM fedora:40
RUN dnf install -y --nogpgcheck ./vendor.rpm && pip install --trusted-host pypi.internal app
#                  ^^^^^^^^^^^^                             ^^^^^^^^^^^^^^
COPY <<EOF /etc/yum.repos.d/internal.repo
[internal]
baseurl=https://repo.internal/fedora
gpgcheck=0
#^^^^^^^^^
EOF
```

Checks left on, a CA certificate trusted, and options that merely look alike are fine:

```dockerfile pass
FROM debian:bookworm
COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
RUN update-ca-certificates && curl -fsSL https://example.com/tool.tgz -o /tmp/tool.tgz
RUN curl -o k https://example.com/k && curl -H "X-Key: -k" https://example.com
RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.conf
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-ca.crt
ARG GIT_SSL_NO_VERIFY
```

"""##,
        "DX1403": ##"""
# DX1403 pipe-to-shell

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Do not pipe a download into a shell: download it, verify its checksum, then run it.

## What it checks

A script downloaded and run in one step, in any `RUN` (heredoc scripts, `sh -c` strings,
`if`/`for`/`while` bodies, subshells and groups included):

- a pipeline from a downloader to a shell or interpreter reading its program from standard
  input: `curl … | sh`, `curl … | sudo -E bash -s -- -y`, `wget -qO- … | bash`, `curl … | tee
  log | sh`, `curl … | python3 -`, `curl … | perl -`;
- a shell's `-c` string, or `eval`'s argument, that is only a download: `sh -c "$(curl -fsSL …)"`,
  `eval "$(wget -O- …)"`;
- process substitution: `bash <(curl …)`, `source <(curl …)`, `. <(wget -O- …)`.

A downloader is `curl` writing to standard output (no `-o FILE`, `-O`, `--output FILE`,
`--remote-name`; `-o -` is standard output) or `wget` writing to it (`-O-`, `-qO-`, `-O -`,
`--output-document=-`, `-O /dev/stdout`). The shells are `sh`, `bash`, `dash`, `ash`, `zsh`,
`ksh`, `mksh` and `busybox sh`; the interpreters `python`, `perl`, `ruby`, `node` and `php`
(by base name, `python3.12` included). A program that runs a file (`sh install.sh`) or its own
code (`python3 -c 'import json…'`, `perl -e`, `python -m json.tool`) reads the download as data
and is not reported.

The finding covers the shell's or interpreter's name; the message names the URL (as written
when it holds a variable) and the downloader.

## Why it matters

What runs is whatever the server sends at that moment: a compromised or hijacked host, a
changed install script, a truncated download (a partial script can still run, and `rm -rf
/usr/local/lib` cut short at `/usr` is a different command), all go unnoticed, with the build's
privileges, and nothing in the Dockerfile says which script built the image. The output of
the install is different from one build to the next.

Download the script to a file, compare it with a checksum you recorded when you reviewed it, and
run it:

```dockerfile pass
FROM debian:bookworm
ARG INSTALLER_SHA256=0d3b2a6d1e5b3f6f7c2d8e1a9b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c
RUN curl -fsSL https://get.example.com/install.sh -o /tmp/install.sh \
    && echo "${INSTALLER_SHA256}  /tmp/install.sh" | sha256sum -c - \
    && sh /tmp/install.sh && rm /tmp/install.sh
```

Better still, install a released, signed artifact or the distribution's package, or
`ADD --checksum=sha256:… https://…` ([DX1404](DX1404.md)).

## Fix

None: the checksum must come from a script someone reviewed, which a linter cannot supply.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN curl -fsSL https://get.example.com/install.sh | sh
#                                                   ^^
RUN wget -qO- https://example.com/setup | sudo -E bash -s -- --yes
#                                                 ^^^^
RUN sh -c "$(curl -fsSL https://raw.example.com/tools/install.sh)"
#   ^^
RUN curl -sSL https://install.python-poetry.org | python3 -
#                                                 ^^^^^^^
```

Downloads saved to a file, data piped into a program, and a shell that runs its own script are
fine:

```dockerfile pass
FROM debian:bookworm
RUN curl -fsSL https://get.example.com/install.sh -o /tmp/install.sh && sh /tmp/install.sh
RUN curl -s https://api.example.com/releases | python3 -c 'import json, sys; print(json.load(sys.stdin)["tag"])'
RUN curl -fsSL https://example.com/tool.tgz | tar -xz && wget -O /tmp/x https://example.com/x | sh
RUN sh -c "echo $(curl -fsSL https://example.com/version)"
```

"""##,
        "DX1404": ##"""
# DX1404 add-without-checksum

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | - |

Pin the content of a remote ADD source with --checksum.

## What it checks

An `ADD` (or `ONBUILD ADD`) without `--checksum` whose source is an `http://` or `https://` URL
(after `ARG`/`ENV` values the file fixes are filled in). The finding covers the URL.

Not reported:

- a Git repository (`https://…/repo.git`, `….git#ref`): it is pinned by naming a commit;
- a source from a variable the file does not fix;
- an `ADD` followed, in the same stage, by a RUN that checks a checksum or a signature
  (`sha256sum -c`, `sha512sum --check`, `shasum -c`, `md5sum -c`, `gpg --verify`, `gpgv`,
  `cosign`, `minisign`, `signify`): the usual `ADD` + verification pair is already safe.

No other dlint rule covers this: [DL3020](DL3020.md) is about `ADD` of local files, and
[DX1403](DX1403.md) about downloads run as scripts.

## Why it matters

`ADD https://…` takes whatever the server returns: a new release published under the same name,
a compromised download host, or a file changed in transit over plain `http://`. The build
neither fails nor tells, and two builds of the same Dockerfile can contain different files.
`ADD --checksum=sha256:<digest>` (Dockerfile syntax 1.6 and later; BuildKit checks it before the
file enters the image) makes the build fail instead:

```dockerfile pass
# syntax=docker/dockerfile:1
FROM alpine:3.20
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
```

## Fix

None: the digest has to be computed from a file someone trusts, which the linter does not have.
Download the file once, check it against the publisher's checksums or signature, and record
what `sha256sum FILE` prints.

## Examples

```dockerfile fail
FROM alpine:3.20
ARG TINI_VERSION=v0.19.0
ADD https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini /tini
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
ADD http://example.com/app.tar.gz /opt/
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

A checksum, a later verification, a Git repository and local files are fine:

```dockerfile pass
FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /opt/
ADD https://example.com/tool /usr/local/bin/tool
RUN echo "4f5b0c0a7e0f6f3d0e9a1c5b2d8f7e6a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e  /usr/local/bin/tool" | sha256sum -c -
ADD https://github.com/moby/buildkit.git#v0.14.0 /src
ADD app.tar.gz /opt/
```

"""##,
        "DX1405": ##"""
# DX1405 world-writable

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes (unsafe) | - |

Do not make files writable by every user.

## What it checks

A mode that gives every user write permission:

- `chmod MODE PATH…` (options such as `-R` skipped), `mkdir -m MODE`, `install -m MODE` (the
  destination only), `find PATH… -exec chmod MODE {} +` (what find finds under its paths), in any
  `RUN`, through `sudo` and other wrappers;
- `COPY --chmod=MODE` and `ADD --chmod=MODE`.

The mode is world-writable when it is octal with the others-write bit (`777`, `0777`, `666`,
`757`) or symbolic with `w` added or set for `o` or `a` (`a+rwx`, `o+w`, `ugo=rwX`, `go+w`).
`+w` without a class is not reported: the umask (usually `022`) keeps it from others.

Not reported:

- a sticky mode (`1777`, `3777`, `a+rwx,o+t`): the shared-directory pattern of `/tmp`, where
  every user may create files but none may delete or rename another's. The official images use
  it for directories that a container run under any user ID must write (`/var/run/postgresql`);
- paths inside a temporary directory (`/tmp/…`, `/var/tmp/…`, `/dev/shm/…`).

A temporary directory itself (`/tmp`, `/var/tmp`, `/dev/shm`) given an octal mode without the
sticky bit (`chmod 777 /tmp`) is reported for another reason: the mode clears the sticky bit the
directory had.

The finding covers the mode. A path from a variable counts as a path that is not temporary.

## Why it matters

A world-writable file or directory can be changed by every process in the container, whatever
user it runs as: a compromised low-privilege service can replace the application's code, its
configuration or a script that root runs later. `chmod -R 777` is usually a shortcut past a
permission error; the error says which user needs to write where.

Give the files to that user (`chown app:app`, `COPY --chown=app:app`) with `755`/`644`, or, for
images run under an arbitrary user ID (OpenShift), to group 0 with `g+rwX` and `chmod g=u`.

## Fix

Only for a temporary directory given `777`: the mode becomes `1777` (`0777` → `1777`), which
restores the sticky bit. **Unsafe**: the directory's permissions change — which is the point,
but a process that deleted another user's files there no longer can.

Other modes are not fixed: which user should own the files, and whether `755` is enough, is
the author's call.

## Examples

```dockerfile fail
FROM node:20-slim
WORKDIR /app
COPY --chmod=777 entrypoint.sh /usr/local/bin/
#    ^^^^^^^^^^^
RUN mkdir -p /app/uploads && chmod -R 777 /app && chmod o+w /var/log/app
#                                     ^^^               ^^^
RUN install -d -m 0777 /srv/data
#                 ^^^^
```

```dockerfile fail
FROM debian:bookworm
RUN chmod 777 /tmp /var/tmp
#         ^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN chmod 1777 /tmp /var/tmp
```

Ownership instead of open modes, the sticky bit, and temporary files are fine:

```dockerfile pass
FROM node:20-slim
COPY --chown=node:node --chmod=755 entrypoint.sh /usr/local/bin/
RUN mkdir -p /app/uploads && chown -R node:node /app && chmod -R 755 /app
RUN chmod 1777 /tmp && install -d -m 3777 /var/run/app && chmod 666 /tmp/app.sock
RUN chmod +w /app/config && chmod -R g+rwX /app && chmod a+rx /usr/local/bin/tool
```

"""##,
        "DX1406": ##"""
# DX1406 expose-ssh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | - |

Do not expose SSH: use docker exec to get a shell in a container.

## What it checks

An `EXPOSE` (or `ONBUILD EXPOSE`) of port 22 over TCP: `22`, `22/tcp`, or a range holding it
(`20-25`), also when an `ARG` or `ENV` with a value the file fixes gives the port. `22/udp` and
other ports (`2222`) are not reported. The finding covers the port.

## Why it matters

An SSH server in an application container is the mark of an image used like a virtual machine:
a second long-running process beside the application, host keys baked into the image (the same
for every container started from it), passwords or authorized keys to manage, and one more
service to patch and attack. `docker exec -it CONTAINER sh` (or `kubectl exec`) gives a shell
without any of that.

Some images exist to serve SSH (an SFTP server, a Git host, a CI agent); for them the finding is
information only, at severity `info`: make sure host keys are generated when the container first
starts, not at build time, and that no password or private key is in the image. Suppress the
rule for such a file with `# dlint ignore=DX1406` above the `EXPOSE`.

## Fix

None: removing the port changes what `docker run -P` publishes, and the image may be an SSH
service on purpose.

## Examples

```dockerfile fail
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
EXPOSE 22 8080
#      ^^
ARG SSH_PORT=22
EXPOSE ${SSH_PORT}/tcp
#      ^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM ubuntu:24.04
EXPOSE 8080 2222 22/udp
```

"""##,
        "SC1001": ##"""
# SC1001 meaningless-escape

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC1001](https://www.shellcheck.net/wiki/SC1001), reported by hadolint |

This \o will be a regular 'o' in this context.

## What it checks

A backslash outside quotes before a character it has no reason to escape: a letter (but `n`,
`t` and `r`, which are ShellCheck's SC1012), a digit, `/`, `=`, `-`, `^`, `%`, `:` … The shell
drops the backslash and passes the plain character. The finding covers the backslash and the
character. As in ShellCheck, escaping a character the shell would otherwise read (`\$`, `\"`,
`\ `, `\;`, `\|`, `\(`), a glob or brace character (`\*`, `\?`, `\[`, `\{`, `\!`), `\.`, `\,`,
`\~` and `\#` is not reported.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts, the script of an
exec-form shell, `ONBUILD RUN` triggers, and `sh -c '…'` payloads, parsed as the inner shell
reads them. Not checked: Windows images and PowerShell or cmd `SHELL`s (their backslashes are
path separators), bash array values (`A=(…)`), and scripts that do not parse.

## Why it matters

The backslash was usually meant for the program, not the shell: `grep -E ^\s+x` searches for
`^s+x`, `sed s/\//_/` gets `s///_/`. Quote the argument (`grep -E '^\s+x'`) to pass the
backslash on, or drop it when the plain character was meant.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN grep -E ^\s+server /etc/nginx.conf \
#            ^^
    && sed -i s/\/usr/\/opt/ /etc/profile
#               ^^    ^^
```

```dockerfile pass
FROM debian:bookworm
RUN grep -E '^\s+server' /etc/nginx.conf \
    && find / -name \*.pyc -delete && echo \$HOME a\ b \{x\} 1\.2
```

## Differences from hadolint

hadolint runs ShellCheck on the RUNs of Windows images too, where `RUN mkdir c:\config` is cmd's
path, not a POSIX shell's escape (6 findings on the shared corpus, all in
`caddyserver__caddy-docker/*/windows-nanoserver`); dlint does not check those RUNs:

```dockerfile pass
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN mkdir c:\config && mkdir c:\data
```

"""##,
        "SC1003": ##"""
# SC1003 escaped-single-quote

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC1003](https://www.shellcheck.net/wiki/SC1003), reported by hadolint |

Want to escape a single quote? echo 'This is how it'\''s done'.

## What it checks

A single-quoted string whose last character is a backslash: `'it\'s'`. Inside single quotes a
backslash is an ordinary character, so the `'` after it ends the string instead of being
escaped; what follows is read outside the quotes. The finding covers the backslash and that
quote. The idiom `'it'\''s'` (end the string, an escaped quote, start a new one) is what was
meant, and is not reported; neither is `$'it\'s'` (bash's ANSI-C quoting, where `\'` does
escape).

A string that really ends in a backslash (`tr '\' '/'`) is reported as in ShellCheck: write it
`'…'\\` or `"\\"` to say so. Checked in the same scripts as [SC1001](SC1001.md); as in
ShellCheck, also in a script that does not parse (usually because of this very quote), up to
the parse error.

## Why it matters

`echo 'it\'s here'` is `'it\'` followed by `s here'` and an unterminated quote, or, when another
quote follows later on the line, a string that silently takes in the words between.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo 'Hello' > /etc/issue \
    && echo 'Don\'t panic' > /etc/motd
#               ^^
```

```dockerfile pass
FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN echo 'Don'\''t panic' > /etc/motd && echo "it's" && echo $'it\'s' && echo 'C:\dir'
```

"""##,
        "SC1007": ##"""
# SC1007 space-after-equals

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck [SC1007](https://www.shellcheck.net/wiki/SC1007), reported by hadolint |

Remove the space after = if trying to assign a value (for an empty string, use NAME='').

## What it checks

`NAME= value …` in a `RUN`: an assignment with nothing after `=`, followed by a blank and more
words. The shell sets `NAME` to the empty string for the command `value`. `IFS= read …`, the
usual idiom, is left alone. The finding covers `NAME=` and the blank.

## Why it matters

`VERSION= 1.2.3 make install` runs a program called `1.2.3`; the intent was almost always
`VERSION=1.2.3`. Write `NAME='' cmd` when an empty value is meant. No fix is offered: which of
the two was meant is for the author to say.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN DEBIAN_FRONTEND= noninteractive apt-get update
#   ^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN DEBIAN_FRONTEND=noninteractive apt-get update && LANG='' ls \
    && while IFS= read -r line; do echo "$line"; done < /etc/hosts
```

"""##,
        "SC1083": ##"""
# SC1083 literal-brace

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck [SC1083](https://www.shellcheck.net/wiki/SC1083), reported by hadolint |

This { or } is literal: check the expression (missing ; or line break?) or quote it.

## What it checks

An unquoted `{` or `}` in a word that the shell passes on literally. As in ShellCheck, these are
not reported:

- brace expansion: `{a,b}`, `{1..3}`, `x{,.bak}`, nested ones and those with quotes or
  variables inside (`{"$a",b}`); also in `sh`, whose lack of brace expansion is
  [SC3009](SC3009.md);
- `{}` (`find -exec rm {} +`, `xargs -I{}`);
- the reserved words of a group, `{ cmd; }`, and `${…}`;
- quoted or escaped braces (`'{print $1}'`, `\{`).

Each reported brace is one finding (`{{` is two), at most four in one word (ShellCheck reports
every one; a word of hundreds of braces is one mistake). Checked in the same scripts as
[SC1001](SC1001.md); as in ShellCheck, also in a script that does not parse, up to the parse
error.

## Why it matters

A `}` that reaches a command is usually a group whose last command lacks its `;` or line break
(`{ echo a }` waits for the closing brace), or a template placeholder (`{{ .Version }}`) that was
never filled in. A literal brace on purpose is clearer quoted.

## Examples

```dockerfile fail
FROM alpine:3.20
RUN { echo "nameserver 1.1.1.1" > /etc/resolv.conf; } \
    && echo {VERSION} > /version
#           ^       ^
```

```dockerfile fail
FROM alpine:3.20
RUN if [ -f /etc/app.conf ]; then { cat /etc/app.conf; }; fi; echo done}
#                                                                      ^
```

```dockerfile pass
FROM alpine:3.20
RUN mkdir -p /srv/{data,logs} && for i in {1..3}; do echo "$i"; done \
    && find /tmp -name '*.tmp' -exec rm {} + && { echo a; echo b; } \
    && awk '{ print $1 }' /etc/hosts && echo "${HOME}" \{literal\}
```

## Differences from hadolint

hadolint cannot read a Dockerfile template such as `docker-library__mysql/Dockerfile.oracle` in
the shared corpus (a Go template: `{{ if … }}` lines between the instructions) and reports only
its parse error; dlint reads the instructions it can and reports the `{{ … }}` left in their RUNs
(26 findings in 5 RUNs). Bash array values (`A=("${x}" b)`) are not checked by dlint, which keeps them
verbatim; ShellCheck reads them and finds nothing there either.

"""##,
        "SC2002": ##"""
# SC2002 useless-cat

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | ShellCheck SC2002 (reported by hadolint) |

Useless cat: consider 'cmd < file | ..' or 'cmd file | ..' instead.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2002

## What it checks

A pipeline whose first command is `cat` with exactly one file argument that is not an option and
cannot expand to several words. The finding covers the `cat` command.

Off by default, as in ShellCheck, where it is the optional check `useless-use-of-cat` (so
hadolint never reports it): switch it on with `enable: [SC2002]`.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`cat file | cmd` starts one more process and a pipe to do what `cmd < file` does; some
commands (`wc`, `sort`, `grep`) also lose the file name they could report.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN cat /etc/os-release | grep VERSION_ID
#   ^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN grep VERSION_ID /etc/os-release
RUN cat /etc/os-release /etc/debian_version | sort
RUN cat $FILES | wc -l
```

"""##,
        "SC2005": ##"""
# SC2005 useless-echo

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | ShellCheck SC2005 (reported by hadolint) |

Useless echo? Instead of 'echo $(cmd)', just use 'cmd'.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2005

## What it checks

`echo` with exactly one argument that is only a command substitution, `$(cmd)` or
`` `cmd` ``, quoted or not — except `$(< file)`, which runs no command. The finding covers the
`echo` command.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`echo $(cmd)` runs `cmd`, captures its output, splits and globs it (unquoted) and prints it
again: the same output at best, mangled whitespace and expanded `*` at worst. `cmd` alone prints
its output as it is.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo $(dpkg --print-architecture) > /etc/arch && \
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    echo "`uname -r`"
#   ^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN dpkg --print-architecture > /etc/arch
RUN echo "arch: $(dpkg --print-architecture)"
RUN echo "$(< /etc/hostname)"
```

## Differences from hadolint

hadolint drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`); on this repository's corpus the real ShellCheck 0.11 and dlint agree on all 15 `RUN`s, hadolint shows 0 of them.

"""##,
        "SC2006": ##"""
# SC2006 backticks

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | yes | ShellCheck [SC2006](https://www.shellcheck.net/wiki/SC2006), reported by hadolint |

Use $(...) notation instead of legacy backticks.

## What it checks

A command substitution written with backticks, `` `cmd` ``, anywhere in a `RUN`'s scripts:
operands, assignments, inside double quotes, heredoc scripts, `sh -c` payloads. The finding
covers the substitution, backticks included.

## Why it matters

Backticks do not nest without escaping, treat backslashes specially, and are easy to misread
as quotes; `$(…)` has none of these problems and is POSIX.

## Fix

Replaces the opening backtick with `$(` and the closing one with `)`, nothing else. **Safe**: the
command is the same. Not fixed when the content holds a backslash (inside backticks `\$`,
`` \` `` and `\\` lose their backslash, inside `$(…)` they keep it) or a `#` (a comment would
swallow the closing parenthesis). In a file with the escape directive `` # escape=` ``, a
backtick at the end of a line is the line continuation, not a substitution.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo "deb http://deb.debian.org/debian `lsb_release -sc` main" \
#                                          ^^^^^^^^^^^^^^^^^
        > /etc/apt/sources.list.d/extra.list \
    && arch=`uname -m` && echo "$arch"
#           ^^^^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN echo "deb http://deb.debian.org/debian $(lsb_release -sc) main" \
        > /etc/apt/sources.list.d/extra.list \
    && arch=$(uname -m) && echo "$arch"
```

```dockerfile pass
FROM debian:bookworm
RUN echo "deb http://deb.debian.org/debian $(lsb_release -sc) main" > /etc/apt/sources.list.d/extra.list \
    && echo 'a literal `backtick` in single quotes'
```

"""##,
        "SC2012": ##"""
# SC2012 ls-for-filenames

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck SC2012 (reported by hadolint) |

Use find instead of ls to better handle non-alphanumeric filenames.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2012

## What it checks

`ls` piped into another command, unless it prints names literally (`-N`). Pipelines where `ls`
feeds `grep` or `xargs` are ShellCheck's SC2010 and SC2011, which dlint does not have yet, and
are left alone here as in ShellCheck. The finding covers the `ls` word.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`ls` output is meant for people: names with newlines, blanks or unprintable characters are
shown in ways a script cannot take apart again, and the format differs between GNU and
BusyBox `ls`. A glob or `find … -print0` gives the names as they are.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN ls /usr/lib/jvm | head -n 1 > /etc/java-home && \
#   ^^
    ls -1 /opt | wc -l
#   ^^
```

```dockerfile pass
FROM debian:bookworm
RUN find /usr/lib/jvm -mindepth 1 -maxdepth 1 | head -n 1 > /etc/java-home
RUN ls -la /opt
RUN ls -N /opt | sort
```

"""##,
        "SC2016": ##"""
# SC2016 single-quoted-expansion

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC2016](https://www.shellcheck.net/wiki/SC2016), reported by hadolint |

Expressions don't expand in single quotes: use double quotes for that.

## What it checks

A single-quoted string holding what looks like an expansion (`$name`, `${…}`, `$(…)`, `$1`, or a
backtick pair) given to a command that does not expand it itself. As in ShellCheck, strings given
to programs with their own `$` language or that run the string as a script are left alone:
`sh`, `bash` and the other POSIX shells (`sh -c '… $1'`), `sudo`, `su`, `ssh`, `eval`, `trap`,
`alias`, `docker`, `jq`, `yq`, `envsubst`, `make`, `awk` and its variants, `perl`, the command
of `find -exec`, `git filter-branch`, `sed` addresses such as `'$d'` and `'${…}'`, and the value of
`PS1`…`PS4` and `PROMPT_COMMAND`. dlint looks through wrappers (`env sh -c '…'`, `sudo -u app
bash -c '…'`) to the program that runs.

## Why it matters

`echo 'export PATH=$HOME/bin:$PATH' >> ~/.profile` is usually right (the file should hold the
text), but `curl -o /tmp/x 'https://example.com/$VERSION/x'` downloads the literal `$VERSION`.
The finding asks which was meant; no fix is offered.

## Examples

```dockerfile fail
FROM debian:bookworm
ARG VERSION=1.2.3
RUN curl -fsSLo /tmp/app.tgz 'https://example.com/app-$VERSION.tgz' \
#                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    && echo 'built on `date`' > /etc/build-info
#           ^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN sh -c 'echo "$1"' sh hello && awk '{ print $1 }' /etc/hosts \
    && sed -i '$d' /etc/hosts && env bash -c 'echo $HOME' \
    && echo "home is $HOME" && echo 'price in $ only' && echo 'total: $'
```

## Differences from hadolint

hadolint's ShellCheck names the command by its first word, so `env sh -c '…$1'` is reported
there; dlint looks through the wrapper:

```dockerfile pass
FROM debian:bookworm
RUN env -i sh -c 'echo $PATH'
```

"""##,
        "SC2026": ##"""
# SC2026 unquoted-between-quotes

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC2026](https://www.shellcheck.net/wiki/SC2026), reported by hadolint |

This word is outside of quotes: did you intend to 'nest '"'single quotes'"' instead'?

## What it checks

A single-quoted string followed directly, in the same word, by unquoted letters or digits:
`'var='value';'`. That is what nesting single quotes in single quotes gives: the inner `'` ends
the string, and the word in the middle is outside any quotes. The finding covers the unquoted
part. As in ShellCheck, the unquoted part is reported only when it is all letters and digits up
to the next quote, `$`, glob, brace or blank: `'a'b-c`, `--opt='x'` and `'a'*` are not.
Checked in the same scripts as [SC1001](SC1001.md).

## Why it matters

The middle word is split and globbed like any unquoted text, and the quotes around it do not
reach the command: `sh -c 'echo 'hello world''` runs `echo` with no argument.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo 'alias ll='ls' -l' >> /root/.bashrc \
#                   ^^
    && psql -c 'SELECT 'id' FROM t'
#                       ^^
```

```dockerfile pass
FROM debian:bookworm
RUN echo 'alias ll="ls -l"' >> /root/.bashrc \
    && echo 'it'\''s' 'a'"b" 'a'b-c && wget --user-agent='dlint' -q -O- https://example.com
```

"""##,
        "SC2028": ##"""
# SC2028 echo-escapes

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC2028](https://www.shellcheck.net/wiki/SC2028), reported by hadolint |

echo may not expand escape sequences: use printf.

## What it checks

An operand of `echo` (without `-e`) holding `\n`, `\t` or `\r` as written for echo to expand.
The finding covers the operand.

## Why it matters

dash's and BusyBox's `echo` turn `\n` into a line break; bash's does not without `-e`. The same
`RUN` writes a different file when the base image or the `SHELL` changes. `printf` behaves the
same everywhere. No fix is offered: `printf` treats `%` specially, so the rewrite is not
mechanical.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo '[global]\nindex-url = https://pypi.example.com/simple' > /etc/pip.conf
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN printf '[global]\nindex-url = %s\n' https://pypi.example.com/simple > /etc/pip.conf \
    && echo -e 'a\tb' && echo 'C:\\path'
```

"""##,
        "SC2030": ##"""
# SC2030 subshell-assignment

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck SC2030 (reported by hadolint) |

Modification of a variable is local to the subshell it is made in.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2030

## What it checks

An assignment inside a subshell to a variable that the script reads afterwards outside that
subshell, with no assignment in between. Reported with SC2031, which marks the read. The
finding covers the variable's name in the assignment.

Subshells are the commands of a pipeline (each one, the last included, as in `sh` and in
bash without `lastpipe`), `( … )` groups and `$( … )` / `` `…` `` substitutions. A variable is
set by `NAME=value` without a command, `export`/`readonly`/`local`/`declare NAME=…`, `read NAME`,
`for NAME in` and `${NAME:=…}`; it is read by any `$NAME`/`${NAME…}`. The script is followed in
source order; function bodies, which run where they are called, are left out.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

A subshell is a copy of the shell: what it sets disappears when it ends. `cat list | while read
-r p; do n=$((n+1)); done; echo "$n"` prints the count from before the loop, and a version
found by `… | while read -r v; do VERSION=$v; done` is empty in the commands after it: the
build goes on with the wrong value.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN n=0; \
    dpkg-query -W -f '${Package}\n' | while read -r p; do n=$((n+1)); done; \
#                                                         ^
    echo "$n packages"
RUN (cd /opt/app && VERSION=$(cat VERSION)); echo "$VERSION"
#                   ^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN n=$(dpkg-query -W -f '${Package}\n' | wc -l); echo "$n packages"
RUN VERSION=$(cat /opt/app/VERSION); echo "$VERSION"
RUN (cd /opt/app && VERSION=$(cat VERSION) && echo "$VERSION")
```

"""##,
        "SC2031": ##"""
# SC2031 subshell-change-lost

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck SC2031 (reported by hadolint) |

A variable was modified in a subshell: that change might be lost.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2031

## What it checks

A read of a variable whose last assignment, in source order, was made inside a subshell the read
is not in: the value read is not the one assigned there. Reported with SC2030, which marks the
assignment. The finding covers the `$NAME` (or `${NAME…}`).

Subshells are the commands of a pipeline (each one, the last included, as in `sh` and in
bash without `lastpipe`), `( … )` groups and `$( … )` / `` `…` `` substitutions. A variable is
set by `NAME=value` without a command, `export`/`readonly`/`local`/`declare NAME=…`, `read NAME`,
`for NAME in` and `${NAME:=…}`; it is read by any `$NAME`/`${NAME…}`. The script is followed in
source order; function bodies, which run where they are called, are left out.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

The read looks as if it got the subshell's value, but it gets whatever the variable held
before the subshell (often nothing): a path, a version or a count the following commands use is
silently wrong.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN echo 1.2.3 | read -r VERSION; \
    curl -fsSLO "https://example.com/tool-$VERSION.tgz"
#                                         ^^^^^^^^
RUN (export PREFIX=/opt/tool); ./configure --prefix="${PREFIX:-/usr}"
#                                                    ^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN VERSION=1.2.3; curl -fsSLO "https://example.com/tool-$VERSION.tgz"
RUN export PREFIX=/opt/tool; ./configure --prefix="$PREFIX"
RUN echo 1.2.3 | { read -r VERSION; echo "$VERSION"; }
```

"""##,
        "SC2034": ##"""
# SC2034 unused-variable

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck [SC2034](https://www.shellcheck.net/wiki/SC2034), reported by hadolint |

A variable assigned in a RUN is never used in it (export it if a command it runs reads it).

## What it checks

A shell variable the `RUN` assigns (`name=value` alone, `read name`, `for name in …`, `local` or
`declare` without `-x`) and never reads anywhere in the same `RUN`: not in a word, an arithmetic
expression, an unquoted heredoc body, a `trap` string, `[ -v name ]`, or an `sh -c` payload, and
does not export. Each `RUN` is a shell of its own: an assignment is gone when the `RUN` ends, so
a later `RUN` never sees it (use `ENV` or `ARG` for that). The finding covers the name of the
first assignment.

Not reported: variables the environment of the `RUN` already has (`ENV` and `ARG` in scope,
`PATH`, `HOME`, `IFS`, `PS1` …), which are exported, so a command run after the assignment sees
the new value; `_`; and every variable of a `RUN` that runs `set -a`, `source`, `.` or `eval`,
which may read any variable out of sight.

## Why it matters

An unused assignment is usually a typo (`dpkgArch=…` then `$dpkgarch`), a variable meant for a
later `RUN` (which never gets it), or one a program was meant to read from its environment
without `export`.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN dpkgArch="$(dpkg --print-architecture)" \
#   ^^^^^^^^
    && curl -fsSLO "https://example.com/app-amd64.tgz"
RUN VERSION=1.2.3
#   ^^^^^^^
RUN for i in 1 2 3; do echo try; done
#       ^
```

```dockerfile pass
FROM debian:bookworm
ENV NODE_VERSION=20
RUN dpkgArch="$(dpkg --print-architecture)" && echo "$dpkgArch" \
    && GOFLAGS=-trimpath && export GOFLAGS && NODE_VERSION=22 \
    && n=0 && echo $((n + 1))
RUN set -e; arch="$(uname -m)"; cat > /etc/app.conf <<EOF
arch=$arch
EOF
RUN . /etc/os-release && codename=bookworm
```

"""##,
        "SC2035": ##"""
# SC2035 glob-as-option

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | ShellCheck SC2035 (reported by hadolint) |

Use ./*glob* or -- *glob* so names with dashes won't become options.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2035

## What it checks

An argument that starts with an unquoted `*` or `?` glob (`*.txt`, `??.*`), before a `--` that
ends the options, of any command but `echo` and `printf`. The finding covers the argument.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

The shell replaces the glob with file names before the command sees them; a file called `-rf`
or `--force` becomes an option of `rm`, `cp`, `chmod` …

## Fix

Prefixes the glob with `./` (`rm *.txt` → `rm ./*.txt`).

**Unsafe**: the command now receives `./a.txt` instead of `a.txt`; commands that record the
names (`tar`, `zip`, `ls`, `sha256sum`) store or print them with the `./`.

## Examples

```dockerfile fail
FROM debian:bookworm
WORKDIR /opt/app
RUN cp *.jar /usr/share/java/ && \
#      ^^^^^
    chmod 0644 ??.conf
#              ^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
WORKDIR /opt/app
RUN cp ./*.jar /usr/share/java/ && \
    chmod 0644 ./??.conf
```

```dockerfile pass
FROM debian:bookworm
WORKDIR /opt/app
RUN cp ./*.jar /usr/share/java/ && rm -- *.tmp
RUN echo *.jar && printf '%s\n' *
```

## Differences from hadolint

hadolint drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`); on this repository's corpus the real ShellCheck 0.11 and dlint agree on all 22 `RUN`s, hadolint shows 3 of them.

"""##,
        "SC2038": ##"""
# SC2038 find-xargs-without-null

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC2038 (reported by hadolint) |

Use -print0/-0 or -exec + to allow for non-alphanumeric filenames.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2038

## What it checks

A pipeline in which `find` feeds `xargs` directly, when neither separates names with NUL: no
`-print0`/`-printf` on the find, no `-0`/`--null` on xargs (any option word with a `0` counts,
as in ShellCheck). Both are found through wrappers (`sudo find`, `xargs` after `nice`). The
finding covers the `find` word.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`xargs` splits its input at blanks and newlines and interprets quotes and backslashes: a file
named `my file` or `it's` becomes two arguments or an error, and a name with a newline can make
xargs act on another file.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN find /usr/local -name '*.pyc' | xargs rm -f
#   ^^^^
RUN find /usr/lib -type f -name '*.so*' \
#   ^^^^
    | xargs strip --strip-unneeded
```

```dockerfile pass
FROM debian:bookworm
RUN find /usr/local -name '*.pyc' -print0 | xargs -0 rm -f
RUN find /usr/lib -type f -name '*.so*' -exec strip --strip-unneeded {} +
```

## Differences from hadolint

hadolint drops ShellCheck findings when a `RUN` has several; on this repository's corpus it shows 1 of
the 19 `RUN`s where the real ShellCheck 0.11 and dlint both report SC2038.

"""##,
        "SC2043": ##"""
# SC2043 loop-runs-once

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC2043 (reported by hadolint) |

This loop will only ever run once: bad quoting or missing glob/expansion?.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2043

## What it checks

A `for` loop over exactly one word that is plain unquoted text: no expansion, glob, brace
expansion or comma (a comma is ShellCheck's SC2042). The finding covers the word.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

A loop over one constant word runs its body once: usually a list that lost its `$` (`for f in
files`), its quoting (`for key in "A B"`), or a template left with one entry. As a loop it
reads as if more were meant.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN for key in B42F6819007F00F88E364FD4036A9C25BF357DD4; do \
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key"; \
    done
```

```dockerfile pass
FROM debian:bookworm
RUN for key in 6A010C5166006599AA17F08146C2130DFD2497F5 B42F6819007F00F88E364FD4036A9C25BF357DD4; do \
        gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key"; \
    done
RUN for f in /etc/apt/sources.list.d/*.list; do echo "$f"; done
RUN for v in $VERSIONS; do echo "$v"; done
```

## Differences from hadolint

hadolint drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`); on this repository's corpus the real ShellCheck 0.11 and dlint agree on all 26 `RUN`s, hadolint shows 14 of them.

"""##,
        "SC2046": ##"""
# SC2046 unquoted-command-substitution

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | ShellCheck [SC2046](https://www.shellcheck.net/wiki/SC2046), reported by hadolint |

Quote command substitutions to prevent word splitting.

## What it checks

An unquoted `$(…)` or `` `…` `` in a `RUN` where the shell splits its output at blanks and
expands globs in it: operands, redirection files, `<<<` words, and `export a=$(…)` in POSIX
`sh`. Every script of the `RUN` is read, `sh -c '…'` payloads in their own parse; the finding
covers the substitution at its own line and column.

Not reported, as in ShellCheck: assignments, `[[ ]]`, `case`, `for … in $(…)`, the command name,
an empty `$()`, and `$(seq …)` and `$(pgrep …)`, whose output is meant to be split.

## Why it matters

`apt-get install $(cat packages.txt)` or `chown app $(find /srv -name '*.log')` break on names
with blanks or glob characters; a failing command's empty output silently drops the operand.

## Fix

Wraps the substitution in double quotes, `$(cmd)` → `"$(cmd)"`. **Unsafe**: where the output is
a list meant to become several operands (`$(dpkg-architecture -qDEB_HOST_MULTIARCH)` is one
word, `$(cat packages.txt)` is not), quoting makes it one operand; review each.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN mkdir -p /opt/$(uname -m) \
#                 ^^^^^^^^^^^
    && ln -s /opt/`uname -m` /opt/current
#                 ^^^^^^^^^^
RUN <<EOF
cd $(mktemp -d)
#  ^^^^^^^^^^^^
EOF
```

```dockerfile fixed
FROM debian:bookworm
RUN mkdir -p /opt/"$(uname -m)" \
    && ln -s /opt/"`uname -m`" /opt/current
RUN <<EOF
cd "$(mktemp -d)"
EOF
```

```dockerfile pass
FROM debian:bookworm
RUN dir="$(mktemp -d)" && cd "$dir" && for f in $(ls /etc); do echo "$f"; done
RUN for i in $(seq 1 3); do echo "$i"; done; kill $(pgrep sleep) || true
```

## Differences from hadolint

hadolint reports ShellCheck findings on the `RUN`'s first line and keeps one finding per line,
so a `RUN` with an SC2046 and an SC2155 shows only one; dlint reports each where it is.

"""##,
        "SC2086": ##"""
# SC2086 unquoted-expansion

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | ShellCheck [SC2086](https://www.shellcheck.net/wiki/SC2086), reported by hadolint |

Double quote variable expansions to prevent globbing and word splitting.

## What it checks

An unquoted `$name` or `${name…}` in a `RUN` where the shell splits its value at blanks and
expands `*`, `?` and `[…]` in it as file names: a command's operands, a redirection's file and
the word of `<<<`. Every script of the `RUN` is read: the shell form through line continuations
and comment lines, heredoc scripts (`RUN <<EOF`), the script of an exec-form shell, and the
script of `sh -c '…'` in its own parse (a `$1` inside the single quotes is expanded by the inner
shell). The finding covers the expansion, on the line and column it is written.

Not reported, as in ShellCheck: assignments (`a=$b`), `[[ … ]]`, `case` words, `for … in $list`
(splitting is usually the point), the command name, `${#name}`, `$@`/`$*` and `${a[@]}` (other
checks), `${x:+"…"}`, and variables whose value is known to hold no blank or glob character:
special parameters such as `$?` and `$#`, a variable assigned earlier in the script with such a
constant, and an `ENV` with such a constant value. `export a=$b` is split by POSIX `sh` (dash,
ash), not by bash: it is reported unless the `RUN`'s shell is bash.

Build arguments are always reported: `ARG VERSION=1.0` is a default, and `--build-arg` may give
the variable any value.

## Why it matters

`rm -rf $dir`, `cp $src /dst` and `tar -C $prefix` do something else, or something dangerous,
when the value has a space or a `*` in it, or is empty (the operand disappears). Quoting keeps
the value one word.

## Fix

Wraps the expansion in double quotes: `$dir` → `"$dir"`, `${dir}/bin` → `"${dir}"/bin`, keeping
every other byte (continuations, comments, heredocs). **Unsafe**: sometimes splitting is wanted
(`$CFLAGS` holding several options, `apt-get install $PACKAGES`); such a variable then becomes one
operand. Review each one, or rewrite with a list (`set --`, an array in bash).

## Examples

```dockerfile fail
FROM debian:bookworm
ARG VERSION=1.2.3
RUN curl -fsSL -o /tmp/app.tgz https://example.com/app-$VERSION.tgz \
#                                                      ^^^^^^^^
    # unpack where the image expects it
    && tar -C $PREFIX -xzf /tmp/app.tgz > $LOG
#             ^^^^^^^                     ^^^^
RUN <<EOF
set -e
cp -r /src/$name /dst
#          ^^^^^
EOF
RUN sh -c 'echo $1' sh hello
#               ^^
```

```dockerfile fixed
FROM debian:bookworm
ARG VERSION=1.2.3
RUN curl -fsSL -o /tmp/app.tgz https://example.com/app-"$VERSION".tgz \
    # unpack where the image expects it
    && tar -C "$PREFIX" -xzf /tmp/app.tgz > "$LOG"
RUN <<EOF
set -e
cp -r /src/"$name" /dst
EOF
RUN sh -c 'echo "$1"' sh hello
```

Quoted expansions, assignments, `[[ ]]`, loops over a list, constants and `ENV` values without
blanks pass:

```dockerfile pass
FROM debian:bookworm
ENV APP_HOME=/opt/app
ARG VERSION=1.2.3
RUN url="https://example.com/app-${VERSION}.tgz" \
    && curl -fsSL -o /tmp/app.tgz "$url" \
    && mkdir -p $APP_HOME && tar -C "$APP_HOME" -xzf /tmp/app.tgz
RUN n=3; for i in $(seq 1 $n); do echo "$i"; done; echo $? ${#n}
RUN if [[ -n $HOME ]]; then case $HOME in /root) echo root ;; esac; fi
```

## Differences from hadolint

hadolint runs ShellCheck on each `RUN` with every `ARG` and `ENV` name set to `1`, so a build
argument never needs quotes there (hadolint #984); dlint reports it, since `--build-arg` decides
its value. An `ENV` with a constant value without blanks passes in both.

hadolint puts every ShellCheck finding on the `RUN`'s first line, column 1, and keeps one finding
per line: a `RUN` with three unquoted variables and a backtick shows one of the four. dlint
reports each at its own line and column.

```dockerfile fail
FROM debian:bookworm
ARG VERSION=1.2.3
RUN curl -fsSLO https://example.com/app-$VERSION.tgz
#                                       ^^^^^^^^
```

"""##,
        "SC2103": ##"""
# SC2103 cd-back

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck SC2103 (reported by hadolint) |

Use a ( subshell ) to avoid having to cd back.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2103

## What it checks

In one list of statements (the script, a loop body, a group …), a statement that is a lone
`cd DIR` followed later by a lone `cd ..` or `cd -`, when the script does not run with `set -e`.
The finding covers the `cd` that goes back.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`cd ..` comes back to where the script was only if the first `cd` worked and nothing in
between changed directory; a failed `cd` makes the `cd ..` leave the starting directory, and
every later command runs one level up. `( cd DIR && … )` returns by itself.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN for d in lib cli; do \
        cd "$d"; make install; cd ..; \
#                              ^^^^^
    done
```

```dockerfile pass
FROM debian:bookworm
RUN for d in lib cli; do (cd "$d" && make install); done
RUN set -e; for d in lib cli; do cd "$d"; make install; cd ..; done
RUN cd lib && make && cd ..
```

"""##,
        "SC2115": ##"""
# SC2115 rm-variable-path

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | ShellCheck [SC2115](https://www.shellcheck.net/wiki/SC2115), reported by hadolint |

Use "${var:?}" to ensure an rm -r path never expands to one under /.

## What it checks

An operand of a recursive `rm` (`-r`, `-R`, `-rf`, `--recursive`, through wrappers such as
`sudo`) that starts with a plain variable followed by `/`: `"$dir/"*`, `$dir/bin/*`,
`"${dir}"/cache`. The finding covers the operand.

## Why it matters

When the variable is empty or unset, `rm -rf "$dir/"*` is `rm -rf /*`. `${dir:?}` stops the
shell with an error instead.

## Fix

Replaces the variable with `${name:?}`. **Unsafe**: a build that used to go on with an empty
variable now fails at that command (which is the point).

## Examples

```dockerfile fail
FROM debian:bookworm
ARG SONARQUBE_HOME=/opt/sonarqube
RUN rm -rf ${SONARQUBE_HOME}/bin/* \
#          ^^^^^^^^^^^^^^^^^^^^^^^
    && rm -r "$SONARQUBE_HOME/temp/"
#            ^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile fixed
FROM debian:bookworm
ARG SONARQUBE_HOME=/opt/sonarqube
RUN rm -rf ${SONARQUBE_HOME:?}/bin/* \
    && rm -r "${SONARQUBE_HOME:?}/temp/"
```

```dockerfile pass
FROM debian:bookworm
ARG SONARQUBE_HOME=/opt/sonarqube
RUN rm -rf "${SONARQUBE_HOME:?}"/bin/* "/tmp/$SONARQUBE_HOME" && rm -f "$SONARQUBE_HOME/x"
```

"""##,
        "SC2143": ##"""
# SC2143 grep-output-in-test

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | ShellCheck SC2143 (reported by hadolint) |

Use grep -q instead of comparing output with [ -n .. ].

ShellCheck's page: https://www.shellcheck.net/wiki/SC2143

## What it checks

A test of whether a command substitution is empty — `[ -n "$(…)" ]`, `[ -z "$(…)" ]`, or
`[ "$(…)" ]` — where the substitution is one pipeline ending in `grep`, `egrep`, `fgrep` or
`zgrep`. The finding covers the operator and the substitution.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

The test collects all of grep's output only to see whether there was some. `grep -q` answers
with its status, stops at the first match, and does not break on output that looks like test
syntax.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN if [ -n "$(dpkg -l | grep libssl)" ]; then echo present; fi && \
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    if [ -z "$(grep docker /etc/group)" ]; then groupadd docker; fi
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN if dpkg -l | grep -q libssl; then echo present; fi
RUN if ! grep -q docker /etc/group; then groupadd docker; fi
RUN if [ -n "$(grep docker /etc/group | cut -d: -f3)" ]; then echo has-gid; fi
```

"""##,
        "SC2154": ##"""
# SC2154 unassigned-variable

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck [SC2154](https://www.shellcheck.net/wiki/SC2154), reported by hadolint |

A variable is referenced but not assigned.

## What it checks

A variable with a lower-case letter in its name that a `RUN` reads but nothing sets: no
assignment, `read` or `for` in the same `RUN` (before or after the use), no `ARG` or `ENV` in
scope (an `ARG a b` declares both), not one of BuildKit's automatic arguments (`TARGETARCH`,
`BUILDPLATFORM`, the proxy variables `http_proxy` …) and not a variable the shell or the
environment defines (`HOME`, `PATH`, `PWD`, `IFS` …). As in ShellCheck, all-upper-case names
are left alone (they usually come from the environment), and so are guarded uses
(`${name:-default}`, `${name:?}`, `${name+x}`) and every variable of a `RUN` that runs `source`,
`.` or `eval`. The finding covers the first use of each name.

A stage sees the `ARG`s declared in it: a global `ARG` (before the first `FROM`) must be declared
again inside the stage, as BuildKit requires, to be set in its `RUN`s.

## Why it matters

An unassigned variable expands to nothing: `rm -rf "$builddir/"*` or `cd $srcdir` then work on
the wrong directory. It is often a typo, or a variable assigned in an earlier `RUN` (gone by the
next one).

## Examples

```dockerfile fail
FROM debian:bookworm
RUN srcdir=/usr/src/app && mkdir -p "$srcdir" && cd "$src_dir"
#                                                    ^^^^^^^^
RUN tar -xzf "/tmp/$tarball"
#                  ^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
ARG app_version user_name=app
ENV app_home=/opt/app
RUN echo "$app_version $user_name $app_home $HOME ${missing:-default}" \
    && for f in a b; do echo "$f"; done && read -r line < /etc/hostname && echo "$line"
```

## Differences from hadolint

hadolint tells ShellCheck about the first name of `ARG a b` only (hadolint #885), so `$b` is
reported there; dlint reads both:

```dockerfile pass
FROM debian:bookworm
ARG first_name last_name
RUN echo "$first_name $last_name"
```

"""##,
        "SC2155": ##"""
# SC2155 declare-and-assign-separately

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck [SC2155](https://www.shellcheck.net/wiki/SC2155), reported by hadolint |

Declare and assign separately to avoid masking return values.

## What it checks

`export NAME=$(cmd)`, and the same with `local`, `declare`, `typeset` and `readonly`: a command
substitution in the value of a declaration command's operand (quoted or not). `local -r` and
`declare -r` are left alone, as in ShellCheck. The finding covers the operand.

## Why it matters

The status of `export NAME=$(cmd)` is the status of `export`, which succeeds: when `cmd` fails,
`set -e` does not stop and `&&` goes on with an empty `NAME`. In a Dockerfile this is the
`RUN export GNUPGHOME="$(mktemp -d)" && …` line that keeps building after `mktemp` failed.

No fix is offered: `NAME=$(cmd) && export NAME` changes the `RUN`'s structure, which is better
done by hand.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN set -eux; \
    export GNUPGHOME="$(mktemp -d)"; \
#          ^^^^^^^^^^^^^^^^^^^^^^^^
    gpg --batch --keyserver keyserver.ubuntu.com --recv-keys 0xA4A9406876FCBD3C456770C88C718D3B5072E1F5
RUN <<EOF
f() { local arch=`uname -m`; echo "$arch"; }
#           ^^^^^^^^^^^^^^^
f
EOF
```

```dockerfile pass
FROM debian:bookworm
RUN set -eux; \
    GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; \
    export LANG=C.UTF-8
```

## Differences from hadolint

hadolint keeps one ShellCheck finding per `RUN`; dlint reports each `export` at its line.

"""##,
        "SC2162": ##"""
# SC2162 read-without-r

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | ShellCheck SC2162 (reported by hadolint) |

read without -r will mangle backslashes.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2162

## What it checks

`read` without `-r` (alone or in a cluster such as `-ra`), unless it only polls (`read -t 0`) or
none of the variables it reads is used anywhere in the script (ShellCheck's rule: SC2034 says
so instead). `read` with no variable reads `REPLY` and is always checked. The finding covers the
`read` word.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

Without `-r`, `read` treats a backslash as an escape: `C:\temp` becomes `C:temp`, and a line
ending in `\` is joined with the next. Lists read line by line (package names, checksums,
requirement files with continuation lines) silently change.

## Fix

Inserts ` -r` after `read`.

**Unsafe**: input with backslashes is now read as written; a loop that relied on the joining of
`\`-continued lines (a requirements file with continuations) now sees each line apart.

## Examples

```dockerfile fail
FROM debian:bookworm
COPY packages.txt /tmp/
RUN while read pkg; do \
#         ^^^^
        apt-get install -y --no-install-recommends "$pkg"; \
    done < /tmp/packages.txt
```

```dockerfile fixed
FROM debian:bookworm
COPY packages.txt /tmp/
RUN while read -r pkg; do \
        apt-get install -y --no-install-recommends "$pkg"; \
    done < /tmp/packages.txt
```

```dockerfile pass
FROM debian:bookworm
COPY packages.txt /tmp/
RUN while read -r pkg; do apt-get install -y "$pkg"; done < /tmp/packages.txt
RUN while IFS= read -ra words; do echo "${words[0]}"; done < /tmp/packages.txt
RUN read -t 0 && echo "input waiting"
```

## Differences from hadolint

hadolint drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`); on this repository's corpus the real ShellCheck 0.11 and dlint agree on all 18 `RUN`s, hadolint shows 0 of them.

"""##,
        "SC2164": ##"""
# SC2164 cd-without-exit

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | ShellCheck SC2164 (reported by hadolint) |

Use 'cd … || exit' in case cd fails.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2164

## What it checks

A `cd` (or bash's `pushd`/`popd`) whose failure nothing looks at: not on the left of `&&` or
`||`, not in an `if`/`while`/`until` condition (nor anywhere inside one), in a script that does
not run with `set -e`. `set -e` counts when the script runs `set -e`/`set -o errexit` anywhere
(as ShellCheck reads it), or the shell is started with it: a `SHELL ["/bin/bash", "-eo",
"pipefail", "-c"]`, an exec-form `["sh", "-ec", "…"]`, `sh -ec '…'`. As ShellCheck, `cd` to a
directory that always exists (`/`, `.`, `..`, `../..`) and `pushd -n`/`popd -n` are left alone.
The finding covers the `cd` command with its arguments.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

**DL3003 and SC2164.** Both look at `cd`, and say different things: DL3003 (on the `cd` word)
says the directory belongs in a `WORKDIR`; SC2164 (on the whole `cd DIR` command) says that this
`cd` may fail unnoticed. DL3003's fix only applies to `RUN cd DIR && …`, which SC2164 never
reports, so the two fixes never meet; `# dlint ignore=DL3003` keeps the `cd` and still gets the
`|| exit`.

## Why it matters

Without `set -e`, `/bin/sh -c` goes on after a failed command. `cd /usr/src/app; make install`
with a misspelt or missing directory runs `make install` in the `WORKDIR`; `cd /tmp/build; rm
-rf *` removes the wrong files. The build may even succeed and ship a broken image.

## Fix

Appends ` || exit` to the `cd` command: a failed `cd` then ends the script with `cd`'s status
and fails the `RUN`. After `&&` (`make && cd out; cp …`) the `cd` is grouped, `make && { cd out ||
exit; }`, so that a failure of `make` goes on as before instead of exiting. Not fixed: a `cd` in
a pipeline, negated with `!`, or run in the background.

**Safe**: when the `cd` succeeds, the script runs exactly as before; when it fails, the build
stops at the failure instead of running the rest of the script in the wrong directory.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN cd /usr/src/app; make install
#   ^^^^^^^^^^^^^^^
RUN mkdir -p /opt/tool && \
    cd /opt/tool; \
#   ^^^^^^^^^^^^
    curl -fsSLO https://example.com/tool.tgz
RUN <<EOF
cd /srv/www
#^^^^^^^^^^
ln -s current/public html
EOF
```

```dockerfile fixed
FROM debian:bookworm
RUN cd /usr/src/app || exit; make install
RUN mkdir -p /opt/tool && \
    { cd /opt/tool || exit; }; \
    curl -fsSLO https://example.com/tool.tgz
RUN <<EOF
cd /srv/www || exit
ln -s current/public html
EOF
```

```dockerfile pass
FROM debian:bookworm
RUN cd /usr/src/app && make install
RUN set -eux; cd /opt; tar -xzf tool.tgz
RUN if cd /srv/www; then ln -s current/public html; fi
RUN make && cd /
```

## Differences from hadolint

hadolint reports a `cd` whose status is the `RUN`'s own — the last command of the script — which
cannot fail unnoticed: its failure fails the build. dlint does not:

```dockerfile pass
FROM debian:bookworm
RUN make install && cd /usr/local/bin
```

dlint honours `-e` in the `SHELL` (or an exec-form shell's options), which hadolint does not pass to
ShellCheck:

```dockerfile pass
FROM debian:bookworm
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
RUN cd /usr/src/app; make install
```

hadolint also drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`), and never looks into `sh -c '…'` strings; dlint reports each `cd` at
its own position, inside those strings too.

"""##,
        "SC2174": ##"""
# SC2174 mkdir-parents-mode

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC2174 (reported by hadolint) |

When used with -p, -m only applies to the deepest directory.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2174

## What it checks

`mkdir` with both `-p` (`--parents`) and `-m` (`--mode`, in any spelling or cluster: `-pm`,
`--mode=0755`), when an argument after the first may create parents: it has a `/` and is not
`./name` or `../name`, or it has an expansion. The finding covers the word holding `-m`.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`mkdir -p -m 0700 /srv/app/secrets` gives mode 0700 to `secrets` only; `/srv/app`, if created,
gets the default mode from the umask. The stricter (or looser) mode the line seems to promise
is not what the parents get.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN mkdir -p -m 0700 /srv/app/secrets && \
#            ^^
    mkdir --parents --mode=1777 "$DATA_DIR/tmp"
#                   ^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN mkdir -p /srv/app/secrets && chmod 0700 /srv/app/secrets
RUN mkdir -p -m 0700 secrets
RUN install -d -m 0700 /srv/app /srv/app/secrets
```

"""##,
        "SC2181": ##"""
# SC2181 exit-status-comparison

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | no | ShellCheck SC2181 (reported by hadolint) |

Check exit code directly with e.g. 'if mycmd;', not indirectly with $?.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2181

## What it checks

A test (`[ … ]` or `[[ … ]]`) that is only a comparison of `$?` with `0`, either way round,
with any binary operator, possibly negated or in parentheses: `[ $? -ne 0 ]`, `[ "$?" = 0 ]`,
`[[ 0 -eq $? ]]`. Compound tests (`[ $? -eq 0 -o -e f ]`) are left alone, and so is `test $? -ne
0`, which ShellCheck reads as an ordinary command. The finding covers the `$?`.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`$?` is the status of the last command, whatever it was: an `echo` or `set +x` added in between
changes what is tested. `if ! cmd; then` tests the command itself.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN make test; \
    if [ $? -ne 0 ]; then cat test.log; exit 1; fi
#        ^^
```

```dockerfile pass
FROM debian:bookworm
RUN if ! make test; then cat test.log; exit 1; fi
RUN make test; status=$?; [ "$status" -eq 0 ] || exit "$status"
RUN make test; [ $? -eq 2 ] && echo "skipped"
```

"""##,
        "SC2185": ##"""
# SC2185 find-without-path

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | ShellCheck SC2185 (reported by hadolint) |

Some finds don't have a default path: specify '.' explicitly.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2185

## What it checks

`find` with no starting path: its first argument is an expression (`-name`, `-type`, `-delete` …)
after the options that come before paths (`-H`, `-L`, `-P`, `-O3`, `-D …`). An argument with an
expansion counts as a path, as in ShellCheck; `find --help` and `--version` are left alone.
`find` is found through `sudo`, `env`, `timeout` and the like, not through `xargs` (which appends
the paths it reads). The finding covers the `find` word.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

GNU and BusyBox find search `.` when no path is given, but BSD and macOS find require one, and
a reader has to know the default to see what is searched (and, with `-delete`, removed).

## Fix

Inserts ` .` after `find` and its leading options (`find -L -name x` → `find -L . -name x`).
Not fixed when a leading option is not one find knows.

**Safe**: the Linux finds in images (GNU findutils, BusyBox) already search `.`; the command
does the same.

## Examples

```dockerfile fail
FROM alpine:3.20
RUN find -type f -name '*.a' -delete
#   ^^^^
RUN make && \
    find -L -name '*.pyc' -exec rm {} +
#   ^^^^
```

```dockerfile fixed
FROM alpine:3.20
RUN find . -type f -name '*.a' -delete
RUN make && \
    find -L . -name '*.pyc' -exec rm {} +
```

```dockerfile pass
FROM alpine:3.20
RUN find . -type f -name '*.a' -delete
RUN find "$PREFIX" -name '*.la' -delete
RUN find --version
```

## Differences from hadolint

dlint finds `find` behind `sudo`, `env`, `timeout` …, where ShellCheck (and so hadolint) sees only
the wrapper:

```dockerfile fail
FROM alpine:3.20
RUN sudo find -name '*.pyc' -delete
#        ^^^^
```

hadolint drops ShellCheck findings when a `RUN` has several (seen with hadolint 2.15.1, which shows one ShellCheck finding of `RUN for f in a; do echo "$f"; done; echo $(date)`), so a `find` without a path next to another ShellCheck finding goes unreported. On the corpus of this repository, the real ShellCheck 0.11 and dlint agree on all 70
`RUN`s; hadolint shows none of them.

"""##,
        "SC2211": ##"""
# SC2211 glob-as-command-name

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC2211 (reported by hadolint) |

This is a glob used as a command name: was it supposed to be in ${{..}}, array, or is it missing quoting?.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2211

## What it checks

A simple command whose name has an unquoted glob (`*`, `?`, `[…]`). The finding covers the
command name.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

The shell expands the glob and runs the first matching file with the others as its arguments:
`/opt/tool-*/bin/install` works while one version is installed and runs the wrong one — with
the other's path as an argument — once there are two.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN /opt/jdk-*/bin/java -version && \
#   ^^^^^^^^^^^^^^^^^^^
    ./configure-v? --prefix=/usr
#   ^^^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN /opt/jdk-21/bin/java -version
RUN for java in /opt/jdk-*/bin/java; do "$java" -version; done
RUN '[' -e /etc/hosts ']'
```

"""##,
        "SC2230": ##"""
# SC2230 which-command

| Severity | Fixable | Also known as |
| --- | --- | --- |
| style | yes | ShellCheck SC2230 (reported by hadolint) |

which is non-standard: use builtin 'command -v' instead.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2230

## What it checks

A `which` command, found through wrappers. The finding covers the `which` word.

Off by default, as in ShellCheck, where it is the optional check `deprecate-which` (so hadolint
never reports it): switch it on with `enable: [SC2230]`.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`which` is a separate program: missing from slim and distroless-like images (Debian's is in
`debianutils`, which `-slim` images may drop; BusyBox's differs), with exit statuses and output
that vary. `command -v` is built into every POSIX shell.

## Fix

Replaces `which` with `command -v`, when it runs without wrappers (`command` is a shell
builtin, `sudo` could not run it) and without options (`which -a` has no counterpart).

**Unsafe**: `command -v` also finds shell builtins, functions and aliases and prints their name
instead of a path; a script that uses the printed path may see `cd` where it expected a file.

## Examples

```yaml .dlint.yaml
enable: [SC2230]
```

```dockerfile fail
FROM debian:bookworm
RUN which curl && \
#   ^^^^^
    ln -s "$(which python3)" /usr/local/bin/python
#            ^^^^^
```

```dockerfile fixed
FROM debian:bookworm
RUN command -v curl && \
    ln -s "$(command -v python3)" /usr/local/bin/python
```

```dockerfile pass
FROM debian:bookworm
RUN command -v curl && ln -s "$(command -v python3)" /usr/local/bin/python
```

"""##,
        "SC2251": ##"""
# SC2251 bang-skips-errexit

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | yes | ShellCheck SC2251 (reported by hadolint) |

This ! is not on a condition and skips errors.

ShellCheck's page: https://www.shellcheck.net/wiki/SC2251

## What it checks

Under `set -e` (from the script, the `SHELL`, or the shell's options, as for SC2164), a statement
that is a negated pipeline `! cmd` whose status is not looked at: not the last statement of the
script, a subshell, a function body or a condition (whose status is the whole's), not inside an
`if`/`while` condition or an `&&`/`||` list. The finding covers the `!`.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

`set -e` ignores the status of a negated pipeline. `set -e; ! grep -q '!includedir' my.cnf; …`
reads as "fail when the line is there", but the script goes on either way: the check checks
nothing.

## Fix

Removes the `! ` and appends ` && exit 1`: `! grep -q x f` → `grep -q x f && exit 1`, which fails
the script when `grep` succeeds, as the `!` meant (and goes on when it fails: the left side of
`&&` is exempt from `set -e`). Only for a statement that is the negated pipeline alone.

**Unsafe**: the check now works, so a build that passed it by accident fails.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN set -eux; \
    ! grep -q '!includedir' /etc/my.cnf; \
#   ^
    echo '!includedir /etc/mysql/conf.d/' >> /etc/my.cnf
```

```dockerfile fixed
FROM debian:bookworm
RUN set -eux; \
    grep -q '!includedir' /etc/my.cnf && exit 1; \
    echo '!includedir /etc/mysql/conf.d/' >> /etc/my.cnf
```

```dockerfile pass
FROM debian:bookworm
RUN ! grep -q x /etc/hosts; echo "no set -e: the status is the script's to read"
RUN set -e; if ! grep -q x /etc/hosts; then echo missing; fi
RUN set -e; echo checking; ! grep -q x /etc/hosts
```

## Differences from hadolint

dlint also counts `-e` in the `SHELL` or an exec-form shell's options, which hadolint does not pass
to ShellCheck:

```dockerfile fail
FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN ! grep -q '^root:' /etc/shadow; echo done
#   ^
```

On this repository's corpus hadolint, the real ShellCheck 0.11 and dlint agree on 49 `RUN`s. dlint
also reports one in `docker-library/mysql`'s `Dockerfile.oracle`, a template whose `{{ dnf_install
}}` placeholders ShellCheck cannot parse, so it reports nothing else in that `RUN`; dlint reads the
placeholders as a `{ …; }` group and checks the rest.

"""##,
        "SC2269": ##"""
# SC2269 self-assignment

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck [SC2269](https://www.shellcheck.net/wiki/SC2269), reported by hadolint |

This variable is assigned to itself, so the assignment does nothing.

## What it checks

`NAME=$NAME`, `NAME="${NAME}"` alone as a command. The finding covers the assignment.
`export NAME=$NAME` (which exports) and `local NAME=$NAME` (which copies into a local) are not
reported.

## Why it matters

It does nothing: usually a leftover, or an `export` or a default (`NAME=${NAME:-value}`) that was
meant.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN PATH=$PATH && make install
#   ^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN export PATH=$PATH && PREFIX=${PREFIX:-/usr/local} && echo "$PREFIX"
```

"""##,
        "SC2317": ##"""
# SC2317 unreachable-command

| Severity | Fixable | Also known as |
| --- | --- | --- |
| info | no | ShellCheck SC2317 (reported by hadolint) |

Command appears to be unreachable: check usage (or ignore if invoked indirectly).

ShellCheck's page: https://www.shellcheck.net/wiki/SC2317

## What it checks

Statements after an unconditional `exit`, `return` or `exec COMMAND` in the same list (the
script, a group, a loop or `if` body …): they never run. The finding covers the unreachable
statements, from the first to the last of that list. `exit` inside a subshell or an `if`
branch ends only that, and `exec >log` (redirections only) does not leave.

ShellCheck finds unreachable code with a control-flow graph (after loops that never end, calls
to functions that always exit …); dlint looks at the statements of each list only, which is
where Dockerfiles have it.

Every script a `RUN` runs is checked: the shell-form line (continuations and the comment lines
inside them removed, positions mapped back to the file), heredoc scripts (`RUN <<EOF`), the
script of an exec-form shell (`RUN ["sh", "-c", "…"]`), `ONBUILD RUN` triggers, and the strings
of `sh -c '…'` / `bash -c "…"` inside those, parsed as the inner shell reads them. RUNs of a
PowerShell or cmd `SHELL`, and Windows images, are not.

## Why it matters

A `RUN` that exits early (a debugging `exit 0` left in, an `exec` of a server during the
build) silently skips the rest of its commands: the image lacks what they should have done.

## Examples

```dockerfile fail
FROM debian:bookworm
RUN ./configure && make; exit 0; \
    make install
#   ^^^^^^^^^^^^
```

```dockerfile pass
FROM debian:bookworm
RUN ./configure && make || exit 1; make install
RUN (make check; exit 0); make install
RUN if [ -e /done ]; then exit 0; fi; make install
```

## Differences from hadolint

dlint also counts `exec COMMAND` as leaving: on success the program replaces the shell, and a
non-interactive shell whose `exec` fails exits. ShellCheck 0.11 (and so hadolint) does not report
the command after it:

```dockerfile fail
FROM debian:bookworm
RUN exec ./generate-config; echo generated
#                           ^^^^^^^^^^^^^^
```

ShellCheck also reports code its control-flow graph proves unreachable elsewhere (after a loop
that never ends, a function that always exits); dlint does not look that far.

"""##,
        "SC3003": ##"""
# SC3003 ansi-c-quoting-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3003 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, $'..' is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3003>.

## What it checks

A `$'…'` word part (ANSI-C quoting: `$'\t'`, `$'\n'`) in a command's words, assignments or
redirections, run by a POSIX sh dlint cannot tell. dash and BusyBox ash have it, so Debian,
Ubuntu and Alpine images are not reported. The finding covers the `$'…'`.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

`$'…'` came to POSIX only in 2024; a `/bin/sh` without it reads `$'\t'` as `$` followed
by the quoted text `\t`, so the value silently differs.

## Examples

On an image dlint does not know, on a continuation line:

```dockerfile fail
FROM example.com/base:1
RUN set -eux; \
    IFS=$'\n'; printf '%s\n' $'a\tb'
#       ^^^^^                ^^^^^^^
```

`printf` for special characters, and `$'…'` on Debian, Alpine or under bash:

```dockerfile pass
FROM example.com/base:1
RUN printf 'a\tb\n'
SHELL ["/bin/bash", "-c"]
RUN echo $'a\tb'
FROM debian:bookworm
RUN echo $'a\tb'
FROM alpine:3.20
RUN echo $'a\tb'
```

## Differences from hadolint

hadolint runs ShellCheck as plain `sh` whatever the image, so it reports `$'…'` on Debian,
Alpine and RHEL-family images, whose `/bin/sh` (dash, BusyBox ash, bash) has it:

```dockerfile pass
FROM rockylinux:9
RUN IFS=$'\n'; echo ok
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3009": ##"""
# SC3009 brace-expansion-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3009 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, brace expansion is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3009>.

## What it checks

An unquoted `{…}` in a command's argument or a `for` loop's word list, with a comma (`{a,b}`, `file{,.bak}`) or a
sequence (`{1..3}`, `{a..z}`) at its own level, run by dash, BusyBox ash or a POSIX sh dlint
cannot tell. The finding covers the braces and what is between them. `{}` (as `find -exec`
uses it), quoted braces, `${…}` and assignments (`X={a,b}`, which bash does not expand either)
are not reported.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

Only bash, zsh and ksh expand braces. dash and BusyBox ash pass the word through unchanged:
`mkdir -p /app/{logs,tmp}` creates one directory named `{logs,tmp}`, and
`cp config{,.orig}` fails — the build goes on with a layout nobody intended.

## Examples

Brace expansion on Debian and Alpine, on a continuation line:

```dockerfile fail
FROM debian:bookworm
RUN mkdir -p /app/{logs,tmp}
#                 ^^^^^^^^^^
FROM alpine:3.20
RUN cp /etc/nginx/nginx.conf \
       /etc/nginx/nginx.conf{,.orig} && for i in {1..3}; do echo "$i"; done
#                           ^^^^^^^^             ^^^^^^
```

Written out, quoted, as `find`'s `{}`, or under bash:

```dockerfile pass
FROM debian:bookworm
RUN mkdir -p /app/logs /app/tmp
RUN echo '{a,b}' "{1..3}" && find . -name '*.tmp' -exec rm {} +
RUN bash -c 'mkdir -p /app/{logs,tmp}'
```

## Differences from hadolint

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3010": ##"""
# SC3010 double-bracket-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3010 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, [[ ]] is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3010>.

## What it checks

A command starting with `[[` run by dash or a POSIX sh dlint cannot tell (BusyBox ash has
`[[`, so Alpine is not reported). The finding covers `[[` to the `]]` that closes it, or `[[`
alone when an `&&`/`||` inside the test ends the command first.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

`[[ … ]]` is a bash keyword. dash runs a command named `[[`, which does not exist:
`[[: not found`, status 127 — and in `[[ -f x ]] && do_something` the failure just skips
`do_something`, so the build goes on as if the test were false.

## Examples

On Debian, and on a continuation line:

```dockerfile fail
FROM debian:bookworm
RUN [[ -f /etc/debian_version ]] && echo debian
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RUN set -eux; \
    if [[ "$(uname -m)" = x86_64 ]]; then echo amd64; fi
#      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
```

`[ … ]`, or `[[` under bash or BusyBox ash:

```dockerfile pass
FROM debian:bookworm
RUN [ -f /etc/debian_version ] && echo debian
RUN bash -c '[[ -f /etc/debian_version ]] && echo debian'
FROM alpine:3.20
RUN [[ -f /etc/alpine-release ]] && echo alpine
```

## Differences from hadolint

hadolint reports `[[` on Alpine too, where BusyBox ash has it:

```dockerfile pass
FROM alpine:3.20
RUN [[ -f /etc/alpine-release ]] && echo alpine
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3014": ##"""
# SC3014 double-equals-in-test

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | ShellCheck SC3014 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, == in place of = is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3014>.

## What it checks

`==` as the operator of `[ … ]` or `test` (between two operands) run by dash or a POSIX sh
dlint cannot tell. BusyBox ash accepts `==`. The finding covers the `==`.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

POSIX `test` compares strings with `=`. dash's `test` does not know `==`: `[ "$a" == b ]`
fails with `unexpected operator` (status 2), which an `if` or `&&` reads as "not equal".

## Fix

Replaces `==` with `=`. **Safe**: `=` is the string comparison `==` means to bash's
`test`; under dash the test then works instead of failing. A quoted `"=="` is reported but not
fixed.

## Examples

On Debian, in an `if` on a continuation line:

```dockerfile fail
FROM debian:bookworm
RUN if [ "$(dpkg --print-architecture)" == amd64 ]; then echo x86; fi
#                                       ^^
RUN set -eux; \
    test "$TARGETARCH" == arm64 && echo arm
#                      ^^
```

```dockerfile fixed
FROM debian:bookworm
RUN if [ "$(dpkg --print-architecture)" = amd64 ]; then echo x86; fi
RUN set -eux; \
    test "$TARGETARCH" = arm64 && echo arm
```

`=`, `==` in bash's `[[`, and `==` on Alpine are fine:

```dockerfile pass
FROM debian:bookworm
RUN [ "$(uname -m)" = x86_64 ] && echo amd64
RUN bash -c '[ "$(uname -m)" == x86_64 ]'
FROM alpine:3.20
RUN [ "$(uname -m)" == x86_64 ] && echo amd64
```

## Differences from hadolint

hadolint reports `==` on Alpine too, where BusyBox ash accepts it:

```dockerfile pass
FROM alpine:3.20
RUN [ "$(uname -m)" == x86_64 ]
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3036": ##"""
# SC3036 echo-flags-in-dash

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3036 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In dash, echo flags besides -n are not supported.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3036>.

## What it checks

`echo` whose first argument is a run of the flags `-n`, `-e`, `-E`, `-s`, run by dash
(Debian, Ubuntu) with any flag besides `-n`, or by BusyBox ash (Alpine) with any besides `-n`
and `-e`. The finding covers the flag word. Where the shell is not known, see
[SC3037](SC3037.md).

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

dash's `echo` knows only `-n`: `echo -e "a\tb"` prints `-e a`, a tab and `b` — it always interprets
backslashes, and prints the `-e` as text. A file written with `echo -e` on Debian starts
with `-e `.

## Examples

`echo -e` on Debian, and `echo -E` on Alpine on a continuation line:

```dockerfile fail
FROM debian:bookworm
RUN echo -e "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/x.list
#        ^^
FROM alpine:3.20
RUN set -eux; \
    echo -E 'raw\n' > /tmp/raw
#        ^^
```

`echo -n` on dash, `echo -e` on BusyBox ash, `printf`, and bash:

```dockerfile pass
FROM debian:bookworm
RUN echo -n ready > /tmp/state && printf 'a\tb\n'
RUN bash -c 'echo -e "a\tb"'
FROM alpine:3.20
RUN echo -e "a\tb" && echo -ne x
```

## Differences from hadolint

hadolint runs ShellCheck as plain `sh`, so it reports these as [SC3037](SC3037.md), and
reports `echo -n` on dash and `echo -e` on BusyBox ash too.

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3037": ##"""
# SC3037 echo-flags-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3037 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, echo flags are undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3037>.

## What it checks

`echo` whose first argument is a run of the flags `-n`, `-e`, `-E`, `-s` (`-n`, `-ne`),
run by a POSIX sh dlint cannot tell. On dash and BusyBox ash, whose `echo` is known, the same
check is [SC3036](SC3036.md). The finding covers the flag word.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

POSIX leaves `echo -n` and `echo -e` undefined: some shells print `-e` as text, some
interpret backslashes without it. Use `printf`, which behaves the same everywhere.

## Examples

On an image dlint does not know:

```dockerfile fail
FROM example.com/base:1
RUN echo -n "ready" > /tmp/state && echo -e "a\tb"
#        ^^                              ^^
```

`printf`, a flag not first, a quoted text starting with a dash:

```dockerfile pass
FROM example.com/base:1
RUN printf '%s' ready > /tmp/state && printf 'a\tb\n'
RUN echo "-n is a flag" && echo x -n
```

## Differences from hadolint

On Debian and Alpine dlint reports [SC3036](SC3036.md) (the flags that shell's `echo` lacks),
where hadolint's ShellCheck, run as plain `sh`, reports SC3037 for any flag:

```dockerfile pass
FROM debian:bookworm
RUN echo -n ready
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3040": ##"""
# SC3040 set-option-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3040 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, set option NAME is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3040>.

## What it checks

`set -o NAME` (or `+o`, or `-o` ending a group: `set -euo NAME`) with an option the `sh`
lacks: for a POSIX sh dlint cannot tell, an option outside POSIX.1-2024 (allexport, errexit,
ignoreeof, monitor, noclobber, noexec, noglob, nolog, notify, nounset, pipefail, verbose, vi,
xtrace); for BusyBox ash, those and `emacs`; for dash, those and `emacs`, `interactive`,
`stdin`, `privileged`, `debug` — without `pipefail` on releases whose dash predates 0.5.11
(Debian 8–10 `jessie`, `stretch`, `buster`; Ubuntu 16.04–20.04 `xenial`, `bionic`, `focal`).
The finding covers the option name.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

`set -o errtrace`, `set -o posix` and the like are bash's. dash stops the `RUN` with
`set: Illegal option -o errtrace`. `pipefail` came to dash in 0.5.11: on Debian 10 or Ubuntu
20.04, `set -o pipefail` in a `RUN` fails the build, while on Debian 12 it works.

## Examples

A bash option, and `pipefail` on Debian 10:

```dockerfile fail
FROM debian:bookworm
RUN set -o errtrace && make
#          ^^^^^^^^
FROM debian:buster
RUN set -euxo pipefail; \
#             ^^^^^^^^
    curl -fsSL https://example.com/x | tar -xz
```

`pipefail` on current Debian, Alpine and an unknown POSIX sh (POSIX.1-2024 has it), other
POSIX options, and bash's options under bash:

```dockerfile pass
FROM debian:bookworm
RUN set -euxo pipefail; curl -fsSL https://example.com/x | tar -xz
FROM alpine:3.20
RUN set -o pipefail && set -o noclobber
FROM example.com/base:1
RUN set -o pipefail -o nounset
SHELL ["/bin/bash", "-c"]
RUN set -o errtrace
```

## Differences from hadolint

hadolint's ShellCheck predates POSIX.1-2024 and reports `set -o pipefail` in any `sh`, also
on Debian 12, Ubuntu 24.04 and Alpine, where it works:

```dockerfile pass
FROM debian:bookworm
RUN set -o pipefail && curl -fsSL https://example.com/x | tar -xz
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3043": ##"""
# SC3043 local-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3043 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, 'local' is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3043>.

## What it checks

A command `local` (declaring function-local variables) run by an `sh` whose flavor dlint
cannot tell (the base image is not one it knows). The finding covers the `local` word.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

POSIX does not define `local`. dash and BusyBox ash have it, and so do bash and most other
shells, so a `RUN` on a Debian, Ubuntu or Alpine image is fine; on an image whose `/bin/sh` is
unknown (a private base image, a variable `FROM`), a strict POSIX shell such as `posh` or a
ksh-based `/bin/sh` may not have it.

## Examples

`local` in a function of a `RUN` on an image dlint does not know:

```dockerfile fail
FROM example.com/base:1
RUN greet() { \
      local name="$1"; \
#     ^^^^^
      echo "hello $name"; \
    }; greet world
```

On Debian (dash) and Alpine (ash), and under bash, `local` works:

```dockerfile pass
FROM debian:bookworm
RUN f() { local x=1; echo "$x"; }; f
FROM alpine:3.20
RUN f() { local x=1; echo "$x"; }; f
FROM example.com/base:1
SHELL ["/bin/bash", "-c"]
RUN f() { local x=1; echo "$x"; }; f
```

## Differences from hadolint

hadolint runs ShellCheck as plain `sh` whatever the image, so it reports `local` on Debian,
Ubuntu and Alpine images, where dash and ash have it (ShellCheck itself does not warn for dash
or BusyBox):

```dockerfile pass
FROM ubuntu:24.04
RUN f() { local x=1; echo "$x"; }; f
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3046": ##"""
# SC3046 source-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | yes | ShellCheck SC3046 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, 'source' in place of '.' is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3046>.

## What it checks

The command `source FILE` run by dash or by a POSIX sh dlint cannot tell. BusyBox ash has
`source`, so Alpine images are not reported. The finding covers the `source` word.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

`source` is bash's spelling of `.`. dash (the `/bin/sh` of Debian and Ubuntu) has no such
command: the `RUN` fails with `source: not found`, or worse, goes on when the failure is in an
`||` or `if`.

## Fix

Replaces `source` with `.`. **Safe**: `.` is the POSIX command `source` stands for; it
reads the file in the current shell the same way (dash looks a name without `/` up in `PATH`,
as bash does in POSIX mode).

## Examples

`source` on Debian, on a continuation line and in a heredoc:

```dockerfile fail
FROM debian:bookworm
RUN source /etc/os-release && echo "$ID"
#   ^^^^^^
RUN set -eux; \
    source /opt/venv/bin/activate; \
#   ^^^^^^
    pip install -r requirements.txt
RUN <<EOF
set -e
  source /etc/profile
# ^^^^^^
EOF
```

```dockerfile fixed
FROM debian:bookworm
RUN . /etc/os-release && echo "$ID"
RUN set -eux; \
    . /opt/venv/bin/activate; \
    pip install -r requirements.txt
RUN <<EOF
set -e
  . /etc/profile
EOF
```

`.`, `source` under bash (a `SHELL`, a shebang, `bash -c`) and on Alpine are fine:

```dockerfile pass
FROM debian:bookworm
RUN . /etc/os-release
SHELL ["/bin/bash", "-c"]
RUN source /etc/os-release
FROM debian:bookworm
RUN bash -c 'source /etc/os-release && echo "$ID"'
RUN <<EOF
#!/bin/bash
source /etc/os-release
EOF
FROM alpine:3.20
RUN source /etc/os-release
```

## Differences from hadolint

hadolint runs ShellCheck as plain `sh` whatever the image, so it reports `source` on Alpine,
whose BusyBox ash has it:

```dockerfile pass
FROM alpine:3.20
RUN source /etc/os-release
```

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3057": ##"""
# SC3057 string-indexing-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3057 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, string indexing is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3057>.

## What it checks

A `${name:offset}` or `${name:offset:length}` expansion (in a command's words, assignments
and redirections, inside double quotes and defaults) run by dash or a POSIX sh dlint cannot
tell. BusyBox ash has it. The finding covers the `${…}`.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

Substrings are bash's. dash stops with `Bad substitution`, and the `RUN` fails.

## Examples

On Debian, in an assignment on a continuation line:

```dockerfile fail
FROM debian:bookworm
ARG VERSION=1.2.3
RUN set -eux; \
    short="${VERSION:0:3}"; echo "$short"
#          ^^^^^^^^^^^^^^
```

`%`/`#` removal (POSIX), `:-` defaults, and substrings on Alpine or under bash:

```dockerfile pass
FROM debian:bookworm
ARG VERSION=1.2.3
RUN echo "${VERSION%.*}" "${VERSION#*.}" "${UNSET:-x}"
RUN bash -c 'echo "${0:0:3}"' "$VERSION"
FROM alpine:3.20
ARG VERSION=1.2.3
RUN echo "${VERSION:0:3}"
```

## Differences from hadolint

hadolint reports substrings on Alpine too, where BusyBox ash has them.

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
        "SC3060": ##"""
# SC3060 string-replacement-in-sh

| Severity | Fixable | Also known as |
| --- | --- | --- |
| warning | no | ShellCheck SC3060 (reported by hadolint), SC2039 before ShellCheck 0.7.2 |

In POSIX sh, string replacement is undefined.

ShellCheck's page: <https://www.shellcheck.net/wiki/SC3060>.

## What it checks

A `${name/pattern/string}` or `${name//pattern/string}` expansion (in a command's words,
assignments and redirections, inside double quotes and defaults) run by dash or a POSIX sh
dlint cannot tell. BusyBox ash has it. The finding covers the `${…}`.

Which `sh` runs the `RUN` is the RUN's dialect: the `SHELL`, an exec form's program, a
heredoc's shebang, the shell of a `sh -c`/`bash -c` payload, or a `# hadolint shell=…` /
`# dlint shell=…` pragma; for plain `sh`, the base image says what `/bin/sh` is (Debian,
Ubuntu and the official images built on them: dash; Alpine and BusyBox: BusyBox ash; the RHEL
family: bash), and `FROM stage` inherits it. Bash, zsh, ksh, bash running as `sh`, PowerShell
and cmd are not checked.

## Why it matters

Replacement inside an expansion is bash's. dash stops with `Bad substitution`, and the
`RUN` fails.

## Examples

On Debian, and in a heredoc:

```dockerfile fail
FROM debian:bookworm
ARG VERSION=1.2.3
RUN echo "${VERSION//./-}"
#         ^^^^^^^^^^^^^^^
RUN <<EOF
tag=${VERSION/./_}
#   ^^^^^^^^^^^^^^
echo "$tag"
EOF
```

`sed` or `tr`, and replacement on Alpine or under bash:

```dockerfile pass
FROM debian:bookworm
ARG VERSION=1.2.3
RUN echo "$VERSION" | tr . -
RUN bash -c 'v=1.2.3; echo "${v//./-}"'
FROM alpine:3.20
ARG VERSION=1.2.3
RUN echo "${VERSION//./-}"
```

## Differences from hadolint

hadolint reports replacement on Alpine too, where BusyBox ash has it.

hadolint reports every ShellCheck finding on the `RUN`'s first line, column 1, and only one
ShellCheck finding per `RUN` (its set of findings is keyed by line); dlint reports each at its
exact line and column, inside continuation lines and heredocs.

"""##,
    ]
}
