/// Text from the daemon (file names, OCR text, error messages, a chat answer) made safe to
/// print: anyone who can drop a file in the inbox chooses its name, and an ESC or BEL in it
/// would otherwise be run by the terminal (retitle it, move the cursor, hide lines, or on
/// some terminals answer back as if typed). Every C0 and C1 control and DEL is shown as
/// `\u{1B}`-style text instead.
enum TerminalText {
    /// `text` with its control characters made visible; newlines and tabs are kept when
    /// `keepLayout` (free text such as an answer), shown like the rest otherwise.
    static func visible(_ text: String, keepLayout: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepLayout: keepLayout) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepLayout: keepLayout) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON text (`--json`) with DEL and the C1 controls written as `\u009B`-style escapes.
    /// JSONSerialization escapes only what JSON requires (below U+0020) and writes these raw,
    /// where a terminal may act on them (U+009B starts a control sequence on some); escaped,
    /// they stay the same value for a script that parses the text.
    static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                out.append(contentsOf: "\\u00\(String(scalar.value, radix: 16, uppercase: true))".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar, keepLayout: Bool) -> Bool {
        let value = scalar.value
        if keepLayout && (value == 0x0A || value == 0x09) { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
