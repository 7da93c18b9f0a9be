import Foundation
import GRDB

/// Imports a VAERS year: `yyyyVAERSDATA.csv` with its `VAERSVAX.csv` and `VAERSSYMPTOMS.csv`
/// (the folder, the three files, any one of them with the others beside it, or the year's zip).
///
/// VAERSDATA is not sorted by VAERS_ID (the 1990 file has 35 rows out of order) while a year's
/// DATA file is far larger than its VAX and SYMPTOMS files, so those two are staged in TEMP
/// tables of the same SQLite connection and DATA is streamed, one report at a time.
public struct VAERSImporter: SourceImporter {
    public init() {}

    /// One year's three files.
    struct YearFiles {
        var prefix: String
        var data: String?
        var vax: String?
        var symptoms: String?
    }

    static func role(of name: String) -> (prefix: String, kind: String)? {
        let base = (name.split(separator: "/").last.map(String.init) ?? name)
        let upper = base.uppercased()
        for kind in ["VAERSDATA.CSV", "VAERSVAX.CSV", "VAERSSYMPTOMS.CSV"] where upper.hasSuffix(kind) {
            return (String(base.dropLast(kind.count)), kind)
        }
        return nil
    }

    static func group(_ names: [String]) -> [YearFiles] {
        var years: [String: YearFiles] = [:]
        for n in names {
            guard let (prefix, kind) = role(of: n) else { continue }
            let dir = n.split(separator: "/").dropLast().joined(separator: "/")
            let key = dir + "/" + prefix
            var y = years[key] ?? YearFiles(prefix: prefix)
            switch kind {
            case "VAERSDATA.CSV": y.data = n
            case "VAERSVAX.CSV": y.vax = n
            default: y.symptoms = n
            }
            years[key] = y
        }
        return years.keys.sorted().compactMap { years[$0] }
    }

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        _ = fm.fileExists(atPath: url.path, isDirectory: &isDir)
        let key: String
        let years: [YearFiles]
        let open: (String) throws -> ChunkSource
        let display: (String) -> String
        if isDir.boolValue {
            key = url.path
            years = Self.group(((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted())
            open = { try FileChunkSource(url: url.appendingPathComponent($0)) }
            display = { url.appendingPathComponent($0).path }
        } else if url.pathExtension.lowercased() == "zip" {
            key = url.path
            years = Self.group(try ZipListing.entries(of: url))
            open = { ZipEntryStream(archive: url, entry: $0) }
            display = { "\(url.path)/\($0)" }
        } else {
            let dir = url.deletingLastPathComponent()
            guard let (prefix, _) = Self.role(of: url.lastPathComponent) else {
                throw ImportError(file: url.path, message: "not a VAERS file (expected yyyyVAERSDATA.csv, VAERSVAX.csv or VAERSSYMPTOMS.csv)")
            }
            let siblings = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { Self.role(of: $0)?.prefix == prefix }
            years = Self.group(siblings)
            key = years.first?.data.map { dir.appendingPathComponent($0).path } ?? url.path
            open = { try FileChunkSource(url: dir.appendingPathComponent($0)) }
            display = { dir.appendingPathComponent($0).path }
        }
        guard !years.isEmpty else { throw ImportError(file: url.path, message: "no VAERSDATA.csv found") }
        var result = SourceResult(file: key, format: .vaers)
        let source = try writer.replaceSource(key: key, kind: .vaers, format: "vaers-csv")
        result.replaced = source.removed
        let quarantine = QuarantineLog()
        for y in years {
            guard let data = y.data else {
                throw ImportError(file: display(y.vax ?? y.symptoms ?? url.path), message: "its \(y.prefix)VAERSDATA.csv is missing; the three files are read together")
            }
            try VAERSYear(writer: writer, sourceID: source.id, quarantine: quarantine, progress: progress)
                .run(data: (try open(data), display(data)),
                     vax: try y.vax.map { (try open($0), display($0)) },
                     symptoms: try y.symptoms.map { (try open($0), display($0)) },
                     result: &result)
        }
        result.quarantined = quarantine.count
        result.quarantineSamples = quarantine.samples
        try writer.finishSource(source.id)
        try writer.refreshSourceCounts()
        return result
    }
}

/// Reads one year's three files into cases.
struct VAERSYear {
    let writer: LibraryWriter
    let sourceID: Int64
    let quarantine: QuarantineLog
    let progress: ImportProgress

    /// Reads a CSV header and returns a reader positioned on the first record with a column lookup.
    private func openCSV(_ src: (ChunkSource, String), required: [String]) throws -> (CSVReader, [String: Int], Int) {
        let r = CSVReader(source: src.0, file: src.1)
        guard let header = try r.next() else { throw ImportError(file: src.1, place: "line 1", message: "empty file, expected a CSV header") }
        var cols: [String: Int] = [:]
        for (k, h) in header.enumerated() { cols[h.trimmingCharacters(in: .whitespaces).uppercased()] = k }
        for name in required where cols[name] == nil {
            throw ImportError(file: src.1, place: "line 1", message: "expected a column named \(name), found \(header.prefix(6).joined(separator: ","))")
        }
        return (r, cols, header.count)
    }

