import CSHA256

/// SHA-256 (FIPS 180-4), fed piece by piece: the lint cache's keys and entry checksums, and the
/// fingerprints of the GitLab report, which must not change between runs or machines.
///
/// Written here rather than taken from swift-crypto: linking swift-crypto's `Crypto` made a
/// stripped static binary 2.9 MB larger (BoringSSL comes with it), to hash a few megabytes
/// per run. Whole blocks go to the processor's SHA instructions where it has them (`CSHA256`),
/// else to the portable compression below. The tests check both against the NIST examples and
/// each other (`SHA256HasherTests`).
public struct SHA256Hasher: Sendable {
    /// Whether this processor compresses blocks with its SHA instructions.
    static let processorHasSHA = dlint_sha256_accelerated() != 0

    /// The round constants, kept once, in `CSHA256`.
    nonisolated(unsafe) private static let k = UnsafeBufferPointer(start: dlint_sha256_round_constants(), count: 64)

    private var state: State =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// Bytes not yet making a whole 64-byte block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// False to use the portable compression on any processor (for the tests that compare the two).
    private let usesProcessorSHA: Bool

    public init() {
        self.init(usingProcessorSHA: Self.processorHasSHA)
    }

    init(usingProcessorSHA: Bool) {
        usesProcessorSHA = usingProcessorSHA && Self.processorHasSHA
        pending.reserveCapacity(64)
    }

    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        // Contiguous bytes (arrays, slices, native strings' UTF-8) are read in place: the cache
        // feeds many short pieces, and a copy per piece cost more than the compression.
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Feeds raw bytes (an integer's, say) without making an array of them.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        let count = buffer.count
        guard count > 0, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        length &+= UInt64(count)
        var offset = 0
        if !pending.isEmpty {
            offset = min(64 - pending.count, count)
            pending.append(contentsOf: UnsafeBufferPointer(start: base, count: offset))
            guard pending.count == 64 else { return }
            pending.withUnsafeBufferPointer { compress($0.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (count - offset) / 64
        if blocks > 0 {
            compress(base + offset, blocks: blocks)
            offset += 64 * blocks
        }
        if offset < count { pending.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: count - offset)) }
    }

    public mutating func update(_ text: String) {
        update(text.utf8)
    }

    /// The 32-byte digest; the hasher is spent.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        update(tail)
        length = savedLength
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    public static func digest<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    private mutating func compress(_ data: UnsafePointer<UInt8>, blocks: Int) {
        if usesProcessorSHA {
            // A tuple of eight `UInt32`s is laid out as an array of them.
            withUnsafeMutableBytes(of: &state) { words in
                dlint_sha256_compress_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), data, blocks)
            }
        } else {
            for block in 0..<blocks { Self.compress(data + 64 * block, into: &state) }
        }
    }

    private static func compress(_ block: UnsafePointer<UInt8>, into state: inout State) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            compress(block, schedule: w, constants: k, into: &state)
        }
    }

    private static func compress(_ block: UnsafePointer<UInt8>, schedule w: UnsafeMutableBufferPointer<UInt32>,
                                 constants k: UnsafeBufferPointer<UInt32>, into state: inout State) {
        let raw = UnsafeRawPointer(block)
        for i in 0..<16 { w[i] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        // Eight rounds at a time with the variables' roles rotated, instead of moving all eight
        // values every round.
        var i = 0
        while i < 64 {
            round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
            round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
            round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
            round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
            round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
            round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
            round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
            round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
            i += 8
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// One round: `d` gains the first temporary, `h` becomes the new `a`.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
                              _ h: inout UInt32, _ constantAndWord: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ constantAndWord
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d = d &+ t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 { (value >> count) | (value << (32 - count)) }
}
