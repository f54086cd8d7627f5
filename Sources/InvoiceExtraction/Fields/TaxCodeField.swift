/// Reading a tax code out of a label's value.
enum TaxCodeField {
    /// The first tax code in a range of a line: ten digits, or thirteen with a
    /// branch suffix. Boxed digits ("0 1 0 0 2 3 3 4 8 8") and look-alike
    /// letters are accepted; a phone number glued after the code is cut off.
    static func code(in line: TextLine, _ range: Range<Int>) -> (code: String, repaired: Bool)? {
        let bytes = line.folded
        var k = range.lowerBound
        while k < range.upperBound {
            guard bytes[k].isDigitASCII || (isConfusable(bytes[k]) && k + 1 < range.upperBound && bytes[k + 1].isDigitASCII) else {
                k += 1
                continue
            }
            // Collect digit groups separated by spaces, dots or dashes.
            var groups: [(digits: String, separator: UInt8?)] = []
            var current = ""
            var separator: UInt8?
            var repaired = false
            var j = k
            while j < range.upperBound {
                let c = bytes[j]
                if c.isDigitASCII {
                    current.append(Character(Unicode.Scalar(c)))
                } else if isConfusable(c), !current.isEmpty || (j + 1 < range.upperBound && bytes[j + 1].isDigitASCII),
                          j + 1 >= range.upperBound || !bytes[j + 1].isLetterASCII {
                    current.append(c == UInt8(ascii: "o") ? "0" : "1")
                    repaired = true
                } else if (c == UInt8(ascii: " ") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")), !current.isEmpty {
                    var n = j
                    while n < range.upperBound, bytes[n] == UInt8(ascii: " ") || bytes[n] == UInt8(ascii: "-") || bytes[n] == UInt8(ascii: ".") { n += 1 }
                    guard n < range.upperBound, bytes[n].isDigitASCII, n - j <= 3 else { break }
                    groups.append((current, separator))
                    separator = bytes[j..<n].contains(UInt8(ascii: "-")) ? UInt8(ascii: "-") : UInt8(ascii: " ")
                    current = ""
                    j = n
                    continue
                } else {
                    break
                }
                j += 1
            }
            if !current.isEmpty { groups.append((current, separator)) }
            if let found = bestPrefix(groups) { return (found, repaired) }
            k = max(j, k + 1)
        }
        return nil
    }

    private static func isConfusable(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "o") || b == UInt8(ascii: "l") || b == UInt8(ascii: "i")
    }

    /// Joins leading groups until they make ten digits, then takes a dashed
    /// three-digit branch suffix if one follows.
    private static func bestPrefix(_ groups: [(digits: String, separator: UInt8?)]) -> String? {
        guard let first = groups.first else { return nil }
        // Printed whole ("0100233488", "0100233488-001") or in boxes, one digit each.
        if first.digits.count >= 10 {
            guard first.digits.count == 10 || first.digits.count == 13 else { return nil }
            if first.digits.count == 13 { return String(first.digits.prefix(10)) + "-" + String(first.digits.suffix(3)) }
            return first.digits + (branchSuffix(groups, after: 0).map { "-" + $0 } ?? "")
        }
        guard first.digits.count == 1 else { return nil }
        var digits = ""
        for (index, group) in groups.enumerated() {
            digits += group.digits
            if group.digits.count != 1 && digits.count < 10 { return nil }
            if digits.count == 10 {
                return digits + (branchSuffix(groups, after: index).map { "-" + $0 } ?? "")
            }
            if digits.count == 13 && index == 0 {
                return String(digits.prefix(10)) + "-" + String(digits.suffix(3))
            }
            if digits.count > 10 { return nil }
        }
        return nil
    }

    /// The three-digit branch suffix after the group at `index`: dashed, printed whole
    /// ("-096") or in boxes like the ten digits before it ("- 0 9 6").
    private static func branchSuffix(_ groups: [(digits: String, separator: UInt8?)], after index: Int) -> String? {
        let rest = groups.dropFirst(index + 1)
        guard let next = rest.first, next.separator == UInt8(ascii: "-") else { return nil }
        if next.digits.count == 3 { return next.digits }
        let boxed = rest.prefix(3)
        guard boxed.count == 3, boxed.allSatisfy({ $0.digits.count == 1 }) else { return nil }
        return boxed.map(\.digits).joined()
    }
}
