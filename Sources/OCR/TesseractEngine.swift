import CTesseract
import Foundation

/// The text Tesseract read from one page.
public struct PageText: Sendable, Equatable {
    /// UTF-8 text, lines separated by newlines.
    public var text: String
    /// Mean word confidence, 0...100.
    public var meanConfidence: Int
    /// The words with their boxes and baselines (`BaselineLines`).
    public var words: [RecognisedWord] = []
}

/// How Tesseract divides a page into blocks and lines before reading them.
public enum PageSegmentation: Sendable {
    /// Full automatic layout analysis (PSM 3, the CLI's default): columns, tables, boxes.
    case automatic
    /// The page as one uniform block of text (PSM 6): a narrow receipt's label and the
    /// amount far to its right stay on one line, where layout analysis may split them into
    /// columns and drop the amounts.
    case singleBlock
}

/// One Tesseract instance (`TessBaseAPI`), created once per worker thread and reused for
/// every page it reads: initialising `vie+eng` costs 0.1–0.2 s.
///
/// Deliberately not `Sendable`: Tesseract's API object is not thread-safe, so each worker
/// owns one and only that worker's thread touches it.
public final class TesseractEngine {
    private let api: OpaquePointer
    /// The languages loaded, e.g. `vie+eng`.
    public let languages: String
    /// The tessdata folder given at creation (nil: Tesseract's default).
    public let dataPath: String?

    /// Tesseract's version string, e.g. `5.3.0`.
    public static var version: String { String(cString: TessVersion()) }

