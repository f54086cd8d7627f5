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

    /// A JSON value as a short cell.
    static func cell(_ value: Any?, maxLength: Int = 40) -> String {
        let text: String
        switch value {
        case nil, is NSNull: text = "-"
        // JSON's true and false arrive as NSNumbers of type char ("c"); without this they
        // printed as 1 and 0.
        case let number as NSNumber where String(cString: number.objCType) == "c":
            text = number.boolValue ? "true" : "false"
        case let number as NSNumber:
            let double = number.doubleValue
            text = double == double.rounded() && abs(double) < 1e15 ? grouped(Int64(double)) : String(format: "%.2f", double)
        case let string as String: text = string
        default: text = "\(value!)"
        }
        let flat = TerminalText.visible(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "),
                                        keepLayout: false)
        return flat.count > maxLength ? String(flat.prefix(maxLength - 1)) + "…" : flat
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
