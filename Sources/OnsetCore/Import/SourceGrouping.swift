import Foundation

/// Regulators ship one source as several files: a FAERS quarter is seven tables and a deleted
/// list, a VAERS year is three CSV files. Whichever of those files a user names, the quarter or
/// year is imported once, under one key.
enum SourceGrouping {
    /// The format of a table file recognised by its header: FAERS `primaryid$…` / AERS `isr$…`,
    /// a FAERS deleted list, VAERS `VAERS_ID,…`.
    static func tableFormat(url: URL, head: [UInt8]) -> SourceFormat? {
        var h = head[...]
        if h.starts(with: [0xEF, 0xBB, 0xBF]) { h = h.dropFirst(3) }
        let text = String(decoding: h.prefix(64), as: UTF8.self).lowercased()
        if text.hasPrefix("primaryid$") || text.hasPrefix("isr$") { return .faers }
        if text.hasPrefix("vaers_id,") { return .vaers }
        let name = url.lastPathComponent.uppercased()
        if name.hasPrefix("DELETE"), name.hasSuffix(".TXT"), url.deletingLastPathComponent().lastPathComponent.lowercased() == "deleted" { return .faers }
        return nil
    }

    /// Documents that are zips inside (Office, OpenDocument, EPUB, Java archives): their XML and
    /// JSON members are not case reports.
    static func isOfficeDocument(_ lowercasedName: String) -> Bool {
        ["docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar"].contains { lowercasedName.hasSuffix("." + $0) }
    }

    /// A zip's format from its members when its name does not say. Throws for an archive that
    /// cannot be read (truncated, damaged): saying so names the problem, where "not a format onset
    /// reads" would not.
    static func zipFormat(_ url: URL) throws -> SourceFormat? {
        let names = try ZipListing.entries(of: url)
        let upper = names.map { ($0.split(separator: "/").last.map(String.init) ?? $0).uppercased() }
        if upper.contains(where: { FAERSQuarter.isTable($0, .demo) }) { return .faers }
        if upper.contains(where: { $0.hasSuffix("VAERSDATA.CSV") }) { return .vaers }
        if upper.contains(where: { $0.hasSuffix(".JSON") }) { return .openfda }
        if upper.contains(where: { $0.hasSuffix(".XML") || $0.hasSuffix(".SGM") }) { return .e2b }
        return nil
    }

    /// The path a file is imported under: a FAERS table's quarter folder, a VAERS file's DATA file.
    static func root(_ url: URL, _ format: SourceFormat) -> URL {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue, url.pathExtension.lowercased() != "zip" else { return url }
        switch format {
        case .faers:
            var dir = url.deletingLastPathComponent()
            if ["ascii", "deleted"].contains(dir.lastPathComponent.lowercased()) { dir = dir.deletingLastPathComponent() }
            return dir
        case .vaers:
            guard let (prefix, _) = VAERSImporter.role(of: url.lastPathComponent) else { return url }
            let dir = url.deletingLastPathComponent()
            let data = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).first {
                $0.uppercased() == (prefix + "VAERSDATA.CSV").uppercased()
            }
            return data.map { dir.appendingPathComponent($0) } ?? url
        default:
            return url
        }
    }

    /// Replaces member files by their source and drops repeats, keeping the first occurrence.
    static func group(_ sources: [(URL, SourceFormat)], skipped: [SkippedFile]) -> (sources: [(URL, SourceFormat)], skipped: [SkippedFile]) {
        var out: [(URL, SourceFormat)] = []
        var skipped = skipped
        var seen = Set<String>()
        for (url, format) in sources {
            let r = root(url, format)
            if seen.insert(r.path).inserted {
                out.append((r, format))
            } else {
                skipped.append(SkippedFile(path: url.path, reason: "read with \(r.path)"))
            }
        }
        return (out, skipped)
    }
}
