// Generated from rules/*.md; do not edit. Regenerate with:
//   DLINT_REGENERATE=1 swift test --filter RulePages
// The test suite fails when this file and rules/ disagree.

enum RulePages {
    static let pages: [String: String] = [
        "DL3000": ##"""
# DL3000 absolute-workdir

| Severity | Fixable | Also known as |
| --- | --- | --- |
| error | no | hadolint DL3000, BuildKit `WorkdirRelativePath` |

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

"""##,
    ]
}
