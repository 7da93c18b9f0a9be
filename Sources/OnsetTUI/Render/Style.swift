/// A semantic colour role. Views say *what* a piece of text is; the `Theme` decides the colours,
/// so a monochrome terminal (or `NO_COLOR`) can still tell the roles apart through attributes.
public enum StyleRole: Int, CaseIterable, Hashable, Sendable {
    case normal, header, selected, status, dim, accent, warning, error
    case drug, event, dose, interval, highlight
}

/// Text attributes that terminals without colour can still show.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// How a cell looks: a foreground role, a background role and extra attributes.
///
/// The foreground and background roles are separate so that, for example, a drug name keeps its
/// colour inside the selected row: `Style(.drug).on(.selected)`.
public struct Style: Hashable, Sendable {
    /// Role whose foreground colour (and attributes) the text uses.
    public var foreground: StyleRole
    /// Role whose background colour the cell uses.
    public var background: StyleRole
    /// Attributes added to whatever the theme gives the roles.
    public var attributes: TextAttributes

    /// A style whose foreground and background both come from `role` (background defaults to `.normal`
    /// unless the role is one that has its own background, such as `.selected` or `.status`).
    public init(_ role: StyleRole = .normal, _ attributes: TextAttributes = []) {
        self.foreground = role
        self.background = Style.ownsBackground(role) ? role : .normal
        self.attributes = attributes
    }

    /// A style with explicit foreground and background roles.
    public init(foreground: StyleRole, background: StyleRole, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The same foreground on another role's background.
    public func on(_ background: StyleRole) -> Style {
        var copy = self
        copy.background = background
        return copy
    }

    /// The same style with more attributes.
    public func adding(_ more: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(more)
        return copy
    }

    /// Roles that are "bars" and paint their own background; the others are text colours only.
    static func ownsBackground(_ role: StyleRole) -> Bool {
        switch role {
        case .selected, .status, .highlight: return true
        default: return false
        }
    }

    public static let normal = Style(.normal)
    public static let header = Style(.header)
    public static let selected = Style(.selected)
    public static let status = Style(.status)
    public static let dim = Style(.dim)
    public static let accent = Style(.accent)
    public static let warning = Style(.warning)
    public static let error = Style(.error)
    public static let drug = Style(.drug)
    public static let event = Style(.event)
    public static let dose = Style(.dose)
    public static let interval = Style(.interval)
    public static let highlight = Style(.highlight)
}

/// A terminal colour: the terminal's own default, one of the 8 ANSI colours, or a palette index.
public enum TerminalColor: Hashable, Sendable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
    /// A palette index (0-255); used only when the terminal reports enough colours.
    case index(Int)

    /// The ncurses colour number; `-1` is the terminal default (needs `use_default_colors`).
    /// Palette indexes beyond what the terminal has fall back to the ANSI colour `index % 8`.
    public func number(availableColors: Int) -> Int16 {
        switch self {
        case .default: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .index(let n):
            let clamped = max(0, min(255, n))
            return Int16(clamped < availableColors ? clamped : clamped % 8)
        }
    }
}

/// How one role looks with colour, and which attributes stand in for it without colour.
public struct RoleAppearance: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes
    /// Used instead of the colours when colour is off (no colours, `NO_COLOR`, `--no-color`).
    public var monochrome: TextAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: TextAttributes = [], monochrome: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monochrome = monochrome
    }
}

/// The resolved look of a cell: colour numbers for ncurses plus attributes.
public struct ResolvedStyle: Hashable, Sendable {
    /// ncurses colour numbers (-1 = terminal default); both -1 when colour is off.
    public var foreground: Int16
    public var background: Int16
    public var attributes: TextAttributes
}

/// Maps style roles to colours. The default keeps the terminal's own background for text roles,
/// because users run both light and dark terminals over SSH and a forced background fights them.
public struct Theme: Sendable {
    public var appearances: [StyleRole: RoleAppearance]

    public init(appearances: [StyleRole: RoleAppearance]) { self.appearances = appearances }

    /// The look of `role` (a plain appearance when the theme does not mention it).
    public func appearance(_ role: StyleRole) -> RoleAppearance {
        appearances[role] ?? RoleAppearance()
    }

    /// Resolves a style for a terminal with or without colour. Pure, so tests can check the mapping.
    public func resolve(_ style: Style, color: Bool, availableColors: Int = 8) -> ResolvedStyle {
        let fg = appearance(style.foreground)
        let bg = appearance(style.background)
        if color {
            return ResolvedStyle(foreground: fg.foreground.number(availableColors: availableColors),
                                 background: bg.background.number(availableColors: availableColors),
                                 attributes: fg.attributes.union(style.attributes))
        }
        // Without colour the background role still has to show (a selected row must stand out),
        // so its monochrome attributes are merged in. A union, not a toggle: a reversed word in a
        // reversed row stays reversed instead of flipping back to normal.
        return ResolvedStyle(foreground: -1, background: -1,
                             attributes: fg.monochrome.union(bg.monochrome).union(style.attributes))
    }

    /// The default theme: 8 ANSI colours, which every terminal reached over SSH supports.
    public static let standard = Theme(appearances: [
        .normal: RoleAppearance(),
        .header: RoleAppearance(foreground: .cyan, attributes: [.bold], monochrome: [.bold]),
        .selected: RoleAppearance(foreground: .white, background: .blue, attributes: [.bold], monochrome: [.reverse]),
        .status: RoleAppearance(foreground: .black, background: .cyan, monochrome: [.reverse]),
        .dim: RoleAppearance(attributes: [.dim], monochrome: [.dim]),
        .accent: RoleAppearance(foreground: .cyan, monochrome: [.bold]),
        .warning: RoleAppearance(foreground: .yellow, attributes: [.bold], monochrome: [.bold]),
        .error: RoleAppearance(foreground: .red, attributes: [.bold], monochrome: [.bold, .underline]),
        .drug: RoleAppearance(foreground: .green),
        .event: RoleAppearance(foreground: .magenta),
        .dose: RoleAppearance(foreground: .yellow),
        .interval: RoleAppearance(foreground: .cyan),
        .highlight: RoleAppearance(foreground: .black, background: .yellow, monochrome: [.underline, .bold]),
    ])
}
