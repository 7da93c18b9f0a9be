import Foundation

/// The cases that hold one key, as `KeySets` stores them: a bitmap when the key is in more than
/// one case in 32 (the bitmap is then smaller than the list), else an ascending list of 32-bit case
/// numbers.
enum StoredCaseSet: Equatable, Sendable {
    case bitmap(CaseBitmap)
    case list([UInt32])

    /// The stored form's name in `key_sets.form`.
    var form: String {
        switch self {
        case .bitmap: return "bitmap"
        case .list: return "list"
        }
    }

    /// The smaller form for these ascending, distinct case numbers, given the library's largest one.
    init(ascending numbers: [Int64], top: Int64) {
        let bitmapBytes = (Int(top >> 6) + 1) * 8
        if numbers.count * 4 < bitmapBytes, top <= Int64(UInt32.max) {
            self = .list(numbers.map { UInt32($0) })
        } else {
            var b = CaseBitmap(capacity: top)
            for n in numbers { b.insert(n) }
            self = .bitmap(b)
        }
    }

    /// The set stored as `form` in `bytes` (little-endian words or 32-bit numbers); nil for an unknown form.
    init?(form: String, bytes: UnsafeRawBufferPointer) {
        switch form {
        case "bitmap":
            self = .bitmap(CaseBitmap(bytes: bytes))
        case "list":
            let count = bytes.count / 4
            self = .list([UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count { buffer[i] = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
                initialized = count
            })
        default:
            return nil
        }
    }

    /// The stored form read back by `init(form:bytes:)`.
    var blob: Data {
        switch self {
        case .bitmap(let b): return b.blob
        case .list(let l): return l.map(\.littleEndian).withUnsafeBytes { Data($0) }
        }
    }

    var count: Int {
        switch self {
        case .bitmap(let b): return b.count
        case .list(let l): return l.count
        }
    }

    func contains(_ n: Int64) -> Bool {
        switch self {
        case .bitmap(let b):
            return b.contains(n)
        case .list(let l):
            guard n >= 0, n <= Int64(UInt32.max) else { return false }
            let v = UInt32(n)
            var lo = 0, hi = l.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if l[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return lo < l.count && l[lo] == v
        }
    }

    /// The members greater than `after` (all when nil), ascending.
    func numbers(after: Int64? = nil) -> AnyIterator<Int64> {
        switch self {
        case .bitmap(let b):
            return b.numbers(after: after)
        case .list(let l):
            var i = 0
            if let after {
                var hi = l.count
                while i < hi {
                    let mid = (i + hi) / 2
                    if Int64(l[mid]) <= after { i = mid + 1 } else { hi = mid }
                }
            }
            return AnyIterator {
                guard i < l.count else { return nil }
                defer { i += 1 }
                return Int64(l[i])
            }
        }
    }
}
