import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `earshot serve` end to end: the built executable on a free loopback port, driven by
/// Scripts/serving/ws-client.py, which talks like Vosk's example clients (config, 0.2 s PCM frames
/// with one reply each, `{"eof" : 1}`). Needs python3 with `websockets`
/// (`Scripts/install-deps.sh --server-tests`; Scripts/test.sh runs it).
@Suite(.serialized) struct ServeTests {
    /// A running `earshot serve --port 0`; SIGTERM when released.
    final class Server {
        let process = Process()
        let port: Int
        private let output = Pipe()

        init(_ arguments: [String] = []) throws {
            process.executableURL = CommandLineTests.executable
            process.arguments = ["serve", "--port", "0"] + arguments
            process.standardOutput = output
            process.standardError = FileHandle.standardError
            try process.run()
            var text = ""
            while !text.contains("\n") {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            guard let range = text.range(of: #"listening on http://[^:]+:(\d+)"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":").last ?? "")
            else { throw ServeTestError("earshot serve did not start: \(text)") }
            self.port = port
        }

        var ws: String { "ws://127.0.0.1:\(port)" }
        var http: String { "http://127.0.0.1:\(port)" }

        /// SIGTERM, then the exit status (nil if it did not stop within `seconds`).
        func stop(within seconds: Double = 20) -> Int32? {
            guard process.isRunning else { return process.terminationStatus }
            process.terminate()
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }

        deinit { _ = stop() }
    }

    struct ServeTestError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A python3 that has `websockets` (Debian's python3-websockets installs for /usr/bin/python3).
    static let python: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", "python3"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [candidate, "-c", "import websockets"]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    static let client = Fixtures.packageRoot.appendingPathComponent("Scripts/serving/ws-client.py").path

    /// Runs ws-client.py; its output lines as JSON objects.
    static func client(_ arguments: [String]) throws -> [[String: Any]] {
        guard let python else {
            throw ServeTestError("no python3 with websockets: run Scripts/install-deps.sh --server-tests")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, client] + arguments
        let (stdout, stderr) = (Pipe(), Pipe())
        (process.standardOutput, process.standardError) = (stdout, stderr)
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServeTestError("ws-client.py \(arguments) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func clip(_ name: String) -> String { Fixtures.audioSamples.appendingPathComponent(name).path }
    static let clips = ["yes-stop-go_16k.wav", "three-one-four_16k.wav"]

    /// `earshot stream --json FILE`'s finals.
    static func streamFinals(_ file: String) throws -> [[String: Any]] {
        let run = try CommandLineTests.earshot(["stream", "--json", file])
        #expect(run.status == 0, "\(run.errors)")
        return try run.output.split(separator: "\n").compactMap {
            let event = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            return event["type"] as? String == "final" ? event : nil
        }
    }

    /// Words as (word, start, end), the fields Vosk and stream events share.
    static func words(_ list: Any?, key: String = "word") -> [String] {
        ((list as? [[String: Any]]) ?? []).map { word in
            "\(word[key] ?? "") \(word["start"] ?? "") \(word["end"] ?? "")"
        }
    }

    static func frames(_ file: String, seconds: Double = 0.2) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        // 16-bit mono WAV with a 44-byte header at 16 kHz
        let samples = (data.count - 44) / 2
        let perFrame = Int(16000 * seconds)
        return (samples + perFrame - 1) / perFrame
    }

    static func http(_ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:]) async throws
        -> (status: Int, body: [String: Any], text: String)
    {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object, String(decoding: data, as: UTF8.self))
    }

    // MARK: Vosk's protocol

    @Test func voskClientGetsOneReplyPerFrameAndTheFinalsOfEarshotStream() throws {
        let server = try Server()
        for name in Self.clips {
            let file = Self.clip(name)
            let replies = try Self.client(["stream", "\(server.ws)/", file])
            #expect(replies.count == (try Self.frames(file)) + 1, "one reply per frame and one for eof")
            #expect(replies.dropLast().allSatisfy { $0["partial"] != nil || $0["text"] != nil })
            let results = replies.filter { $0["text"] != nil }
            let expected = try Self.streamFinals(file)
            #expect(
                results.map { $0["text"] as? String ?? "" }.filter { !$0.isEmpty }
                    == expected.map { $0["text"] as? String ?? "" }, "\(name)")
            #expect(results.flatMap { Self.words($0["result"]) } == expected.flatMap { Self.words($0["words"]) }, "\(name)")
            let confidences = results.flatMap { ($0["result"] as? [[String: Any]]) ?? [] }.compactMap { $0["conf"] as? Double }
            #expect(!confidences.isEmpty && confidences.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test func streamEventsEqualEarshotStreamJSON() throws {
        let server = try Server()
        var partials = 0
        for name in Self.clips {
            let file = Self.clip(name)
            let events = try Self.client(["stream", "\(server.ws)/v1/stream", file])
            let finals = events.filter { $0["type"] as? String == "final" }
            let expected = try Self.streamFinals(file)
            #expect(finals.map { $0["text"] as? String } == expected.map { $0["text"] as? String }, "\(name)")
            #expect(finals.flatMap { Self.words($0["words"]) } == expected.flatMap { Self.words($0["words"]) })
            #expect(Set(finals.flatMap { $0.keys }) == Set(expected.flatMap { $0.keys }))
            partials += events.count(where: { $0["type"] as? String == "partial" })
        }
        // Whether a clip gets partials before its final depends on the model (one that emits a
        // short string's words only at its end gives none); the strings together must give some.
        #expect(partials > 0)
    }

    @Test func phraseListRestrictsTheWordsAndWordsZeroDropsTheTimes() throws {
        let server = try Server()
        let replies = try Self.client([
            "stream", "\(server.ws)/", Self.clip("yes-stop-go_16k.wav"),
            "--config", #"{"phrase_list": ["yes no", "stop [unk]"], "sample_rate": 16000.0, "words": 0}"#,
        ])
        let final = try #require(replies.last)
        let text = try #require(final["text"] as? String)
        #expect(text.hasPrefix("yes stop") && !text.contains("go"), "\(text)")
        #expect(final["result"] == nil)
    }

    @Test func maxAlternativesGivesAnNBestList() throws {
        let server = try Server()
        let plain = try Self.client(["stream", "\(server.ws)/", Self.clip("three-one-four_16k.wav")])
        let replies = try Self.client([
            "stream", "\(server.ws)/", Self.clip("three-one-four_16k.wav"), "--config", #"{"max_alternatives": 3}"#,
        ])
        let alternatives = try #require(replies.last?["alternatives"] as? [[String: Any]])
        #expect((1...3).contains(alternatives.count))
        #expect(alternatives.first?["text"] as? String == plain.last?["text"] as? String)
        let scores = alternatives.compactMap { $0["confidence"] as? Double }
        #expect(scores.count == alternatives.count && scores == scores.sorted(by: >))
        #expect(Set(alternatives.compactMap { $0["text"] as? String }).count == alternatives.count)
    }

    @Test func resetEndsTheUtteranceAndEofClosesNormally() throws {
        let server = try Server()
        // seven (0.45 s) and silence to 0.8 s, then three-one-four: the reset comes in the silence,
        // after frame 4 of 0.2 s, before the endpoint (700 ms of silence) would end the utterance
        let first = try AudioReader.read(Self.clip("7_jackson_5.wav"), sampleRate: 16000).samples
        let second = try AudioReader.read(Self.clip("three-one-four_16k.wav"), sampleRate: 16000).samples
        let file = try Fixtures.temporaryDirectory("earshot-serve-reset").appendingPathComponent("two.wav").path
        try WAVWriter.write(first + [Float](repeating: 0, count: 4 * 3200 - first.count) + second, sampleRate: 16000, to: file)
        let replies = try Self.client(["stream", "\(server.ws)/", file, "--reset-after", "4"])
        #expect(replies.count == (try Self.frames(file)) + 2, "a reply for each frame, the reset and the eof")
        let reset = replies[4]
        #expect(reset["text"] as? String == "seven", "the reset's reply is the first utterance's result: \(reset)")
        let texts = replies.compactMap { $0["text"] as? String }.filter { !$0.isEmpty }
        #expect(texts == ["seven", "three one four"], "recognition goes on after the reset: \(texts)")
        // eof alone, no audio: an empty result, then a normal close
        let probe = try Self.client(["probe", "\(server.ws)/", "--text", #"{"eof" : 1}"#])
        #expect(probe.first?["code"] as? Int == 1000)
        #expect((probe.first?["replies"] as? [String]) == [#"{"text":""}"#])
    }

    // MARK: faults

    @Test func badMessagesCloseWithACodeAndAReasonAndTheServerStaysUp() async throws {
        let server = try Server(["--max-message-bytes", "100000"])
        let cases: [(arguments: [String], code: Int, reason: String)] = [
            (["--binary-hex", "010203"], 1007, "even length"),
            (["--text", "hello"], 1007, "not a JSON object"),
            (["--text", #"{"config": 5}"#], 1007, "config must be a JSON object"),
            (["--text", #"{"config": {"sample_rate": "fast"}}"#], 1007, "sample_rate"),
            (["--text", #"{"config": {"sample_rate": 5}}"#], 1007, "sample_rate"),
            (["--text", #"{"config": {"max_alternatives": 1000}}"#], 1007, "max_alternatives"),
            (["--text", #"{"config": {"phrase_list": ["banana split"]}}"#], 1007, "phrase_list"),
            (["--text", #"{"config": {"phrase_list": "yes"}}"#], 1007, "phrase_list"),
            (["--text", #"{"start": 1}"#], 1003, "config, eof or reset"),
            (["--text", "{\"config\": {\"x\": \"" + String(repeating: "a", count: 70_000) + "\"}}"], 1009, "at most 65536"),
            (["--binary-bytes", "100002"], 1009, "--max-message-bytes"),
        ]
        for (arguments, code, reason) in cases {
            let result = try #require(try Self.client(["probe", "\(server.ws)/"] + arguments).first)
            let shown = "\(arguments.first ?? "") \(arguments.last?.prefix(60) ?? ""): \(result["code"] ?? "nil") \(result["reason"] ?? "")"
            #expect(result["code"] as? Int == code, "\(shown)")
            #expect((result["reason"] as? String ?? "").contains(reason), "\(shown)")
        }
        let health = try await Self.http("GET", "\(server.http)/healthz")
        #expect(health.status == 200 && health.body["status"] as? String == "ok")
        #expect(health.body["streams_open"] as? Int == 0)
    }

    @Test func streamsBeyondMaxStreamsAreClosedWith1013() throws {
        let server = try Server(["--max-streams", "2"])
        let held = try #require(try Self.client(["hold", "\(server.ws)/", "--count", "3", "--seconds", "1.5"]).first)
        let codes = try #require(held["codes"] as? [Any])
        #expect(codes.compactMap { $0 as? Int } == [1013], "\(codes)")
        // once they are gone a new stream works
        let replies = try Self.client(["stream", "\(server.ws)/", Self.clip("three-one-four_16k.wav")])
        #expect(replies.last?["text"] as? String == "three one four")
    }

    @Test func aTokenIsRequiredWhenSet() async throws {
        let server = try Server(["--token", "s3cret"])
        let missing = try #require(try Self.client(["probe", "\(server.ws)/", "--text", #"{"eof" : 1}"#]).first)
        #expect(missing["code"] as? Int == 1008 && (missing["reason"] as? String ?? "").contains("missing token"), "\(missing)")
        let wrong = try #require(try Self.client(["probe", "\(server.ws)/?token=guess", "--text", #"{"eof" : 1}"#]).first)
        #expect(wrong["code"] as? Int == 1008 && (wrong["reason"] as? String ?? "").contains("bad token"), "\(wrong)")
        for arguments in [["\(server.ws)/?token=s3cret"], ["\(server.ws)/", "--token", "s3cret"]] {
            let good = try #require(try Self.client(["probe"] + arguments + ["--text", #"{"eof" : 1}"#]).first)
            #expect(good["code"] as? Int == 1000, "\(good)")
        }
        let wav = try Data(contentsOf: URL(fileURLWithPath: Self.clip("three-one-four_16k.wav")))
        let refused = try await Self.http("POST", "\(server.http)/v1/transcribe", body: wav)
        #expect(refused.status == 401 && refused.body["error"] != nil, "\(refused.text)")
        let accepted = try await Self.http(
            "POST", "\(server.http)/v1/transcribe", body: wav, headers: ["Authorization": "Bearer s3cret"])
        #expect(accepted.status == 200 && accepted.body["text"] as? String == "three one four", "\(accepted.text)")
    }

    @Test func foreignOriginsAreRefusedUnlessAllowed() throws {
        let server = try Server(["--allow-origin", "https://app.example"])
        let foreign = try #require(try Self.client(["probe", "\(server.ws)/", "--origin", "https://evil.example", "--text", #"{"eof" : 1}"#]).first)
        #expect(foreign["code"] as? Int == 1008 && (foreign["reason"] as? String ?? "").contains("origin"), "\(foreign)")
        for origin in ["https://app.example", server.http] {
            let allowed = try #require(try Self.client(["probe", "\(server.ws)/", "--origin", origin, "--text", #"{"eof" : 1}"#]).first)
            #expect(allowed["code"] as? Int == 1000, "\(origin): \(allowed)")
        }
    }

    @Test func idleStreamsAreClosed() throws {
        let server = try Server(["--idle-timeout-s", "1"])
        let result = try #require(try Self.client(["probe", "\(server.ws)/v1/stream", "--timeout", "10"]).first)
        #expect(result["code"] as? Int == 1001 && (result["reason"] as? String ?? "").contains("idle"), "\(result)")
    }

    // MARK: HTTP

    @Test func postTranscribeEqualsTranscribeJSONAndTheBodyIsCapped() async throws {
        let server = try Server(["--max-body-bytes", "100000"])
        let file = Self.clip("three-one-four_16k.wav")
        let response = try await Self.http("POST", "\(server.http)/v1/transcribe?name=clip.wav", body: try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(response.status == 200, "\(response.text)")
        let run = try CommandLineTests.earshot(["transcribe", "--json", file])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(response.body["text"] as? String == expected["text"] as? String)
        #expect(Self.words(response.body["words"]) == Self.words(expected["words"]))
        #expect(response.body["file"] as? String == "clip.wav")
        #expect(Set(response.body.keys) == Set(expected.keys))

        let large = try await Self.http("POST", "\(server.http)/v1/transcribe", body: Data(count: 100_001))
        #expect(large.status == 413 && large.body["error"] != nil, "\(large.text)")
        let junk = try await Self.http("POST", "\(server.http)/v1/transcribe", body: Data("not audio".utf8))
        #expect((400..<500).contains(junk.status) && (junk.body["error"] as? String ?? "").contains("not a readable audio file"), "\(junk.text)")
        let empty = try await Self.http("POST", "\(server.http)/v1/transcribe", body: Data())
        #expect(empty.status == 400 && empty.body["error"] != nil, "\(empty.text)")
        let health = try await Self.http("GET", "\(server.http)/healthz")
        #expect(health.status == 200)
    }

    @Test func metricsArePrometheusText() async throws {
        let server = try Server()
        _ = try Self.client(["stream", "\(server.ws)/", Self.clip("yes-stop-go_16k.wav")])
        let metrics = try await Self.http("GET", "\(server.http)/metrics")
        #expect(metrics.status == 200)
        for name in [
            "earshot_streams_open 0", "earshot_streams_total 1", "earshot_audio_seconds_total", "earshot_real_time_factor",
            "earshot_final_latency_seconds_bucket", "earshot_reply_seconds_count", "earshot_finals_total 1",
        ] {
            #expect(metrics.text.contains(name), "\(name)")
        }
    }

    @Test func theBrowserPageIsServedAtTheRoot() async throws {
        let server = try Server()
        let page = try await Self.http("GET", "\(server.http)/", headers: ["Accept": "text/html"])
        #expect(page.status == 200 && page.text.contains("<html"), "\(page.text.prefix(200))")
        for script in ["app.js", "pcm-worklet.js"] {
            let response = try await Self.http("GET", "\(server.http)/\(script)")
            #expect(response.status == 200 && !response.text.isEmpty, "\(script)")
        }
    }

    /// The clip followed by 1.5 s of silence as a 16-bit WAV: Chromium's fake microphone loops
    /// the file, and the pause gives each pass its own final.
    static func paddedClip(_ name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: clip(name)))
        let body = data.dropFirst(44) + Data(count: 2 * 24000)
        var header = Data(data.prefix(44))
        func put(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { header.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        put(UInt32(36 + body.count), at: 4)
        put(UInt32(body.count), at: 40)
        return try CommandLineTests.write("padded-\(name)", header + body)
    }

    /// The page at `/` in headless Chromium with the clip as the microphone (getUserMedia →
    /// AudioWorklet → 8 kHz PCM → /v1/stream) shows the clip's words as a final.
    @Test func theBrowserPageRecognizesAFakeMicrophone() throws {
        let server = try Server()
        guard let python = Self.python else {
            throw ServeTestError("no python3 with websockets: run Scripts/install-deps.sh --server-tests")
        }
        for (name, words) in [("yes-stop-go_16k.wav", "yes stop go"), ("three-one-four_16k.wav", "three one four")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                python, Fixtures.packageRoot.appendingPathComponent("Scripts/serving/browser-check.py").path,
                server.http, try Self.paddedClip(name), "--expect", words, "--seconds", "60",
            ]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name): \(text.prefix(600))")
            let result = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((result?["finals"] as? [String])?.contains(words) == true, "\(name): \(text.prefix(600))")
            #expect((result?["text"] as? String)?.contains("%") == true, "confidences shown")
        }
    }

    /// SIGTERM with a stream open mid-utterance: the client still gets the utterance's result,
    /// then a close 1001, and the server exits 0.
    @Test func sigtermGivesOpenStreamsTheirLastResult() throws {
        let server = try Server()
        guard let python = Self.python else {
            throw ServeTestError("no python3 with websockets: run Scripts/install-deps.sh --server-tests")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, Self.client, "stream", "\(server.ws)/", Self.clip("three-one-four_16k.wav"), "--no-eof"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // all frames answered (the clip ends without a pause, so its words are still an utterance in progress)
        let frames = try Self.frames(Self.clip("three-one-four_16k.wav"))
        var text = ""
        while text.split(separator: "\n").count < frames {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(!text.contains("\"text\""), "no result before the stop: \(text)")
        #expect(server.stop(within: 20) == 0)
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.dropLast().last?["text"] as? String == "three one four", "\(text)")
        #expect(lines.last?["code"] as? Int == 1001 && (lines.last?["reason"] as? String ?? "").contains("shutting down"), "\(text)")
    }

    @Test func sigtermStopsTheServerGracefully() throws {
        let server = try Server()
        _ = try Self.client(["stream", "\(server.ws)/", Self.clip("yes-stop-go_16k.wav")])
        #expect(server.stop(within: 20) == 0)
    }
}
