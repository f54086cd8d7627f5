import CTesseract
import Foundation

/// A page made ready for Tesseract, with what was done to it in words for the result JSON.
struct PreparedPage {
    let image: PageImage
    /// E.g. `["grey", "cropped to the paper", "perspective corrected", "background normalised",
    /// "deskewed -1.2°", "scaled 2.0x"]`; empty when nothing was done.
    let steps: [String]
}

/// Prepares phone photos and poor scans for OCR with Leptonica; a clean page is passed through
/// untouched after a look at a thumbnail (`PageCondition`).
///
/// The steps, in order, each skipped when it has nothing to do:
/// 1. grey (a colour photo's luminance);
/// 2. the paper found and cut out, its perspective undone (`PaperFinder`): the dark table
///    around a receipt made Tesseract drop the column of amounts beside it;
/// 3. the background normalised to white (Leptonica's `pixBackgroundNorm`, 10×15 tiles): a
///    shadow no longer darkens the page unevenly;
/// 4. deskewed (`pixFindSkewAndDeskew`), when Leptonica is confident of the angle;
/// 5. scaled when the text is tiny or huge (`TextSize`): text whose letters measure under
///    8 px is enlarged to 16 px (at most 3×), over 60 px reduced to 40 px;
/// 6. its resolution declared from the text's height (see the end of `prepare`).
///
/// Measured on 16 photos of receipts and invoices made like Tests/Fixtures/ocr's (other
/// seeds, sizes, shadows, blur): read as they were, 169 of their 200 known words and 9 of 66
/// amounts; prepared, 186 and 64. Enlarging text to an x-height of 20–30 px, as often
/// advised, did not help once the resolution was declared: Tesseract scales lines itself,
/// and enlarging text of 10–15 px cost words and amounts (183 and 64 at 22 px for text under
/// 10 px, and 1.5× the time); only the tiniest text gains from it.
enum PagePreparation {
    /// Text measuring less than this (median component height, px) is enlarged.
    static let smallText = 8
    /// Text measuring more than this is reduced.
    static let largeText = 60

    /// `page` prepared when its condition calls for it; nil when it is clean (or cannot be
    /// measured) and is read as it is.
    static func prepareIfNeeded(_ page: PageImage) -> PreparedPage? {
        guard let condition = PageCondition.measure(page), condition.needsPreparation else { return nil }
        return prepare(page)
    }

    /// `page` prepared, whatever its condition.
    static func prepare(_ page: PageImage) -> PreparedPage? {
        var steps: [String] = []
        let depth = pixGetDepth(page.pix)
        guard let greyPointer = pixConvertTo8(page.pix, 0) else { return nil }
        var image = PageImage(taking: greyPointer)
        if depth == 32 { steps.append("grey") }

        if let paper = PaperFinder.find(in: image), let cut = PaperFinder.cutOut(paper, from: image) {
            image = cut.image
            steps.append("cropped to the paper")
            if cut.straightened { steps.append("perspective corrected") }
        }

        // Tiles of 10×15 px take their brightest pixels above 60 as paper, so that paper in a
        // shadow (120–180) counts; it becomes 255, and the text keeps its contrast to it.
        if let normalised = pixBackgroundNorm(image.pix, nil, nil, 10, 15, 60, 40, 255, 2, 2) {
            image = PageImage(taking: normalised)
            steps.append("background normalised")
        }

        var angle: Float = 0
        var confidence: Float = 0
        if let deskewed = pixFindSkewAndDeskew(image.pix, 2, &angle, &confidence) {
            // Leptonica hands back the same image (a clone) when it is not confident enough
            // (3.0) or the angle is under 0.1°.
            let turned = deskewed != image.pix
            image = PageImage(taking: deskewed)
            if turned { steps.append(String(format: "deskewed %.1f°", angle)) }
        }

        var textHeight = TextSize.medianHeight(of: image)
        if let height = textHeight {
            let target: Double? = height < smallText ? 16 : height > largeText ? 40 : nil
            if let target, let scaled = scaled(image, by: min(3, max(0.25, target / Double(height)))) {
                image = scaled.image
                steps.append(String(format: "scaled %.1fx", scaled.factor))
                textHeight = Int((Double(height) * scaled.factor).rounded())
            }
        }
        // A photo's resolution (72 dpi, or none) says nothing of the paper's. Tesseract judges
        // text sizes by it: told 300 dpi, it took a receipt's 13 px amounts for specks and
        // dropped them. Declared from the text's height instead, as Tesseract estimates it
        // itself (14 dpi per pixel: 13 px → 182 dpi); 0 when unknown (the engine then says 300).
        let resolution = textHeight.map { Int32(min(600, max(70, $0 * 14))) } ?? 0
        pixSetResolution(image.pix, resolution, resolution)
        return PreparedPage(image: image, steps: steps)
    }

    /// `image` scaled by `factor` (interpolated up, area-mapped down).
    static func scaled(_ image: PageImage, by factor: Double) -> (image: PageImage, factor: Double)? {
        guard let pointer = pixScale(image.pix, Float(factor), Float(factor)) else { return nil }
        return (PageImage(taking: pointer), factor)
    }
}
