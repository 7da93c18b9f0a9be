import Foundation

/// Where a FAERS/AERS quarter's tables are: members of the quarterly zip or files in its folder
/// (`ASCII/` or `ascii/`, any case of file names, `DEMO18Q1_new.txt`, `Deleted/DELETE19Q1.txt`).
struct FAERSQuarter {
    /// The quarter's path: the zip or the folder; the library's source key.
    let path: String
    private let zip: URL?
    private var tables: [FAERSTableKind: String] = [:]
    private(set) var deletedLists: [String] = []

    /// Finds the tables of the quarter at `url` (a zip, the quarter's folder, its ASCII folder or
    /// one of its table files).
    init(url: URL) throws {
        var names: [String]
        let fm = FileManager.default
        var isDir: ObjCBool = false
        _ = fm.fileExists(atPath: url.path, isDirectory: &isDir)
        if !isDir.boolValue && url.pathExtension.lowercased() == "zip" {
            zip = url
            path = url.path
            names = try ZipListing.entries(of: url)
        } else {
            zip = nil
            var root = isDir.boolValue ? url : url.deletingLastPathComponent()
            // Given the ASCII folder itself, the deleted list is its sibling.
            if root.lastPathComponent.lowercased() == "ascii" || root.lastPathComponent.lowercased() == "deleted" {
                root = root.deletingLastPathComponent()
            }
            path = root.path
            names = FAERSQuarter.files(under: root)
        }
        names.sort()
        for kind in FAERSTableKind.allCases {
            let matches = names.filter { FAERSQuarter.isTable($0, kind) }
            // 2018Q1 ships `DEMO18Q1_new.txt`: a corrected file wins over an older one beside it.
            tables[kind] = matches.first { FAERSQuarter.base($0).contains("_NEW") } ?? matches.first
        }
        deletedLists = names.filter { let b = FAERSQuarter.base($0); return b.hasPrefix("DELETE") && b.hasSuffix(".TXT") }
        for kind in FAERSTableKind.allCases where kind.isRequired && tables[kind] == nil {
            throw ImportError(file: path, message: "no \(kind.stem) table found; expected a FAERS quarter (ASCII/\(kind.stem)yyQq.txt) or an AERS quarter")
        }
    }

    static func base(_ name: String) -> String {
        (name.split(separator: "/").last.map(String.init) ?? name).uppercased()
    }

    static func isTable(_ name: String, _ kind: FAERSTableKind) -> Bool {
        let b = base(name)
        guard b.hasPrefix(kind.stem), b.hasSuffix(".TXT") else { return false }
        // DEMO12Q4.TXT: after the stem come two digits and the quarter.
        let rest = b.dropFirst(kind.stem.count)
        return rest.first?.isNumber == true
    }

    static func files(under root: URL) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        guard let items = try? fm.contentsOfDirectory(atPath: root.path) else { return [] }
        for item in items {
            var isDir: ObjCBool = false
            let p = root.appendingPathComponent(item)
            guard fm.fileExists(atPath: p.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                for sub in (try? fm.contentsOfDirectory(atPath: p.path)) ?? [] { out.append(item + "/" + sub) }
            } else {
                out.append(item)
            }
        }
        return out
    }

    func has(_ kind: FAERSTableKind) -> Bool { tables[kind] != nil }

    /// The display name of a member (`faers_ascii_2017q2.zip/ascii/DEMO17Q2.txt`).
    func display(_ member: String) -> String {
        zip != nil ? "\(path)/\(member)" : URL(fileURLWithPath: path).appendingPathComponent(member).path
    }

    func source(_ member: String) throws -> ChunkSource {
        if let zip { return ZipEntryStream(archive: zip, entry: member) }
        return try FileChunkSource(url: URL(fileURLWithPath: path).appendingPathComponent(member))
    }

    /// Opens one table, or nil when the quarter lacks it.
    func open(_ kind: FAERSTableKind, quarantine: QuarantineLog) throws -> FAERSTable? {
        guard let member = tables[kind] else { return nil }
        let src = try source(member)
        do {
            return try FAERSTable(source: src, file: display(member), quarantine: quarantine, keyNames: ["primaryid", "isr"])
        } catch {
            src.close()   // a zip member's inflating thread must not wait for a reader that is gone
            throw error
        }
    }

    /// The case ids of every deleted list (headerless, one caseid a line; the first line may be blank).
    func deletedCaseIDs(warnings: inout [String]) throws -> [String] {
        var ids: [String] = []
        for member in deletedLists {
            let reader = LineReader(source: try source(member), file: display(member))
            defer { reader.close() }
            while let r = try reader.nextLine() {
                let field = reader.buffer[r].prefix { $0 != 0x24 }
                let t = TextDecoding.string(field).trimmingCharacters(in: .whitespaces)
                if t.isEmpty { continue }
                guard t.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    if reader.lineNumber > 1 { warnings.append("\(display(member)):\(reader.lineNumber): not a caseid: \"\(t.prefix(40))\"") }
                    continue
                }
                ids.append(t)
            }
        }
        return ids
    }
}
