import Foundation
import Testing
import Earshot
@testable import EarshotTraining

@Suite struct EvaluationTests {
    private func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    @Test func alignmentCountsOnHandComputedExamples() {
        // "the cat sat on the mat" vs "the cat sit on mat": sat→sit (S), "the" deleted (D).
        let a = EditAlignment(reference: words("the cat sat on the mat"), hypothesis: words("the cat sit on mat"))
        #expect(a.counts == ErrorCounts(substitutions: 1, insertions: 0, deletions: 1, referenceLength: 6))
        #expect(abs(a.counts.rate - 2.0 / 6.0) < 1e-12)
        // one two three vs one one two three four: one insertion at the front (or after "one"), one at the end.
        let b = EditAlignment(reference: words("one two three"), hypothesis: words("one one two three four"))
        #expect(b.counts == ErrorCounts(substitutions: 0, insertions: 2, deletions: 0, referenceLength: 3))
        // Empty hypothesis: all deletions; empty reference: all insertions.
        #expect(EditAlignment(reference: words("a b c"), hypothesis: []).counts.deletions == 3)
        #expect(EditAlignment(reference: [], hypothesis: words("a b")).counts == ErrorCounts(substitutions: 0, insertions: 2, deletions: 0, referenceLength: 0))
        // A substitution is preferred to an insertion + deletion of equal cost.
        let c = EditAlignment(reference: ["yes"], hypothesis: ["no"])
        #expect(c.operations == [.substitution(reference: "yes", hypothesis: "no")])
    }

    @Test func alignmentOperationsReadInOrder() {
        let a = EditAlignment(reference: words("a b c d"), hypothesis: words("a x c d e"))
        #expect(a.operations == [.match("a"), .substitution(reference: "b", hypothesis: "x"), .match("c"), .match("d"), .insertion("e")])
    }

    @Test func reportOverSeveralClips() throws {
        var report = EvaluationReport()
        report.add(reference: words("three one four"), hypothesis: words("three one four"), audioSeconds: 2, processingSeconds: 0.02)
        report.add(reference: words("one five"), hypothesis: words("one nine"), audioSeconds: 1, processingSeconds: 0.01)
        report.add(reference: words("nine"), hypothesis: [], audioSeconds: 1, processingSeconds: 0.01)
        report.add(reference: words("two"), hypothesis: words("two two"), audioSeconds: 1, processingSeconds: 0.01)
        #expect(report.clips == 4 && report.exactMatches == 1)
        #expect(report.accuracy == 0.25)
        #expect(report.words == ErrorCounts(substitutions: 1, insertions: 1, deletions: 1, referenceLength: 7))
        #expect(abs(report.wordErrorRate - 3.0 / 7.0) < 1e-12)
        // Characters: "one five"→"one nine" is 2 substitutions (f→n, v→n); "nine"→"" 4 deletions;
        // "two"→"two two" 4 insertions; 14 + 8 + 4 + 3 reference characters.
        #expect(report.characters == ErrorCounts(substitutions: 2, insertions: 4, deletions: 4, referenceLength: 29))
        #expect(abs(report.realTimeFactor - 0.01) < 1e-12)
        #expect(report.confusion["five", "nine"] == 1)
        #expect(report.confusion["one", "one"] == 2)
        #expect(report.confusion["nine", ConfusionTable.deleted] == 1)
        #expect(report.confusion[ConfusionTable.inserted, "two"] == 1)
        #expect(report.confusion.rowLabels == ["five", "four", "nine", "one", "three", "two", "<ins>"])
        #expect(report.confusion.columnLabels == ["five", "four", "nine", "one", "three", "two", "<del>"])

        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
        #expect(json["accuracy"] as? Double == 0.25)
        #expect(json["clips"] as? Int == 4)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
        #expect(report.text.contains("accuracy           25.00 %"))
        #expect(report.text.contains("S 1, I 1, D 1 of 7 words"))
    }

    @Test func confusionTableText() {
        var table = ConfusionTable()
        table.add(EditAlignment(reference: ["yes", "no"], hypothesis: ["yes", "yes"]))
        #expect(table.text == """
                 no yes
            no    .   1
            yes   .   1
            """)
    }
}
