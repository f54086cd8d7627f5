@testable import OCR
import Testing

/// Issue 14, item 7: a label and the amount printed far to its right are paired by their
/// baseline, however far apart, and whatever is left of the page's skew.
@Suite struct BaselineLinesTests {
    /// Two receipt lines, 30 px apart, on a page still turned 1.7° (a slope of 0.03): over
    /// the 600 px between a label and its amount the baseline climbs 18 px, more than half
    /// a line, so that taking heights as they are would pair each amount with the line above.
    @Test func aLabelAndItsFarAmount_shareALine_onASkewedPage() {
        func word(_ text: String, _ left: Int, _ line: Int) -> RecognisedWord {
            let right = left + 20 * text.count
            let middle = Double(left + right) / 2
            return RecognisedWord(text: text, left: left, right: right, height: 20,
                                  baseline: 100 + 30 * Double(line) - 0.03 * middle, slope: -0.03)
        }
        let words = [word("9.00", 640, 0), word("Total", 20, 0), word(":", 130, 0),
                     word("Cash", 20, 1), word(":", 130, 1), word("10.00", 620, 1)]
        #expect(BaselineLines.text(of: words) == "Total : 9.00\nCash : 10.00")
        #expect(BaselineLines.text(of: []) == nil)
    }
}
