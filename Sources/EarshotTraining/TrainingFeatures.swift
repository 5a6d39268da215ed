import EarshotAudio
import EarshotFeatures

extension FrameExtractionOptions {
    /// Training's dither, Kaldi's default: digital silence (exact zeros) then looks like the
    /// faintest noise instead of the features' log floor, far below anything trained on.
    public static let trainingDither: Float = 1

    /// The framing a model is trained with unless told otherwise: Kaldi's defaults at
    /// `sampleRate` Hz, with `trainingDither`.
    public static func training(sampleRate: Int) -> FrameExtractionOptions {
        var frame = FrameExtractionOptions()
        frame.sampleFrequency = Float(sampleRate)
        frame.dither = trainingDither
        return frame
    }

    /// `training(sampleRate:)` at the rate of the first clip of `clips` (the first training clip).
    public static func training(for clips: [LabeledClip]) throws -> FrameExtractionOptions {
        guard let first = clips.first else { throw TrainingError.noTrainingData(source: "training data") }
        return training(sampleRate: try AudioReader.info(first.audioURL.path).sampleRate)
    }
}

extension FeatureOptions {
    /// The front-end a model is trained on `clips` with unless told otherwise (`Trainer` with no
    /// features, `earshot train` with no feature flags): MFCC with Kaldi's defaults and the
    /// training framing at the first clip's rate.
    public static func training(for clips: [LabeledClip]) throws -> FeatureOptions {
        var mfcc = MfccOptions()
        mfcc.frame = try .training(for: clips)
        return .mfcc(mfcc)
    }
}
