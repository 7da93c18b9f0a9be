import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One XML element with its attributes, text and child elements (names without namespace prefix).
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    fileprivate func append(_ child: XMLNode) { children.append(child) }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Trimmed text, nil when empty.
    var value: String? { ImportMapping.clean(text) }

    /// True when the element says its value is missing (`nullFlavor="ASKU"` and the like).
    var isNull: Bool { attributes["nullFlavor"] != nil }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Every element reached by following `path` (child names) from here.
    func all(_ path: String...) -> [XMLNode] { all(path[...]) }

    func all(_ path: ArraySlice<String>) -> [XMLNode] {
        guard let first = path.first else { return [self] }
        return children(first).flatMap { $0.all(path.dropFirst()) }
    }

    /// The first element reached by following `path`.
    func first(_ path: String...) -> XMLNode? { all(path[...]).first }
}

/// Parses an XML document with Foundation's XMLParser and hands out each element named in
/// `records` (with everything inside it) as a tree as soon as it closes, so a batch of reports
/// is mapped one report at a time.
final class XMLRecordReader: NSObject, XMLParserDelegate {
    private let parser: XMLParser
    private let records: Set<String>
    let file: String
    private var stack: [XMLNode] = []
    private var path: [String] = []
    private var counts: [String: Int] = [:]
    private var handler: ((XMLNode, String) throws -> Void)?
    private var failure: Error?
    private(set) var recordCount = 0

    /// The line of the input where `data` starts (a report cut out of a larger file).
    private let firstLine: Int
    /// The element path above `data` and the report's number in the file, for places.
    private let placePrefix: String
    private let index: Int?

    init(data: Data, records: Set<String>, file: String, firstLine: Int = 1, placePrefix: String = "", index: Int? = nil) {
        parser = XMLParser(data: data)
        self.records = records
        self.file = file
        self.firstLine = firstLine
        self.placePrefix = placePrefix
        self.index = index
        super.init()
        parser.delegate = self
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
    }

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    /// Parses the document, calling `body` with each record and its XPath-like place.
    func read(_ body: (XMLNode, String) throws -> Void) throws {
        let ok = withoutActuallyEscaping(body) { escapable -> Bool in
            handler = escapable
            defer { handler = nil }
            return parser.parse()
        }
        if let failure { throw failure }
        if !ok || parser.parserError != nil {
            let e = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw ImportError(file: file, place: "line \(firstLine + parser.lineNumber - 1), column \(parser.columnNumber) in \(placePrefix)/\(path.joined(separator: "/"))",
                              message: "not well-formed XML (\(e))")
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = XMLRecordReader.localName(elementName)
        let key = (path.last ?? "") + "/" + name
        counts[key, default: 0] += 1
        path.append(name)
        if !stack.isEmpty || records.contains(name) {
            let node = XMLNode(name: name, attributes: attributeDict)
            stack.last?.append(node)
            stack.append(node)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        // Foundation's parser on Linux recovers from a mismatched end tag instead of failing;
        // a report read from such a file could silently lose elements, so it is an error here.
        let name = XMLRecordReader.localName(elementName)
        guard failure == nil else { return }
        guard path.last == name else {
            failure = ImportError(file: file, place: "line \(firstLine + parser.lineNumber - 1), column \(parser.columnNumber) in \(placePrefix)/\(path.joined(separator: "/"))",
                                  message: "not well-formed XML: </\(name)> closes <\(path.last ?? "")>")
            parser.abortParsing()
            return
        }
        let place = placePrefix + "/" + path.enumerated().map { k, n in
            k == path.count - 1 ? "\(n)[\(index ?? counts[(k > 0 ? path[k - 1] : "") + "/" + n] ?? 1)]" : n
        }.joined(separator: "/")
        path.removeLast()
        guard let node = stack.popLast() else { return }
        if stack.isEmpty {
            recordCount += 1
            do { try handler?(node, place) } catch {
                failure = error
                parser.abortParsing()
            }
        }
    }

    /// Foundation on Linux reports an error here yet may still return true from `parse()`.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        let code = (parseError as NSError).code
        let what = code == 76 ? "an end tag does not match its start tag" : code == 5 ? "the document ends too early" : "XMLParser error \(code)"
        failure = ImportError(file: file, place: "line \(firstLine + parser.lineNumber - 1), column \(parser.columnNumber) in \(placePrefix)/\(path.joined(separator: "/"))",
                              message: "not well-formed XML (\(what))")
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += TextDecoding.string([UInt8](CDATABlock))
    }
}

/// Makes AERS SGML and other not-quite-XML E2B files parseable, changing no data: text that is
/// not UTF-8 is re-encoded from Windows-1252; a bare `&` (SGML does not escape it, e.g.
/// `OS-CAL + D & VITAMIN`) becomes `&amp;`; SGML `<!DOCTYPE …>` lines go; control characters XML
/// forbids become spaces; the XML declaration goes, since its encoding no longer applies.
enum E2BPreclean {
    static func clean(_ input: [UInt8]) -> [UInt8] {
        var bytes = TextDecoding.isValidUTF8(input) ? input : TextDecoding.utf8FromCP1252(input)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The bytes are UTF-8 now; a declaration naming another encoding would mislead the parser.
        if let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
           bytes[start...].starts(with: Array("<?xml".utf8)),
           let end = bytes[start...].indices.first(where: { $0 + 1 < bytes.count && bytes[$0] == UInt8(ascii: "?") && bytes[$0 + 1] == UInt8(ascii: ">") }) {
            bytes.removeSubrange(start..<(end + 2))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "&") {
                out.append(b)
                if !isEntity(bytes, i + 1) { out.append(contentsOf: Array("amp;".utf8)) }
                i += 1
                continue
            }
            if b == UInt8(ascii: "<"), i + 9 <= n, Array(bytes[i..<i + 9]) == Array("<!DOCTYPE".utf8) {
                // Skip to the declaration's closing `>` (an internal subset `[…]` included).
                var j = i + 9, depth = 0
                while j < n, !(bytes[j] == UInt8(ascii: ">") && depth == 0) {
                    if bytes[j] == UInt8(ascii: "[") { depth += 1 } else if bytes[j] == UInt8(ascii: "]") { depth -= 1 }
                    j += 1
                }
                i = j + 1
                continue
            }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { out.append(0x20); i += 1; continue }
            out.append(b)
            i += 1
        }
        return out
    }

    /// Whether `&` at `i - 1` starts `&name;`, `&#123;` or `&#x1F;`.
    static func isEntity(_ b: [UInt8], _ i: Int) -> Bool {
        var j = i
        if j < b.count, b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < b.count && (b[j] == UInt8(ascii: "x") || b[j] == UInt8(ascii: "X"))
            if hex { j += 1 }
            let start = j
            while j < b.count, j - start < 8, (b[j] >= 0x30 && b[j] <= 0x39) || (hex && ((b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x66)) { j += 1 }
            return j > start && j < b.count && b[j] == UInt8(ascii: ";")
        }
        // Without a DTD only XML's five named entities exist; `&eacute;` and the like stay text.
        for name in ["amp;", "lt;", "gt;", "quot;", "apos;"] {
            let u = Array(name.utf8)
            if j + u.count <= b.count, Array(b[j..<j + u.count]) == u { return true }
        }
        return false
    }
}
