import Foundation
import PostgresNIO

/// The shared store's schema history, versioned like the SQLite store's: a migration that
/// has shipped is never edited. The node that starts first applies what is missing; the
/// others wait on the same advisory lock and find it done.
enum PostgresSchema {
    /// Held for the length of a migration run; any constant of our own would do.
    static let migrationLock: Int64 = 0x696E_766F_6963_6564 // "invoiced"

    /// Each migration is its statements in order; a function's body (between `$$`) is one.
    static let migrations: [(version: String, sql: String)] = [
        ("v1: ocr_jobs, invoices, job history", """
            CREATE TABLE ocr_jobs (
                id text PRIMARY KEY,
                filepath text NOT NULL,
                filename text NOT NULL,
                status text NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed', 'duplicate')),
                attempts integer NOT NULL DEFAULT 0,
                invoice_id bigint,
                error_message text,
                uploader text,
                user_id text,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                started_at timestamptz,
                completed_at timestamptz,
                sha256 text,
                size_bytes bigint,
                progress integer NOT NULL DEFAULT 0,
                pages integer,
                lease_expires_at timestamptz,
                next_attempt_at timestamptz,
                source_path text,
                intake_pending boolean NOT NULL DEFAULT false,
                duplicate_of text,
                result_path text,
                interruptions integer NOT NULL DEFAULT 0,
                locked_by text);
            -- The claim's scan: runnable jobs oldest first, and leases that ran out.
            CREATE INDEX ocr_jobs_queued ON ocr_jobs (created_at) WHERE status = 'queued' AND NOT intake_pending;
            CREATE INDEX ocr_jobs_leases ON ocr_jobs (lease_expires_at) WHERE status = 'processing';
            CREATE INDEX ocr_jobs_sha256 ON ocr_jobs (sha256);
            CREATE INDEX ocr_jobs_created ON ocr_jobs (created_at);
            CREATE INDEX ocr_jobs_status ON ocr_jobs (status, created_at);

            CREATE TABLE invoices (
                id bigserial PRIMARY KEY,
                job_id text NOT NULL UNIQUE REFERENCES ocr_jobs (id),
                filename text NOT NULL,
                invoice_code text,
                invoice_type text,
                invoice_series text,
                invoice_number text,
                invoice_date text,
                seller_name text,
                seller_tax_code text,
                buyer_name text,
                buyer_tax_code text,
                -- Exact: the chat's sums and /api/invoices/sums add them without rounding.
                subtotal numeric,
                vat_rate numeric,
                vat_amount numeric,
                total_amount numeric,
                currency text,
                amount_in_words text,
                confidence_score double precision,
                checks_json text,
                field_confidence_json text,
                raw_text text NOT NULL,
                ocr_confidence double precision,
                sha256 text,
                uploader text,
                user_id text,
                created_at timestamptz NOT NULL,
                seller_folded text,
                checks_failed boolean NOT NULL DEFAULT false,
                needs_review boolean NOT NULL DEFAULT false);
            CREATE INDEX invoices_created ON invoices (created_at);
            CREATE INDEX invoices_twin ON invoices (seller_tax_code, invoice_number);

            CREATE TABLE invoice_edits (
                id bigserial PRIMARY KEY,
                invoice_id bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
                field text NOT NULL,
                old_value text,
                new_value text,
                edited_by text NOT NULL,
                edited_at timestamptz NOT NULL);
            CREATE INDEX invoice_edits_invoice ON invoice_edits (invoice_id, id);

            -- Per seller tax code, what people wrote for that seller (corrections teach).
            CREATE TABLE supplier_profiles (
                seller_tax_code text PRIMARY KEY,
                seller_name text,
                invoice_type text,
                currency text,
                corrections integer NOT NULL DEFAULT 0,
                updated_at timestamptz NOT NULL);

            -- POST /chat's memory: each user's questions and final answers, in order.
            CREATE TABLE chat_messages (
                id bigserial PRIMARY KEY,
                user_id text NOT NULL,
                role text NOT NULL CHECK (role IN ('user', 'assistant')),
                content text NOT NULL,
                invoice_ids text,
                created_at timestamptz NOT NULL);
            CREATE INDEX chat_messages_user ON chat_messages (user_id, id);

            -- Every change of a job's status, in the transaction of the change, whichever
            -- node made it (the SQLite store's trigger of v13).
            CREATE TABLE job_history (
                id bigserial PRIMARY KEY,
                job_id text NOT NULL REFERENCES ocr_jobs (id) ON DELETE CASCADE,
                status text NOT NULL,
                attempts integer NOT NULL,
                message text,
                at timestamptz NOT NULL);
            CREATE INDEX job_history_job ON job_history (job_id, id);
            CREATE FUNCTION ocr_jobs_history() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO job_history (job_id, status, attempts, message, at)
                VALUES (NEW.id, NEW.status, NEW.attempts, NEW.error_message, NEW.updated_at);
                RETURN NULL;
            END $$;
            CREATE TRIGGER ocr_jobs_history AFTER UPDATE OF status ON ocr_jobs
                FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ocr_jobs_history();

            -- Idle workers of every node wake when a job becomes runnable (LISTEN invoiced_jobs).
            CREATE FUNCTION ocr_jobs_runnable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.status = 'queued' AND NOT NEW.intake_pending THEN
                    PERFORM pg_notify('invoiced_jobs', NEW.id);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER ocr_jobs_runnable AFTER INSERT OR UPDATE OF status, intake_pending ON ocr_jobs
                FOR EACH ROW EXECUTE FUNCTION ocr_jobs_runnable();
            """),
        ("v2: search, review threshold, the API's indexes", """
            -- Each invoice's words, folded and split by the daemon as the SQLite store's FTS5
            -- index has them (SearchText.words), and its buyer folded: no extension needed,
            -- and "dien luc" finds "ĐIỆN LỰC" on both stores alike.
            CREATE TABLE invoice_search (
                invoice_id bigint PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
                body tsvector NOT NULL,
                buyer_folded text);
            CREATE INDEX invoice_search_body ON invoice_search USING gin (body);
            -- The review threshold the invoices were last marked under (ReviewRule).
            CREATE TABLE store_settings (name text PRIMARY KEY, value double precision NOT NULL);
            CREATE INDEX invoices_date ON invoices (invoice_date, id);
            CREATE INDEX invoices_score ON invoices (confidence_score NULLS FIRST, id);
            CREATE INDEX invoices_seller ON invoices (seller_folded);
            CREATE INDEX ocr_jobs_finished ON ocr_jobs (completed_at) WHERE status IN ('done', 'failed');
            CREATE INDEX ocr_jobs_invoice ON ocr_jobs (invoice_id);
            -- A node's unfinished intakes (its name in locked_by) and its runs' leases.
            CREATE INDEX ocr_jobs_held ON ocr_jobs (locked_by text_pattern_ops) WHERE locked_by IS NOT NULL;
            """),
        ("v3: counts kept as deltas, the review queue's and a type's indexes", """
            -- /api/stats counted every job per status: a scan of the table on each request.
            -- Counts are kept instead, as rows of changes each statement adds (never a row every
            -- node updates: all of them would queue on it, and changes of status in opposite
            -- directions would lock the same rows in opposite orders), summed when read and
            -- folded into one row per name now and then (PostgresInvoiceStore.foldCounts).
            CREATE TABLE store_counts (name text NOT NULL, n bigint NOT NULL);
            INSERT INTO store_counts SELECT 'jobs.' || status, count(*) FROM ocr_jobs GROUP BY status;
            INSERT INTO store_counts SELECT 'invoices', count(*) FROM invoices;
            INSERT INTO store_counts SELECT 'invoices.needs_review', count(*) FROM invoices WHERE needs_review;
            CREATE FUNCTION ocr_jobs_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO store_counts SELECT 'jobs.' || status, count(*) FROM new_rows GROUP BY status;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO store_counts SELECT 'jobs.' || status, -count(*) FROM old_rows GROUP BY status;
                ELSE
                    INSERT INTO store_counts SELECT name, sum(n) FROM (
                        SELECT 'jobs.' || status AS name, -1 AS n FROM old_rows
                        UNION ALL SELECT 'jobs.' || status, 1 FROM new_rows) AS changes
                    GROUP BY name HAVING sum(n) <> 0;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER ocr_jobs_count_insert AFTER INSERT ON ocr_jobs REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION ocr_jobs_count();
            CREATE TRIGGER ocr_jobs_count_update AFTER UPDATE ON ocr_jobs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION ocr_jobs_count();
            CREATE TRIGGER ocr_jobs_count_delete AFTER DELETE ON ocr_jobs REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION ocr_jobs_count();
            CREATE FUNCTION invoices_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO store_counts SELECT 'invoices', count(*) FROM new_rows HAVING count(*) > 0;
                    INSERT INTO store_counts SELECT 'invoices.needs_review', count(*) FROM new_rows WHERE needs_review HAVING count(*) > 0;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO store_counts SELECT 'invoices', -count(*) FROM old_rows HAVING count(*) > 0;
                    INSERT INTO store_counts SELECT 'invoices.needs_review', -count(*) FROM old_rows WHERE needs_review HAVING count(*) > 0;
                ELSE
                    INSERT INTO store_counts SELECT 'invoices.needs_review', sum(n) FROM (
                        SELECT -1 AS n FROM old_rows WHERE needs_review
                        UNION ALL SELECT 1 FROM new_rows WHERE needs_review) AS changes
                    HAVING sum(n) <> 0;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER invoices_count_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoices_count();
            CREATE TRIGGER invoices_count_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoices_count();
            CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoices_count();
            -- The review queue (needs_review, lowest score first) without walking the scores of
            -- every invoice that needs none.
            CREATE INDEX invoices_review_score ON invoices (confidence_score NULLS FIRST, id) WHERE needs_review;
            -- A type's invoices between two dates, by date: read in the index's order.
            CREATE INDEX invoices_type_date ON invoices (invoice_type, invoice_date, id);
            """),
    ]