    /// Reads records, setting aside those whose field count differs from the header's.
    private func records(_ r: CSVReader, width: Int, _ body: ([String]) throws -> Void) throws {
        while let rec = try r.next() {
            if rec.count == 1 && rec[0].isEmpty { continue }
            guard rec.count == width else {
                quarantine.add("\(r.file):\(r.recordLine)", "\(rec.count) fields where the header has \(width)")
                continue
            }
            try body(rec)
        }
    }

    func run(data: (ChunkSource, String), vax: (ChunkSource, String)?, symptoms: (ChunkSource, String)?, result: inout SourceResult) throws {
        // Whatever happens, every stream is closed (a zip member's thread must not wait forever).
        defer { data.0.close(); vax?.0.close(); symptoms?.0.close() }
        let db = writer.database
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.vaers_vax; DROP TABLE IF EXISTS temp.vaers_symptom;
            CREATE TEMP TABLE vaers_vax (id INTEGER NOT NULL, type TEXT, manu TEXT, lot TEXT, dose INTEGER, dose_text TEXT, route TEXT, site TEXT, name TEXT);
            CREATE TEMP TABLE vaers_symptom (id INTEGER NOT NULL, term TEXT NOT NULL);
            """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.vaers_vax; DROP TABLE IF EXISTS temp.vaers_symptom") }

        if let vax {
            let (r, c, width) = try openCSV(vax, required: ["VAERS_ID"])
            let insert = try db.makeStatement(sql: "INSERT INTO vaers_vax VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            func f(_ rec: [String], _ name: String) -> String? { c[name].flatMap { $0 < rec.count ? ImportMapping.clean(rec[$0]) : nil } }
            try records(r, width: width) { rec in
                guard let id = f(rec, "VAERS_ID").flatMap({ Int($0) }) else {
                    quarantine.add("\(r.file):\(r.recordLine)", "VAERS_ID is not a number"); return
                }
                // VAX_DOSE_SERIES is the dose's number; the older VAX_DOSE counted earlier doses,
                // so one is added (VAERS Data Use Guide).
                var dose: Int?, doseText: String?
                if let s = f(rec, "VAX_DOSE_SERIES") { dose = Int(s); doseText = s }
                else if let s = f(rec, "VAX_DOSE") { dose = Int(s).map { $0 + 1 }; doseText = "VAX_DOSE \(s)" }
                try insert.execute(arguments: [id, f(rec, "VAX_TYPE"), f(rec, "VAX_MANU"), f(rec, "VAX_LOT"), dose, doseText,
                                               f(rec, "VAX_ROUTE"), f(rec, "VAX_SITE"), f(rec, "VAX_NAME")])
            }
        }
        if let symptoms {
            let (r, c, width) = try openCSV(symptoms, required: ["VAERS_ID"])
            let insert = try db.makeStatement(sql: "INSERT INTO vaers_symptom VALUES (?, ?)")
            let termCols = (1...5).compactMap { c["SYMPTOM\($0)"] }
            try records(r, width: width) { rec in
                guard let idCol = c["VAERS_ID"], let id = Int(rec[idCol].trimmingCharacters(in: .whitespaces)) else {
                    quarantine.add("\(r.file):\(r.recordLine)", "VAERS_ID is not a number"); return
                }
                for k in termCols { if let t = ImportMapping.clean(rec[k]) { try insert.execute(arguments: [id, t]) } }
            }
        }
        try db.execute(sql: "CREATE INDEX temp.vaers_vax_id ON vaers_vax(id); CREATE INDEX temp.vaers_symptom_id ON vaers_symptom(id)")

        let (r, c, width) = try openCSV(data, required: ["VAERS_ID"])
        let builder = VAERSCaseBuilder(lexicon: LexiconCache(writer.lexicon), file: data.1, columns: c)
        let vaxStmt = try db.makeStatement(sql: "SELECT type, manu, lot, dose, dose_text, route, site, name FROM vaers_vax WHERE id = ? ORDER BY rowid")
        let symStmt = try db.makeStatement(sql: "SELECT term FROM vaers_symptom WHERE id = ? ORDER BY rowid")
        let name = URL(fileURLWithPath: data.1).lastPathComponent
        try records(r, width: width) { rec in
            guard let idText = builder.field(rec, "VAERS_ID"), let id = Int(idText) else {
                quarantine.add("\(r.file):\(r.recordLine)", "VAERS_ID is not a number"); return
            }
            let vaccines = try Row.fetchAll(vaxStmt, arguments: [id]).map {
                VAERSVaccine(type: $0[0], manufacturer: $0[1], lot: $0[2], dose: $0[3], doseText: $0[4], route: $0[5], site: $0[6], name: $0[7])
            }
            let terms = try String.fetchAll(symStmt, arguments: [id])
            guard let c = builder.build(rec, id: idText, vaccines: vaccines, symptoms: terms, line: r.recordLine) else {
                quarantine.add("\(r.file):\(r.recordLine)", "VAERS_ID \(idText) has no symptoms in VAERSSYMPTOMS")
                return
            }
            result.replaced += try writer.insert(c, source: sourceID)
            result.imported += 1
            progress.update("\(name): \(result.imported) reports")
        }
        if let w = builder.issues.warning { result.warnings.append(w) }
    }
}

/// One row of VAERSVAX.
struct VAERSVaccine {
    var type, manufacturer, lot: String?
    var dose: Int?
    var doseText, route, site, name: String?
}
