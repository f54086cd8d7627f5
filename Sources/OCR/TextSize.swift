import CTesseract

/// How tall a page's text is: the median height of the dark connected components of a
/// binarised copy that are shaped like letters or words (not specks, rules or pictures).
/// With separate letters it lies between the x-height and the capitals' height; where blur
/// has merged the letters of a word, it is the word's height. Either way it says whether the
/// text is too small for Tesseract or larger than it needs.
enum TextSize {
    /// The median height in pixels of grey page `grey` (8 bpp, background near white); nil
    /// when fewer than 20 components look like text.
    static func medianHeight(of grey: PageImage) -> Int? {
        guard let binaryPointer = pixThresholdToBinary(grey.pix, 130) else { return nil }
        let binary = PageImage(taking: binaryPointer)
        var boxes = pixConnCompBB(binary.pix, 8)
        defer { boxaDestroy(&boxes) }
        guard boxes != nil else { return nil }
        let tallest = grey.height / 10
        var heights: [Int] = []
        for index in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, width: Int32 = 0, height: Int32 = 0
            boxaGetBoxGeometry(boxes, index, &x, &y, &width, &height)
            // Letters and words: at least 4 px, not a tenth of the page, no wider than a
            // long word, not a thin vertical stroke of a table.
            if height >= 4, height < tallest, width <= height * 15, width * 6 >= height {
                heights.append(Int(height))
            }
        }
        guard heights.count >= 20 else { return nil }
        heights.sort()
        return heights[heights.count / 2]
    }
}
