import APIWire
import Foundation

/// Plain-text tables and values for people; `--json` prints the daemon's JSON instead.
enum Table {
    /// Columns padded to their widest cell (by characters, so Vietnamese lines up).
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// Text as a short cell: one line, control characters made visible, cut at `maxLength`.
    static func cell(_ value: String?, maxLength: Int = 40) -> String {
        guard let value else { return "-" }
        let flat = TerminalText.visible(value.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "),
                                        keepLayout: false)
        return flat.count > maxLength ? String(flat.prefix(maxLength - 1)) + "…" : flat
    }

    /// A number as a cell: whole numbers grouped by thousands, others with two decimals.
    static func cell(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? grouped(Int64(value)) : String(format: "%.2f", value)
    }

    /// A count as a cell.
    static func cell(_ value: Int) -> String {
        grouped(Int64(value))
    }

    /// Any JSON value as a cell (the views that list every field of an answer).
    static func cell(_ value: JSONValue?, maxLength: Int = 40) -> String {
        switch value {
        case nil, .null: return "-"
        case let .bool(flag): return flag ? "true" : "false"
        case let .int(number): return grouped(number)
        case let .double(number): return cell(number)
        case let .string(text): return cell(text, maxLength: maxLength)
        case let .array(values): return cell(values.map { cell($0, maxLength: maxLength) }.joined(separator: ", "), maxLength: maxLength)
        case let .object(members): return cell(JSONValue.object(members).serialized(), maxLength: maxLength)
        }
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ value: Int64) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// JSON pretty-printed, for `--json`.
    static func json(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return TerminalText.visible(text)
        }
        return TerminalText.json(String(decoding: data, as: UTF8.self))
    }
}
