import Foundation

/// Everything one run measured, turned into the Markdown that goes between the markers of
/// docs/BENCHMARKS.md. Nothing in the figures section is typed by hand.
struct Report {
    var machine: Machine
    var settings: BenchSettings
    var command: String
    var commit: String
    var date: Date
    var loadAtStart: [Double]
    var othersShare: [String: Double] = [:]
    var throughput: ThroughputBench.Result?
    var latency: [Int: Samples]?
    var status: [StatusLoadBench.Result]?
    var upload: UploadBench.Result?
    var memory: MemoryBench.Result?
    var store: StoreScaleBench.Result?
    /// The same store measured with the comparison build.
    var storeBefore: StoreScaleBench.Result?
    var burst: BurstBench.Result?
    var queue: QueueBench.Result?
    var nodes: NodesBench.Result?

    /// A target's verdict: "met", or "missed by" how much.
    static func verdict(_ value: Double?, atMost limit: Double, unit: String) -> String {
        guard let value else { return "not measured" }
        return value <= limit ? "met" : "**missed** by \(format(value - limit, 2)) \(unit)"
    }

    static func verdict(_ value: Double?, atLeast limit: Double) -> String {
        guard let value else { return "not measured" }
        return value >= limit ? "met" : "**missed** (\(format(value / limit * 100, 0)) % of it)"
    }

    private func ms(_ value: Double?) -> String { value.map { format($0, 2) } ?? "–" }

