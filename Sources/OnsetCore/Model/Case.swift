/// One adverse-reaction case report, whatever format it came from.
public struct Case: Hashable, Sendable {
    public var id: String
    public var status: CaseStatus = .final
    public var source: CaseSource
    public var dates = ReportDates()
    public var country: String?
    public var dayZero: PartialDate?
    public var patient = Patient()
    public var drugs: [Drug] = []
    public var events: [Event] = []
    public var serious: Bool?
    public var seriousness: [Seriousness] = []
    public var outcome: Outcome?
    public var treatments: [Treatment] = []
    public var tests: [LabTest] = []
    public var narrative: String?
    public var intervals: [ReportedInterval] = []
    public var notes: String?
    public var spans: [TextSpan] = []

    public init(id: String, source: CaseSource) {
        self.id = id
        self.source = source
    }

    public func drug(_ id: String) -> Drug? { drugs.first { $0.id == id } }
    public func event(_ id: String) -> Event? { events.first { $0.id == id } }
    public var suspectDrugs: [Drug] { drugs.filter { $0.role.isSuspect } }
}

/// Where a case came from: the kind of source, the file and the record's own id.
public struct CaseSource: Hashable, Sendable {
    public var kind: SourceKind
    public var citation: String?
    public var doi: String?
    public var file: String?
    public var record: String?
    public var caseNumber: String?
    public var version: Int?
    public var format: String?

    public init(kind: SourceKind, citation: String? = nil, doi: String? = nil, file: String? = nil,
                record: String? = nil, caseNumber: String? = nil, version: Int? = nil, format: String? = nil) {
        self.kind = kind; self.citation = citation; self.doi = doi; self.file = file
        self.record = record; self.caseNumber = caseNumber; self.version = version; self.format = format
    }
}

/// Dates of the report itself.
public struct ReportDates: Hashable, Sendable {
    public var received: PartialDate?
    public var reported: PartialDate?
    public init(received: PartialDate? = nil, reported: PartialDate? = nil) {
        self.received = received; self.reported = reported
    }
}

/// A quantity with a unit, as reported (`52 year`, `70 kg`).
public struct Quantity<Unit: Hashable & Sendable>: Hashable, Sendable {
    public var value: Double
    public var unit: Unit
    public init(_ value: Double, _ unit: Unit) { self.value = value; self.unit = unit }
}

/// The patient: age, sex, weight and conditions.
public struct Patient: Hashable, Sendable {
    public var age: Quantity<AgeUnit>?
    public var sex: Sex?
    public var weight: Quantity<WeightUnit>?
    public var conditions: [String] = []
    public init() {}

    public var ageInYears: Double? { age.map { $0.value * $0.unit.years } }
}

/// A drug in the case, with its dosing history.
public struct Drug: Hashable, Sendable {
    public var id: String
    public var name: String
    public var generic: String?
    public var role: DrugRole
    public var indication: String?
    public var route: String?
    public var dose: String?
    public var administrations: [Administration] = []
    public var start: TimePoint?
    public var end: TimePoint?
    public var courses: [Course] = []
    public var action: DrugAction?
    public var note: String?

    public init(id: String, name: String, generic: String? = nil, role: DrugRole) {
        self.id = id; self.name = name; self.generic = generic; self.role = role
    }

    /// The name to show and to match: the generic name when known.
    public var displayName: String { generic ?? name }
}

/// One dose given: its number in the series and its time, either may be unknown.
public struct Administration: Hashable, Sendable {
    public var number: Int?
    public var time: TimePoint?
    public var note: String?
    public init(number: Int? = nil, time: TimePoint? = nil, note: String? = nil) {
        self.number = number; self.time = time; self.note = note
    }
}

/// One course of a drug (a FAERS THER row): start and end.
public struct Course: Hashable, Sendable {
    public var start: TimePoint?
    public var end: TimePoint?
    public init(start: TimePoint? = nil, end: TimePoint? = nil) { self.start = start; self.end = end }
}

/// A reaction in the case.
public struct Event: Hashable, Sendable {
    public var id: String
    public var term: String
    public var preferred: String?
    public var onset: TimePoint?
    public var end: TimePoint?
    public var outcome: Outcome?
    public init(id: String, term: String, preferred: String? = nil) {
        self.id = id; self.term = term; self.preferred = preferred
    }
    public var displayTerm: String { preferred ?? term }
}

/// Something given to treat the reaction.
public struct Treatment: Hashable, Sendable {
    public var name: String
    public var generic: String?
    public var route: String?
    public var events: [String] = []
    public var note: String?
    public init(name: String) { self.name = name }
}

/// A test or laboratory result.
public struct LabTest: Hashable, Sendable {
    public var name: String
    public var result: String?
    public var time: TimePoint?
    public var note: String?
    public init(name: String, result: String? = nil) { self.name = name; self.result = result }
}

/// A dose-to-onset interval as the source reported it.
public struct ReportedInterval: Hashable, Sendable {
    public var drug: String
    public var event: String?
    public var anchor: IntervalAnchor
    public var dose: Int?
    public var min: Double
    public var max: Double
    public var unit: TimeUnit
    public var text: String?

    public init(drug: String, event: String? = nil, anchor: IntervalAnchor, dose: Int? = nil,
                min: Double, max: Double, unit: TimeUnit, text: String? = nil) {
        self.drug = drug; self.event = event; self.anchor = anchor; self.dose = dose
        self.min = min; self.max = max; self.unit = unit; self.text = text
    }

    public var days: DayRange { DayRange(min: min * unit.days, max: max * unit.days) }

    public func applies(to eventID: String) -> Bool { event == nil || event == eventID }
}

/// The characters of the narrative a fact was read from.
public struct TextSpan: Hashable, Sendable {
    public var field: String
    public var start: Int
    public var end: Int
    public init(field: String, start: Int, end: Int) { self.field = field; self.start = start; self.end = end }
}
