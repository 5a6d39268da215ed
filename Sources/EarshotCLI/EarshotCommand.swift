import ArgumentParser

@main
struct EarshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "Small-vocabulary speech recognition: transcribe, train, evaluate and stream.",
        discussion: """
            Earshot turns audio into words with a bidirectional GRU trained with CTC.
            It reads any format libsndfile reads and resamples to the model's rate.

            Examples:
              earshot transcribe audio-samples/7_jackson_5.wav
              earshot transcribe --json clip.wav
              earshot stream --realtime clip.wav
              arecord -f S16_LE -r 16000 -c 1 | earshot stream - --rate 16000
              earshot features --type fbank --num-mel-bins=40 clip.wav
              earshot info clip.flac
            """,
        version: "0.1.0",
        subcommands: [
            InfoCommand.self,
            FeaturesCommand.self,
            TranscribeCommand.self,
            StreamCommand.self,
            ServeCommand.self,
            TrainCommand.self,
            EvalCommand.self,
            InspectCommand.self,
            BenchCommand.self,
        ])
}
