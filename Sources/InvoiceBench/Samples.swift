/// A set of measurements (latencies in ms, durations in s, ratios) and the summaries the
/// report prints. Percentiles use the nearest-rank method: p99 of 500 samples is the 495th
/// smallest, a value that was really measured.
public struct Samples: Sendable, Equatable {
    /// The measurements, in the order they were taken.
    public private(set) var values: [Double]

    /// Samples holding `values`.
    public init(_ values: [Double] = []) {
        self.values = values
    }

    /// Adds one measurement.
    public mutating func append(_ value: Double) { values.append(value) }

    /// Adds several measurements.
    public mutating func append(contentsOf other: [Double]) { values.append(contentsOf: other) }

    /// Number of measurements.
    public var count: Int { values.count }

    /// The smallest value, nil when empty.
    public var min: Double? { values.min() }
    /// The largest value, nil when empty.
    public var max: Double? { values.max() }
    /// The median (p50 by nearest rank), nil when empty.
    public var median: Double? { percentile(50) }

    /// The `p`-th percentile (0 < p <= 100) by nearest rank, nil when empty.
    public func percentile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count, Swift.max(1, rank)) - 1]
    }
}

/// How a ratio of two timed things is summarised: the daemon's and a baseline's runs are
/// paired by round (run i of each, taken back to back), and the ratio is baseline / daemon.
public enum Ratio {
    /// Ratios of paired runs; when one side ran fewer times (the slow baseline), each of its
    /// runs is paired with the daemon run of the same round.
    public static func paired(baseline: [Double], daemon: [Double]) -> Samples {
        Samples(zip(baseline, daemon).compactMap { base, own in own > 0 ? base / own : nil })
    }
}