    func markdown() -> String {
        var out: [String] = []
        let iso = ISO8601DateFormatter()
        out.append("Measured \(iso.string(from: date)) at commit `\(commit)` with `\(command)`.")
        out.append("")
        out.append("Machine: \(machine.cpu), \(machine.cores) cores, \(format(machine.memoryGiB, 1)) GiB, \(machine.system), "
            + "kernel \(machine.kernel), \(machine.tesseract), languages `\(settings.languages)`, daemon workers = cores = \(settings.cores).")
        out.append("")
        let loads = loadAtStart.map { format($0, 2) }.joined(separator: " / ")
        let busiest = othersShare.values.max() ?? 0
        let quiet = (loadAtStart.first ?? 0) < 0.5 && busiest < 0.05
        out.append("Load average at the start (1/5/15 min): \(loads). Other processes' share of the CPU during each part: "
            + othersShare.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value * 100, 0)) %" }.joined(separator: ", ") + ". "
            + (quiet ? "The machine was quiet." : "**The machine was not quiet**: other work competed for the cores, so the figures are pessimistic and noisier than on an idle machine."))
        out.append("")
        if let throughput { out += throughputSection(throughput) }
        if let latency { out += latencySection(latency) }
        if let status, !status.isEmpty { out += statusSection(status) }
        if let upload { out += uploadSection(upload) }
        if let memory { out += memorySection(memory) }
        if let store { out += storeSection(store) }
        if let burst { out += burstSection(burst) }
        if let queue { out += queueSection(queue) }
        if let nodes { out += nodesSection(nodes) }
        if settings.compareBinary != nil { out += comparisonSection() }
        return out.joined(separator: "\n") + "\n"
    }

    private func throughputSection(_ result: ThroughputBench.Result) -> [String] {
        var out = ["### 1. Throughput: \(settings.corpusCount) rendered A4 invoices (~200 dpi) to text", ""]
        out.append("Seconds from the first file dropped until the last is read. The daemon's clock stops when every file is "
            + "`done` with its result JSON and `invoices` row; the pipelines' when `tesseract` has written the text. "
            + "Speed-up = pipeline seconds / daemon seconds of the same round (min / median / max).")
        out.append("")
        out.append("| contender | runs | min s | median s | max s | files/s | daemon speed-up | target | |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        let daemon = Samples(result.daemon)
        let files = Double(settings.corpusCount)
        out.append("| daemon, \(settings.cores) workers | \(daemon.count) | \(format(daemon.min ?? 0, 2)) | \(format(daemon.median ?? 0, 2)) | "
            + "\(format(daemon.max ?? 0, 2)) | \(format(files / (daemon.median ?? 1), 2)) | | | |")
        for (index, runs) in result.daemonVariants.sorted(by: { $0.key < $1.key }) {
            let samples = Samples(runs)
            // The default daemon's speed-up over the variant, like the pipelines' column.
            let ratio = Ratio.paired(baseline: runs, daemon: result.daemon)
            out.append("| daemon, \(settings.cores) workers, \(settings.daemonVariants[index].label) | \(samples.count) | \(format(samples.min ?? 0, 2)) | "
                + "\(format(samples.median ?? 0, 2)) | \(format(samples.max ?? 0, 2)) | \(format(files / (samples.median ?? 1), 2)) | "
                + "\(format(ratio.min ?? 0, 2))× / \(format(ratio.median ?? 0, 2))× / \(format(ratio.max ?? 0, 2))× | | (variant) |")
        }
        let targets: [TesseractPipeline: Double] = [.perFileParallel: 1.25, .sequentialDefaultThreads: 8, .longLivedLists: 0.95]
        for pipeline in [TesseractPipeline.perFileParallel, .sequentialDefaultThreads, .longLivedLists] {
            let runs = Samples(result.pipelines[pipeline] ?? [])
            let ratio = Ratio.paired(baseline: runs.values, daemon: result.daemon)
            let target = targets[pipeline] ?? 1
            out.append("| \(pipeline.title) | \(runs.count) | \(format(runs.min ?? 0, 2)) | \(format(runs.median ?? 0, 2)) | "
                + "\(format(runs.max ?? 0, 2)) | \(format(files / (runs.median ?? 1), 2)) | "
                + "\(format(ratio.min ?? 0, 2))× / \(format(ratio.median ?? 0, 2))× / \(format(ratio.max ?? 0, 2))× | "
                + "≥ \(format(target, 2))× | \(Self.verdict(ratio.median, atLeast: target)) |")
        }
        out.append("")
        let accuracy = result.accuracy
        out.append("Extraction accuracy of the daemon's `invoices` rows against the fixtures' expected JSON: "
            + "**\(accuracy.right) / \(accuracy.total) fields exactly right (\(format(accuracy.fraction * 100, 2)) %)** "
            + "over \(daemon.count) run(s) of \(settings.corpusCount) invoices × \(Accuracy.fields.count) fields.")
        out.append(Self.misses(accuracy))
        for (index, variant) in result.accuracyVariants.sorted(by: { $0.key < $1.key }) {
            out.append("")
            out.append("With \(settings.daemonVariants[index].label): **\(variant.right) / \(variant.total) fields exactly right "
                + "(\(format(variant.fraction * 100, 2)) %)**.")
            out.append(Self.misses(variant))
        }
        out.append("")
        return out
    }

    private static func misses(_ accuracy: Accuracy) -> String {
        let misses = Dictionary(grouping: accuracy.misses, by: { $0 }).map { "\($0.key) (×\($0.value.count))" }.sorted()
        return misses.isEmpty ? "No misses." : "Misses: " + misses.joined(separator: ", ") + "."
    }

    private func latencySection(_ result: [Int: Samples]) -> [String] {
        var out = ["### 2. Drop-to-queued latency", ""]
        out.append("From `close()` of a small image written into the inbox to its job row visible with intake finished "
            + "(polled every 0.5 ms, so figures are high by up to ~0.6 ms); one file every 50 ms.")
        out.append("")
        out.append("| `inbox.settle_ms` | files | p50 ms | p99 ms | max ms |")
        out.append("|---|---|---|---|---|")
        for settle in result.keys.sorted() {
            let samples = result[settle]!
            out.append("| \(settle) | \(samples.count) | \(ms(samples.median)) | \(ms(samples.percentile(99))) | \(ms(samples.max)) |")
        }
        out.append("")
        return out
    }

    private func statusSection(_ results: [StatusLoadBench.Result]) -> [String] {
        var out = ["### 3. Status latency while every worker reads", ""]
        let first = results[0]
        out.append("\(Int(first.rate)) requests/s for \(format(first.seconds, 0)) s, open-loop, alternating the two routes "
            + "over the Unix socket (AsyncHTTPClient), while \(settings.cores) workers OCR rendered invoices. "
            + "Latency from send to the last byte of the answer. The daemon's default `ocr.worker_nice` is 10; "
            + "the run at 0 shows what lowering the workers' priority bought, the idle run the floor of the path itself "
            + "(client included).")
        out.append("")
        out.append("| route | workers | `ocr.worker_nice` | answers | p50 ms | p99 ms | max ms | errors | target p99 | |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for result in results {
            for (name, samples) in [("`GET /api/ocr/job/{id}`", result.job), ("`GET /api/stats`", result.stats)] {
                let verdict = result.workerNice == 10 && result.busy
                    ? Self.verdict(samples.percentile(99), atMost: 2, unit: "ms") + (result.errors > 0 ? ", **errors**" : "")
                    : "(reference)"
                out.append("| \(name) | \(result.busy ? "all busy" : "idle") | \(result.workerNice) | \(samples.count) | "
                    + "\(ms(samples.median)) | \(ms(samples.percentile(99))) | \(ms(samples.max)) | \(result.errors) (both routes) | "
                    + "≤ 2 ms, 0 errors | \(verdict) |")
            }
        }
        out.append("")
        out.append(results.map { result in
            "\(result.busy ? "Busy" : "Idle"), `ocr.worker_nice` \(result.workerNice): every worker busy in "
                + "\(format(result.busyShare * 100, 0)) % of the `/api/stats` answers; requests left "
                + "\(ms(result.lateness.median)) ms (p50) / \(ms(result.lateness.percentile(99))) ms (p99) after their scheduled time."
        }.joined(separator: " "))
        out.append("")
        return out
    }

    private func uploadSection(_ result: UploadBench.Result) -> [String] {
        var out = ["### 4. Upload latency", ""]
        out.append("`POST /upload-image`, multipart field `image`, \(settings.uploadBytes / 1024) KiB each, one every 50 ms, while the "
            + "workers read the earlier uploads; from send to the daemon's `202`.")
        out.append("")
        out.append("| uploads | p50 ms | p99 ms | max ms | errors | target p99 | |")
        out.append("|---|---|---|---|---|---|---|")
        out.append("| \(result.latency.count) | \(ms(result.latency.median)) | \(ms(result.latency.percentile(99))) | "
            + "\(ms(result.latency.max)) | \(result.errors) | ≤ 20 ms | \(Self.verdict(result.latency.percentile(99), atMost: 20, unit: "ms")) |")
        out.append("")
        return out
    }

    private func memorySection(_ result: MemoryBench.Result) -> [String] {
        var out = ["### 5. Memory", ""]
        let growth = result.afterWarmUpKiB > 0 ? Double(result.afterAllKiB - result.afterWarmUpKiB) / Double(result.afterWarmUpKiB) : 0
        out.append("| figure | RSS |")
        out.append("|---|---|")
        out.append("| idle, \(settings.cores) workers with their engines loaded (`vie+eng` and `vie` each) | \(format(Double(result.idleKiB) / 1024, 0)) MiB |")
        out.append("| peak (VmHWM) over \(result.pages300dpi) A4 pages at 300 dpi (2480 × 3508), \(settings.cores) workers | "
            + "\(format(Double(result.peakKiB) / 1024, 0)) MiB |")
        out.append("| after \(settings.memoryWarmUp) small documents | \(format(Double(result.afterWarmUpKiB) / 1024, 0)) MiB |")
        out.append("| after \(settings.memoryDocuments) small documents | \(format(Double(result.afterAllKiB) / 1024, 0)) MiB "
            + "(\(growth >= 0 ? "+" : "")\(format(growth * 100, 1)) %) |")
        out.append("")
        return out
    }

    private func storeSection(_ result: StoreScaleBench.Result) -> [String] {
        var out = ["### 6. A store of \(result.rows.formatted()) jobs and invoices", ""]
        out.append("Bulk-inserted in \(format(result.fillSeconds, 0)) s into the daemon's own schema (\(format(result.databaseMiB, 0)) MiB); "
            + "requests one at a time, no OCR running.")
        out.append("")
        out.append("| request | items | p50 ms | p99 ms | max ms | errors | target p99 | |")
        out.append("|---|---|---|---|---|---|---|---|")
        for query in result.queries {
            out.append("| \(query.name) | \(query.items.map(String.init) ?? "–") | \(ms(query.latency.median)) | "
                + "\(ms(query.latency.percentile(99))) | \(ms(query.latency.max)) | \(query.errors) | ≤ \(format(query.target, 0)) ms | "
                + "\(Self.verdict(query.latency.percentile(99), atMost: query.target, unit: "ms")) |")
        }
        out.append("")
        if let postgres = result.postgres { out += storePostgresSection(postgres, rows: result.rows) }
        if result.liveCountsLag.count > 0 {
            out.append("The dashboard's live counts on this store: from a file dropped in the inbox to its `job.queued` event on "
                + "`/api/events` (\(result.liveCountsLag.count) files, one every 100 ms), p50 \(ms(result.liveCountsLag.median)) ms, "
                + "p99 \(ms(result.liveCountsLag.percentile(99))) ms: target ≤ 1000 ms, "
                + "\(Self.verdict(result.liveCountsLag.percentile(99), atMost: 1000, unit: "ms")).")
            out.append("")
        }
        if let bytes = result.workspaceBytes {
            out.append("The invoices page transfers \(format(Double(bytes) / 1024, 0)) KiB the first time (the page, its CSS and "
                + "JavaScript modules, the first 50 invoices; nothing cached): target ≤ 200 KB, \(Self.verdict(Double(bytes) / 1000, atMost: 200, unit: "KB")).")
            out.append("")
        }
        out.append("Drop-to-queued on this store (settle 0, \(result.intake.count) small files, one every 50 ms): "
            + "p50 \(ms(result.intake.median)) ms, p99 \(ms(result.intake.percentile(99))) ms.")
        out.append("")
        if !result.statements.isEmpty {
            out.append("Statements whose cost grew with the store, timed directly on it (median of \(result.statements[0].afterMs.count)):")
            out.append("")
            out.append("| statement | before ms | now ms |")
            out.append("|---|---|---|")
            for statement in result.statements {
                out.append("| \(statement.name) | \(ms(statement.beforeMs.median)) | \(ms(statement.afterMs.median)) |")
            }
            out.append("")
        }
        if !result.searches.isEmpty {
            out.append("Searching `dien luc gia dinh` on this store, SQL only (median of \(result.searches[0].milliseconds.count)):")
            out.append("")
            out.append("| search | ms |")
            out.append("|---|---|")
            for search in result.searches { out.append("| \(search.name) | \(ms(search.milliseconds.median)) |") }
            out.append("")
        }
        out.append("<details><summary>Query plans (EXPLAIN QUERY PLAN) after the run</summary>")
        out.append("")
        for (name, plan) in result.plans { out.append("- \(name): `\(plan)`") }
        out.append("")
        out.append("</details>")
        out.append("")
        return out
    }

    private func burstSection(_ result: BurstBench.Result) -> [String] {
        var out = ["### 7. Burst", ""]
        out.append("| files | written in | all queued after | `inbox.settle_ms` |")
        out.append("|---|---|---|---|")
        out.append("| \(result.files.formatted()) small images, renamed in one after another | \(format(result.dropSeconds, 1)) s | "
            + "**\(format(result.queuedSeconds, 1)) s** | \(result.settleMs) |")
        out.append("")
        return out
    }

    /// The same reads on PostgreSQL. Issue 17's targets: status and lists p99 ≤ 10 ms,
    /// search ≤ 100 ms; the workspace's pages keep theirs.
    private func storePostgresSection(_ result: StoreScaleBench.PostgresReads, rows: Int) -> [String] {
        var out = ["The same store on PostgreSQL: copied by `invoiced store copy` (which checks counts and sums per currency) "
            + "in \(format(result.copySeconds, 0)) s into a private server of the bench's own, the daemon started on it "
            + "(`store: postgresql://…`, over the server's socket folder), the same requests:", ""]
        out.append("| request on PostgreSQL | items | p50 ms | p99 ms | max ms | errors | target p99 | |")
        out.append("|---|---|---|---|---|---|---|---|")
        for query in result.queries {
            let target = query.path.hasPrefix("/api/search") ? 100 : query.target <= 5 ? 10 : query.target
            out.append("| \(query.name) | \(query.items.map(String.init) ?? "–") | \(ms(query.latency.median)) | "
                + "\(ms(query.latency.percentile(99))) | \(ms(query.latency.max)) | \(query.errors) | ≤ \(format(target, 0)) ms | "
                + "\(Self.verdict(query.latency.percentile(99), atMost: target, unit: "ms")) |")
        }
        out.append("")
        return out
    }

    private func queueSection(_ result: QueueBench.Result) -> [String] {
        var out = ["### 8. The job queue: a claim's wait on a store of \(result.finishedRows.formatted()) finished jobs", ""]
        out.append("\(result.runnable.formatted()) runnable jobs claimed by \(result.claimers) claimers at once until none is left "
            + "(on PostgreSQL two sessions, as two nodes; a private server of the bench's own, docs/SCALING.md). "
            + "This is the queue alone, the part every node shares (figure 9 has nodes running). "
            + "The PostgreSQL server's own CPU counts among other processes' share for this part.")
        out.append("")
        out.append("| store | claim p50 | claim p99 | claims per second |")
        out.append("|---|---|---|---|")
        for (name, samples, seconds) in [("SQLite (one host)", result.sqlite, result.sqliteSeconds),
                                         ("PostgreSQL, `FOR UPDATE SKIP LOCKED`", result.postgres, result.postgresSeconds)] {
            out.append("| \(name) | \(format(samples.percentile(50) ?? 0, 2)) ms | **\(format(samples.percentile(99) ?? 0, 2)) ms** | "
                + "\(format(Double(samples.count) / max(seconds, 0.001), 0)) |")
        }
        out.append("")
        return out
    }

    /// Issue 17's targets: two nodes of a worker each at least 0.9 of one node's throughput
    /// with two workers; a runnable job claimed by an idle worker within 10 ms (p99).
    private func nodesSection(_ result: NodesBench.Result) -> [String] {
        var out = ["### 9. Nodes of one PostgreSQL store", ""]
        out.append("Seconds from the first of the \(settings.corpusCount) throughput invoices dropped until all are `done`, "
            + "on a private PostgreSQL server of the bench's own (socket folder), one data folder between the nodes, the files "
            + "spread over the nodes' inboxes; alternating rounds. Ratio = one node's seconds / two nodes' seconds of the same round.")
        out.append("")
        let one = Samples(result.oneNodeTwoWorkers), two = Samples(result.twoNodesOneWorker)
        let ratio = Ratio.paired(baseline: result.oneNodeTwoWorkers, daemon: result.twoNodesOneWorker)
        out.append("| nodes × workers | runs | min s | median s | max s | throughput vs 1 × 2 (min / median / max) | target | |")
        out.append("|---|---|---|---|---|---|---|---|")
        out.append("| 1 × 2 | \(one.count) | \(format(one.min ?? 0, 2)) | \(format(one.median ?? 0, 2)) | \(format(one.max ?? 0, 2)) | | | |")
        out.append("| 2 × 1 | \(two.count) | \(format(two.min ?? 0, 2)) | \(format(two.median ?? 0, 2)) | \(format(two.max ?? 0, 2)) | "
            + "\(format(ratio.min ?? 0, 2))× / \(format(ratio.median ?? 0, 2))× / \(format(ratio.max ?? 0, 2))× | ≥ 0.90× | "
            + "\(Self.verdict(ratio.median, atLeast: 0.9)) |")
        out.append("")
        let claims = result.runnableToClaimed
        out.append("From runnable to claimed in a running daemon: two idle nodes of a worker each, \(result.claimFiles) small files "
            + "dropped one at a time, each once the last is done; the moment the intake's update makes a job runnable and the moment "
            + "a worker's claim updates it, both stamped inside the statements by the server's clock (a trigger of the bench's own). "
            + "It holds the intake's commit, the NOTIFY, the worker waking and its claim: p50 \(ms(claims.median)) ms, "
            + "**p99 \(ms(claims.percentile(99))) ms**, max \(ms(claims.max)) ms; target p99 ≤ 10 ms, "
            + "\(Self.verdict(claims.percentile(99), atMost: 10, unit: "ms")).")
        out.append("")
        return out
    }

    /// Before and now, side by side, for the figures the comparison build was measured on.
    private func comparisonSection() -> [String] {
        var out = ["### What the changes bought (measured in this run)", ""]
        out.append("\"Before\" is the comparison build (`--compare-binary`), measured in the same run on the same corpus and an "
            + "equal store made by its own migrations.")
        out.append("")
        out.append("| figure | before | now |")
        out.append("|---|---|---|")
        if let throughput, !throughput.daemonBefore.isEmpty {
            out.append("| throughput, \(settings.corpusCount) invoices, median s | \(format(Samples(throughput.daemonBefore).median ?? 0, 2)) | "
                + "\(format(Samples(throughput.daemon).median ?? 0, 2)) |")
        }
        if let status, let before = status.first(where: \.before), let now = status.first(where: { !$0.before && $0.busy && $0.workerNice == 10 }) {
            let nice0 = status.first { !$0.before && $0.busy && $0.workerNice == 0 }
            for (name, pick) in [("`GET /api/ocr/job/{id}`", \StatusLoadBench.Result.job), ("`GET /api/stats`", \StatusLoadBench.Result.stats)] {
                out.append("| \(name) p99 ms at 500/s, every worker busy | \(ms(before[keyPath: pick].percentile(99))) | "
                    + "\(ms(now[keyPath: pick].percentile(99))) (at `ocr.worker_nice` 0: \(ms(nice0?[keyPath: pick].percentile(99)))) |")
            }
        }
        if let store, let storeBefore {
            for (now, before) in zip(store.queries, storeBefore.queries) {
                out.append("| \(now.name) p99 ms, \(store.rows.formatted()) invoices | \(ms(before.latency.percentile(99))) | \(ms(now.latency.percentile(99))) |")
            }
            out.append("| drop-to-queued p99 ms on that store | \(ms(storeBefore.intake.percentile(99))) | \(ms(store.intake.percentile(99))) |")
        }
        out.append("")
        return out
    }

    /// Replaces what stands between the figures markers of the document at `path`.
    static func write(_ figures: String, intoDocument path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- figures: written by `make bench`; do not edit by hand -->"
        let end = "<!-- end figures -->"
        guard let start = text.range(of: begin), let stop = text.range(of: end), start.upperBound <= stop.lowerBound else {
            throw BenchError("\(path) lacks the markers \(begin) ... \(end)")
        }
        let updated = String(text[..<start.upperBound]) + "\n" + figures + String(text[stop.lowerBound...])
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
