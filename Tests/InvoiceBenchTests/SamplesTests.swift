import Testing

@testable import InvoiceBench

/// The summaries the benchmark report prints: no benchmark runs here, only its arithmetic.
@Suite struct SamplesTests {
    @Test func percentiles_useTheNearestRank_soEveryFigureWasMeasured() {
        let samples = Samples((1...100).map(Double.init))
        #expect(samples.percentile(50) == 50)
        #expect(samples.percentile(99) == 99)
        #expect(samples.percentile(100) == 100)
        #expect(samples.median == 50)
        #expect(samples.min == 1 && samples.max == 100)
    }

    @Test func percentiles_ofFewSamples_areTheLargestWhenTheRankRoundsUp() {
        let samples = Samples([3, 1, 2])
        #expect(samples.percentile(99) == 3)
        #expect(samples.median == 2)
        #expect(Samples().percentile(99) == nil)
    }

    @Test func ratios_pairRunsOfTheSameRound_andStopAtTheShorterSide() {
        let ratio = Ratio.paired(baseline: [10, 12], daemon: [5, 4, 6])
        #expect(ratio.values == [2, 3])
    }
}
