import Foundation

/// The growing UTF-8 text of a compact JSON document, written through a raw pointer.
///
/// Why not `[UInt8]`: every imported case is written as JSON (~1.4 KB for a FAERS case), and
/// appending to an array held in a struct passed `inout` through the describing closures checked
/// uniqueness and capacity byte by byte: ~41,000 instructions a case (callgrind), a sixth of the
/// inserting thread's work. Here capacity is checked once per value and bytes are copied whole.
final class JSONByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    /// Which bytes a JSON string cannot hold as they are (quote, backslash, controls, DEL) or
    /// may begin a character that must be escaped (every byte from 0x80 on, C1 and bidi
    /// controls among them): text with none of them is copied whole.
    private static let plain: [Bool] = (0...255).map { b in b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C }

    init(capacity: Int = 2048) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The text so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always) func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }

    @inline(__always) func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// `"name":` for a key written in the source, which never needs escaping.
    func key(_ name: StaticString) {
        name.withUTF8Buffer { k in
            assert(k.allSatisfy { JSONByteBuffer.plain[Int($0)] }, "a key that needs escaping")
            reserve(k.count + 3)
            base[count] = 0x22
            count += 1
            append(k)
            base[count] = 0x22
            base[count + 1] = 0x3A
            count += 2
        }
    }

    /// `s` as a JSON string, exactly as `JSONWriter.quote` writes it.
    func quote(_ s: String) {
        var s = s
        let whole: Bool = s.withUTF8 { u in
            // The table is read through a pointer: indexing the static array checked its lazy
            // initialisation and bounds on every byte.
            let clean = JSONByteBuffer.plain.withUnsafeBufferPointer { plain in
                u.allSatisfy { plain[Int($0)] }
            }
            guard clean else { return false }
            reserve(u.count + 2)
            base[count] = 0x22
            count += 1
            append(u)
            base[count] = 0x22
            count += 1
            return true
        }
        if whole { return }
        // Non-ASCII or characters to escape: the general writer, rarely taken.
        var escaped: [UInt8] = []
        JSONWriter.quote(s, into: &escaped)
        escaped.withUnsafeBufferPointer { append($0) }
    }

    /// ASCII text written in the source (`true`, a number).
    func ascii(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }
}
