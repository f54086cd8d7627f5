import CTesseract
import Foundation

/// Finds the sheet of paper in a photo and cuts it out upright: the largest bright region of
/// a thumbnail, its four corners, and a projective transform that maps them to a rectangle
/// (which undoes the perspective of a phone held at an angle and the paper's rotation).
///
/// Why not a global threshold: a shadow across the paper takes part of it below the table's
/// brightest grain, and that part was cut off with the amounts printed on it. Otsu's
/// threshold per third of the picture follows the light.
enum PaperFinder {
    /// Where the paper is, in the page's pixels.
    struct Paper {
        /// The bounding box of the bright region.
        var x: Int, y: Int, width: Int, height: Int
        /// Its corners (top left, top right, bottom right, bottom left), when the region is a
        /// quadrilateral; nil when it is not (curled, cut by the frame, partly covered).
        var corners: [(x: Float, y: Float)]?
    }

    /// The paper on grey page `grey` (8 bpp); nil when there is no bright region of a tenth of
    /// the picture or more, or when it fills the picture (nothing to cut).
    static func find(in grey: PageImage) -> Paper? {
        let factor = max(1, min(grey.width, grey.height) / 300)
        guard let sampled = pixScaleByIntSampling(grey.pix, Int32(factor)) else { return nil }
        let thumbnail = PageImage(taking: sampled)
        let width = thumbnail.width, height = thumbnail.height
        guard width >= 48, height >= 48 else { return nil }
        var darkPointer: UnsafeMutablePointer<PIX>?
        guard pixOtsuAdaptiveThreshold(thumbnail.pix, Int32(width / 3), Int32(height / 3), 0, 0, 0.1, nil, &darkPointer) == 0,
              let darkPointer else { return nil }
        let dark = PageImage(taking: darkPointer)
        guard let brightPointer = pixInvert(nil, dark.pix) else { return nil }
        let bright = PageImage(taking: brightPointer)
        // An opening cuts the thin bright grain of a table from the paper it touches.
        guard let openedPointer = pixOpenBrick(nil, bright.pix, 3, 3) else { return nil }
        let opened = PageImage(taking: openedPointer)
        var components: UnsafeMutablePointer<PIXA>?
        var boxes = pixConnComp(opened.pix, &components, 8)
        defer {
            boxaDestroy(&boxes)
            pixaDestroy(&components)
        }
        guard let components, boxes != nil else { return nil }
        var counts = pixaCountPixels(components)
        defer { numaDestroy(&counts) }
        var largest = -1
        var largestCount: Int32 = 0
        for index in 0..<Int(numaGetCount(counts)) {
            var count: Int32 = 0
            numaGetIValue(counts, Int32(index), &count)
            if count > largestCount { largestCount = count; largest = index }
        }
        guard largest >= 0, Double(largestCount) >= 0.1 * Double(width * height) else { return nil }
        var bx: Int32 = 0, by: Int32 = 0, bw: Int32 = 0, bh: Int32 = 0
        boxaGetBoxGeometry(boxes, Int32(largest), &bx, &by, &bw, &bh)
        if Double(bw) >= 0.97 * Double(width), Double(bh) >= 0.97 * Double(height) { return nil }
        guard let componentPointer = pixaGetPix(components, Int32(largest), Int32(L_CLONE)) else { return nil }
        let component = PageImage(taking: componentPointer)
        let corners = quadrilateralCorners(of: component).map { corners in
            corners.map { (x: (Float(bx) + $0.x + 0.5) * Float(factor), y: (Float(by) + $0.y + 0.5) * Float(factor)) }
        }
        let x = Int(bx) * factor, y = Int(by) * factor
        return Paper(x: x, y: y, width: min(Int(bw) * factor, grey.width - x), height: min(Int(bh) * factor, grey.height - y),
                     corners: corners)
    }

