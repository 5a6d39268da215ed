import EarshotAudio
import Foundation
import Testing

@Suite struct AudioLevelTests {
    /// A full-period sine of amplitude a: peak 20·log10 a, RMS 20·log10(a/√2); to 0.01 dB.
    @Test func aSineHasItsPeakAndRMSLevel() {
        let sine = (0..<8000).map { Float(0.5 * sin(2 * Double.pi * 100 * Double($0) / 8000)) }
        let level = AudioLevel(sine)
        #expect(abs(level.peakDecibels - 20 * log10(0.5)) < 0.01, "\(level)")
        #expect(abs(level.rmsDecibels - 20 * log10(0.5 / 2.0.squareRoot())) < 0.01, "\(level)")
    }

    @Test func digitalSilenceIsMinusInfinity() {
        #expect(AudioLevel([Float](repeating: 0, count: 100)) == AudioLevel([]))
        #expect(AudioLevel([]).peakDecibels == -.infinity && AudioLevel([]).rmsDecibels == -.infinity)
    }
}
