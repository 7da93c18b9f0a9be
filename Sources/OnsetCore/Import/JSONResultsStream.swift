import Foundation

/// Reads the reports of an openFDA file one at a time: the bulk `{"meta": …, "results": [ … ]}`
/// wrapper, a bare array of reports, or one report object.
///
/// Bulk files run to hundreds of megabytes, so the wrapper and arrays are never parsed whole: the
/// reader scans bytes (tracking strings, escapes and nesting) to cut out one element at a time and
/// hands only that element to `JSONParser`. Memory is one element plus a read chunk. A single
/// report object is parsed whole; it is one report.
final class JSONResultsStream {
    private let source: ChunkSource
    let file: String
    private var buf: [UInt8] = []
    private var pos = 0
    private var eof = false
    /// The line of `buf[pos]`.
    private var line = 1
    private enum Mode { case unknown, array, single, done }
    private var mode = Mode.unknown
    private var single: JSONValue?
    /// The index of the next element handed out.
    private(set) var index = 0
    /// The line where the element last handed out starts.
    private(set) var elementLine = 1
    /// No openFDA report comes near this; a longer value is a damaged file, and reading stops
    /// with an error instead of holding it whole.
    static let maxElementBytes = 64 << 20

    init(source: ChunkSource, file: String) {
        self.source = source
        self.file = file
    }

    func close() { source.close() }

    private func error(_ message: String, line l: Int? = nil) -> ImportError {
        ImportError(file: file, place: "line \(l ?? line)", message: message)
    }

    private func more() throws -> Bool {
        if eof { return false }
        guard let chunk = try source.nextChunk() else { eof = true; return false }
        if pos > 0 { buf.removeSubrange(0..<pos); pos = 0 }
        buf.append(contentsOf: chunk)
        return true
    }

    private func peek() throws -> UInt8? {
        while pos >= buf.count { guard try more() else { return nil } }
        return buf[pos]
    }

    private func skipSpace() throws {
        while let b = try peek() {
            if b == 0x0A { line += 1 }
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    private func expect(_ c: Unicode.Scalar) throws {
        try skipSpace()
        guard let b = try peek(), b == UInt8(ascii: c) else {
            throw error("expected '\(c)'")
        }
        pos += 1
    }

    /// Cuts out the next complete JSON value's bytes.
    private func captureValue() throws -> [UInt8] {
        try skipSpace()
        guard let first = try peek() else { throw error("unexpected end of file, expected a value") }
        let startLine = line
        var i = pos
        var depth = 0, inString = false, escaped = false
        let scalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        while true {
            if i >= buf.count {
                let offset = i - pos
                if offset > Self.maxElementBytes {
                    throw error("a value longer than 64 MiB starts here: not an openFDA report", line: startLine)
                }
                guard try more() else {
                    if scalar { break }
                    throw error("unexpected end of file inside the value that starts here", line: startLine)
                }
                i = pos + offset
                continue
            }
            let b = buf[i]
            if b == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 {
                    inString = false
                    if depth == 0 { i += 1; break }
                }
            } else if scalar {
                if b == 0x2C || b == 0x5D || b == 0x7D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
            } else {
                switch b {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 { i += 1; let v = Array(buf[pos..<i]); pos = i; elementLine = startLine; return v }
                default: break
                }
            }
            i += 1
        }
        let v = Array(buf[pos..<i])
        pos = i
        elementLine = startLine
        return v
    }

    private func parse(_ bytes: [UInt8], line startLine: Int, what: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch let e as JSONSyntaxError {
            throw error("\(what): \(e.message)", line: startLine + e.line - 1)
        }
    }

    /// Reads the top of the file and leaves the stream before the first report.
    private func start() throws {
        try skipSpace()
        if pos == 0, buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3; try skipSpace() }
        guard let b = try peek() else { throw error("empty file, expected openFDA JSON") }
        if b == UInt8(ascii: "[") { pos += 1; mode = .array; return }
        guard b == UInt8(ascii: "{") else { throw error("expected a JSON object or array") }
        // Decide by the first key: a bulk file starts with "meta" or "results".
        while buf.count - pos < 256, try more() {}
        var j = pos + 1
        while j < buf.count, buf[j] == 0x20 || buf[j] == 0x0A || buf[j] == 0x0D || buf[j] == 0x09 { j += 1 }
        var key: [UInt8] = []
        if j < buf.count, buf[j] == 0x22 {
            var k = j + 1
            while k < buf.count, buf[k] != 0x22, key.count < 16 { key.append(buf[k]); k += 1 }
        }
        let name = String(decoding: key, as: UTF8.self)
        if name == "meta" || name == "results" {
            pos += 1
            try enterResults()
        } else {
            var all = Array(buf[pos...])
            while let chunk = try source.nextChunk() {
                all.append(contentsOf: chunk)
                if all.count > Self.maxElementBytes { throw error("a report object longer than 64 MiB starts here: not an openFDA report") }
            }
            single = try parse(all, line: line, what: "not valid JSON")
            mode = .single
        }
    }

    /// Skips wrapper members up to `"results": [`.
    private func enterResults() throws {
        while true {
            try skipSpace()
            guard let b = try peek() else { throw error("unexpected end of file, expected \"results\"") }
            if b == UInt8(ascii: "}") { pos += 1; mode = .done; return }
            if b == UInt8(ascii: ",") { pos += 1; continue }
            let keyLine = line
            let keyBytes = try captureValue()
            guard case .string(let key) = try parse(keyBytes, line: keyLine, what: "expected a key") else { throw error("expected a key", line: keyLine) }
            try expect(":")
            if key == "results" {
                try expect("[")
                mode = .array
                return
            }
            _ = try captureValue()
        }
    }

    /// The next report, or nil at the end.
    func next() throws -> JSONValue? {
        if mode == .unknown { try start() }
        switch mode {
        case .done, .unknown: return nil
        case .single:
            mode = .done
            index += 1
            return single
        case .array:
            try skipSpace()
            guard let b = try peek() else { throw error("unexpected end of file inside the results array") }
            if b == UInt8(ascii: ",") { pos += 1; try skipSpace() }
            if try peek() == UInt8(ascii: "]") {
                pos += 1
                mode = .done
                return nil
            }
            let startLine = line
            let bytes = try captureValue()
            index += 1
            return try parse(bytes, line: startLine, what: "report \(index) is not valid JSON")
        }
    }
}
