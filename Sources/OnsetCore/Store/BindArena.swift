import Foundation

/// Text bound to the statements that insert one case, copied end to end into reused blocks so
/// that SQLite can read it in place (`SQLITE_STATIC`).
///
/// Why: bound with `SQLITE_TRANSIENT`, every string (about sixty per FAERS case) was copied by
/// SQLite into a `malloc`ed buffer of its own and freed after the row was written; that was ~14%
/// of the inserting thread's instructions in a FAERS import (callgrind). Swift cannot lend a
/// string's bytes beyond a closure (a short string has none of its own), so they are copied
/// here, where copying is all it costs.
///
/// Every pointer handed out stays valid until `reset()`: callers reset only once the statements
/// bound to it have run, and bind every parameter again before the next run.
final class BindArena {
    private static let blockSize = 1 << 16
    private var blocks: [UnsafeMutableRawPointer] = []
    private var large: [UnsafeMutableRawPointer] = []
    private var block = 0
    private var used = 0

    deinit {
        for b in blocks { free(b) }
        for b in large { free(b) }
    }

    /// Forgets every copy; blocks are kept for the next case.
    func reset() {
        block = 0
        used = 0
        for b in large { free(b) }
        large.removeAll(keepingCapacity: true)
    }

    /// A copy of `s`'s UTF-8 bytes (not NUL-terminated) and their count.
    func copy(_ s: String) -> (UnsafePointer<CChar>, Int) {
        // Borrowed in place when the bytes are contiguous (native strings): `withUTF8` is
        // mutating, so calling it needs a copy of the string (a retain and a release).
        if let copied = s.utf8.withContiguousStorageIfAvailable({ copy(UnsafeRawBufferPointer($0)) }) { return copied }
        var s = s
        return s.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
    }

    /// A copy of `bytes` and their count.
    func copy(bytes: [UInt8]) -> (UnsafePointer<CChar>, Int) {
        bytes.withUnsafeBytes { copy($0) }
    }

    private func copy(_ src: UnsafeRawBufferPointer) -> (UnsafePointer<CChar>, Int) {
        let target = room(for: src.count)
        if let base = src.baseAddress, src.count > 0 { target.copyMemory(from: base, byteCount: src.count) }
        return (UnsafePointer(target.assumingMemoryBound(to: CChar.self)), src.count)
    }

    private func room(for n: Int) -> UnsafeMutableRawPointer {
        if n > BindArena.blockSize {
            guard let b = malloc(n) else { fatalError("out of memory binding \(n) bytes") }
            large.append(b)
            return b
        }
        if blocks.isEmpty || used + n > BindArena.blockSize {
            if !blocks.isEmpty { block += 1 }
            if block == blocks.count {
                guard let b = malloc(BindArena.blockSize) else { fatalError("out of memory binding \(n) bytes") }
                blocks.append(b)
            }
            used = 0
        }
        let at = blocks[block] + used
        used += n
        return at
    }
}
