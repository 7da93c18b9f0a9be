/// A row/column position on the grid (0-based, row first like ncurses).
public struct Position: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public init(row: Int, col: Int) { self.row = row; self.col = col }
}

/// A size in terminal cells.
public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// A rectangle of cells: `x`/`y` are the column and row of its top-left corner.
///
/// Layout is done by cutting rectangles: `splitTop`, `splitBottom`, `splitLeft` and `splitRight`
/// peel off a fixed strip (a title bar, a status line, a gutter); `rows(_:)` and `columns(_:)`
/// divide a rectangle by constraints. Sizes are clamped, never negative, so a tiny terminal yields
/// empty rectangles rather than a crash.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// True when the rectangle has no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }

    /// True when the cell at `row`, `col` lies inside.
    public func contains(row: Int, col: Int) -> Bool {
        row >= y && row < maxY && col >= x && col < maxX
    }

    /// The rectangle shrunk by the given margins on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let t = min(max(0, top), height), l = min(max(0, left), width)
        return Rect(x: x + l, y: y + t,
                    width: width - l - max(0, right), height: height - t - max(0, bottom))
    }

    /// The rectangle shrunk by `margin` on all four sides (inside a box border: `inset(by: 1)`).
    public func inset(by margin: Int) -> Rect {
        inset(top: margin, left: margin, bottom: margin, right: margin)
    }

    /// The intersection with `other` (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        return Rect(x: nx, y: ny, width: min(maxX, other.maxX) - nx, height: min(maxY, other.maxY) - ny)
    }

    /// The first `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n),
                Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The rest, and the last `rows` rows.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n),
                Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// The first `cols` columns, and the rest.
    public func splitLeft(_ cols: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, cols), width)
        return (Rect(x: x, y: y, width: n, height: height),
                Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// The rest, and the last `cols` columns.
    public func splitRight(_ cols: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, cols), width)
        return (Rect(x: x, y: y, width: width - n, height: height),
                Rect(x: maxX - n, y: y, width: n, height: height))
    }

    /// Stacks rectangles top to bottom, one per constraint, covering this rectangle's height.
    public func rows(_ constraints: [LayoutConstraint]) -> [Rect] {
        LayoutConstraint.distribute(height, constraints).map { Rect(x: x, y: y + $0.offset, width: width, height: $0.length) }
    }

    /// Places rectangles left to right, one per constraint, covering this rectangle's width.
    public func columns(_ constraints: [LayoutConstraint]) -> [Rect] {
        LayoutConstraint.distribute(width, constraints).map { Rect(x: x + $0.offset, y: y, width: $0.length, height: height) }
    }
}

/// How much of a split one part gets.
public enum LayoutConstraint: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case fixed(Int)
    /// This percentage of the whole, rounded down.
    case percent(Int)
    /// A share of what is left after fixed and percent parts, by weight.
    case fill(Int)

    /// Offsets and lengths for `constraints` within `total` cells. Fixed and percent parts are
    /// served first, in order, until space runs out; fill parts share the remainder by weight, and
    /// the rounding remainder goes to the last fill part so the parts always cover `total` exactly
    /// when there is at least one fill.
    static func distribute(_ total: Int, _ constraints: [LayoutConstraint]) -> [(offset: Int, length: Int)] {
        var lengths = [Int](repeating: 0, count: constraints.count)
        var remaining = max(0, total)
        for (i, c) in constraints.enumerated() {
            switch c {
            case .fixed(let n): lengths[i] = min(max(0, n), remaining)
            case .percent(let p): lengths[i] = min(max(0, total) * max(0, min(100, p)) / 100, remaining)
            case .fill: continue
            }
            remaining -= lengths[i]
        }
        let weights = constraints.map { if case .fill(let w) = $0 { return max(0, w) } else { return 0 } }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var given = 0
            var lastFill = -1
            for (i, w) in weights.enumerated() where w > 0 {
                lengths[i] = remaining * w / totalWeight
                given += lengths[i]
                lastFill = i
            }
            lengths[lastFill] += remaining - given
        }
        var offset = 0
        return lengths.map { len in
            defer { offset += len }
            return (offset, len)
        }
    }
}
