/// A table `invoicectl` printed, read the way a person reads it: a heading's column is the
/// characters under it, from where the heading starts to where the next one starts (counted
/// in characters, as a terminal shows precomposed Vietnamese). A cell shifted by one
/// character reads wrong, so comparing columns checks the alignment too.
struct PrintedTable {
    /// The first line's words.
    let headings: [String]
    private let starts: [Int]
    private let rows: [[Character]]

    /// `lines`: the heading line, then one line per row.
    init(_ lines: [String]) {
        let heading = Array(lines.first ?? "")
        var headings: [String] = [], starts: [Int] = []
        for (offset, character) in heading.enumerated() where character != " " {
            if offset == 0 || heading[offset - 1] == " " {
                starts.append(offset)
                headings.append("")
            }
            headings[headings.count - 1].append(character)
        }
        self.headings = headings
        self.starts = starts
        rows = lines.dropFirst().map { Array($0) }
    }

    /// Each row's cell under `heading`, trailing padding removed; empty when there is no such heading.
    func column(_ heading: String) -> [String] {
        guard let index = headings.firstIndex(of: heading) else { return [] }
        let start = starts[index]
        let end = index + 1 < starts.count ? starts[index + 1] : Int.max
        return rows.map { row in
            guard start < row.count else { return "" }
            var cell = String(row[start..<min(end, row.count)])
            while cell.last == " " { cell.removeLast() }
            return cell
        }
    }
}
