import GRDB

/// The schema's history. A migration that has shipped is never edited: add a new one.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: ocr_jobs and invoices") { db in
            // The seed system's tables and columns, plus what this daemon needs.
            try db.create(table: "ocr_jobs") { t in
                t.primaryKey("id", .text)
                t.column("filepath", .text).notNull()
                t.column("filename", .text).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('queued','processing','done','failed','duplicate')")
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("invoice_id", .integer)
                t.column("error_message", .text)
                t.column("uploader", .text)
                t.column("user_id", .text)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("completed_at", .datetime)
                t.column("sha256", .text)
                t.column("size_bytes", .integer)
                t.column("progress", .integer).notNull().defaults(to: 0)
                t.column("pages", .integer)
                t.column("lease_expires_at", .datetime)
                t.column("next_attempt_at", .datetime)
                t.column("source_path", .text)
                t.column("intake_pending", .boolean).notNull().defaults(to: false)
                t.column("duplicate_of", .text)
                t.column("result_path", .text)
            }
            try db.create(index: "ocr_jobs_runnable", on: "ocr_jobs", columns: ["status", "created_at"])
            try db.create(index: "ocr_jobs_sha256", on: "ocr_jobs", columns: ["sha256"])
            try db.create(index: "ocr_jobs_created", on: "ocr_jobs", columns: ["created_at"])

            try db.create(table: "invoices") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("job_id", .text).notNull().unique().references("ocr_jobs")
                t.column("filename", .text).notNull()
                t.column("invoice_code", .text)
                t.column("invoice_type", .text)
                t.column("invoice_series", .text)
                t.column("invoice_number", .text)
                t.column("invoice_date", .text)
                t.column("seller_name", .text)
                t.column("seller_tax_code", .text)
                t.column("buyer_name", .text)
                t.column("buyer_tax_code", .text)
                t.column("subtotal", .double)
                t.column("vat_rate", .double)
                t.column("vat_amount", .double)
                t.column("total_amount", .double)
                t.column("currency", .text)
                t.column("amount_in_words", .text)
                t.column("confidence_score", .double)
                t.column("checks_json", .text)
                t.column("raw_text", .text).notNull()
                t.column("ocr_confidence", .double)
                t.column("sha256", .text)
                t.column("uploader", .text)
                t.column("user_id", .text)
                t.column("created_at", .datetime).notNull()
            }
            try db.create(index: "invoices_created", on: "invoices", columns: ["created_at"])
        }
        migrator.registerMigration("v2: search index and folded seller") { db in
            // Text folded by SearchText.fold (diacritics, đ -> d), one row per invoice, rowid =
            // invoices.id. Snippets are cut from the original text, so only the folded form
            // needs to be stored.
            try db.execute(sql: "CREATE VIRTUAL TABLE invoices_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
            try db.alter(table: "invoices") { t in t.add(column: "seller_folded", .text) }
            // The columns are named here, not read through `Invoice`: a migration sees the table
            // as it was at its version, whatever the record has become since.
            let indexed = ["invoice_code", "invoice_number", "seller_name", "seller_tax_code", "buyer_name", "buyer_tax_code",
                           "invoice_type", "filename", "raw_text"]
            for row in try Row.fetchAll(db, sql: "SELECT id, \(indexed.joined(separator: ", ")) FROM invoices") {
                let id: Int64 = row["id"]
                let body = indexed.compactMap { row[$0] as String? }.joined(separator: "\n")
                try db.execute(sql: "UPDATE invoices SET seller_folded = ? WHERE id = ?",
                               arguments: [(row["seller_name"] as String?).map(SearchText.fold), id])
                try db.execute(sql: "INSERT INTO invoices_fts(rowid, body) VALUES (?, ?)",
                               arguments: [id, SearchText.fold(body)])
            }
            try db.create(index: "invoices_type", on: "invoices", columns: ["invoice_type"])
            try db.create(index: "invoices_date", on: "invoices", columns: ["invoice_date"])
            try db.create(index: "ocr_jobs_completed", on: "ocr_jobs", columns: ["completed_at"])
        }
        migrator.registerMigration("v3: chat history") { db in
            // POST /chat's memory: each user's questions and final answers, in order.
            try db.create(table: "chat_messages") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("user_id", .text).notNull()
                t.column("role", .text).notNull().check(sql: "role IN ('user','assistant')")
                t.column("content", .text).notNull()
                t.column("invoice_ids", .text)
                t.column("created_at", .datetime).notNull()
            }
            try db.create(index: "chat_messages_user", on: "chat_messages", columns: ["user_id", "id"])
        }
        migrator.registerMigration("v4: counts kept by triggers, pending-intake index") { db in
            // `/api/stats` counted the jobs per status and the invoices on every request, a scan
            // of every row: 85 ms and 26 ms at 1,000,000 (docs/BENCHMARKS.md). Triggers keep
            // the counts instead, in the same transaction as the change they count.
            try db.execute(sql: """
                CREATE TABLE store_counts(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO store_counts(name, n) SELECT 'jobs.' || status, COUNT(*) FROM ocr_jobs GROUP BY status;
                INSERT INTO store_counts(name, n) SELECT 'invoices', COUNT(*) FROM invoices;
                CREATE TRIGGER ocr_jobs_count_insert AFTER INSERT ON ocr_jobs BEGIN
                    INSERT INTO store_counts(name, n) VALUES ('jobs.' || NEW.status, 1)
                        ON CONFLICT(name) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER ocr_jobs_count_update AFTER UPDATE OF status ON ocr_jobs
                WHEN OLD.status IS NOT NEW.status BEGIN
                    UPDATE store_counts SET n = n - 1 WHERE name = 'jobs.' || OLD.status;
                    INSERT INTO store_counts(name, n) VALUES ('jobs.' || NEW.status, 1)
                        ON CONFLICT(name) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER ocr_jobs_count_delete AFTER DELETE ON ocr_jobs BEGIN
                    UPDATE store_counts SET n = n - 1 WHERE name = 'jobs.' || OLD.status;
                END;
                CREATE TRIGGER invoices_count_insert AFTER INSERT ON invoices BEGIN
                    INSERT INTO store_counts(name, n) VALUES ('invoices', 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices BEGIN
                    UPDATE store_counts SET n = n - 1 WHERE name = 'invoices';
                END;
                """)
            // Every intake asks whether a pending intake already takes the file; without an
            // index that read the whole table (267 ms at 1,000,000 jobs). Pending intakes are
            // few and short-lived, so the partial index stays tiny.
            try db.execute(sql: "CREATE INDEX ocr_jobs_pending_intake ON ocr_jobs(source_path) WHERE intake_pending = 1")
        }
        migrator.registerMigration("v5: invoice type index holds the id and date") { db in
            // The invoice list filtered by type and dates walks the type's invoices newest
            // first until a page matches the dates. With the date in the index, SQLite checks
            // it there and reads only the rows it returns: 6 ms to 0.9 ms at 1,000,000
            // invoices (docs/BENCHMARKS.md). It serves type-only filters as the old one did.
            try db.execute(sql: """
                CREATE INDEX invoices_type_id_date ON invoices(invoice_type, id, invoice_date);
                DROP INDEX invoices_type;
                """)
        }
        migrator.registerMigration("v6: invoice lists with dates go by date") { db in
            // A list with dates is ordered by invoice date (JobStore.invoices): with a type
            // too, this index walks the type's dates in order. Lists by type alone still go
            // by id, on the v5 index.
            try db.execute(sql: "CREATE INDEX invoices_type_date ON invoices(invoice_type, invoice_date)")
        }
        migrator.registerMigration("v7: runs that died holding a job") { db in
            // A SIGKILL gives the attempt back (the file is not to blame for a power cut), so a
            // file that gets the daemon OOM-killed looped forever; this counts such deaths in a
            // row (Reconciler) and lets the queue run a suspect alone (claimNext).
            try db.execute(sql: "ALTER TABLE ocr_jobs ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v8: invoices that need review") { db in
            // needs_review (ReviewRule) is stored, not worked out per query, so that the list
            // filter walks an index and /api/stats reads a count kept by triggers (v4).
            // checks_failed is the part that does not depend on the threshold: with it a new
            // threshold re-marks the rows in SQL (JobStore.applyReviewThreshold).
            // Existing rows are marked from their stored checks and score, under the default
            // threshold 0.8; the daemon applies the configured one when it starts. The rule is
            // written out here, not taken from ReviewRule, so that this migration stays as it
            // shipped whatever the rule becomes.
            try db.execute(sql: """
                ALTER TABLE invoices ADD COLUMN checks_failed BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE invoices ADD COLUMN needs_review BOOLEAN NOT NULL DEFAULT 0;
                UPDATE invoices SET checks_failed = 1 WHERE json_valid(checks_json) AND (
                    json_extract(checks_json, '$.sum_matches') = 0 OR json_extract(checks_json, '$.vat_rate_matches') = 0
                    OR json_extract(checks_json, '$.words_match_total') = 0 OR json_extract(checks_json, '$.items_sum_matches') = 0
                    OR json_extract(checks_json, '$.cash_change_matches') = 0 OR json_extract(checks_json, '$.seller_tax_code_valid') = 0
                    OR json_extract(checks_json, '$.buyer_tax_code_valid') = 0);
                UPDATE invoices SET needs_review = (checks_failed = 1 OR confidence_score IS NULL OR confidence_score < 0.8);
                CREATE INDEX invoices_review ON invoices(needs_review, id);
                CREATE TABLE store_settings(name TEXT PRIMARY KEY, value) WITHOUT ROWID;
                INSERT INTO store_counts(name, n) SELECT 'invoices.needs_review', COUNT(*) FROM invoices WHERE needs_review = 1;
                CREATE TRIGGER invoices_review_count_insert AFTER INSERT ON invoices WHEN NEW.needs_review = 1 BEGIN
                    INSERT INTO store_counts(name, n) VALUES ('invoices.needs_review', 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER invoices_review_count_update AFTER UPDATE OF needs_review ON invoices
                WHEN OLD.needs_review IS NOT NEW.needs_review BEGIN
                    INSERT INTO store_counts(name, n) VALUES ('invoices.needs_review', CASE WHEN NEW.needs_review = 1 THEN 1 ELSE -1 END)
                        ON CONFLICT(name) DO UPDATE SET n = n + excluded.n;
                END;
                CREATE TRIGGER invoices_review_count_delete AFTER DELETE ON invoices WHEN OLD.needs_review = 1 BEGIN
                    UPDATE store_counts SET n = n - 1 WHERE name = 'invoices.needs_review';
                END;
                """)
            try db.execute(sql: "INSERT INTO store_settings(name, value) VALUES ('review_below', 0.8)")
        }
        migrator.registerMigration("v9: corrections and supplier profiles") { db in
            // What people changed on an invoice (who, when, which field, from what to what),
            // kept with the invoice and gone with it; and per seller tax code what they wrote
            // for that seller, which the pipeline applies to the seller's next invoices.
            try db.execute(sql: """
                CREATE TABLE invoice_edits(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT,
                    edited_by TEXT NOT NULL,
                    edited_at DATETIME NOT NULL);
                CREATE INDEX invoice_edits_invoice ON invoice_edits(invoice_id, id);
                CREATE TABLE supplier_profiles(
                    seller_tax_code TEXT PRIMARY KEY,
                    seller_name TEXT,
                    invoice_type TEXT,
                    currency TEXT,
                    corrections INTEGER NOT NULL DEFAULT 0,
                    updated_at DATETIME NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v10: the review queue by score") { db in
            // /api/invoices/list?needs_review=true&order=score walks the doubtful invoices
            // lowest score first, a page at a time, without sorting them all.
            try db.execute(sql: "CREATE INDEX invoices_review_score ON invoices(needs_review, confidence_score, id)")
        }
        migrator.registerMigration("v11: trust per field") { db in
            // The extractor's confidence in each field (as in results/<job>.json), so that the
            // invoice page can show it without reading the result file; null for invoices
            // read before.
            try db.execute(sql: "ALTER TABLE invoices ADD COLUMN field_confidence_json TEXT")
        }
        migrator.registerMigration("v12: sums per currency from an index") { db in
            // /api/invoices/sums over the whole store read every row, OCR text and all, to add
            // three columns; this index holds them, and SQLite scans it instead.
            try db.execute(sql: "CREATE INDEX invoices_currency_amounts ON invoices(currency, total_amount, vat_amount)")
        }
        migrator.registerMigration("v13: each job's history") { db in
            // Every change of a job's status (claimed, retried with why, done, failed, taken
            // back at a restart, retried by hand) as a row, written by a trigger in the same
            // transaction as the change, whichever code path made it. Its arrival is the job's
            // created_at; jobs older than this migration have a history from their next change.
            try db.execute(sql: """
                CREATE TABLE job_history(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_id TEXT NOT NULL REFERENCES ocr_jobs(id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    message TEXT,
                    at DATETIME NOT NULL);
                CREATE INDEX job_history_job ON job_history(job_id, id);
                CREATE TRIGGER ocr_jobs_history AFTER UPDATE OF status ON ocr_jobs WHEN OLD.status IS NOT NEW.status BEGIN
                    INSERT INTO job_history(job_id, status, attempts, message, at)
                    VALUES (NEW.id, NEW.status, NEW.attempts, NEW.error_message, NEW.updated_at);
                END;
                """)
        }
        migrator.registerMigration("v14: the lease's holder") { db in
            // A job's attempt may be ended only by the worker that holds its lease; the
            // PostgreSQL store, shared by several nodes, needs it, and both stores keep one
            // life cycle (JobTransition).
            try db.execute(sql: "ALTER TABLE ocr_jobs ADD COLUMN locked_by TEXT")
        }
        return migrator
    }
}
