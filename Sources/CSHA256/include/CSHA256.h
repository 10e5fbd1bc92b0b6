// SHA-256's compression function on the processor's SHA extensions (x86-64 SHA-NI), for
// `SHA256Hasher`: the lint cache hashes every linted file's bytes on every run, cached runs too,
// and this is about ten times faster than the portable Swift compression (80 MB: 0.02 s against
// 0.19 s of CPU on the project's machine). Valgrind does not emulate these instructions, so under
// callgrind the hasher takes the portable path: its counts show that one.
#ifndef DLINT_CSHA256_H
#define DLINT_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2), for both compressions.
const uint32_t *dlint_sha256_round_constants(void);

/// 1 when this processor has the SHA extensions (and the SSSE3 and SSE4.1 they are used with),
/// else 0; always 0 on other architectures.
int dlint_sha256_accelerated(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (a, b, … h). Call only when
/// `dlint_sha256_accelerated()` said 1.
void dlint_sha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
