/// The kinds of source a case can come from.
public enum SourceKind: String, CaseIterable, Sendable, Codable {
    case literature, faers, vaers, openfda, e2b, narrative
}

/// Whether a case has been reviewed.
public enum CaseStatus: String, CaseIterable, Sendable, Codable {
    case final, draft
}

/// Patient sex as reported.
public enum Sex: String, CaseIterable, Sendable, Codable {
    case female, male, unknown
    public var letter: String { self == .female ? "F" : self == .male ? "M" : "?" }
}

/// A drug's part in the case.
public enum DrugRole: String, CaseIterable, Sendable, Codable {
    case suspect, concomitant, interacting, prior, treatment
    /// Suspect and interacting drugs are the ones a reaction is attributed to.
    public var isSuspect: Bool { self == .suspect || self == .interacting }
}

/// What happened to the patient, for one reaction or for the whole case.
public enum Outcome: String, CaseIterable, Sendable, Codable {
    case recovered, recovering, notRecovered = "not-recovered", sequelae, fatal, unknown
}

/// Seriousness criteria of ICH E2B / FAERS OUTC.
public enum Seriousness: String, CaseIterable, Sendable, Codable {
    case death, lifeThreatening = "life-threatening", hospitalization, disability
    case congenitalAnomaly = "congenital-anomaly", requiredIntervention = "required-intervention", other
}

/// What was done with a drug after the reaction.
public enum DrugAction: String, CaseIterable, Sendable, Codable {
    case withdrawn, reduced, increased, unchanged, unknown, notApplicable = "not-applicable"
}

/// What a reported dose-to-onset interval is counted from.
public enum IntervalAnchor: String, CaseIterable, Sendable, Codable {
    case firstDose = "first-dose", dose, lastDose = "last-dose", discontinuation
}

/// Units a reported interval may use.
public enum TimeUnit: String, CaseIterable, Sendable, Codable {
    case minute, hour, day, week, month, year
    /// Days per unit; a month is an average Gregorian month.
    public var days: Double {
        switch self {
        case .minute: return 1.0 / 1440
        case .hour: return 1.0 / 24
        case .day: return 1
        case .week: return 7
        case .month: return 30.4375
        case .year: return 365.25
        }
    }
}

/// Units of a patient's age.
public enum AgeUnit: String, CaseIterable, Sendable, Codable {
    case year, month, week, day, hour, decade
    public var years: Double {
        switch self {
        case .year: return 1
        case .month: return 1.0 / 12
        case .week: return 7 / 365.25
        case .day: return 1 / 365.25
        case .hour: return 1 / 8766
        case .decade: return 10
        }
    }
}

/// Units of a patient's weight.
public enum WeightUnit: String, CaseIterable, Sendable, Codable {
    case kg, lb, g
}
