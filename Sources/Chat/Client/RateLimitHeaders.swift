import Foundation

/// How long a rate-limited server asks us to wait, from its headers.
///
/// `retry-after` (seconds, or an HTTP date) wins. Groq also sends `x-ratelimit-reset-requests`
/// and `x-ratelimit-reset-tokens` as durations such as `2m59.56s` or `7.66s`; the limit that is
/// exhausted (`x-ratelimit-remaining-* = 0`) decides, and when none says so, the longest.
///
/// The server may send anything (`retry-after: 1e300` once crashed the daemon when the wait
/// was turned into whole seconds): every wait is bounded to `longestWait` here, where it is read.
enum RateLimitHeaders {
    /// A day: longer than any real rate limit, small enough for any integer conversion.
    static let longestWait: Double = 86_400

    /// Seconds to wait (0 ... `longestWait`), or nil when the headers do not say.
    static func wait(_ header: (String) -> String?, now: Date = Date()) -> Double? {
        if let raw = header("retry-after")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let seconds = Double(raw), !seconds.isNaN, seconds >= 0 { return bounded(seconds) }
            if let date = httpDate(raw) { return bounded(date.timeIntervalSince(now)) }
        }
        let limits = ["requests", "tokens"].compactMap { kind -> (exhausted: Bool, seconds: Double)? in
            guard let raw = header("x-ratelimit-reset-\(kind)"), let seconds = duration(raw) else { return nil }
            return (header("x-ratelimit-remaining-\(kind)").map { $0.trimmingCharacters(in: .whitespaces) == "0" } ?? false, seconds)
        }
        let exhausted = limits.filter(\.exhausted)
        return (exhausted.isEmpty ? limits : exhausted).map(\.seconds).max().map(bounded)
    }

    /// `seconds` within 0 ... `longestWait` (infinity included; NaN is 0).
    static func bounded(_ seconds: Double) -> Double {
        seconds.isNaN ? 0 : min(max(seconds, 0), longestWait)
    }

    /// A Go-style duration: `1h2m3.5s`, `250ms`, `7.66s`, or a bare number of seconds.
    static func duration(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = Double(text) { return !seconds.isNaN && seconds >= 0 ? seconds : nil }
        let units: [(String, Double)] = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)]
        var total = 0.0
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        return total
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