    /// Loads `languages` from `dataPath` (nil: Tesseract's default tessdata folder).
    public init(languages: String, dataPath: String? = nil) throws(EngineError) {
        guard let api = TessBaseAPICreate() else { throw EngineError(languages: languages, detail: "TessBaseAPICreate failed") }
        // Tesseract writes warnings (e.g. about missing resolution) to stderr; the daemon
        // reports problems itself, in its own log format.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        // Tesseract starts with whatever languages it found and only warns about the others,
        // so compare what it loaded with what was asked for.
        let started = TessBaseAPIInit3(api, dataPath, languages) == 0
        let requested = Set(languages.split(separator: "+").map(String.init))
        if !started || Self.loadedLanguages(api) != requested {
            TessBaseAPIEnd(api)
            TessBaseAPIDelete(api)
            throw EngineError(languages: languages, detail: Self.missingLanguageHint(languages, dataPath: dataPath))
        }
        // The library's default is one uniform block of text (PSM 6); invoices have columns,
        // tables and boxes, which full automatic page segmentation (the CLI's default) reads.
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        self.api = api
        self.languages = languages
        self.dataPath = dataPath
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Recognises `page`. `progress` receives 0...100 as Tesseract advances; returning
    /// true from `shouldCancel` stops it. Recognition stops at `deadline` seconds.
    public func recognize(_ page: PageImage, deadline: TimeInterval,
                          segmentation: PageSegmentation = .automatic,
                          progress: (Int) -> Void = { _ in },
                          shouldCancel: () -> Bool = { false }) throws(OCRError) -> PageText {
        if segmentation == .singleBlock { TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK) }
        defer {
            TessBaseAPIClear(api)
            if segmentation == .singleBlock { TessBaseAPISetPageSegMode(api, PSM_AUTO) }
        }
        TessBaseAPISetImage2(api, page.pix)
        // Scanners usually record their resolution; when a file does not, assume the usual
        // 300 dpi rather than Tesseract's 70, which makes it misjudge text sizes.
        if page.xResolution < 70 { TessBaseAPISetSourceResolution(api, 300) }

        let outcome: (status: Int32, cancelled: Bool) = withoutActuallyEscaping(progress) { progress in
            withoutActuallyEscaping(shouldCancel) { shouldCancel in
                let context = MonitorContext(progress: progress, shouldCancel: shouldCancel)
                let monitor = TessMonitorCreate()!
                defer { TessMonitorDelete(monitor) }
                let unmanaged = Unmanaged.passRetained(context)
                defer { unmanaged.release() }
                TessMonitorSetCancelThis(monitor, unmanaged.toOpaque())
                TessMonitorSetCancelFunc(monitor, monitorCancel)
                TessMonitorSetProgressFunc(monitor, monitorProgress)
                TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: Int(deadline * 1000)))
                let status = TessBaseAPIRecognize(api, monitor)
                return (status, context.cancelled)
            }
        }
        if outcome.cancelled { throw .cancelled }
        if outcome.status != 0 {
            throw .deadlineExceeded(seconds: deadline)
        }
        // The monitor stops reporting before the last stages; the page is read now.
        progress(100)
        guard let cText = TessBaseAPIGetUTF8Text(api) else {
            throw .recognitionFailed("no text returned")
        }
        defer { TessDeleteText(cText) }
        return PageText(text: String(cString: cText), meanConfidence: Int(TessBaseAPIMeanTextConf(api)),
                        words: recognisedWords())
    }

    /// The words of the page just recognised, with their boxes and baselines (a few hundred
    /// on an invoice; walking them costs well under a millisecond beside the recognition).
    private func recognisedWords() -> [RecognisedWord] {
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        guard let page = TessResultIteratorGetPageIterator(iterator) else { return [] }
        var words: [RecognisedWord] = []
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            defer { TessDeleteText(cText) }
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            var x1: Int32 = 0, y1: Int32 = 0, x2: Int32 = 0, y2: Int32 = 0
            var baseline = Double(bottom), slope = 0.0
            if TessPageIteratorBaseline(page, RIL_WORD, &x1, &y1, &x2, &y2) != 0, x2 != x1 {
                slope = Double(y2 - y1) / Double(x2 - x1)
                baseline = Double(y1) + slope * (Double(left + right) / 2 - Double(x1))
            }
            words.append(RecognisedWord(text: String(cString: cText), left: Int(left), right: Int(right),
                                        height: Int(bottom - top), baseline: baseline, slope: slope))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }

    private static func loadedLanguages(_ api: OpaquePointer) -> Set<String> {
        guard let list = TessBaseAPIGetLoadedLanguagesAsVector(api) else { return [] }
        defer { TessDeleteTextArray(list) }
        var names: Set<String> = []
        var index = 0
        while let name = list[index] {
            names.insert(String(cString: name))
            index += 1
        }
        return names
    }

    private static func missingLanguageHint(_ languages: String, dataPath: String?) -> String {
        let folder = dataPath ?? defaultTessdata()
        let missing = languages.split(separator: "+").filter {
            !FileManager.default.fileExists(atPath: "\(folder)/\($0).traineddata")
        }
        if missing.isEmpty { return "Tesseract could not initialise with tessdata \(folder)" }
        let packages = missing.map { "tesseract-ocr-\($0)" }.joined(separator: " ")
        return "language data missing in \(folder): \(missing.joined(separator: ", ")) (install: apt-get install \(packages))"
    }

    private static func defaultTessdata() -> String {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] { return prefix }
        return "/usr/share/tesseract-ocr/5/tessdata"
    }
}

/// Tesseract could not start with the requested languages.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The languages asked for.
    public var languages: String
    /// What went wrong and what to do.
    public var detail: String
    public var description: String { "cannot start Tesseract with languages '\(languages)': \(detail)" }
}

/// What the C callbacks reach through the monitor's `cancel_this` pointer.
private final class MonitorContext {
    let progress: (Int) -> Void
    let shouldCancel: () -> Bool
    var cancelled = false
    var lastProgress = -1

    init(progress: @escaping (Int) -> Void, shouldCancel: @escaping () -> Bool) {
        self.progress = progress
        self.shouldCancel = shouldCancel
    }
}

private func monitorCancel(_ this: UnsafeMutableRawPointer?, _ words: Int32) -> Bool {
    guard let this else { return false }
    let context = Unmanaged<MonitorContext>.fromOpaque(this).takeUnretainedValue()
    if context.shouldCancel() { context.cancelled = true }
    return context.cancelled
}

private func monitorProgress(_ monitor: OpaquePointer?, _ left: Int32, _ right: Int32,
                             _ top: Int32, _ bottom: Int32) -> Bool {
    guard let monitor, let this = TessMonitorGetCancelThis(monitor) else { return false }
    let context = Unmanaged<MonitorContext>.fromOpaque(this).takeUnretainedValue()
    let value = Int(TessMonitorGetProgress(monitor))
    if value != context.lastProgress {
        context.lastProgress = value
        context.progress(value)
    }
    return false
}
