/// One terminal column: a grapheme and its style.
///
/// A wide grapheme (CJK, most emoji) covers two columns: the left cell holds it with `width == 2`
/// and the right cell is a *continuation* (`grapheme == ""`, `width == 0`) that the driver never
/// writes, because the terminal fills that column itself.
public struct Cell: Hashable, Sendable {
    /// The text shown in this column, already made safe and reduced to what the terminal can show.
    public var grapheme: String
    /// The cell's style; a continuation carries its leader's style.
    public var style: Style
    /// Columns covered: 1 or 2 for a leading cell, 0 for a continuation.
    public var width: Int

    public init(_ grapheme: String, style: Style = .normal, width: Int = 1) {
        self.grapheme = grapheme
        self.style = style
        self.width = width
    }

    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }

    /// An empty column.
    public static func blank(_ style: Style = .normal) -> Cell { Cell(" ", style: style, width: 1) }

    /// The right half of a wide grapheme drawn with `style`.
    public static func continuation(_ style: Style) -> Cell { Cell("", style: style, width: 0) }
}
