import Foundation

/// A set of case numbers (`cases.n`) as a bitmap: bit `n` is set when case `n` is in the set.
///
/// A key held by a few percent of a large library's cases is smaller as a bitmap than as a list of
/// numbers, and intersecting or counting two of them is a pass over machine words instead of a
/// walk over two index ranges (see `KeyBitmaps`).
struct CaseBitmap: Equatable, Sendable {
    private(set) var words: [UInt64]

    /// An empty set with room for case numbers up to `capacity` (it grows if a larger one is added).
    init(capacity: Int64 = 0) {
        words = [UInt64](repeating: 0, count: Int(max(0, capacity) >> 6) + 1)
    }

    /// The set stored by `blob`: 64-bit little-endian words, word `n >> 6` holding bit `n & 63`.
    init(blob: Data) {
        self = blob.withUnsafeBytes { CaseBitmap(bytes: $0) }
    }

    /// The set stored in `bytes` (as in `init(blob:)`), read straight from SQLite's buffer: at 4M
    /// cases a bitmap is 500 KB, and copying it through `Data` and a zeroed array cost more than
    /// the intersection (perf: page faults, memset and memmove led the profile).
    init(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count / 8
        words = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
            initialized = count
        }
    }

    /// Keeps only the numbers both this set and the stored set in `bytes` hold.
    mutating func formIntersection(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count / 8
        if count < words.count { words.removeLast(words.count - count) }
        words.withUnsafeMutableBufferPointer { w in
            for i in w.indices { w[i] &= UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
        }
    }

    /// The stored form read back by `init(blob:)`.
    var blob: Data {
        #if _endian(big)
        let out = words.map(\.littleEndian)
        #else
        let out = words
        #endif
        return out.withUnsafeBytes { Data($0) }
    }

    mutating func insert(_ n: Int64) {
        guard n >= 0 else { return }
        let w = Int(n >> 6)
        if w >= words.count { words += [UInt64](repeating: 0, count: w - words.count + 1) }
        words[w] |= 1 << UInt64(n & 63)
    }

    func contains(_ n: Int64) -> Bool {
        guard n >= 0 else { return false }
        let w = Int(n >> 6)
        return w < words.count && words[w] & (1 << UInt64(n & 63)) != 0
    }

    /// Keeps only the numbers both sets hold.
    mutating func formIntersection(_ other: CaseBitmap) {
        if other.words.count < words.count { words.removeLast(words.count - other.words.count) }
        for i in words.indices { words[i] &= other.words[i] }
    }

    /// How many numbers the set holds.
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The numbers greater than `after` (all when nil), ascending.
    func numbers(after: Int64? = nil) -> AnyIterator<Int64> {
        let start = (after ?? -1) + 1
        var w = Int(max(0, start) >> 6)
        var bits: UInt64 = w < words.count ? words[w] & (~0 << UInt64(max(0, start) & 63)) : 0
        return AnyIterator {
            while bits == 0 {
                w += 1
                guard w < words.count else { return nil }
                bits = words[w]
            }
            let n = Int64(w << 6 + bits.trailingZeroBitCount)
            bits &= bits - 1
            return n
        }
    }
}
