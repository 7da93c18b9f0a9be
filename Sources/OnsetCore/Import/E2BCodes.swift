/// ICH E2B(R2) code lists shared by the E2B(R2), AERS SGML and openFDA importers.
enum E2BCodes {
    /// A date with its E2B format code: 102 CCYYMMDD, 610 CCYYMM, 602 CCYY, 203/204 with a time
    /// (the time is dropped). Without a code the length decides.
    static func date(_ value: String?, format: String?) -> PartialDate? {
        if case .date(let d) = parseDate(value, format: format) { return d }
        return nil
    }

    /// What a date field held: nothing, a date, or text that names no real day.
    enum DateValue: Equatable { case absent, date(PartialDate), invalid(String) }

    /// Reads the date the digits name at the format's precision (or, without a format, at the
    /// longest of 8, 6 or 4 digits present). An impossible date (`20250231`, month 13) is
    /// `.invalid`, not cut to a shorter one that happens to exist: the error may be in any part.
    static func parseDate(_ value: String?, format: String?) -> DateValue {
        guard let v = ImportMapping.clean(value) else { return .absent }
        let digits = String(v.prefix { $0.isASCII && $0.isNumber })
        let want: Int?
        switch ImportMapping.clean(format) {
        case "102", "203", "204": want = 8
        case "610": want = 6
        case "602": want = 4
        default: want = nil
        }
        guard let n = want.flatMap({ digits.count >= $0 ? $0 : nil }) ?? [8, 6, 4].first(where: { digits.count >= $0 }),
              let d = PartialDate(parsing: String(digits.prefix(n))) else { return .invalid(v) }
        return .date(d)
    }

    /// Age units 800 decade … 805 hour.
    static func ageUnit(_ code: String?) -> AgeUnit? {
        switch ImportMapping.clean(code) {
        case "800": return .decade
        case "801": return .year
        case "802": return .month
        case "803": return .week
        case "804": return .day
        case "805": return .hour
        default: return nil
        }
    }

    /// Interval units 801 year … 806 minute, with the factor for 800 (decade, in years).
    static func timeUnit(_ code: String?) -> (TimeUnit, Double)? {
        switch ImportMapping.clean(code) {
        case "800": return (.year, 10)
        case "801": return (.year, 1)
        case "802": return (.month, 1)
        case "803": return (.week, 1)
        case "804": return (.day, 1)
        case "805": return (.hour, 1)
        case "806": return (.minute, 1)
        default: return nil
        }
    }

    static func sex(_ code: String?) -> Sex? {
        switch ImportMapping.clean(code) {
        case "1": return .male
        case "2": return .female
        case "0", "9": return .unknown
        default: return nil
        }
    }

    static func role(_ code: String?) -> DrugRole? {
        switch ImportMapping.clean(code) {
        case "1": return .suspect
        case "2": return .concomitant
        case "3": return .interacting
        default: return nil
        }
    }

    /// Reaction outcome in R2 and openFDA (6 unknown); R3 uses 0 for unknown, also accepted.
    static func outcome(_ code: String?) -> Outcome? {
        switch ImportMapping.clean(code) {
        case "1": return .recovered
        case "2": return .recovering
        case "3": return .notRecovered
        case "4": return .sequelae
        case "5": return .fatal
        case "6", "0": return .unknown
        default: return nil
        }
    }

    /// Action taken with the drug (R2/openFDA 1…6; R3 adds 0 unknown and 9 not applicable).
    static func action(_ code: String?) -> DrugAction? {
        switch ImportMapping.clean(code) {
        case "1": return .withdrawn
        case "2": return .reduced
        case "3": return .increased
        case "4": return .unchanged
        case "5", "0": return .unknown
        case "6", "9": return .notApplicable
        default: return nil
        }
    }

    /// E2B route of administration codes 001…067 as words; 065 (unknown) is no route.
    static func route(_ code: String?) -> String? {
        guard let c = ImportMapping.clean(code) else { return nil }
        guard let n = Int(c) else { return c.lowercased() }
        guard n != 65 else { return nil }
        return n >= 1 && n <= routes.count ? routes[n - 1] : c
    }

    static let routes = [
        "auricular", "buccal", "cutaneous", "dental", "endocervical", "endosinusial", "endotracheal",
        "epidural", "extra-amniotic", "hemodialysis", "intra corpus cavernosum", "intra-amniotic",
        "intra-arterial", "intra-articular", "intra-uterine", "intracardiac", "intracavernous",
        "intracerebral", "intracervical", "intracisternal", "intracorneal", "intracoronary",
        "intradermal", "intradiscal", "intrahepatic", "intralesional", "intralymphatic",
        "intramedullar", "intrameningeal", "intramuscular", "intraocular", "intrapericardial",
        "intraperitoneal", "intrapleural", "intrasynovial", "intratumor", "intrathecal",
        "intrathoracic", "intratracheal", "intravenous bolus", "intravenous drip", "intravenous",
        "intravesical", "iontophoresis", "nasal", "occlusive dressing technique", "ophthalmic",
        "oral", "oropharingeal", "other", "parenteral", "periarticular", "perineural", "rectal",
        "respiratory (inhalation)", "retrobulbar", "subconjunctival", "subcutaneous", "subdermal",
        "sublingual", "topical", "transdermal", "transmammary", "transplacental", "unknown",
        "urethral", "vaginal",
    ]

    /// `CASE EVENT DATE: 20131216` (openFDA's only onset fact) anywhere in a text.
    static func caseEventDate(_ text: String?) -> PartialDate? {
        guard let text, let r = text.range(of: "CASE EVENT DATE:", options: .caseInsensitive) else { return nil }
        let rest = text[r.upperBound...].drop { $0 == " " }
        let digits = String(rest.prefix { $0.isASCII && $0.isNumber })
        return E2BCodes.date(digits, format: nil)
    }
}
