import Foundation

/// Anything that hands out a row's fields as text by column index.
protocol FAERSFields {
    /// The field's text, trimmed; nil when the column is absent or the field is empty.
    func string(_ column: Int?) -> String?
}

/// One `$`-delimited FAERS/AERS table read row by row, with columns found by header name.
///
/// FAERS has no quoting, so a `$` or line break inside a value shifts the fields: such a row has
/// the wrong field count and is quarantined (counted, with `file:line`), never mis-aligned.
/// Legacy AERS data rows end with a `$` the header lacks; the 2017Q2 sample re-written by R ends
/// every line, header included, with one: both forms are accepted, and only as a trailing empty
/// field.
final class FAERSTable: FAERSFields {
    let file: String
    let columns: [String]
    private let reader: LineReader
    private let quarantine: QuarantineLog
    private let trailingDelimiter: Bool
    private var index: [String: Int] = [:]
    /// Byte offsets of the current row's fields in `reader.buffer`.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var hasRow = false
    /// The 1-based line number of the current row.
    private(set) var line = 0
    private(set) var rowsRead = 0
    let keyColumn: Int

    /// Opens a table and reads its header; `keyNames` are the accepted names of the key column.
    init(source: ChunkSource, file: String, quarantine: QuarantineLog, keyNames: [String]) throws {
        self.file = file
        self.quarantine = quarantine
        let reader = LineReader(source: source, file: file)
        self.reader = reader
        guard let h = try reader.nextLine() else {
            throw ImportError(file: file, place: "line 1", message: "empty file, expected a `$`-delimited header line")
        }
        var names = FAERSTable.split(reader.buffer, h).map {
            TextDecoding.string(reader.buffer[$0]).trimmingCharacters(in: .whitespaces).lowercased()
        }
        var trailing = false
        if names.count > 1, names.last == "" { names.removeLast(); trailing = true }
        columns = names
        var index: [String: Int] = [:]
        for (k, n) in names.enumerated() where index[n] == nil { index[n] = k }
        self.index = index
        // Legacy AERS (keyed by isr) ends data rows with a `$` that the header lacks.
        trailingDelimiter = trailing || names.contains("isr")
        guard let key = keyNames.lazy.compactMap({ index[$0] }).first else {
            throw ImportError(file: file, place: "line 1",
                              message: "expected a `$`-delimited header with a column named \(keyNames.joined(separator: " or ")), found \"\(names.prefix(6).joined(separator: "$"))\"")
        }
        keyColumn = key
    }

    func close() { reader.close() }

    /// The index of the first of `names` present in the header.
    func column(_ names: String...) -> Int? {
        for n in names { if let k = index[n] { return k } }
        return nil
    }

    static func split(_ buf: [UInt8], _ r: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var s = r.lowerBound
        var i = r.lowerBound
        while i < r.upperBound {
            if buf[i] == 0x24 { out.append(s..<i); s = i + 1 }
            i += 1
        }
        out.append(s..<r.upperBound)
        return out
    }

    /// Moves to the next well-formed row; returns false at the end of the table.
    func advance() throws -> Bool {
        let expected = columns.count
        while let r = try reader.nextLine() {
            line = reader.lineNumber
            if r.isEmpty || reader.buffer[r].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            reader.buffer.withUnsafeBufferPointer { p in
                // memchr finds each `$` many bytes at a time; a byte-by-byte loop was ~5% of the
                // preparing thread in a FAERS import (callgrind).
                var s = r.lowerBound
                if let base = p.baseAddress {
                    while s < r.upperBound, let hit = memchr(base + s, 0x24, r.upperBound - s) {
                        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                        starts.append(s); ends.append(i)
                        s = i + 1
                    }
                }
                starts.append(s); ends.append(r.upperBound)
            }
            var n = starts.count
            if trailingDelimiter, n == expected + 1, starts[n - 1] == ends[n - 1] {
                n -= 1; starts.removeLast(); ends.removeLast()
            }
            guard n == expected else {
                quarantine.add("\(file):\(line)", "\(n) fields where the header has \(expected)")
                continue
            }
            guard starts[keyColumn] < ends[keyColumn] else {
                quarantine.add("\(file):\(line)", "no \(columns[keyColumn])")
                continue
            }
            hasRow = true
            rowsRead += 1
            return true
        }
        hasRow = false
        return false
    }

    func string(_ column: Int?) -> String? {
        guard hasRow, let column, column >= 0, column < starts.count else { return nil }
        let range = starts[column]..<ends[column]
        return reader.buffer.withUnsafeBufferPointer { FAERSTable.trimmedText($0, range) }
    }

    /// The field's text without surrounding blanks, nil when nothing is left. Read through a
    /// pointer: slicing the row's array for each of ~80 fields a case (a retain, a release and
    /// bounds checks per byte) was ~4% of the preparing thread (callgrind).
    static func trimmedText(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var s = range.lowerBound, e = range.upperBound
        while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
        guard s < e else { return nil }
        return TextDecoding.string(UnsafeBufferPointer(rebasing: p[s..<e]))
    }

    /// The current row's key bytes (primaryid or isr).
    var key: ArraySlice<UInt8> { reader.buffer[starts[keyColumn]..<ends[keyColumn]] }

    /// The current row's raw bytes, for staging.
    var rawRow: ArraySlice<UInt8> {
        guard let first = starts.first, let last = ends.last else { return [] }
        return reader.buffer[first..<last]
    }
}

/// A row kept as raw bytes (staged in SQLite) and split again when read back.
struct FAERSStoredRow: FAERSFields {
    let bytes: [UInt8]
    let fields: [Range<Int>]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        fields = FAERSTable.split(bytes, 0..<bytes.count)
    }

    func string(_ column: Int?) -> String? {
        guard let column, column >= 0, column < fields.count else { return nil }
        return bytes.withUnsafeBufferPointer { FAERSTable.trimmedText($0, fields[column]) }
    }
}
