/// The FAERS tables of a quarter, in the order they are joined.
enum FAERSTableKind: Int, CaseIterable, Sendable {
    case demo, drug, reac, outc, rpsr, ther, indi

    /// The file-name stem (`DEMO17Q2.txt`).
    var stem: String {
        switch self {
        case .demo: return "DEMO"
        case .drug: return "DRUG"
        case .reac: return "REAC"
        case .outc: return "OUTC"
        case .rpsr: return "RPSR"
        case .ther: return "THER"
        case .indi: return "INDI"
        }
    }

    var isRequired: Bool { self == .demo || self == .drug || self == .reac }
}

/// Column positions of a DEMO header in any of the three layouts (2014Q3+, 2012Q4–2014Q2, AERS).
struct FAERSDemoColumns {
    let primaryid, caseid, version, follSeq, eventDate, fdaDate, reptDate, reptCod, mfrNum, litRef: Int?
    let age, ageCod, sex, wt, wtCod, occrCountry, ifCode: Int?
    let legacy: Bool

    init(_ t: FAERSTable) {
        primaryid = t.column("primaryid", "isr")
        caseid = t.column("caseid", "case")
        version = t.column("caseversion")
        follSeq = t.column("foll_seq")
        eventDate = t.column("event_dt")
        fdaDate = t.column("fda_dt")
        reptDate = t.column("rept_dt")
        reptCod = t.column("rept_cod")
        mfrNum = t.column("mfr_num")
        litRef = t.column("lit_ref")
        age = t.column("age")
        ageCod = t.column("age_cod")
        sex = t.column("sex", "gndr_cod")
        wt = t.column("wt")
        wtCod = t.column("wt_cod")
        occrCountry = t.column("occr_country")
        ifCode = t.column("i_f_code", "i_f_cod")
        legacy = t.column("primaryid") == nil
    }
}

/// One DEMO row: the case's own facts.
struct FAERSDemoRow {
    var primaryid: String
    var caseid: String?
    var version: Int?
    var eventDate, fdaDate, reptDate, reptCod, mfrNum, litRef: String?
    var age, ageCod, sex, wt, wtCod, occrCountry, ifCode: String?
    var legacy: Bool

    init<F: FAERSFields>(_ f: F, _ c: FAERSDemoColumns) {
        primaryid = f.string(c.primaryid) ?? ""
        caseid = f.string(c.caseid)
        if c.legacy {
            // AERS has no case version; the follow-up sequence stands in, an initial report is 0.
            version = f.string(c.follSeq).flatMap { Int($0) } ?? 0
        } else {
            version = f.string(c.version).flatMap { Int($0) }
        }
        eventDate = f.string(c.eventDate); fdaDate = f.string(c.fdaDate); reptDate = f.string(c.reptDate)
        reptCod = f.string(c.reptCod); mfrNum = f.string(c.mfrNum); litRef = f.string(c.litRef)
        age = f.string(c.age); ageCod = f.string(c.ageCod); sex = f.string(c.sex)
        wt = f.string(c.wt); wtCod = f.string(c.wtCod); occrCountry = f.string(c.occrCountry)
        ifCode = f.string(c.ifCode)
        legacy = c.legacy
    }
}

/// Column positions of a DRUG header.
struct FAERSDrugColumns {
    let seq, role, name, prodAI, route, doseVbm, doseAmt, doseUnit, doseFreq, dechal, rechal: Int?
    init(_ t: FAERSTable) {
        seq = t.column("drug_seq"); role = t.column("role_cod"); name = t.column("drugname")
        prodAI = t.column("prod_ai"); route = t.column("route"); doseVbm = t.column("dose_vbm")
        doseAmt = t.column("dose_amt"); doseUnit = t.column("dose_unit"); doseFreq = t.column("dose_freq")
        dechal = t.column("dechal"); rechal = t.column("rechal")
    }
}

/// One DRUG row.
struct FAERSDrugRow {
    var seq, role, name, prodAI, route, doseVbm, doseAmt, doseUnit, doseFreq, dechal, rechal: String?
    init<F: FAERSFields>(_ f: F, _ c: FAERSDrugColumns) {
        seq = f.string(c.seq); role = f.string(c.role); name = f.string(c.name); prodAI = f.string(c.prodAI)
        route = f.string(c.route); doseVbm = f.string(c.doseVbm); doseAmt = f.string(c.doseAmt)
        doseUnit = f.string(c.doseUnit); doseFreq = f.string(c.doseFreq)
        dechal = f.string(c.dechal); rechal = f.string(c.rechal)
    }
}

/// One THER row: a course of a drug.
struct FAERSTherRow {
    var seq, start, end, dur, durCod: String?
    init<F: FAERSFields>(_ f: F, _ t: FAERSColumnSet) {
        seq = f.string(t.a); start = f.string(t.b); end = f.string(t.c); dur = f.string(t.d); durCod = f.string(t.e)
    }
}

/// One INDI row: an indication of a drug.
struct FAERSIndiRow {
    var seq, pt: String?
    init<F: FAERSFields>(_ f: F, _ t: FAERSColumnSet) { seq = f.string(t.a); pt = f.string(t.b) }
}

/// Up to five column positions for the small tables (THER, INDI, REAC, OUTC, RPSR).
struct FAERSColumnSet {
    var a, b, c, d, e: Int?

    static func ther(_ t: FAERSTable) -> FAERSColumnSet {
        FAERSColumnSet(a: t.column("dsg_drug_seq", "drug_seq"), b: t.column("start_dt"), c: t.column("end_dt"),
                       d: t.column("dur"), e: t.column("dur_cod"))
    }
    static func indi(_ t: FAERSTable) -> FAERSColumnSet {
        FAERSColumnSet(a: t.column("indi_drug_seq", "drug_seq"), b: t.column("indi_pt"))
    }
    static func reac(_ t: FAERSTable) -> FAERSColumnSet { FAERSColumnSet(a: t.column("pt")) }
    static func outc(_ t: FAERSTable) -> FAERSColumnSet { FAERSColumnSet(a: t.column("outc_cod", "outc_code")) }
    static func rpsr(_ t: FAERSTable) -> FAERSColumnSet { FAERSColumnSet(a: t.column("rpsr_cod")) }
}

/// Every row of one primaryid across the seven tables.
struct FAERSGroup {
    var demo: FAERSDemoRow
    var drugs: [FAERSDrugRow] = []
    var reactions: [String] = []
    var outcomes: [String] = []
    var reportSources: [String] = []
    var therapies: [FAERSTherRow] = []
    var indications: [FAERSIndiRow] = []
}
