import Foundation

/// Splits a chunked byte stream into lines (LF or CRLF), skipping a leading UTF-8 BOM.
///
/// A line is handed out as a range into `buffer`, valid until the next call, so reading a table
/// allocates nothing per row; the buffer holds one chunk plus the unfinished line.
final class LineReader {
    private let source: ChunkSource
    private(set) var buffer: [UInt8] = []
    private var pos = 0
    private var scanned = 0
    private var eof = false
    private var atStart = true
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0
    let file: String
    static let maxLineBytes = 16 << 20

    init(source: ChunkSource, file: String) {
        self.source = source
        self.file = file
        buffer.reserveCapacity(1 << 21)
    }

    func close() { source.close() }

    /// The next line without its terminator, or nil at the end of the input.
    func nextLine() throws -> Range<Int>? {
        while true {
            if let nl = findNewline() {
                var end = nl
                if end > pos, buffer[end - 1] == 0x0D { end -= 1 }
                let r = pos..<end
                pos = nl + 1
                scanned = pos
                lineNumber += 1
                return r
            }
            if eof {
                guard pos < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let r = pos..<end
                pos = buffer.count
                scanned = pos
                lineNumber += 1
                return r
            }
            try refill()
        }
    }

    private func findNewline() -> Int? {
        let count = buffer.count
        guard scanned < count else { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return nil }
            guard let hit = memchr(base + scanned, 0x0A, count - scanned) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if found == nil { scanned = count }
        return found
    }

    private func refill() throws {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            scanned -= pos
            pos = 0
        }
        guard let chunk = try source.nextChunk() else { eof = true; return }
        if buffer.count > LineReader.maxLineBytes {
            throw ImportError(file: file, place: "line \(lineNumber + 1)", message: "a line longer than 16 MiB: not a text table")
        }
        buffer.append(contentsOf: chunk)
        if atStart {
            atStart = false
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { pos = 3; scanned = 3 }
        }
    }
}
