#!/bin/sh
# Builds dlint's libFuzzer target and runs it.
#
#   Tests/Fuzz/fuzz.sh [SECONDS] [libFuzzer options...]
#
# The libraries are built by SwiftPM (release, with coverage instrumentation and AddressSanitizer)
# into .build/fuzz; FuzzTarget.swift is linked against them with `swiftc -sanitize=fuzzer,address`.
# The corpus lives in .build/fuzz/corpus (seeded from Fixtures/ and, when present, ../shared/corpus);
# crashes, timeouts and out-of-memory inputs are written to .build/fuzz/findings. Every one found belongs in
# Fixtures/fuzz/ with a test (Tests/DLintReportersTests/FuzzFixtureTests.swift).
#
# DLINT_FUZZ_ASAN=0 builds a second variant with coverage instrumentation only (into
# .build/fuzz-noasan, sharing the corpus and findings): more inputs per second, for long volume
# runs. It still traps on every invariant and every Swift runtime check (bounds, overflow,
# unwrapping), but not on the memory errors only AddressSanitizer sees in the few unsafe-pointer
# paths, so keep running the default variant too.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
sanitizers=fuzzer,address
build=.build/fuzz
if [ "${DLINT_FUZZ_ASAN:-1}" = 0 ]; then
    sanitizers=fuzzer
    build=.build/fuzz-noasan
fi
configuration=release
flags="-Xswiftc -sanitize=$sanitizers -Xswiftc -g"
for target in DLintRules DLintReporters; do
    swift build -c $configuration --build-path $build --target $target $flags
done
products=$build/$configuration
objects=""
for module in DockerfileSyntax ShellSyntax DLintCore DLintRules CLibXML2Loader CSHA256 DLintReporters; do
    objects="$objects $(find $products/$module.build -name "*.o")"
done
# shellcheck disable=SC2086
swiftc -O -g -sanitize=$sanitizers -parse-as-library Tests/Fuzz/FuzzTarget.swift \
    -I $products/Modules -I $products/CSHA256.build -I $products/CLibXML2Loader.build -I Sources/CLibYAML \
    $objects -l:libyaml.a -o $build/dlint-fuzz

corpus=.build/fuzz/corpus
findings=.build/fuzz/findings
mkdir -p $corpus $findings
if [ ! -e $corpus/.seeded ]; then
    # Seeds: every fixture and corpus Dockerfile up to 16 KB (mutants are kept to 512 bytes: each
    # input is linted and fixed twice, so short inputs give many more runs per second).
    find Fixtures ../shared/corpus -type f -size -16k 2>/dev/null | while read -r file; do
        cp "$file" "$corpus/seed-$(printf %s "$file" | cksum | cut -d' ' -f1)"
    done
    touch $corpus/.seeded
fi
# Runs in $build/run (or $DLINT_FUZZ_RUN, relative to the repository: give each of several
# processes its own), where the target leaves `slowest-input` (the input with the most CPU time
# per byte) and prints the input count, the median and the slowest cost per byte at exit.
root=$(pwd)
run=${DLINT_FUZZ_RUN:-$build/run}
# Swift's crash backtracer takes SIGILL (every Swift trap) first, and libFuzzer then installs no
# handler of its own, so a crash would end the run without saving the input.
export SWIFT_BACKTRACE=enable=no
mkdir -p "$run"
cd "$run"
exec "$root/$build/dlint-fuzz" -max_total_time="$seconds" -max_len=512 -timeout=10 -rss_limit_mb=3072 \
    -artifact_prefix="$root/$findings/" -print_final_stats=1 "$@" "$root/$corpus"
