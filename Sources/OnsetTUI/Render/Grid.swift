/// A run of text in one style, for lines that mix styles (`"aspirin" → "nausea"`).
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

/// Where text sits inside a field wider than the text.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// The screen as plain data: `width` × `height` cells that views draw into and tests read back.
///
/// Views never talk to the terminal; they draw into a `Grid` and the driver (`Terminal.present`)
/// copies the cells that changed since the previous frame. Everything that reaches a cell goes
/// through `SafeText.visible` and `DisplayWidth`, so data cannot inject control sequences and
/// wide characters never straddle the edge of a field.
///
/// Coordinates are `row`, `col` from the top-left, 0-based. Drawing outside the grid is clipped,
/// never a crash. Typical use:
///
/// ```swift
/// var grid = Grid(width: 80, height: 24)
/// let (body, status) = grid.bounds.splitBottom(1)
/// grid.fill(row: status.y, style: .status)
/// grid.put("42 cases", row: status.y, col: 1, style: .status)
/// grid.put([Span("aspirin", .drug), Span(" → "), Span("rash", .event)], row: 0, col: 0, maxWidth: 20)
/// #expect(grid.lines()[0] == "aspirin → rash")
/// ```
public struct Grid: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells: the cell at `row`, `col` is `cells[row * width + col]`.
    public private(set) var cells: [Cell]
    /// Drawing characters for this terminal; also provides the ellipsis used when text is cut.
    public let glyphs: GlyphSet
    /// True when the terminal's locale cannot show non-ASCII (C/POSIX): every grapheme is then
    /// replaced by its `DisplayWidth.asciiForm`.
    public let asciiOnly: Bool
    /// Where the terminal cursor should show (for a text prompt); nil hides it.
    public var cursor: Position?

    /// A grid of blank cells in `style`.
    public init(width: Int, height: Int, glyphs: GlyphSet = .unicode, asciiOnly: Bool = false, style: Style = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        self.asciiOnly = asciiOnly
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The grid's size.
    public var size: Size { Size(width: width, height: height) }
    /// The whole grid as a rectangle, the starting point for layout.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at `row`, `col`, or nil outside the grid.
    public subscript(row: Int, col: Int) -> Cell? {
        guard row >= 0, row < height, col >= 0, col < width else { return nil }
        return cells[row * width + col]
    }

    /// The style at `row`, `col`, or nil outside the grid.
    public func styleAt(row: Int, col: Int) -> Style? { self[row, col]?.style }

    /// Row `row` as plain text, trailing spaces trimmed (continuation cells add nothing).
    public func text(row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        var s = ""
        for col in 0..<width {
            let cell = cells[row * width + col]
            if !cell.isContinuation { s += cell.grapheme }
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Every row as plain text, trailing spaces trimmed: what tests compare against.
    public func lines() -> [String] { (0..<height).map { text(row: $0) } }

    // MARK: Text

    /// Draws `text` at `row`, `col` in `style` and returns the columns used from `col`
    /// (including any alignment offset).
    ///
    /// The text is made safe with `SafeText.visible` (so a newline shows as `\x0a`; split lines
    /// first with `SafeText.lines` or flatten them with `SafeText.singleLine`) and measured
    /// grapheme by grapheme. If it is wider than the field (`maxWidth`, or up to the right edge) it
    /// is cut and ends with `glyphs.ellipsis`; a wide character that does not fit whole is left
    /// out rather than split. With `align` other than `.left`, text narrower than the field is
    /// shifted right or centred inside it; cells of the field that the text does not cover keep
    /// their previous contents.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style = .normal,
                             maxWidth: Int? = nil, align: Alignment = .left) -> Int {
        put([Span(text, style)], row: row, col: col, maxWidth: maxWidth, align: align)
    }

    /// Draws styled spans one after another, cut as a whole to the field like `put(_:row:col:...)`.
    @discardableResult
    public mutating func put(_ spans: [Span], row: Int, col: Int,
                             maxWidth: Int? = nil, align: Alignment = .left) -> Int {
        guard row >= 0, row < height, col >= 0, col < width else { return 0 }
        let field = min(maxWidth ?? Int.max, width - col)
        guard field > 0 else { return 0 }

        // Cells are collected only until the field overflows, so putting a long narrative into a
        // short field costs the field's width, not the narrative's length.
        var items: [Cell] = []
        var total = 0
        collect: for span in spans {
            for character in span.text {
                // Controls are their own graphemes (CRLF is the one pair), so escaping grapheme
                // by grapheme is the same as escaping the whole string.
                let safe = character.unicodeScalars.contains(where: SafeText.needsEscape)
                    ? Array(SafeText.visible(String(character))) : [character]
                for visible in safe {
                    guard let cell = makeCell(visible, span.style) else { continue }
                    items.append(cell)
                    total += cell.width
                    if total > field { break collect }
                }
            }
        }

        var used = total
        if total > field {
            let style = items.last?.style ?? .normal
            let ellipsis = makeCell(glyphs.ellipsis.first ?? "~", style) ?? Cell("~", style: style)
            var kept = 0
            var keptWidth = 0
            while kept < items.count, keptWidth + items[kept].width <= field - ellipsis.width {
                keptWidth += items[kept].width
                kept += 1
            }
            // The ellipsis takes the style of the text it replaces, so a cut drug name stays green.
            let cutStyle = kept < items.count ? items[kept].style : style
            items.removeSubrange(kept...)
            if ellipsis.width <= field {
                items.append(Cell(ellipsis.grapheme, style: cutStyle, width: ellipsis.width))
                keptWidth += ellipsis.width
            }
            used = keptWidth
        }

        var offset = 0
        if used < field {
            switch align {
            case .left: offset = 0
            case .right: offset = field - used
            case .center: offset = (field - used) / 2
            }
        }
        var c = col + offset
        for cell in items {
            setCell(row: row, col: c, cell)
            c += cell.width
        }
        return offset + used
    }

    /// The cell for one grapheme as this grid shows it, or nil for a zero-width grapheme.
    private func makeCell(_ character: Character, _ style: Style) -> Cell? {
        let form = DisplayWidth.terminalForm(of: character)
        guard form.width > 0 else { return nil }
        if asciiOnly { return Cell(DisplayWidth.asciiForm(of: character), style: style, width: 1) }
        return Cell(form.text, style: style, width: form.width)
    }

    /// Stores `cell` at `row`, `col`, blanking the other half of any wide character it overlaps
    /// so the grid never holds half a wide character.
    private mutating func setCell(row: Int, col: Int, _ cell: Cell) {
        let w = max(1, cell.width)
        guard row >= 0, row < height, col >= 0, col + w <= width else { return }
        let base = row * width
        for c in col..<(col + w) {
            let existing = cells[base + c]
            if existing.isContinuation, c - 1 >= 0, c - 1 < col {
                cells[base + c - 1] = .blank(cells[base + c - 1].style)
            }
            if existing.width == 2, c + 1 >= col + w, c + 1 < width {
                cells[base + c + 1] = .blank(existing.style)
            }
        }
        cells[base + col] = cell
        if w == 2 { cells[base + col + 1] = .continuation(cell.style) }
    }

    // MARK: Areas

    /// Blanks a whole row in `style` (a status or title bar).
    public mutating func fill(row: Int, style: Style = .normal) {
        fill(Rect(x: 0, y: row, width: width, height: 1), style: style)
    }

    /// Blanks every cell of `rect` (clipped to the grid) in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for row in r.y..<r.maxY {
            for col in r.x..<r.maxX { setCell(row: row, col: col, .blank(style)) }
        }
    }

    /// Blanks the whole grid.
    public mutating func clear(style: Style = .normal) { fill(bounds, style: style) }

    /// Changes the style of every cell in `rect` without touching the text, e.g.
    /// `grid.restyle(rowRect) { $0.on(.selected) }` to highlight a row after drawing it.
    /// A wide character cut by the edge of `rect` is restyled whole.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for row in r.y..<r.maxY {
            let base = row * width
            var start = r.x, end = r.maxX
            if cells[base + start].isContinuation, start > 0 { start -= 1 }
            if cells[base + end - 1].width == 2, end < width { end += 1 }
            for col in start..<end { cells[base + col].style = transform(cells[base + col].style) }
        }
    }

    // MARK: Lines and boxes

    /// A horizontal line of `glyphs.horizontal`, `length` columns long.
    public mutating func hline(row: Int, col: Int, length: Int, style: Style = .normal) {
        guard length > 0 else { return }
        let unit = max(1, DisplayWidth.of(glyphs.horizontal))
        put(String(repeating: glyphs.horizontal, count: length / unit), row: row, col: col,
            style: style, maxWidth: length)
    }

    /// A vertical line of `glyphs.vertical`, `length` rows long.
    public mutating func vline(col: Int, row: Int, length: Int, style: Style = .normal) {
        guard length > 0 else { return }
        for r in row..<(row + length) { put(glyphs.vertical, row: r, col: col, style: style, maxWidth: 1) }
    }

    /// A border around the edge of `rect`, with an optional title in the top edge.
    /// Draw the contents inside `rect.inset(by: 1)`.
    public mutating func box(_ rect: Rect, style: Style = .normal, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        hline(row: top, col: left + 1, length: rect.width - 2, style: style)
        hline(row: bottom, col: left + 1, length: rect.width - 2, style: style)
        vline(col: left, row: top + 1, length: rect.height - 2, style: style)
        vline(col: right, row: top + 1, length: rect.height - 2, style: style)
        put(glyphs.topLeft, row: top, col: left, style: style, maxWidth: 1)
        put(glyphs.topRight, row: top, col: right, style: style, maxWidth: 1)
        put(glyphs.bottomLeft, row: bottom, col: left, style: style, maxWidth: 1)
        put(glyphs.bottomRight, row: bottom, col: right, style: style, maxWidth: 1)
        if let title, rect.width > 4 {
            put(" " + SafeText.singleLine(title) + " ", row: top, col: left + 1,
                style: titleStyle ?? style, maxWidth: rect.width - 2)
        }
    }
}
