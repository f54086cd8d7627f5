import APIWire
import GRDB

/// Stored as its raw value, which GRDB reads and writes through this conformance.
extension JobStatus: DatabaseValueConvertible {}
