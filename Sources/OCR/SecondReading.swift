import CTesseract
import Foundation

/// What a caller that knows what the text should hold (the pipeline, through the invoice
/// extractor) thinks of one reading of a document.
public struct ReadingJudgement: Sendable, Equatable {
    /// Higher is better (the extractor's confidence score, 0...1).
    public var score: Double
    /// Whether the fields a document cannot lack were found (a total and a date): when not,
    /// the reading is doubtful and the page is read a second time.
    public var fieldsFound: Bool
    /// Whether no cross-check failed (sums, cash and change, tax codes): when one did on a
    /// prepared page (a photo), the reading is doubtful too.
    public var checksPass: Bool

    public init(score: Double, fieldsFound: Bool, checksPass: Bool = true) {
        self.score = score
        self.fieldsFound = fieldsFound
        self.checksPass = checksPass
    }

    /// Whether this judgement is better than `other`: fields found first, then checks that
    /// pass, then the score.
    func isBetter(than other: ReadingJudgement) -> Bool {
        if fieldsFound != other.fieldsFound { return fieldsFound }
        if checksPass != other.checksPass { return checksPass }
        return score > other.score
    }
}

/// Judges the text of the document read so far, this page's reading last.
public typealias ReadingJudge = (String) -> ReadingJudgement

/// The image of a doubtful page's second reading: another preparation, read as one uniform
/// block (`PageSegmentation.singleBlock`). Measured by hand on receipt photos with the
/// `tesseract` command: automatic page segmentation (3, and 4) gave the total's label without
/// its amount; one block (6) on the photo in grey, 2× and with its contrast stretched gave
/// "TỔNG TIỀN PHẢI T.TOÁN 99.000".
enum SecondReading {
    /// Text measuring less than this (median component height, px) is enlarged 2×.
    static let enlargeBelow = 20
    /// An enlarged page stays under this many pixels: 2× an A4 page at 300 dpi would be
    /// 35 megapixels, several seconds of OCR for text that is large enough already.
    static let maxPixels = 16_000_000

    /// `page` (or its preparation) in grey, its contrast stretched from its darkest to its
    /// brightest percent, enlarged 2× when its text is small; with what was done, in words.
    static func image(of page: PageImage) -> (image: PageImage, description: String)? {
        guard let greyPointer = pixConvertTo8(page.pix, 0) else { return nil }
        var image = PageImage(taking: greyPointer)
        var steps = ["psm 6"]
        if let stretched = stretchedContrast(image) {
            image = stretched
            steps.append("contrast stretched")
        }
        let textHeight = TextSize.medianHeight(of: image)
        if textHeight.map({ $0 < enlargeBelow }) ?? true, image.width * image.height * 4 <= maxPixels,
           let enlarged = PagePreparation.scaled(image, by: 2) {
            image = enlarged.image
            steps.append("2x grey")
        } else {
            steps.append("grey")
        }
        // Leptonica scaled the declared resolution with the image; a page that declared none
        // (the engine then says 300) is 600 dpi once enlarged.
        if page.xResolution < 70, steps.contains("2x grey") { pixSetResolution(image.pix, 600, 600) }
        return (image, steps.joined(separator: ", "))
    }

    /// `grey` with its 1st percentile of grey mapped to black and its 99th to white; nil when
    /// it already spans nearly the whole range.
    private static func stretchedContrast(_ grey: PageImage) -> PageImage? {
        var histogram = pixGetGrayHistogram(grey.pix, 2)
        defer { numaDestroy(&histogram) }
        var dark: Float = 0, bright: Float = 255
        guard histogram != nil, numaHistogramGetValFromRank(histogram, 0.01, &dark) == 0,
              numaHistogramGetValFromRank(histogram, 0.99, &bright) == 0,
              bright - dark >= 32, dark > 10 || bright < 245,
              let stretched = pixGammaTRC(nil, grey.pix, 1.0, Int32(dark), Int32(min(255, bright))) else { return nil }
        return PageImage(taking: stretched)
    }
}
