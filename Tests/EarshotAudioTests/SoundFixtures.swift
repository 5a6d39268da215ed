import CSndFile
import EarshotTestSupport
import Foundation

/// Test audio written with libsndfile itself, so no external tool is needed.
enum SoundFixtures {
    /// Writes interleaved `samples` (`channels` per frame) as `format` (a libsndfile major|subtype
    /// word) into `directory/name`; returns the path.
    static func write(
        _ samples: [Double], channels: Int = 1, sampleRate: Int, format: Int32, in directory: URL,
        name: String
    ) throws -> String {
        let path = directory.appendingPathComponent(name).path
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format
        guard let handle = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw FixtureError(message: "\(name): \(String(cString: sf_strerror(nil)))")
        }
        defer { sf_close(handle) }
        let frames = samples.count / channels
        guard sf_writef_double(handle, samples, sf_count_t(frames)) == frames else {
            throw FixtureError(message: "\(name): short write")
        }
        return path
    }

    /// `amplitude · sin(2π f n / rate)` for n in 0..<count.
    static func sine(frequency: Double, amplitude: Double, sampleRate: Int, count: Int) -> [Double] {
        (0..<count).map { amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate)) }
    }

    /// A deterministic speech-like test signal: two sines plus a slow chirp, within ±0.9.
    static func tones(sampleRate: Int, count: Int) -> [Double] {
        (0..<count).map { n in
            let t = Double(n) / Double(sampleRate)
            return 0.4 * sin(2 * .pi * 300 * t) + 0.3 * sin(2 * .pi * 1250 * t) + 0.2
                * sin(2 * .pi * (100 + 400 * t) * t)
        }
    }

    /// A libsndfile format word from its container and encoding constants.
    static func format(_ major: Int, _ subtype: Int) -> Int32 { Int32(major | subtype) }

    static let fsddFile = Fixtures.fsddRecordings.appendingPathComponent("0_jackson_5.wav").path
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
