import Foundation
import GRDB
import JobStore

/// Fills a daemon's database (its schema made by the daemon's own migrations) with `rows`
/// done jobs and their invoices and search-index rows, in one transaction of plain SQL.
///
/// Each invoice copies one of the real OCR texts of the extraction corpus
/// (`Tests/InvoiceExtractionTests/Corpus/ocr/`, about 2 KB each) and its fields, with its
/// own number, code, file name, date and amounts: a store where, as in an office's, many
/// invoices come from the same few suppliers and share most words. The index rows hold
/// exactly what `JobStore.complete` would have written: `SearchText.fold(searchBody)`.
/// Templates are folded in Swift; per-row parts are ASCII, which SQL's `lower` folds.
enum SyntheticStore {
    /// One OCR text and its expected fields.
    struct Template {
        var text: String
        var fields: [String: Any]
    }

    /// The corpus texts under `folder` (each `NAME.txt` with `NAME.json`).
    static func templates(folder: String) throws -> [Template] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.compactMap { name in
            let json = "\(folder)/\(name.dropLast(4)).json"
            guard FileManager.default.fileExists(atPath: json) else { return nil }
            let fields = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any] ?? [:]
            return Template(text: try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8), fields: fields)
        }
    }

    /// Inserts `rows` jobs and invoices into the database at `path`, which no process has open.
    static func fill(path: String, rows: Int, templates: [Template]) throws {
        guard !templates.isEmpty else { throw BenchError("no OCR texts to build invoices from") }
        try bulkInsert(path: path, rows: rows, templates: templates)
        // Written without syncs, the store is gigabytes of dirty pages in the kernel's cache.
        // The daemon's first checkpoint syncs the file and would wait for all of them (an
        // intake 1.2 s late in an earlier run): a store that grew over months has none.
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try file.synchronize()
    }

    private static func bulkInsert(path: String, rows: Int, templates: [Template]) throws {
        let db = try DatabaseQueue(path: path)
        defer { try? db.close() }
        try db.writeWithoutTransaction { db in
            // A throwaway bulk load: no rollback journal, no syncs. The daemon's WAL mode is
            // restored at the end.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            try loadTemplates(templates, into: db)
            try db.inTransaction {
                try insertRows(rows, templateCount: templates.count, into: db)
                return .commit
            }
            try db.execute(sql: "DROP TABLE seq")
            try db.execute(sql: "DROP TABLE template")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }

    /// A temporary `template` table: each template's texts, folded as the daemon folds them
    /// (in Swift, which SQL cannot), and its fields, for the row inserts to join.
    private static func loadTemplates(_ templates: [Template], into db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE template(
                t INTEGER PRIMARY KEY, raw_text TEXT, folded_text TEXT, folded_fields TEXT,
                invoice_type TEXT, invoice_series TEXT, invoice_date TEXT, seller_name TEXT, seller_folded TEXT,
                seller_tax_code TEXT, buyer_name TEXT, buyer_tax_code TEXT, subtotal REAL, vat_rate REAL,
                vat_amount REAL, total_amount REAL, currency TEXT, amount_in_words TEXT)
            """)
        for (index, template) in templates.enumerated() {
            let f = template.fields
            func text(_ key: String) -> String? { f[key] as? String }
            func number(_ key: String) -> Double? { (f[key] as? NSNumber)?.doubleValue }
            // searchBody's fields between the number and the file name, each ending a line.
            let middle = [text("seller_name"), text("seller_tax_code"), text("buyer_name"), text("buyer_tax_code"),
                          text("invoice_type")].compactMap { $0 }.map { SearchText.fold($0) + "\n" }.joined()
            try db.execute(sql: "INSERT INTO template VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", arguments: [
                index, template.text, SearchText.fold(template.text), middle,
                text("invoice_type"), text("invoice_series"), text("invoice_date"), text("seller_name"),
                text("seller_name").map(SearchText.fold), text("seller_tax_code"), text("buyer_name"), text("buyer_tax_code"),
                number("subtotal"), number("vat_rate"), number("vat_amount"), number("total_amount"),
                text("currency"), text("amount_in_words"),
            ])
        }
    }

    /// `rows` done jobs, their invoices and their search-index rows, row k copying template
    /// k modulo the number of templates; in plain SQL, one statement per table, over a
    /// temporary `seq` table of the rows (left for the caller to drop with `template`).
    private static func insertRows(_ rows: Int, templateCount: Int, into db: Database) throws {
        // Row k: a scattered UUID-shaped id (as random ids scatter in the key's
        // b-tree), created over the last three years, oldest first.
        try db.execute(sql: """
            CREATE TEMP TABLE seq AS
            WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < :rows)
            SELECT k,
                printf('%08x-%04x-4%03x-8%03x-%012x', (k * 2654435761) % 4294967296, k % 65536,
                       (k * 7) % 4096, (k * 13) % 4096, k) AS id,
                printf('%07d', k) AS number,
                printf('scan-%07d.png', k) AS filename,
                julianday('now') - 1 - (:rows - k) * (1095.0 / :rows) AS day,
                1 + (k % 97) / 100.0 AS scale,
                k % :templates AS t
            FROM k
            """, arguments: ["rows": rows, "templates": templateCount])
        try db.execute(sql: """
            INSERT INTO ocr_jobs(id, filepath, filename, status, attempts, invoice_id, uploader, created_at,
                updated_at, started_at, completed_at, sha256, size_bytes, progress, pages, intake_pending, result_path)
            SELECT id, 'data/archive/' || id || '-' || filename, filename, 'done', 1, k,
                CASE WHEN k % 5 = 0 THEN 'scanner-' || (k % 3) ELSE NULL END,
                strftime('%Y-%m-%d %H:%M:%f', day), strftime('%Y-%m-%d %H:%M:%f', day + 0.00005),
                strftime('%Y-%m-%d %H:%M:%f', day + 0.00001), strftime('%Y-%m-%d %H:%M:%f', day + 0.00005),
                lower(hex(randomblob(32))), 100000 + k % 50000, 100, 1, 0, 'data/results/' || id || '.json'
            FROM seq
            """)
        try db.execute(sql: """
            INSERT INTO invoices(id, job_id, filename, invoice_code, invoice_type, invoice_series, invoice_number,
                invoice_date, seller_name, seller_tax_code, buyer_name, buyer_tax_code, subtotal, vat_rate, vat_amount,
                total_amount, currency, amount_in_words, confidence_score, checks_json, raw_text, ocr_confidence,
                sha256, uploader, created_at, seller_folded)
            SELECT k, id, filename,
                CASE WHEN template.invoice_series IS NULL THEN number ELSE template.invoice_series || '-' || number END,
                template.invoice_type, template.invoice_series, number, date(day - 2),
                template.seller_name, template.seller_tax_code, template.buyer_name, template.buyer_tax_code,
                round(template.subtotal * scale), template.vat_rate, round(template.vat_amount * scale),
                round(template.total_amount * scale),
                template.currency, template.amount_in_words, 0.9, '{}', template.raw_text, 88,
                NULL, NULL, strftime('%Y-%m-%d %H:%M:%f', day + 0.00005), template.seller_folded
            FROM seq JOIN template USING (t)
            """)
        try db.execute(sql: """
            INSERT INTO invoices_fts(rowid, body)
            SELECT k,
                lower(CASE WHEN template.invoice_series IS NULL THEN number ELSE template.invoice_series || '-' || number END)
                || char(10) || number || char(10) || template.folded_fields || filename || char(10) || template.folded_text
            FROM seq JOIN template USING (t)
            """)
    }
}
