import DLintReporters
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

    @Test("NIST examples", arguments: 0..<5)
    func nist(_ index: Int) {
        let (message, digest) = Self.vectors[index]
        #expect(SHA256Hasher.hex(SHA256Hasher.digest(message)) == digest)
        for piece in [1, 3, 63, 64, 65, 1000] {
            var hasher = SHA256Hasher()
            var offset = 0
            while offset < message.count {
                hasher.update(message[offset..<min(offset + piece, message.count)])
                offset += piece
            }
            #expect(SHA256Hasher.hex(hasher.finalize()) == digest, "in pieces of \(piece)")
        }
    }
}
