// Generated from rules/*.md; do not edit. Regenerate with:
//   DLINT_REGENERATE=1 swift test --filter RulePages
// The test suite fails when this file and rules/ disagree.

enum RulePages {
    static let pages: [String: String] = [
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
(`/srv/${SUBDIR}`).

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
(`RUN ["sudo", …]`). A path to it (`/usr/bin/sudo`) counts too.

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
  stage only copies files from (`COPY --from`) may keep its lists. This assumes the default
  target, the last stage. The same exemption applies to every rule of the family (DL3009,
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
heredocs). **Unsafe**: the image changes. apk no longer keeps the package index in
`/var/cache/apk`, and it fetches a fresh index for this command instead of reading the one a
preceding `apk update` left, so the versions installed can differ from the cached index's.

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
RUN apk update && apk add --no-cache curl \
        git \
    && apk --virtual .build-deps add --no-cache gcc
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

This rule exists for projects coming from hadolint, whose configuration and
`# hadolint ignore=DL3066` comments keep working. dlint's own
[DX1001 explicit-uid-gid](DX1001.md) is the more useful check: it accepts a name the
Dockerfile creates with an explicit id, and it reports the `useradd`/`adduser` that leave the id
to chance. Enable one or the other.

Deliberately not reported, unlike hadolint:

- a value made of a variable whose value the file does not fix (`USER ${APP_UID}`): it is
  usually a number passed with `--build-arg` (hadolint issue #1234);
- Windows images, whose users have no numeric ids.

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
2. The image's final user (the last `USER` of the final stage, or of the stage it is built
   `FROM` when it has none) given as a name that no `useradd`/`adduser` of that stage or its
   ancestors creates. The finding covers the user part of the `USER` value.

Deliberately not reported:

- an id computed at build time (`useradd -u "$APP_UID" app`, `--uid=${UID:-1000}`): the build
  fixes it, not the system's allocator;
- `adduser user group` and `addgroup user group`, which add an existing user to a group, and
  `useradd -D`, which changes defaults;
- `USER 1000`, `USER 1000:1000`, `USER root` (root is 0 everywhere) and a `USER` made of a
  variable whose value the file does not fix (`USER ${APP_UID}`);
- a `USER` naming a user the file creates: if that user has no explicit id, the creation is
  reported instead, once;
- `USER` instructions of earlier stages or earlier in the final stage: they only affect the
  build, and the build resolves names in the same image that defines them;
- the group part of `USER user:group`;
- Windows images, whose accounts have no numeric ids.

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
the last stage, even one the file creates with an explicit id, and even `root`. DX1001 is
stricter where it matters, it reports the `useradd` that leaves the id to chance, and quieter
where the id is known. The meanings differ, so DX1001 is not an alias of DL3066; dlint has
both, and most projects want only one of them.

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

The `USER` instructions that name a user the fix gives an id to (and that see that creation)
get the id in place of the name: `USER app` → `USER 10001`, `USER app:app` → `USER 10001:app`.
Only the user part changes: a numeric user finds the same `/etc/passwd` entry, so the primary
group and the supplementary groups are the same, whereas writing `10001:10001` would drop the
supplementary groups (the runtime adds them only when the group is not given).

**Unsafe**: the accounts get other numbers than the allocator gave them, so files the image
creates, volumes written by an earlier image, and host bind mounts may no longer match; and the
build fails if the base image already uses the number (`useradd: UID 10001 is not unique`).
Choose the ids on purpose, then apply. Not fixed: a Debian-or-BusyBox `adduser`/`addgroup`
whose distribution neither the image, the package manager nor its options tell, `addgroup` on a
Red Hat image, and a final `USER` naming an account the base image creates (its id is not known
here).

```dockerfile fail
FROM debian:bookworm
RUN groupadd -r mysql && useradd -r -g mysql mysql --home-dir /var/lib/mysql
#   ^^^^^^^^             ^^^^^^^
USER mysql
```

```dockerfile fixed
FROM debian:bookworm
RUN groupadd -g 10001 -r mysql && useradd -u 10001 -r -g mysql mysql --home-dir /var/lib/mysql
USER 10001
```

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
USER 10002:app
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

The final user is a name whose id this file never fixes (the base image creates it):

```dockerfile fail
FROM node:22-bookworm-slim AS build
RUN useradd -u 1001 builder
USER builder
FROM node:22-bookworm-slim
USER node:node
#    ^^^^
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
| info | yes | dlint's own |

Pin the Dockerfile frontend with a '# syntax=docker/dockerfile:1' directive.

## What it checks

A Dockerfile with at least one stage and no `# syntax=` parser directive. The finding covers
the first line of the file, the line the directive has to go above (parser directives must
come before any comment, blank line or instruction). When the file uses a feature that needs a
recent frontend — heredocs, `RUN --mount`, `COPY --link`, `--chmod`, `--exclude`… (the table
is on the [DX1006](DX1006.md) page) — the message names the newest one and its line.

Files whose stages are all Windows images are not reported: they are built by the classic
builder, which ignores the directive.

The severity is info: a missing directive is not a mistake, and most official images have none.
A directive that is present but too old is [DX1006](DX1006.md), a warning.

## Why it matters

Without the directive, BuildKit uses the Dockerfile frontend built into the builder, whose
version depends on the Docker Engine or BuildKit release installed on the build machine. A file
that uses heredocs or `COPY --link` then builds on one machine and fails — or behaves
differently — on another. `# syntax=docker/dockerfile:1` makes BuildKit fetch the latest
stable 1.x frontend, the same everywhere, with every feature the file may use.

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
and a Windows-only file:

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
| style | yes | — |

Write instruction keywords in upper case.

## What it checks

Every instruction keyword — `ONBUILD` triggers included — that is not written in upper case.
Keywords are case-insensitive for BuildKit, so this is purely about reading: upper case is the
convention of the Dockerfile reference and of nearly every Dockerfile, and it sets instructions
apart from their arguments.

BuildKit's `ConsistentInstructionCasing` check only asks that a file use one case throughout;
this rule asks for upper case, so it is not an alias of that check.

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
    ]
}