    /// The region's extreme points toward each corner (top left: least x + y, and so on), when
    /// the quadrilateral they make covers the region, holes filled, within 10 %: a sheet of
    /// paper does; a curled receipt or one with a hand over it does not.
    private static func quadrilateralCorners(of region: PageImage) -> [(x: Float, y: Float)]? {
        guard let filledPointer = pixFillClosedBorders(region.pix, 4) else { return nil }
        let filled = PageImage(taking: filledPointer)
        var topLeft = (x: 0, y: 0, score: Int.max), topRight = (x: 0, y: 0, score: Int.min)
        var bottomRight = (x: 0, y: 0, score: Int.min), bottomLeft = (x: 0, y: 0, score: Int.max)
        var area = 0
        for y in 0..<filled.height {
            for x in 0..<filled.width {
                var value: UInt32 = 0
                pixGetPixel(filled.pix, Int32(x), Int32(y), &value)
                guard value != 0 else { continue }
                area += 1
                if x + y < topLeft.score { topLeft = (x, y, x + y) }
                if x - y > topRight.score { topRight = (x, y, x - y) }
                if x + y > bottomRight.score { bottomRight = (x, y, x + y) }
                if x - y < bottomLeft.score { bottomLeft = (x, y, x - y) }
            }
        }
        let corners = [topLeft, topRight, bottomRight, bottomLeft].map { (x: Float($0.x), y: Float($0.y)) }
        var twiceArea: Float = 0
        for index in 0..<4 {
            let next = corners[(index + 1) % 4]
            twiceArea += corners[index].x * next.y - next.x * corners[index].y
        }
        let quadrilateral = abs(twiceArea) / 2
        guard quadrilateral > 0 else { return nil }
        let ratio = Float(area) / quadrilateral
        return ratio > 0.9 && ratio < 1.1 ? corners : nil
    }

    /// The paper of `grey` cut out: mapped from its corners to an upright rectangle (white
    /// where the corners cut through the frame), or cropped to its box when it has no corners.
    /// Returns the image and whether its perspective was corrected.
    static func cutOut(_ paper: Paper, from grey: PageImage) -> (image: PageImage, straightened: Bool)? {
        var box = boxCreate(Int32(paper.x), Int32(paper.y), Int32(paper.width), Int32(paper.height))
        defer { boxDestroy(&box) }
        guard let croppedPointer = pixClipRectangle(grey.pix, box, nil) else { return nil }
        let cropped = PageImage(taking: croppedPointer)
        guard let corners = paper.corners else { return (cropped, false) }
        let local = corners.map { (x: $0.x - Float(paper.x), y: $0.y - Float(paper.y)) }
        func distance(_ a: Int, _ b: Int) -> Float {
            hypot(local[a].x - local[b].x, local[a].y - local[b].y)
        }
        let width = (distance(0, 1) + distance(3, 2)) / 2
        let height = (distance(0, 3) + distance(1, 2)) / 2
        guard width >= 16, height >= 16 else { return (cropped, false) }
        var source = ptaCreate(4), target = ptaCreate(4)
        defer {
            ptaDestroy(&source)
            ptaDestroy(&target)
        }
        for corner in local { ptaAddPt(source, corner.x, corner.y) }
        for corner in [(0, 0), (width, 0), (width, height), (0, height)] as [(Float, Float)] {
            ptaAddPt(target, corner.0, corner.1)
        }
        // The transform maps the output's points to the input's: target first.
        guard let warpedPointer = pixProjectivePta(cropped.pix, target, source, Int32(L_BRING_IN_WHITE)) else {
            return (cropped, false)
        }
        let warped = PageImage(taking: warpedPointer)
        var rectangle = boxCreate(0, 0, Int32(width), Int32(height))
        defer { boxDestroy(&rectangle) }
        guard let straightPointer = pixClipRectangle(warped.pix, rectangle, nil) else { return (cropped, false) }
        return (PageImage(taking: straightPointer), true)
    }
}
