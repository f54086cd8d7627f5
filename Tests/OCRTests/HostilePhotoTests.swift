import Foundation
import OCR
import TestSupport
import Testing

/// Pictures that look like photos to the preparation's first glance but hold no paper or no
/// text: each is read (to little or nothing) without an error and in bounded time, and the
/// page says what preparation did.
@Suite struct HostilePhotoTests {
    /// A binary PGM (P5) of `width` × `height` whose pixel at (x, y) is `value(x, y)`.
    static func pgm(width: Int, height: Int, _ value: (Int, Int) -> UInt8) -> Data {
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width { pixels[y * width + x] = value(x, y) } }
        data.append(contentsOf: pixels)
        return data
    }

    static let pictures: [(name: String, width: Int, height: Int, value: @Sendable (Int, Int) -> UInt8)] = [
        ("black", 1600, 1200, { _, _ in 0 }),
        // Pseudo-random grey noise: every pixel its own speck.
        ("noise", 1600, 1200, { x, y in UInt8(truncatingIfNeeded: (x &* 2_654_435_761 ^ y &* 40_503) >> 7) }),
        // A blank sheet on a dark table: paper to cut out, nothing to read on it.
        ("blank-sheet", 1600, 1200, { x, y in (400..<1200).contains(x) && (200..<1000).contains(y) ? 235 : 40 }),
        ("tiny-dark", 64, 64, { x, _ in UInt8(x) }),
    ]

    @Test(arguments: pictures.map(\.name))
    func aPictureWithoutPaperOrText_isReadWithoutError(name: String) async throws {
        let picture = try #require(Self.pictures.first { $0.name == name })
        let dir = try TemporaryDirectory()
        let path = dir.appending("\(name).pgm")
        try Self.pgm(width: picture.width, height: picture.height, picture.value).write(to: URL(fileURLWithPath: path))
        let (pages, seconds) = try await onWorkerThread {
            let reader = try DocumentReader(languages: "vie+eng", vietnameseFirst: true, dataPath: nil, maxMegapixels: 60,
                                            maxPages: 5, pageTimeout: 60)
            let started = DispatchTime.now().uptimeNanoseconds
            let pages = try reader.read(path: path, progress: { _ in }, shouldCancel: { false },
                                        judge: { _ in ReadingJudgement(score: 0, fieldsFound: false) })
            return (pages, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        print("\(name): \(String(format: "%.2f", seconds)) s, preparation \(pages.first?.preparation ?? []), reading \(pages.first?.reading ?? "-"), text \(pages.first?.text.count ?? 0) characters")
        #expect(pages.count == 1)
        #expect(seconds < 30)
        if name == "blank-sheet" { #expect(pages.first?.preparation.contains("cropped to the paper") == true) }
    }
}