    /// Applies the migrations this database lacks, under the advisory lock; returns how many.
    @discardableResult
    static func migrate(_ session: PostgresSession) throws -> Int {
        try session.withConnection { connection in
            try session.run("SELECT pg_advisory_lock(\(migrationLock))", on: connection)
            defer { _ = try? session.run("SELECT pg_advisory_unlock(\(migrationLock))", on: connection) }
            try session.run("CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                            on: connection)
            let applied = Set(try session.run("SELECT version FROM schema_migrations", on: connection).rows.map { try $0.decode(String.self) })
            var count = 0
            for migration in migrations where !applied.contains(migration.version) {
                try session.run("BEGIN", on: connection)
                do {
                    for statement in statements(of: migration.sql) { try session.run(statement, on: connection) }
                    var binds = PostgresBindings()
                    binds.append(migration.version)
                    try session.run("INSERT INTO schema_migrations (version) VALUES ($1)", binds, on: connection)
                    try session.run("COMMIT", on: connection)
                } catch {
                    _ = try? session.run("ROLLBACK", on: connection)
                    throw error
                }
                count += 1
            }
            return count
        }
    }

    /// The statements of a migration's text: each ends with `;` at the end of a line outside
    /// a `$$` body. (The extended protocol, which binds need, takes one statement at a time.)
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.trimmingPrefix(while: \.isWhitespace)
            if code.hasPrefix("--") { continue }
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.hasSuffix(";") {
                statements.append(String(current.dropLast(2)))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// Each table's columns and their types (`udt_name`: text, int4, int8, bool, numeric,
    /// float8, timestamptz), for binding record values in their column's type.
    static func columnTypes(_ session: PostgresSession) throws -> [String: [String: String]] {
        let result = try session.run("""
            SELECT table_name::text, column_name::text, udt_name::text FROM information_schema.columns
            WHERE table_schema = current_schema()
            """)
        var types: [String: [String: String]] = [:]
        for row in result.rows {
            let (table, column, type) = try row.decode((String, String, String).self)
            types[table, default: [:]][column] = type
        }
        return types
    }
}
