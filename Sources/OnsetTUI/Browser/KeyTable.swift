/// What a key does; the same table dispatches keys and generates the help screen.
public enum BrowserAction: Sendable, Equatable {
    case down, up, pageDown, pageUp, first, last
    case open, timeline, filter, help, back
    case previousCase, nextCase
    case zoomIn, zoomOut, panLeft, panRight, resetZoom
    case redraw
    case acceptDraft, correctField
    // Statistics view (`s`); see `KeyTable.statistics`.
    case statistics, nextTab, previousTab, onsetTab, signalsTab, frequenciesTab
    case toggleIntervals, toggleAnchor, sortNext, sortReverse, previousField, nextField
    /// Re-runs the current filter, to see what another process imported meanwhile.
    case refresh
}

/// One row of a key table: the keys, how help shows them, and what they do.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var label: String
    public var help: String
    public var action: BrowserAction
}

/// The key tables of every screen.
public enum KeyTable {
    static let movement: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], label: "j ↓", help: "move down", action: .down),
        KeyBinding(keys: [.char("k"), .up], label: "k ↑", help: "move up", action: .up),
        KeyBinding(keys: [.pageDown, .char(" ")], label: "PgDn Space", help: "page down", action: .pageDown),
        KeyBinding(keys: [.pageUp], label: "PgUp", help: "page up", action: .pageUp),
        KeyBinding(keys: [.char("g"), .home], label: "g Home", help: "first", action: .first),
        KeyBinding(keys: [.char("G"), .end], label: "G End", help: "last", action: .last),
    ]
    static let common: [KeyBinding] = [
        KeyBinding(keys: [.char("?")], label: "?", help: "help for this view", action: .help),
        KeyBinding(keys: [.ctrl("l")], label: "Ctrl-L", help: "redraw the screen", action: .redraw),
    ]

    public static let list: [KeyBinding] = movement + [
        KeyBinding(keys: [.enter], label: "Enter", help: "open the selected case", action: .open),
        KeyBinding(keys: [.char("t")], label: "t", help: "timeline of the selected case", action: .timeline),
        KeyBinding(keys: [.char("/")], label: "/", help: "filter (Enter applies, Esc cancels, empty clears)", action: .filter),
        KeyBinding(keys: [.char("s")], label: "s", help: "statistics of the filtered cases", action: .statistics),
        KeyBinding(keys: [.char("R"), .function(5)], label: "R F5", help: "refresh: re-run the filter on the library as it is now", action: .refresh),
        KeyBinding(keys: [.char("q")], label: "q", help: "quit", action: .back),
    ] + common

    public static let detail: [KeyBinding] = movement + [
        KeyBinding(keys: [.char("t")], label: "t", help: "timeline of this case", action: .timeline),
        KeyBinding(keys: [.char("[")], label: "[", help: "previous case of the filtered list", action: .previousCase),
        KeyBinding(keys: [.char("]")], label: "]", help: "next case of the filtered list", action: .nextCase),
        KeyBinding(keys: [.char("a")], label: "a", help: "accept a draft (it stops being a draft)", action: .acceptDraft),
        KeyBinding(keys: [.char("e")], label: "e", help: "correct a field of a draft: age=52, sex=female, outcome=recovered, d1.role=prior, e1.preferred=Purpura", action: .correctField),
        KeyBinding(keys: [.char("s")], label: "s", help: "statistics of the filtered cases", action: .statistics),
        KeyBinding(keys: [.char("q"), .escape], label: "q Esc", help: "back", action: .back),
    ] + common

    public static let timeline: [KeyBinding] = [
        KeyBinding(keys: [.char("+"), .char("="), .char("z")], label: "+ z", help: "zoom in", action: .zoomIn),
        KeyBinding(keys: [.char("-"), .char("Z")], label: "- Z", help: "zoom out", action: .zoomOut),
        KeyBinding(keys: [.char("h"), .left], label: "h ←", help: "pan earlier", action: .panLeft),
        KeyBinding(keys: [.char("l"), .right], label: "l →", help: "pan later", action: .panRight),
        KeyBinding(keys: [.char("0")], label: "0", help: "whole case", action: .resetZoom),
        KeyBinding(keys: [.enter], label: "Enter", help: "case detail", action: .open),
        KeyBinding(keys: [.char("[")], label: "[", help: "previous case of the filtered list", action: .previousCase),
        KeyBinding(keys: [.char("]")], label: "]", help: "next case of the filtered list", action: .nextCase),
        KeyBinding(keys: [.char("q"), .escape], label: "q Esc", help: "back", action: .back),
    ] + common

    public static let help: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], label: "j ↓", help: "scroll down", action: .down),
        KeyBinding(keys: [.char("k"), .up], label: "k ↑", help: "scroll up", action: .up),
        KeyBinding(keys: [.char("q"), .escape, .char("?")], label: "q Esc ?", help: "close help", action: .back),
    ]

    /// The filter prompt's keys, for the help screen (the prompt edits text, so it is not table-driven).
    public static let prompt: [(String, String)] = [
        ("Enter", "apply the filter (an empty filter clears it)"), ("Esc", "cancel"),
        ("Tab", "complete a drug or event name"), ("↑ ↓", "earlier filters"),
        ("← → Ctrl-A Ctrl-E", "move in the line"), ("Ctrl-U", "clear the line"), ("Backspace", "delete"),
    ]

    public static func bindings(for screen: Screen) -> [KeyBinding] {
        switch screen {
        case .list: return list
        case .detail: return detail
        case .timeline: return timeline
        case .help: return help
        case .statistics: return statistics
        }
    }

    public static func action(for key: Key, on screen: Screen) -> BrowserAction? {
        bindings(for: screen).first { $0.keys.contains(key) }?.action
    }
}
