import Foundation

/// How a page's text was obtained.
public enum PageMethod: String, Sendable, Codable {
    /// Read from a PDF's text layer, without OCR.
    case textLayer = "text_layer"
    /// Recognised by Tesseract.
    case ocr
    /// Parsed from an e-invoice XML.
    case xml
}

/// One page of a document, read.
public struct ReadPage: Sendable {
    public var text: String
    public var method: PageMethod
    /// Tesseract's mean word confidence (0...100); nil for a text layer.
    public var meanConfidence: Int?
    /// Degrees the page was turned clockwise before reading.
    public var rotation: Int
    /// The Tesseract languages whose reading was kept; nil when no OCR ran.
    public var languages: String?
    /// What was done to the image before it was read (`PagePreparation`), e.g. `["grey",
    /// "cropped to the paper", "background normalised", "deskewed 2.1°"]`; empty for a clean page.
    public var preparation: [String]
    /// Which OCR reading was kept: `first`; for a doubtful page, the one kept and, in brackets,
    /// those judged worse, e.g. `first, lines rebuilt from word boxes (worse: first)` or
    /// `second: psm 6, contrast stretched, 2x grey (worse: first; …)`; nil without OCR.
    public var reading: String?
    /// The words of an OCR reading with their boxes, for a reading rebuilt by baselines.
    var words: [RecognisedWord] = []

    public init(text: String, method: PageMethod, meanConfidence: Int?, rotation: Int, languages: String? = nil,
                preparation: [String] = [], reading: String? = nil) {
        self.text = text
        self.method = method
        self.meanConfidence = meanConfidence
        self.rotation = rotation
        self.languages = languages
        self.preparation = preparation
        self.reading = reading
    }
}

/// Whether pages are prepared before OCR (`PagePreparation`).
public enum PagePreparationMode: String, Sendable, CaseIterable {
    /// Phone photos and poor scans are prepared; clean pages are read as they are.
    case auto
    /// Every page is read as it is.
    case off
}

/// Reads every page of an image or PDF file: images through Leptonica and Tesseract, PDFs
/// page by page from their text layer or, for scanned pages, rendered and recognised.
/// Blocking; owned by one worker with its engines.
public final class DocumentReader {
    private let engine: TesseractEngine
    private let vietnameseFirst: TesseractEngine?
    private let maxMegapixels: Double
    private let maxPages: Int
    private let pageTimeout: Double
    private let preparation: PagePreparationMode
    private let secondReading: Bool
    private lazy var orientation = OrientationDetector(dataPath: engine.dataPath)
    /// The languages pages are read in, as configured (e.g. `vie+eng`).
    public let languages: String

    /// A reader of `languages` (e.g. `vie+eng`) with engines of its own. With
    /// `vietnameseFirst` and `vie` among other languages, each page is read with `vie` alone
    /// first, and again with the other languages alone (`eng`) only when the text is not
    /// Vietnamese (`VietnameseText`). One language is less work for Tesseract than two, and
    /// each keeps what the other spoils: with `vie+eng`, Tesseract retries words `vie` is
    /// unsure of with `eng`, which reads "ĐIỆN LỰC" as "DIEN LUC" (docs/BENCHMARKS.md,
    /// throughput), and `vie` beside `eng` reads a small English receipt's `4.76` and `2.12`
    /// as `476` and `212`, which `eng` alone reads right (Tests/Fixtures/ocr/receipt-en-small).
    /// Otherwise every page is read with all of `languages` at once.
    /// `preparation` says whether photos and poor scans are prepared first (`PagePreparation`),
    /// `secondReading` whether doubtful pages are read a second time (`read(path:…judge:)`).
    public convenience init(languages: String, vietnameseFirst: Bool, dataPath: String?,
                            maxMegapixels: Double, maxPages: Int, pageTimeout: Double,
                            preparation: PagePreparationMode = .auto, secondReading: Bool = true) throws(EngineError) {
        if vietnameseFirst, let split = Self.vietnameseFirstSplit(languages) {
            self.init(engine: try TesseractEngine(languages: split.others, dataPath: dataPath),
                      vietnameseFirst: try TesseractEngine(languages: split.vietnamese, dataPath: dataPath),
                      languages: languages, maxMegapixels: maxMegapixels, maxPages: maxPages, pageTimeout: pageTimeout,
                      preparation: preparation, secondReading: secondReading)
        } else {
            self.init(engine: try TesseractEngine(languages: languages, dataPath: dataPath),
                      maxMegapixels: maxMegapixels, maxPages: maxPages, pageTimeout: pageTimeout, preparation: preparation,
                      secondReading: secondReading)
        }
    }

