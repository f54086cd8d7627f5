/// A field value with the trust its evidence earns, before document-wide scoring.
struct Found<Value: Sendable & Equatable>: Sendable, Equatable {
    var value: Value
    /// 0…1: how strongly the way it was found vouches for it.
    var confidence: Double
    /// Line it was read from (-1 when derived).
    var line: Int
}

/// Notes gathered while extracting, folded into `InvoiceChecks` at the end.
struct ExtractionNotes: Sendable {
    var repairs: [InvoiceChecks.Repair] = []
    var warnings: [String] = []

    mutating func repair(_ field: InvoiceField, _ original: String, _ repaired: String, _ reason: String) {
        repairs.append(InvoiceChecks.Repair(field: field.rawValue, original: original, repaired: repaired, reason: reason))
    }
}

extension DocumentIndex {
    /// Every hit with its identifier, in reading order.
    var allHits: [(id: HitID, hit: LabelHit)] {
        var result: [(HitID, LabelHit)] = []
        for (i, lineHits) in hits.enumerated() {
            for (j, hit) in lineHits.enumerated() { result.append((HitID(line: i, index: j), hit)) }
        }
        return result
    }
}
