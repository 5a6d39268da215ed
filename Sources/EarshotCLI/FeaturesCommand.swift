import ArgumentParser
import EarshotAudio
import EarshotFeatures
import Foundation

struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute Kaldi-compatible MFCC or log mel filterbank features of an audio file.",
        discussion: """
            Options are spelled as Kaldi's compute-mfcc-feats and compute-fbank-feats, with \
            the same defaults except --dither (0 here, so output is deterministic). Booleans \
            take =true or =false. Samples are scaled to the int16 range before framing, as \
            Kaldi does, so the values match Kaldi's. Without --sample-frequency the file's own \
            rate is used; with it the audio is resampled to that rate first.

            Writes one row per 10 ms frame to standard output, or to -o FILE.

            Examples:
              earshot features clip.wav
              earshot features --type fbank --num-mel-bins=40 --format npy -o clip.npy clip.wav
              earshot features --sample-frequency=16000 --high-freq=-400 --snip-edges=false clip.wav
            """)

    @Argument(help: "Audio file (any format libsndfile reads; mixed down to mono).") var file: String
    @OptionGroup var flags: KaldiFeatureFlags
    @Option(help: "Output: csv (one line per frame), json ({frames, dims, values}) or npy (float32, frames x dims).")
    var format: FeatureFileFormat = .csv
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Normalisation: none, utterance (subtract the mean) or utterance-variance (and scale to unit variance).")
    var cmvn: CMVNMode = .none

    func run() throws {
        let audio = try AudioReader.read(file, sampleRate: flags.sampleFrequency.map { Int($0) })
        let options = try flags.featureOptions(fileSampleRate: audio.sampleRate)
        let features = cmvn.apply(to: try Featurizer(options).compute(audio.samples))
        let data = format.encode(features)
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
