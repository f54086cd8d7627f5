import CTesseract

/// Cheap measurements that tell a clean scan from a phone photo or a poor scan, so that only
/// those pay for preparation (`PagePreparation`). Taken on a thumbnail sampled from the page
/// (every n-th pixel, about 150 on the short side, not averaged): about a millisecond on a
/// 300-dpi A4 page, beside a second of OCR (PagePreparationTests prints the figure).
///
/// The page is cut into 6×6 tiles and each tile's paper level is the 90th percentile of its
/// grey values: what the paper looks like there, whatever is printed on it. On every clean
/// fixture (rendered, "scanned", noisy, low-resolution) every tile reads 239–255; on phone
/// photos the table around the paper reads 50–100 and a shadow takes the paper itself from
/// 230 down to 120–180.
struct PageCondition: Equatable {
    /// The paper level of the darkest tile, 0...255.
    var darkestTile: Int
    /// The paper level of the brightest tile, 0...255.
    var brightestTile: Int

    /// A tile this dark is not paper (a table, a dark border, a deep shadow).
    static let darkTile = 160
    /// Tiles this far apart are lit unevenly (a shadow, a lamp's falloff).
    static let unevenLight = 50

    /// Whether the page looks like a photo or a poor scan.
    var needsPreparation: Bool {
        darkestTile < Self.darkTile || brightestTile - darkestTile > Self.unevenLight
    }

    /// Measures `page`; nil for a bilevel page (a fax or a G4 TIFF has no light to measure and
    /// nothing preparation could improve) or one too small to tile.
    static func measure(_ page: PageImage) -> PageCondition? {
        let depth = pixGetDepth(page.pix)
        guard depth > 1, page.width >= 60, page.height >= 60 else { return nil }
        let factor = Int32(max(1, min(page.width, page.height) / 150))
        guard let sampled = pixScaleByIntSampling(page.pix, factor) else { return nil }
        let thumbnail = PageImage(taking: sampled)
        guard let grey = pixConvertTo8(thumbnail.pix, 0) else { return nil }
        let thumbnailGrey = PageImage(taking: grey)
        let tiles = 6
        let width = thumbnailGrey.width / tiles, height = thumbnailGrey.height / tiles
        guard width > 0, height > 0 else { return nil }
        var levels: [Int] = []
        for row in 0..<tiles {
            for column in 0..<tiles {
                guard let level = paperLevel(of: thumbnailGrey, x: column * width, y: row * height,
                                             width: width, height: height) else { continue }
                levels.append(level)
            }
        }
        guard let darkest = levels.min(), let brightest = levels.max() else { return nil }
        return PageCondition(darkestTile: darkest, brightestTile: brightest)
    }

    /// The 90th percentile of the grey values in the rectangle.
    private static func paperLevel(of grey: PageImage, x: Int, y: Int, width: Int, height: Int) -> Int? {
        var box = boxCreate(Int32(x), Int32(y), Int32(width), Int32(height))
        defer { boxDestroy(&box) }
        guard let clipped = pixClipRectangle(grey.pix, box, nil) else { return nil }
        let tile = PageImage(taking: clipped)
        var histogram = pixGetGrayHistogram(tile.pix, 1)
        defer { numaDestroy(&histogram) }
        var value: Float = 0
        guard histogram != nil, numaHistogramGetValFromRank(histogram, 0.9, &value) == 0 else { return nil }
        return min(255, Int(value))
    }
}
