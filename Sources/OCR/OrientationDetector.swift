import CTesseract
import Foundation

/// Tesseract's orientation and script detection (the `osd` data), in an instance of its
/// own: it is only consulted when a page reads badly, so a page on its side or upside down
/// is turned upright and read again. Not `Sendable`: owned by one worker, like its engine.
final class OrientationDetector {
    private let api: OpaquePointer

    /// Nil when the `osd` language data is not installed (tesseract-ocr-osd).
    init?(dataPath: String?) {
        guard let api = TessBaseAPICreate() else { return nil }
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(api, dataPath, "osd") == 0 else {
            TessBaseAPIEnd(api)
            TessBaseAPIDelete(api)
            return nil
        }
        TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY)
        self.api = api
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Degrees (0, 90, 180, 270) the page must turn clockwise to be upright, when the
    /// detection is confident; nil otherwise.
    func uprightRotation(of page: PageImage) -> Int? {
        defer { TessBaseAPIClear(api) }
        TessBaseAPISetImage2(api, page.pix)
        if page.xResolution < 70 { TessBaseAPISetSourceResolution(api, 300) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(api, &degrees, &confidence, &script, &scriptConfidence) != 0,
              confidence >= 2 else { return nil }
        // Tesseract reports how far the text is turned; undoing it takes the complement.
        return (360 - Int(degrees)) % 360
    }
}

extension PageImage {
    /// The page turned clockwise by `degrees` (a multiple of 90).
    func rotated(clockwise degrees: Int) -> PageImage? {
        let quads = Int32(((degrees / 90) % 4 + 4) % 4)
        guard quads != 0, let turned = pixRotateOrth(pix, quads) else { return nil }
        return PageImage(taking: turned)
    }
}