    /// A reader using `engine` with the given limits; with `vietnameseFirst`, pages are read
    /// with it first and with `engine` only when they are not Vietnamese.
    public init(engine: TesseractEngine, vietnameseFirst: TesseractEngine? = nil, languages: String? = nil,
                maxMegapixels: Double, maxPages: Int, pageTimeout: Double, preparation: PagePreparationMode = .auto,
                secondReading: Bool = true) {
        self.preparation = preparation
        self.secondReading = secondReading
        self.engine = engine
        self.vietnameseFirst = vietnameseFirst
        self.languages = languages ?? vietnameseFirst.map { "\($0.languages)+\(engine.languages)" } ?? engine.languages
        self.maxMegapixels = maxMegapixels
        self.maxPages = maxPages
        self.pageTimeout = pageTimeout
    }

    /// How Vietnamese-first reading divides `languages`: `vie` alone, then the others
    /// (`eng` for `vie+eng`); nil unless `languages` has `vie` and another language.
    public static func vietnameseFirstSplit(_ languages: String) -> (vietnamese: String, others: String)? {
        let parts = languages.split(separator: "+").map(String.init)
        let others = parts.filter { $0 != "vie" }
        guard parts.contains("vie"), !others.isEmpty else { return nil }
        return ("vie", others.joined(separator: "+"))
    }

    /// Whether the file at `path` is a PDF (by content).
    public static func isPDF(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        return head.range(of: Data("%PDF-".utf8)) != nil
    }

    /// Reads all pages; `progress` gets 0...100 over the whole document. `pageStarted` is
    /// called before each page (a watchdog's heartbeat declares the page's work busy).
    ///
    /// A page whose reading is doubtful (a mean confidence under `doubtfulConfidence`; or,
    /// by `judge` of the text read so far, fields not found, or on a prepared photo a failed
    /// check) is read a second time, differently (`SecondReading`), and the reading `judge`
    /// (or, without one, the mean confidence) prefers is kept. Clean pages are read once.
    public func read(path: String, progress: (Int) -> Void, shouldCancel: () -> Bool,
                     pageStarted: () -> Void = {}, judge: ReadingJudge? = nil) throws(OCRError) -> [ReadPage] {
        if Self.isPDF(path) {
            return try readPDF(path: path, progress: progress, shouldCancel: shouldCancel, pageStarted: pageStarted, judge: judge)
        }
        let header = try PageLoader.header(of: path)
        if header.pages > maxPages { throw .tooManyPages(pages: header.pages, limit: maxPages) }
        var pages: [ReadPage] = []
        for index in 0..<header.pages {
            pageStarted()
            let page = try PageLoader.load(path: path, page: index, header: header, maxMegapixels: maxMegapixels)
            pages.append(try recognizePrepared(page, before: pages, judge: judge,
                                               progress: { progress((index * 100 + $0) / header.pages) }, shouldCancel: shouldCancel))
        }
        return pages
    }

