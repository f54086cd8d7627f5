import Foundation
import GRDB
import PostgresNIO

/// The SQLite store's records (`Job`, `Invoice`) read and written on PostgreSQL: one record
/// type per table for both stores, its columns named once by its CodingKeys. A record is
/// written through GRDB's own encoding of it (`databaseDictionary`) and read back through a
/// GRDB `Row`, so a column added to a record reaches both stores the same way.
enum PostgresRecords {
    /// A PostgreSQL row as a GRDB row, each value as the SQLite store would hold it.
    static func row(_ row: PostgresRow) throws -> GRDB.Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            values[cell.columnName] = try value(of: cell)
        }
        return GRDB.Row(values)
    }

    /// One record per row.
    static func records<R: FetchableRecord>(_ type: R.Type, _ result: PostgresQueryResult) throws -> [R] {
        try result.rows.map { try R(row: row($0)) }
    }

    private static func value(of cell: PostgresCell) throws -> (any DatabaseValueConvertible)? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64.self)
        case .bool: return try cell.decode(Bool.self)
        case .float4, .float8: return try cell.decode(Double.self)
        // Amounts are exact numerics in PostgreSQL (sums are exact); a record holds a Double.
        case .numeric: return NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue
        case .timestamptz, .timestamp: return try cell.decode(Date.self)
        case .bytea: return Data(try cell.decode([UInt8].self))
        default: return try cell.decode(String.self)
        }
    }

    /// An INSERT of `record` into `table`: its columns, each value bound in the type the
    /// column has (`types`, read from the database at open). A nil `id` is left to the
    /// column's sequence. Returns the statement and its binds.
    static func insert(_ record: some EncodableRecord, into table: String, types: [String: String],
                       returning: String? = nil) throws -> (sql: String, binds: PostgresBindings) {
        try insert([record], into: table, types: types, returning: returning)
    }

    /// One INSERT of all of `records` (a row each), which must have the same columns; at
    /// most 65,535 values in all, PostgreSQL's limit of binds per statement.
    static func insert<R: EncodableRecord>(_ records: [R], into table: String, types: [String: String],
                                           returning: String? = nil) throws -> (sql: String, binds: PostgresBindings) {
        var columns: [String]?
        var rows: [String] = []
        var binds = PostgresBindings()
        for record in records {
            let values = try record.databaseDictionary.filter { !($0.key == "id" && $0.value.isNull) }.sorted { $0.key < $1.key }
            let names = values.map(\.key)
            guard columns == nil || columns == names else {
                throw DatabaseError(message: "rows of \(table) with different columns cannot be inserted in one statement")
            }
            columns = names
            var placeholders: [String] = []
            for (column, value) in values {
                guard let type = types[column] else {
                    throw DatabaseError(message: "\(table).\(column) is not a column of the PostgreSQL store: its migrations are behind the record")
                }
                placeholders.append(try bind(value, as: type, into: &binds))
            }
            rows.append("(\(placeholders.joined(separator: ", ")))")
        }
        var sql = "INSERT INTO \(table) (\((columns ?? []).joined(separator: ", "))) VALUES \(rows.joined(separator: ", "))"
        if let returning { sql += " RETURNING \(returning)" }
        return (sql, binds)
    }

    /// Appends `value` to `binds` and returns its placeholder, cast to the column's type.
    /// Dates are GRDB's UTC text; booleans its 0 and 1.
    static func bind(_ value: DatabaseValue, as type: String, into binds: inout PostgresBindings) throws -> String {
        let placeholder = "$\(binds.count + 1)"
        switch value.storage {
        case .null:
            binds.appendNull()
            return placeholder
        case let .int64(number) where type == "bool":
            binds.append(number != 0)
            return placeholder
        case let .int64(number):
            binds.append(number)
        case let .double(number):
            binds.append(number)
        case let .string(text) where type == "timestamptz":
            binds.append(text)
            return "(\(placeholder)::timestamp AT TIME ZONE 'UTC')"
        case let .string(text):
            binds.append(text)
        case let .blob(data):
            binds.append([UInt8](data))
        }
        return "\(placeholder)::\(type)"
    }
}
