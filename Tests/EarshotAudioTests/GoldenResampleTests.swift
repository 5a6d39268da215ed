import EarshotTestSupport
import Testing

@testable import EarshotAudio

/// The golden 16 kHz file is `0_jackson_5.wav` resampled 8 → 16 kHz by soxr VHQ on the int16
/// values and rounded to int16; our float path must land within one or two int16 steps of it.
@Test func resampling8kTo16kMatchesGoldenSoxrFile() throws {
    let source = Fixtures.fsddRecordings.appendingPathComponent("0_jackson_5.wav").path
    let golden = try AudioReader.read(Fixtures.golden.appendingPathComponent("mfcc/0_jackson_5_16k.wav").path)
    let ours = try AudioReader.read(source, sampleRate: 16_000)
    #expect(golden.sampleRate == 16_000 && ours.sampleRate == 16_000)
    try #require(ours.samples.count == golden.samples.count)
    // On the int16 scale: |ours·32768 − golden·32768| ≤ 1 LSB. Observed ≤ 0.5, i.e. ours
    // rounds to the golden int16 everywhere; float32 I/O vs float64 costs far less than 1 LSB.
    let excess = worstToleranceExcess(
        ours.samples.map { $0 * 32768 }, golden.samples.map { $0 * 32768 }, atol: 1, rtol: 0)
    #expect(excess == 0, "worst excess over 1 LSB: \(excess)")
}

/// FSDD files are 8 kHz mono 16-bit: reading gives int16/32768 exactly, as libsndfile documents.
@Test func readsFSDDFileAtItsOwnRate() throws {
    let path = Fixtures.fsddRecordings.appendingPathComponent("0_jackson_5.wav").path
    let audio = try AudioReader.read(path)
    #expect(audio.sampleRate == 8000)
    #expect(audio.samples.count == 4591)
    #expect(audio.samples.allSatisfy { ($0 * 32768).rounded() == $0 * 32768 && abs($0) <= 1 })
    let info = try AudioReader.info(path)
    #expect(
        info
            == AudioFileInfo(
                path: path, container: "WAV", encoding: "PCM 16-bit", sampleRate: 8000, channels: 1,
                frames: 4591))
}
