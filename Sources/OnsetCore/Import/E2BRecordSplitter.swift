import Foundation

/// Cuts `<safetyreport>…</safetyreport>` elements out of an E2B(R2) or AERS SGML byte stream, so
/// that a quarterly file of any size is cleaned and parsed one report at a time. R2 reports carry
/// no namespace declarations, so each one parses on its own.
final class E2BRecordSplitter {
    private let source: ChunkSource
    let file: String
    private var buf: [UInt8] = []
    private var pos = 0
    private var eof = false
    /// The line of `buf[pos]`.
    private var line = 1
    /// The line where the report last returned starts.
    private(set) var recordLine = 0
    private static let open = Array("<safetyreport".utf8)
    private static let close = Array("</safetyreport>".utf8)
    /// Quarterly files hold reports of a few kilobytes; a longer one is a damaged file, and
    /// reading stops with an error rather than holding it whole.
    static let maxRecordBytes = 64 << 20

    init(source: ChunkSource, file: String) {
        self.source = source
        self.file = file
    }

    private func more() throws -> Bool {
        if eof { return false }
        guard let chunk = try source.nextChunk() else { eof = true; return false }
        if pos > 0 { buf.removeSubrange(0..<pos); pos = 0 }
        buf.append(contentsOf: chunk)
        return true
    }

    /// Case-insensitive match of an ASCII pattern at `i` (SGML may write tags in capitals).
    private func matches(_ p: [UInt8], at i: Int) -> Bool {
        guard i + p.count <= buf.count else { return false }
        for k in 0..<p.count where buf[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    /// The index of the next `<` at or after `i`, else `buf.count`: memchr skips text between
    /// tags (a long narrative, or megabytes of something that is not E2B) at memory speed.
    private func nextTag(from i: Int) -> Int {
        guard i < buf.count else { return buf.count }
        return buf.withUnsafeBufferPointer { p -> Int in
            guard let base = p.baseAddress, let hit = memchr(base + i, 0x3C, p.count - i) else { return p.count }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func countLines(_ r: Range<Int>) {
        guard !r.isEmpty else { return }
        buf.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var at = base + r.lowerBound
            let end = base + r.upperBound
            while at < end, let hit = memchr(at, 0x0A, end - at) {
                line += 1
                at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
    }

    /// The next report's bytes, or nil at the end of the input.
    func next() throws -> [UInt8]? {
        // Find the start tag: `<safetyreport` followed by `>` or a space (not `<safetyreportid>`).
        var i = pos
        while true {
            if i + Self.open.count + 1 > buf.count {
                // Nothing before `i` starts a report: let it go, so that text before (or instead
                // of) the reports takes no memory however long it is.
                countLines(pos..<i)
                pos = i
                guard try more() else { countLines(pos..<buf.count); pos = buf.count; return nil }
                i = pos
                continue
            }
            if buf[i] == UInt8(ascii: "<"), matches(Self.open, at: i) {
                let after = buf[i + Self.open.count]
                if after == UInt8(ascii: ">") || after == 0x20 || after == 0x0A || after == 0x0D || after == 0x09 { break }
            }
            i = nextTag(from: i + 1)
        }
        countLines(pos..<i)
        pos = i
        recordLine = line
        var j = i + Self.open.count
        while true {
            if j + Self.close.count > buf.count {
                let offset = j - pos
                if buf.count - pos > Self.maxRecordBytes {
                    throw ImportError(file: file, place: "line \(recordLine)", message: "a <safetyreport> longer than 64 MiB starts here; expected </safetyreport>")
                }
                guard try more() else {
                    throw ImportError(file: file, place: "line \(recordLine)", message: "the <safetyreport> opened here is never closed (expected </safetyreport>)")
                }
                j = pos + offset
                continue
            }
            if buf[j] == UInt8(ascii: "<"), matches(Self.close, at: j) { break }
            j = nextTag(from: j + 1)
        }
        let end = j + Self.close.count
        let record = Array(buf[pos..<end])
        countLines(pos..<end)
        pos = end
        return record
    }
}

/// A chunk source that first hands out bytes already read (to sniff the format) and then the rest.
final class PrefixedChunkSource: ChunkSource {
    private var first: Data?
    private let rest: ChunkSource
    init(first: Data, rest: ChunkSource) {
        self.first = first.isEmpty ? nil : first
        self.rest = rest
    }
    func nextChunk() throws -> Data? {
        if let f = first { first = nil; return f }
        return try rest.nextChunk()
    }
    func close() { first = nil; rest.close() }
}
