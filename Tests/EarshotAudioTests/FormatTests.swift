import CSndFile
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotAudio

/// Every encoding libsndfile writes comes back as the written signal, within that encoding's
/// quantisation error, with the right container and encoding names.
struct FormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let format: Int32
        let container: String
        let encoding: String
        /// Tolerance |read − written| ≤ atol + rtol·|written|.
        let atol: Float
        let rtol: Float
        var testDescription: String { name }

        init(
            _ name: String, _ major: Int, _ subtype: Int, _ container: String, _ encoding: String,
            _ atol: Float, _ rtol: Float
        ) {
            (self.name, self.container, self.encoding, self.atol, self.rtol) = (
                name, container, encoding, atol, rtol
            )
            format = SoundFixtures.format(major, subtype)
        }
    }

    static let cases: [Case] = [
        // libsndfile writes x·127 and reads v/128: half a step of rounding plus x/128 of scale.
        Case("u8.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_U8, "WAV", "PCM 8-bit unsigned", 0.5 / 127, 1.0 / 127),
        Case("s16.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_16, "WAV", "PCM 16-bit", 1e-4, 0),
        Case("s24.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_24, "WAV", "PCM 24-bit", 1e-6, 1e-4),
        Case("s32.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_32, "WAV", "PCM 32-bit", 1e-6, 1e-4),
        Case("f32.wav", SF_FORMAT_WAV, SF_FORMAT_FLOAT, "WAV", "float 32-bit", 1e-7, 1e-7),
        Case("f64.wav", SF_FORMAT_WAV, SF_FORMAT_DOUBLE, "WAV", "float 64-bit", 1e-7, 1e-7),
        // G.711 companding keeps ~3% relative precision (4-bit mantissa) plus a small step near 0.
        Case("ulaw.wav", SF_FORMAT_WAV, SF_FORMAT_ULAW, "WAV", "u-law", 2e-3, 0.04),
        Case("alaw.wav", SF_FORMAT_WAV, SF_FORMAT_ALAW, "WAV", "A-law", 2e-3, 0.04),
        Case("s16.flac", SF_FORMAT_FLAC, SF_FORMAT_PCM_16, "FLAC", "PCM 16-bit", 1e-4, 0),
        Case("s24.aiff", SF_FORMAT_AIFF, SF_FORMAT_PCM_24, "AIFF", "PCM 24-bit", 1e-6, 1e-4),
    ]

    @Test(arguments: cases)
    func readsEncodingWithinItsQuantisation(_ format: Case) throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-format")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = SoundFixtures.tones(sampleRate: 8000, count: 4000)
        let path = try SoundFixtures.write(
            written, sampleRate: 8000, format: format.format, in: directory, name: format.name)

        let audio = try AudioReader.read(path)
        #expect(audio.sampleRate == 8000)
        try #require(audio.samples.count == written.count)
        let excess = worstToleranceExcess(
            audio.samples, written.map(Float.init), atol: format.atol, rtol: format.rtol)
        #expect(excess == 0, "worst excess \(excess)")
        #expect(
            try AudioReader.info(path)
                == AudioFileInfo(
                    path: path, container: format.container, encoding: format.encoding, sampleRate: 8000,
                    channels: 1, frames: 4000))
    }

    /// Vorbis is lossy: the decoded signal must still carry the written one, with an error
    /// energy under 1% of the signal's (SNR > 20 dB).
    @Test func readsOggVorbis() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-ogg")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = SoundFixtures.tones(sampleRate: 16_000, count: 16_000)
        let path = try SoundFixtures.write(
            written, sampleRate: 16_000, format: SoundFixtures.format(SF_FORMAT_OGG, SF_FORMAT_VORBIS),
            in: directory, name: "tones.ogg")
        let audio = try AudioReader.read(path)
        try #require(audio.samples.count == written.count)
        let signal = written.reduce(0) { $0 + $1 * $1 }
        let error = zip(audio.samples, written).reduce(0) {
            $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1)
        }
        #expect(error < 0.01 * signal, "error/signal energy \(error / signal)")
        let info = try AudioReader.info(path)
        #expect(info.container == "OGG" && info.encoding == "Vorbis" && info.frames == 16_000)
    }

    /// Channels are averaged: mono = (left + right) / 2, and likewise for three channels.
    @Test(arguments: [2, 3])
    func averagesChannelsToMono(channels: Int) throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-channels")
        defer { try? FileManager.default.removeItem(at: directory) }
        let frames = 3000
        let perChannel = (0..<channels).map {
            SoundFixtures.sine(
                frequency: 200 * Double($0 + 1), amplitude: 0.3, sampleRate: 8000, count: frames)
        }
        let interleaved = (0..<frames).flatMap { f in perChannel.map { $0[f] } }
        let path = try SoundFixtures.write(
            interleaved, channels: channels, sampleRate: 8000,
            format: SoundFixtures.format(SF_FORMAT_WAV, SF_FORMAT_FLOAT), in: directory, name: "multi.wav")
        let expected = (0..<frames).map { f in Float(perChannel.reduce(0) { $0 + $1[f] } / Double(channels)) }
        let audio = try AudioReader.read(path)
        try #require(audio.samples.count == frames)
        #expect(worstToleranceExcess(audio.samples, expected, atol: 1e-6, rtol: 0) == 0)
        #expect(try AudioReader.info(path).channels == channels)
    }

    /// A 1 kHz sine at 44.1 kHz resampled to 16 kHz keeps its frequency (zero crossings) and its
    /// amplitude (projection onto sin/cos at 1 kHz), and the length scales by 16000/44100.
    @Test func resampling44kTo16kKeepsSineFrequencyAndAmplitude() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-resample")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try SoundFixtures.write(
            SoundFixtures.sine(frequency: 1000, amplitude: 0.5, sampleRate: 44_100, count: 44_100),
            sampleRate: 44_100, format: SoundFixtures.format(SF_FORMAT_WAV, SF_FORMAT_FLOAT), in: directory,
            name: "sine44k.wav")
        let audio = try AudioReader.read(path, sampleRate: 16_000)
        #expect(audio.sampleRate == 16_000)
        #expect(audio.samples.count == 16_000)
        // Interior only: the filter's edges ramp in and out.
        let interior = Array(audio.samples[800..<15_200]).map(Double.init)
        var crossings = 0
        for i in 1..<interior.count where (interior[i - 1] < 0) != (interior[i] < 0) { crossings += 1 }
        let seconds = Double(interior.count) / 16_000
        #expect(
            abs(Double(crossings) - 2 * 1000 * seconds) <= 2, "\(crossings) zero crossings in \(seconds) s")
        // amplitude = (2/N) |Σ x[n] e^{-iωn}|
        var re = 0.0
        var im = 0.0
        for (n, x) in interior.enumerated() {
            let phase = 2 * Double.pi * 1000 * Double(n + 800) / 16_000
            re += x * cos(phase)
            im += x * sin(phase)
        }
        let amplitude = 2 * (re * re + im * im).squareRoot() / Double(interior.count)
        #expect(abs(amplitude - 0.5) < 0.005, "amplitude \(amplitude)")
    }
}
