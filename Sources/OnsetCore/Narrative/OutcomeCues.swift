/// Reads the case outcome from words of recovery, persistence or death in the sentences about the patient.
/// A death anywhere decides; otherwise the last sentence that says something about the outcome does,
/// since reports tell the course in order.
enum OutcomeCues {
    static let phrases: [(String, Outcome)] = [
        ("outcome unknown", .unknown), ("outcome is unknown", .unknown), ("outcome was unknown", .unknown),
        ("outcome not reported", .unknown), ("unknown outcome", .unknown), ("lost to follow-up", .unknown),
        ("lost to follow up", .unknown), ("outcome not known", .unknown),
        ("did not resolve", .notRecovered), ("not resolved", .notRecovered), ("did not recover", .notRecovered),
        ("not recovered", .notRecovered), ("no improvement", .notRecovered), ("still requires", .notRecovered),
        ("still required", .notRecovered), ("still present", .notRecovered), ("was unchanged", .notRecovered),
        ("were unchanged", .notRecovered), ("remains unchanged", .notRecovered), ("did not improve", .notRecovered),
        ("not improved", .notRecovered), ("persisted", .notRecovered), ("persists", .notRecovered), ("ongoing", .notRecovered),
        ("still has", .notRecovered), ("still have", .notRecovered),
        ("still had", .sequelae), ("residual", .sequelae), ("sequelae", .sequelae), ("sequela", .sequelae),
        ("persistent", .sequelae), ("permanent damage", .sequelae), ("permanent disability", .sequelae),
        ("nearly gone", .recovering), ("almost gone", .recovering), ("improving", .recovering), ("improved", .recovering),
        ("improvement", .recovering), ("resolving", .recovering), ("recovering", .recovering), ("partial resolution", .recovering),
        ("partially resolved", .recovering), ("getting better", .recovering),
        ("completely resolved", .recovered), ("resolved completely", .recovered), ("resolved", .recovered),
        ("full recovery", .recovered), ("recovered", .recovered), ("recovery", .recovered), ("resolution", .recovered),
        ("cleared", .recovered), ("disappeared", .recovered), ("normalised", .recovered), ("normalized", .recovered),
        ("returned to normal", .recovered), ("back to normal", .recovered), ("returned to baseline", .recovered),
        ("faded", .recovered), ("settled", .recovered), ("subsided", .recovered), ("remission", .recovered),
        ("recovered fully", .recovered), ("back to his usual self", .recovered), ("back to her usual self", .recovered),
        ("died", .fatal), ("death", .fatal), ("fatal", .fatal), ("deceased", .fatal), ("succumbed", .fatal),
        ("passed away", .fatal), ("back in the normal range", .recovered), ("returned to the normal range", .recovered),
        ("resolving completely", .recovered), ("before resolving", .recovered), ("completely fine", .recovered), ("fine now", .recovered), ("fully recovered", .recovered),
    ]

    static let parsed: [([String], Outcome)] = phrases
        .map { ($0.0.split(separator: " ").map(String.init), $0.1) }
        .sorted { $0.0.count > $1.0.count }
    static let byFirstWord = Dictionary(grouping: parsed, by: { $0.0[0] })

    static func find(_ a: NarrativeAnalysis) -> Spanned<Outcome>? {
        var fatal: Spanned<Outcome>?
        var last: Spanned<Outcome>?
        for s in a.sentences where a.aboutPatient[s.index] {
            var found: [Spanned<Outcome>] = []
            var i = s.tokens.lowerBound
            while i < s.tokens.upperBound {
                var matched = false
                for (words, outcome) in byFirstWord[a.tokens[i].text] ?? [] where i + words.count <= s.tokens.upperBound {
                    guard words.enumerated().allSatisfy({ a.tokens[i + $0.offset].text == $0.element }) else { continue }
                    let multi = words.count > 1
                    // A single word under a negation ("no death") or in a hypothetical ("may cause a fatal reaction") is no outcome.
                    if !multi && a.negated[i] { break }
                    // "a permanent pacemaker", "persistent" of a drug's use: only outcomes of the reaction count.
                    found.append(Spanned(outcome, start: a.tokens[i].start, end: a.tokens[i + words.count - 1].end))
                    i += words.count; matched = true
                    break
                }
                if !matched { i += 1 }
            }
            guard !found.isEmpty else { continue }
            if let f = found.first(where: { $0.value == .fatal }), fatal == nil { fatal = f }
            // Within a sentence, lasting damage outweighs the words of recovery beside it.
            last = found.first(where: { $0.value == .sequelae }) ?? found.last
        }
        return fatal ?? last
    }
}
