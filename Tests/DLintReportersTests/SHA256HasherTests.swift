@testable import DLintReporters
import Testing

/// The hand-written SHA-256 (lint cache keys, GitLab fingerprints) against the examples of NIST's FIPS 180-4 and the
/// Secure Hashing examples (including the million `a`s and the 448-bit two-block message),
/// fed whole and in uneven pieces.
@Suite("SHA-256")
struct SHA256HasherTests {
    static let vectors: [(message: [UInt8], digest: String)] = [
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        (Array(repeating: UInt8(ascii: "a"), count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    /// Both compressions: the processor's SHA instructions (where it has them) and the portable one.
    @Test("NIST examples", arguments: 0..<5, [true, false])
    func nist(_ index: Int, usingProcessorSHA: Bool) {
        let (message, digest) = Self.vectors[index]
        if usingProcessorSHA { #expect(SHA256Hasher.hex(SHA256Hasher.digest(message)) == digest) }
        for piece in [1, 3, 63, 64, 65, 1000, 4096] {
            var hasher = SHA256Hasher(usingProcessorSHA: usingProcessorSHA)
            var offset = 0
            while offset < message.count {
                hasher.update(message[offset..<min(offset + piece, message.count)])
                offset += piece
            }
            #expect(SHA256Hasher.hex(hasher.finalize()) == digest, "in pieces of \(piece)")
        }
    }

    /// The two compressions agree on every length around the block boundaries and on long inputs
    /// fed in uneven pieces. On a processor without SHA instructions both sides are the portable
    /// one, and the NIST examples above are what checks it.
    @Test("processor and portable compression agree")
    func compressionsAgree() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<20_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        for length in Array(0...300) + [4095, 4096, 4097, 19_999, 20_000] {
            var processor = SHA256Hasher(usingProcessorSHA: true)
            var portable = SHA256Hasher(usingProcessorSHA: false)
            var offset = 0
            var piece = 1
            while offset < length {
                let end = min(offset + piece, length)
                processor.update(bytes[offset..<end])
                portable.update(bytes[offset..<end])
                offset = end
                piece = piece * 3 % 257 + 1
            }
            #expect(processor.finalize() == portable.finalize(), "\(length) bytes")
        }
    }
}
