import Foundation

/// The pipelines a user could script around the `tesseract` command instead of running the
/// daemon, run through `/bin/sh` exactly as printed in docs/BENCHMARKS.md. Each reads every
/// image of a folder with `-l vie+eng` and writes the text beside it.
public enum TesseractPipeline: String, CaseIterable, Sendable {
    /// (a) One single-threaded `tesseract` process per file, `cores` at a time.
    case perFileParallel = "a"
    /// (b) One `tesseract` at a time with OpenMP's default threads.
    case sequentialDefaultThreads = "b"
    /// (c) `cores` long-lived single-threaded `tesseract` processes, each reading a list of files.
    case longLivedLists = "c"

    /// How the report names it.
    public var title: String {
        switch self {
        case .perFileParallel: return "(a) per-file `tesseract`, cores in parallel, `OMP_THREAD_LIMIT=1`"
        case .sequentialDefaultThreads: return "(b) one `tesseract` at a time, default OpenMP threads"
        case .longLivedLists: return "(c) cores long-lived `tesseract` on file lists, `OMP_THREAD_LIMIT=1`"
        }
    }

    /// The shell script, run in the folder holding the images.
    public func script(cores: Int, languages: String) -> String {
        switch self {
        case .perFileParallel:
            return "ls *.png | OMP_THREAD_LIMIT=1 xargs -P \(cores) -I{} tesseract {} {} -l \(languages) 2>/dev/null"
        case .sequentialDefaultThreads:
            return "for f in *.png; do tesseract \"$f\" \"$f\" -l \(languages) 2>/dev/null; done"
        case .longLivedLists:
            // tesseract takes a text file listing images as its input; split deals the files
            // round-robin into one list per core.
            return "ls *.png | split -n r/\(cores) - list- && "
                + "for l in list-*; do OMP_THREAD_LIMIT=1 tesseract \"$l\" \"$l\" -l \(languages) 2>/dev/null & done; wait"
        }
    }

    /// Runs the pipeline over `images` copied into `folder` (created empty); returns the
    /// wall-clock seconds of the script alone. Blocking.
    public func run(images: [String], in folder: String, cores: Int, languages: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for image in images {
            try FileManager.default.copyItem(atPath: image, toPath: "\(folder)/\((image as NSString).lastPathComponent)")
        }
        var environment = ProcessInfo.processInfo.environment
        // `make` exports OMP_THREAD_LIMIT=1 for the tests; each script sets what it means to.
        environment.removeValue(forKey: "OMP_THREAD_LIMIT")
        let started = Date()
        try Shell.run(script(cores: cores, languages: languages), environment: environment, directory: folder)
        let seconds = Date().timeIntervalSince(started)
        try checkOutput(in: folder, images: images.count)
        return seconds
    }

    /// A pipeline that failed quietly would look fast: check that every page was read.
    private func checkOutput(in folder: String, images: Int) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let texts = files.filter { $0.hasSuffix(".txt") }
        var pages = 0
        var characters = 0
        for text in texts {
            let content = try String(contentsOfFile: "\(folder)/\(text)", encoding: .utf8)
            characters += content.count
            // Tesseract separates the pages of one output with a form feed.
            if !content.isEmpty { pages += 1 + content.filter { $0 == "\u{0C}" }.count }
        }
        guard pages == images, characters > images * 200 else {
            throw BenchError("pipeline \(rawValue) read \(pages) of \(images) pages (\(characters) characters) in \(folder)")
        }
    }
}
