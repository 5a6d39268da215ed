import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Earshot
@testable import EarshotTraining

@Suite struct TrainingProgressTests {
    /// A progress reporter writing into a buffer with a clock the test moves.
    private final class Harness {
        var output = ""
        var now = 0.0
        lazy var progress = TrainingProgress(style: style, write: { self.output += $0 }, clock: { self.now })
        let style: TrainingProgress.Style
        init(_ style: TrainingProgress.Style) { self.style = style }
    }

    private let summary = EpochSummary(
        epoch: 2, trainLoss: 1.23456, devLoss: 1.5, devWordErrorRate: 0.125, devAccuracy: 0.875,
        learningRate: 0.001, seconds: 41, itemsPerSecond: 48.8, skippedBatches: 1, isBest: true)

    @Test func barRedrawsInPlaceWithRateAndETA() {
        let h = Harness(.bar)
        h.progress.beginEpoch(2, of: 10, items: 200)
        h.now = 2
        h.progress.update(done: 100, loss: 2.5)
        #expect(h.output.hasPrefix("\r\u{1B}[K"))
        #expect(h.output.contains("epoch 2/10 ████████████░░░░░░░░░░░░ 100/200  50.0 items/s  loss 2.500  ETA 0:02"))
        h.output = ""
        h.now = 2.05
        h.progress.update(done: 101, loss: 2.5)
        #expect(h.output.isEmpty)
        h.progress.endEpoch(summary)
        #expect(h.output == "\r\u{1B}[K" + TrainingProgress.summaryLine(summary, epochs: 10) + "\n")
    }

    @Test func plainLinesAtEachQuarter() {
        let h = Harness(.lines)
        h.progress.beginEpoch(1, of: 3, items: 100)
        for done in 1...100 {
            h.now = Double(done) / 10
            h.progress.update(done: done, loss: 1)
        }
        h.progress.endEpoch(summary)
        let lines = h.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "epoch 1/3: 25/100 items, 10.0 items/s, loss 1.000, ETA 0:08")
        #expect(!h.output.contains("\r"))
    }

    @Test func jsonLinesAreObjectsWithEvents() throws {
        let h = Harness(.json)
        h.progress.beginEpoch(1, of: 3, items: 10)
        h.now = 5
        h.progress.update(done: 5, loss: 0.5)
        h.progress.endEpoch(summary)
        h.progress.note("saved checkpoint")
        h.progress.finish("done", fields: ["best_epoch": 2])
        let objects = try h.output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.map { $0["event"] as? String } == ["start", "progress", "epoch", "note", "end"])
        #expect(objects[1]["items_per_second"] as? Double == 1)
        #expect(objects[2]["dev_word_error_rate"] as? Double == 0.125)
        #expect(objects[4]["best_epoch"] as? Int == 2)
    }

    @Test func summaryLineAndClockTime() {
        #expect(TrainingProgress.summaryLine(summary, epochs: 10)
            == "epoch 2/10  loss 1.235  dev loss 1.500  dev WER 12.50 %  dev accuracy 87.50 %  lr 1.0e-03  41 s (48.8 items/s)  1 batches skipped  best")
        #expect(TrainingProgress.clockTime(59.6) == "1:00")
        #expect(TrainingProgress.clockTime(3725) == "1:02:05")
        #expect(TrainingProgress.clockTime(.infinity) == "0:00")
    }

    @Test func curvePlotIsSVGWithBothPanels() throws {
        let curve = TrainingCurve(epochs: (1...12).map { e in
            EpochSummary(epoch: e, trainLoss: 10 / Double(e), devLoss: 12 / Double(e), devWordErrorRate: 0.9 / Double(e),
                         learningRate: 1e-3, seconds: 10, itemsPerSecond: 100, isBest: e == 11)
        })
        let svg = TrainingCurvePlot().svg(curve)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("CTC loss per utterance") && svg.contains("dev word error rate"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 36)
        #expect(svg.contains(">epoch</text>") && svg.contains(">WER %</text>"))
        #expect(curve.best?.epoch == 11)
        #expect(svg.components(separatedBy: ">best</text>").count - 1 == 2)
        #expect(svg.contains(">100</text>") && svg.contains(">0.1</text>"), "loss decades from 0.1 to 100")
        #expect(!svg.contains("text-anchor=\"middle\">0</text>"), "no epoch-0 tick left of the axis")
        #expect(svg.components(separatedBy: "text-anchor=\"middle\">12</text>").count - 1 == 2)
        let document = try XMLDocument(xmlString: svg)
        #expect(document.rootElement()?.name == "svg")
        #expect(TrainingCurvePlot().svg(TrainingCurve()).hasSuffix("</svg>\n"))
    }

    @Test func niceTicksCoverTheRange() {
        #expect(TrainingCurvePlot.niceTicks(low: 0, high: 9.3) == [0, 2, 4, 6, 8, 10])
        #expect(TrainingCurvePlot.niceTicks(low: 0, high: 0.42) == [0, 0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(TrainingCurvePlot.label(0.30000000000000004) == "0.3")
        #expect(TrainingCurvePlot.decades(low: 0.025, high: 35.8) == [0.01, 0.1, 1, 10, 100])
        #expect(TrainingCurvePlot.decades(low: 2, high: 3) == [1, 10])
        #expect(TrainingCurvePlot.label(10) == "10")
    }
}
