import Foundation

/// An RFC 4180 CSV reader over a chunked byte stream: quoted fields may hold commas, doubled
/// quotes and line breaks; records end with CRLF or LF. Fields are decoded one by one as UTF-8,
/// falling back to Windows-1252/Latin-1 for a field that is not valid UTF-8. Memory is one read
/// chunk plus the current record.
final class CSVReader {
    private let source: ChunkSource
    let file: String
    private var buf: [UInt8] = []
    private var pos = 0
    private var eof = false
    private var atStart = true
    private var line = 1
    /// The line on which the record last returned starts.
    private(set) var recordLine = 0
    private var field: [UInt8] = []
    /// A record longer than this is no VAERS table (a binary file, a missing closing quote):
    /// reading stops with an error rather than holding the whole file as one record.
    static let maxRecordBytes = 16 << 20

    init(source: ChunkSource, file: String) {
        self.source = source
        self.file = file
    }

    func close() { source.close() }

    private func fill() throws -> Bool {
        if eof { return false }
        guard let chunk = try source.nextChunk() else { eof = true; return false }
        if pos > 0 { buf.removeSubrange(0..<pos); pos = 0 }
        buf.append(contentsOf: chunk)
        if atStart {
            atStart = false
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3 }
        }
        return true
    }

    @inline(__always) private func nextByte() throws -> UInt8? {
        if pos >= buf.count { guard try fill(), pos < buf.count else { return nil } }
        let b = buf[pos]
        pos += 1
        return b
    }

    @inline(__always) private func peekByte() throws -> UInt8? {
        if pos >= buf.count { guard try fill(), pos < buf.count else { return nil } }
        return buf[pos]
    }

    private enum State { case start, unquoted, quoted, quoteInQuoted }

    /// The next record's fields, or nil at the end of the input.
    func next() throws -> [String]? {
        var fields: [String] = []
        field.removeAll(keepingCapacity: true)
        var state = State.start
        var sawByte = false
        var size = 0
        recordLine = line
        func emit() { fields.append(TextDecoding.string(field)); field.removeAll(keepingCapacity: true) }
        while true {
            guard let b = try nextByte() else {
                if state == .quoted {
                    throw ImportError(file: file, place: "line \(recordLine)", message: "a quoted field opened here is never closed (expected a closing \")")
                }
                if !sawByte { return nil }
                emit()
                return fields
            }
            sawByte = true
            size += 1
            if size > Self.maxRecordBytes {
                throw ImportError(file: file, place: "line \(recordLine)",
                                  message: "a record longer than 16 MiB starts here\(state == .quoted ? " inside a quoted field (a missing closing \")" : ""): not a CSV table")
            }
            if b == 0x0A { line += 1 }
            switch state {
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted } else { field.append(b) }
            case .start, .unquoted, .quoteInQuoted:
                switch b {
                case 0x22 where state == .start:
                    state = .quoted
                case 0x22 where state == .quoteInQuoted:
                    field.append(0x22); state = .quoted
                case 0x2C:
                    emit(); state = .start
                case 0x0A:
                    emit(); return fields
                case 0x0D:
                    if try peekByte() == 0x0A { pos += 1; line += 1 }
                    emit(); return fields
                default:
                    // A stray quote or text after a closing quote is kept as text, not an error.
                    field.append(b); state = .unquoted
                }
            }
        }
    }
}
