import Foundation

/// Drug names (brands, synonyms, misspellings → generic) and reaction terms (synonyms → preferred term).
public struct Lexicon: Sendable {
    private var drugByKey: [String: String] = [:]
    private var eventByKey: [String: String] = [:]
    // Names as written (capitals kept), so a tagger can tell the acronym "TEN" from the word "ten".
    private(set) var drugNames: [(name: String, generic: String)] = []
    private(set) var eventNames: [(name: String, preferred: String)] = []
    public private(set) var drugCount = 0
    public private(set) var eventCount = 0
    /// Where the lexicon was read from, or "built-in".
    public private(set) var origin = "built-in"

    public init() {}

    /// The generic name for a reported drug name, when the lexicon knows it.
    public func generic(for name: String) -> String? {
        let key = TermKey.drug(name)
        if let g = drugByKey[key] { return g }
        // Regulators' verbatim names often carry strength or form ("TYSABRI 300 MG"): try the leading words.
        let words = key.split(separator: " ")
        // A combination's leading words must still name a combination (`sacubitril/valsartan`
        // of `sacubitril/valsartan 24/26 mg`): cutting inside it (`amlodipine` of
        // `amlodipine besylate/olmesartan medoxomil`) would credit one ingredient with the product.
        let combination = key.contains("/")
        if words.count > 1 {
            for n in stride(from: min(words.count - 1, 4), through: 1, by: -1) {
                let lead = words.prefix(n).joined(separator: " ")
                if combination, !lead.contains("/") { continue }
                if let g = drugByKey[TermKey.combination(lead)] { return g }
            }
        }
        return nil
    }

    /// The key a drug is stored and matched under: its generic name's key, or its own name's.
    public func drugKey(_ name: String) -> String { TermKey.drug(generic(for: name) ?? name) }

    /// The preferred term for a reported reaction, when the lexicon knows it.
    public func preferred(for term: String) -> String? { eventByKey[TermKey.event(term)] }

    /// The key a reaction is stored and matched under.
    public func eventKey(_ term: String) -> String { TermKey.event(preferred(for: term) ?? term) }

    /// Every generic name and every preferred term, for completion.
    public var generics: [String] { Array(Set(drugByKey.values)).sorted() }
    public var preferredTerms: [String] { Array(Set(eventByKey.values)).sorted() }

    mutating func addDrug(generic: String, names: [String]) {
        let g = TermKey.basic(generic)
        drugByKey[TermKey.drug(g)] = g
        for n in names { drugByKey[TermKey.drug(n)] = g }
        // A combination's generic joins its parts with hyphens (`sulfamethoxazole-trimethoprim`);
        // FAERS names it by its ingredients joined with `\`, which fold to the parts joined
        // with `/` (`TermKey.combination`). That spelling names the combination too, unless the
        // lexicon gives it to another drug.
        if g.contains("-") {
            let slashed = TermKey.drug(g.split(separator: "-").joined(separator: "/"))
            if slashed != TermKey.drug(g), drugByKey[slashed] == nil { drugByKey[slashed] = g }
        }
        drugNames += ([generic] + names).map { ($0, g) }
        drugCount += 1
    }

    mutating func addEvent(preferred: String, synonyms: [String]) {
        eventByKey[TermKey.event(preferred)] = preferred
        for s in synonyms { eventByKey[TermKey.event(s)] = preferred }
        eventNames += ([preferred] + synonyms).map { ($0, preferred) }
        eventCount += 1
    }

    /// A small lexicon compiled in, so onset still resolves the seed drugs when `Data/lexicon` is not found.
    public static let builtIn: Lexicon = {
        var l = Lexicon()
        l.addDrug(generic: "natalizumab", names: ["Tysabri"])
        l.addDrug(generic: "alemtuzumab", names: ["Lemtrada", "Campath"])
        l.addEvent(preferred: "Thrombocytopenia", synonyms: ["low platelets", "platelet count decreased"])
        l.addEvent(preferred: "Epistaxis", synonyms: ["nosebleed", "nose bleed"])
        return l
    }()

    /// Reads `drugs.json` and `events.json` from a directory (see Data/lexicon/README.md).
    public static func load(directory: URL) throws -> Lexicon {
        var l = Lexicon()
        l.origin = directory.path
        let drugsURL = directory.appendingPathComponent("drugs.json")
        let drugs = try JSONParser.parse([UInt8](try Data(contentsOf: drugsURL)))
        guard case .array(let drugItems)? = drugs["drugs"] else {
            throw CaseFormatError(file: drugsURL.path, path: "$.drugs", message: "expected an array of drugs")
        }
        for (k, item) in drugItems.enumerated() {
            guard case .string(let g)? = item["generic"] else {
                throw CaseFormatError(file: drugsURL.path, path: "$.drugs[\(k)].generic", message: "expected a string")
            }
            var names: [String] = []
            if case .array(let ns)? = item["names"] { for case .string(let n) in ns { names.append(n) } }
            l.addDrug(generic: g, names: names)
        }
        let eventsURL = directory.appendingPathComponent("events.json")
        let events = try JSONParser.parse([UInt8](try Data(contentsOf: eventsURL)))
        guard case .array(let eventItems)? = events["events"] else {
            throw CaseFormatError(file: eventsURL.path, path: "$.events", message: "expected an array of events")
        }
        for (k, item) in eventItems.enumerated() {
            guard case .string(let p)? = item["preferred"] else {
                throw CaseFormatError(file: eventsURL.path, path: "$.events[\(k)].preferred", message: "expected a string")
            }
            var syn: [String] = []
            if case .array(let ss)? = item["synonyms"] { for case .string(let s) in ss { syn.append(s) } }
            l.addEvent(preferred: p, synonyms: syn)
        }
        return l
    }

    /// Finds the lexicon: `ONSET_LEXICON`, else `Data/lexicon` above the executable or the working
    /// directory, else the built-in one.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Lexicon {
        var candidates: [URL] = []
        if let dir = environment["ONSET_LEXICON"], !dir.isEmpty { candidates.append(URL(fileURLWithPath: dir)) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for start in [exe, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var dir = start
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("Data/lexicon"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(URL(fileURLWithPath: "/usr/local/share/onset/lexicon"))
        for c in candidates where FileManager.default.fileExists(atPath: c.appendingPathComponent("drugs.json").path) {
            if let l = try? load(directory: c) { return l }
        }
        return builtIn
    }
}