    private func readPDF(path: String, progress: (Int) -> Void, shouldCancel: () -> Bool,
                         pageStarted: () -> Void, judge: ReadingJudge?) throws(OCRError) -> [ReadPage] {
        let pdf = try PDFDocument(path: path, timeout: pageTimeout, maxPages: maxPages)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("invoiced-pdf-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pages: [ReadPage] = []
        for number in 1...pdf.pages {
            if shouldCancel() { throw .cancelled }
            pageStarted()
            let layer = try pdf.text(page: number)
            // A born-digital page carries its text; a scan has none (or a few stray marks).
            if layer.filter({ $0.isLetter }).count >= 40 {
                pages.append(ReadPage(text: layer, method: .textLayer, meanConfidence: nil, rotation: 0, languages: nil))
                progress(number * 100 / pdf.pages)
                continue
            }
            let image = try pdf.render(page: number, into: folder, maxMegapixels: maxMegapixels)
            let header = try PageLoader.header(of: image)
            let page = try PageLoader.load(path: image, page: 0, header: header, maxMegapixels: maxMegapixels)
            pages.append(try recognizePrepared(page, before: pages, judge: judge,
                                               progress: { progress(((number - 1) * 100 + $0) / pdf.pages) }, shouldCancel: shouldCancel))
            try? FileManager.default.removeItem(atPath: image)
        }
        return pages
    }

    /// Prepares a photo or poor scan (when preparation is on and the page needs it),
    /// recognises it upright, and reads it a second time when that reading is doubtful.
    /// `before` are the document's pages read so far, which `judge` sees with this one.
    private func recognizePrepared(_ page: PageImage, before: [ReadPage], judge: ReadingJudge?,
                                   progress: (Int) -> Void, shouldCancel: () -> Bool) throws(OCRError) -> ReadPage {
        let prepared = preparation == .auto ? PagePreparation.prepareIfNeeded(page) : nil
        let (first, image) = try recognizeUpright(prepared?.image ?? page, progress: progress, shouldCancel: shouldCancel)
        var kept = first
        kept.reading = "first"
        if secondReading {
            let context = before.map(\.text)
            func judgement(_ reading: ReadPage) -> ReadingJudgement? {
                judge.map { $0((context + [reading.text]).joined(separator: "\n\u{0C}\n")) }
            }
            let firstJudgement = judgement(first)
            // A failed check makes only a prepared photo doubtful: 4 of the 56 committed clean
            // scans fail one (an item line or a tax code misread), which another reading
            // rarely mends, and reading them again would cost more than the 5 % of throughput
            // allowed.
            let doubtful = (first.meanConfidence ?? 100) < Self.doubtfulConfidence
                || firstJudgement?.fieldsFound == false
                || (prepared != nil && firstJudgement?.checksPass == false)
            if doubtful {
                kept = try betterReading(than: first, judged: firstJudgement, image: image, judgement: judgement,
                                         progress: progress, shouldCancel: shouldCancel)
            }
        }
        kept.preparation = prepared?.steps ?? []
        return kept
    }

    /// The best of a doubtful page's readings: the first; the first's words rebuilt into
    /// lines by their baselines (`BaselineLines`, no OCR), which settles the page when its
    /// fields are found and its checks pass; else a second reading (`SecondReading`). Judged
    /// by `judgement`, or without a judge by mean confidence. Its `reading` says which was
    /// kept and which were worse.
    private func betterReading(than first: ReadPage, judged firstJudgement: ReadingJudgement?, image: PageImage,
                               judgement: (ReadPage) -> ReadingJudgement?, progress: (Int) -> Void,
                               shouldCancel: () -> Bool) throws(OCRError) -> ReadPage {
        var best = (page: first, judgement: firstJudgement, reading: "first")
        var worse: [String] = []
        func consider(_ page: ReadPage, _ reading: String) {
            let candidate = judgement(page)
            let better: Bool
            if let candidate, let current = best.judgement {
                better = candidate.isBetter(than: current)
            } else {
                better = (page.meanConfidence ?? 0) > (best.page.meanConfidence ?? 0)
            }
            if better {
                worse.append(best.reading)
                best = (page, candidate, reading)
            } else {
                worse.append(reading)
            }
        }
        if firstJudgement != nil, let lines = BaselineLines.text(of: first.words), lines != first.text {
            var rebuilt = first
            rebuilt.text = lines
            consider(rebuilt, "first, lines rebuilt from word boxes")
        }
        let settled = best.reading != "first" && best.judgement.map { $0.fieldsFound && $0.checksPass } == true
        if !settled, let second = try readAgain(image, as: first, progress: progress, shouldCancel: shouldCancel) {
            consider(second.page, "second: \(second.description)")
        }
        var kept = best.page
        kept.reading = worse.isEmpty ? best.reading : "\(best.reading) (worse: \(worse.joined(separator: "; ")))"
        return kept
    }

    /// Under this mean word confidence a reading is doubtful. Every committed scan reads at 74
    /// or more (Vietnamese pages with `vie`); photos of invoices with small text read 40–80.
    static let doubtfulConfidence = 65

    /// The second reading of `image` (the one `first` was read from, turned as it was), in
    /// the languages `first` kept; nil when its image cannot be made.
    private func readAgain(_ image: PageImage, as first: ReadPage, progress: (Int) -> Void,
                           shouldCancel: () -> Bool) throws(OCRError) -> (page: ReadPage, description: String)? {
        guard let second = SecondReading.image(of: image) else { return nil }
        let reader = vietnameseFirst.flatMap { $0.languages == first.languages ? $0 : nil } ?? engine
        let text = try reader.recognize(second.image, deadline: pageTimeout, segmentation: .singleBlock,
                                        progress: progress, shouldCancel: shouldCancel)
        var page = ReadPage(text: text.text, method: .ocr, meanConfidence: text.meanConfidence, rotation: first.rotation,
                            languages: reader.languages)
        page.words = text.words
        return (page, second.description)
    }

    /// Recognises a page; when it reads badly, asks orientation detection whether it is on
    /// its side or upside down, and reads it again turned upright if that reads better.
    /// Returns the reading kept and the image it was read from.
    private func recognizeUpright(_ page: PageImage, progress: (Int) -> Void,
                                  shouldCancel: () -> Bool) throws(OCRError) -> (ReadPage, PageImage) {
        let first = try recognize(page, progress: progress, shouldCancel: shouldCancel)
        // Upright invoices read at 85-95; a page on its side still scores around 60 on the
        // shapes it mistakes for letters, so below 75 is worth asking orientation detection.
        guard let confidence = first.meanConfidence, confidence < 75,
              let degrees = orientation?.uprightRotation(of: page), degrees != 0,
              let turned = page.rotated(clockwise: degrees) else { return (first, page) }
        var second = try recognize(turned, progress: progress, shouldCancel: shouldCancel)
        second.rotation = degrees
        return (second.meanConfidence ?? 0) > confidence ? (second, turned) : (first, page)
    }

    /// One reading of `page`: Vietnamese first when there is an engine for it (see `init`).
    private func recognize(_ page: PageImage, progress: (Int) -> Void, shouldCancel: () -> Bool) throws(OCRError) -> ReadPage {
        if let vietnameseFirst {
            let text = try vietnameseFirst.recognize(page, deadline: pageTimeout, progress: progress, shouldCancel: shouldCancel)
            if VietnameseText.isVietnamese(text.text) {
                var page = ReadPage(text: text.text, method: .ocr, meanConfidence: text.meanConfidence, rotation: 0,
                                    languages: vietnameseFirst.languages)
                page.words = text.words
                return page
            }
        }
        let text = try engine.recognize(page, deadline: pageTimeout, progress: progress, shouldCancel: shouldCancel)
        var page = ReadPage(text: text.text, method: .ocr, meanConfidence: text.meanConfidence, rotation: 0, languages: engine.languages)
        page.words = text.words
        return page
    }
}
