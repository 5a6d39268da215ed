import EarshotFeatures
import EarshotNN
import EarshotTestSupport
import Foundation
import Testing

@testable import Earshot

/// The model's safetensors file with `change` applied to it.
private func altered(_ change: (inout SafeTensorsFile) -> Void) -> SafeTensorsFile {
    var file = TestModels.model().safeTensorsFile
    change(&file)
    return file
}

/// The model's file with its config JSON edited as a dictionary.
private func alteredConfig(_ change: (inout [String: Any]) -> Void) -> SafeTensorsFile {
    altered { file in
        let text = file.metadata[ModelConfig.metadataKey]!
        var object = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        change(&object)
        file.metadata[ModelConfig.metadataKey] = String(
            decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}

/// The error loading `file` raises, or nil.
private func rejection(_ file: SafeTensorsFile) -> ModelFileError? {
    do {
        _ = try Model(file, name: "m.safetensors")
        return nil
    } catch { return error }
}

@Suite struct ModelFileTests {
    @Test func saveThenLoadGivesTheSameConfigAndWeights() throws {
        let model = TestModels.model(seed: 7)
        let url = try TestModels.saved(model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let loaded = try Model(contentsOf: url)
        #expect(loaded.config == model.config)
        #expect(loaded.network.parameterValues == model.network.parameterValues)
        #expect(loaded.parameterCount == model.network.parameterValues.count)
    }

    /// The tensors are exactly PyTorch's state dict of `nn.GRU(13, 8, 2, bidirectional=True)` + `nn.Linear(16, 11)`.
    @Test func tensorsCarryPyTorchNamesAndShapes() {
        let tensors = TestModels.model().safeTensorsFile.tensors
        var expected: [String: [Int]] = ["fc.weight": [11, 16], "fc.bias": [11]]
        for layer in 0..<2 {
            for suffix in ["", "_reverse"] {
                expected["gru.weight_ih_l\(layer)\(suffix)"] = [24, layer == 0 ? 13 : 16]
                expected["gru.weight_hh_l\(layer)\(suffix)"] = [24, 8]
                expected["gru.bias_ih_l\(layer)\(suffix)"] = [24]
                expected["gru.bias_hh_l\(layer)\(suffix)"] = [24]
            }
        }
        #expect(tensors.mapValues(\.shape) == expected)
    }

    @Test func metadataHoldsTheConfigAsJSON() throws {
        let metadata = TestModels.model().safeTensorsFile.metadata
        #expect(metadata["format"] == "pt")
        let json = try #require(metadata[ModelConfig.metadataKey])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["vocabulary"] as? [String] == TestModels.digits)
        #expect(object["sampleRate"] as? Int == 8000)
    }

    @Test func garbageFileIsNotSafeTensors() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("noise.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        // A plausible length prefix (16) followed by text that is not JSON.
        try (Data([16, 0, 0, 0, 0, 0, 0, 0]) + Data("this is no JSON.".utf8)).write(to: url)
        #expect {
            try Model(contentsOf: url)
        } throws: { error in
            guard case ModelFileError.notSafeTensors(let file, _) = error else { return false }
            return file == url.path && (error as! ModelFileError).description.hasPrefix(url.path + ": ")
        }
    }

    @Test func truncatedFileIsTruncated() throws {
        let url = try TestModels.saved(TestModels.model())
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        #expect {
            try Model(contentsOf: url)
        } throws: { error in
            if case ModelFileError.truncated = error { return true }
            return false
        }
    }

    @Test func missingConfigIsInvalid() throws {
        let error = try #require(rejection(altered { $0.metadata = [:] }))
        guard case .invalidConfig(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains(ModelConfig.metadataKey))
    }

    @Test func unknownFormatVersionIsRejected() throws {
        let error = rejection(alteredConfig { $0["formatVersion"] = 2 })
        #expect(error == .unknownFormatVersion(file: "m.safetensors", version: 2, supported: 1))
    }

    @Test func configMissingAFieldNamesTheField() throws {
        let error = try #require(rejection(alteredConfig { $0["network"] = ["inputSize": 13] }))
        guard case .invalidConfig(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("network.hiddenSize"), "\(reason)")
    }

    /// A config stored with only its required fields loads with the defaults for the rest, so
    /// fields added later keep older model files loading.
    @Test func configWithoutOptionalFieldsLoadsWithTheDefaults() throws {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = 8000
        let config = ModelConfig(
            sampleRate: 8000, features: .mfcc(mfcc), cmvn: CMVNConfig(mode: .utterance), vocabulary: TestModels.digits,
            network: NetworkConfig(inputSize: 13, hiddenSize: 8, numLayers: 2, numClasses: 11))
        let minimal: [String: Any] = [
            "formatVersion": 1, "sampleRate": 8000, "vocabulary": TestModels.digits, "cmvn": ["mode": "utterance"],
            "features": ["type": "mfcc", "options": ["frame": ["sampleFrequency": 8000]]],
            "network": ["inputSize": 13, "hiddenSize": 8, "numLayers": 2, "numClasses": 11],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: minimal), as: UTF8.self)
        #expect(try ModelConfig(metadata: [ModelConfig.metadataKey: json], file: "m.safetensors") == config)
    }

    @Test func configWithoutTheFeaturesRateNamesTheField() throws {
        let error = try #require(rejection(alteredConfig { config in
            var features = config["features"] as! [String: Any], options = features["options"] as! [String: Any]
            var frame = options["frame"] as! [String: Any]
            frame["sampleFrequency"] = nil
            options["frame"] = frame
            features["options"] = options
            config["features"] = features
        }))
        #expect(error == .invalidConfig(file: "m.safetensors", reason: "missing field 'features.options.frame.sampleFrequency'"))
        #expect(!error.description.contains("\n"))
    }

    @Test func missingTensorIsNamed() {
        let error = rejection(altered { $0.tensors["gru.bias_hh_l1_reverse"] = nil })
        #expect(error == .missingTensor(file: "m.safetensors", name: "gru.bias_hh_l1_reverse"))
    }

    @Test func extraTensorIsNamed() {
        let error = rejection(altered { $0.tensors["gru.weight_ih_l2"] = Tensor(shape: [1], data: [0]) })
        #expect(error == .unexpectedTensor(file: "m.safetensors", name: "gru.weight_ih_l2"))
    }

    @Test func wrongShapeIsNamed() {
        let error = rejection(altered { $0.tensors["gru.weight_hh_l0"] = Tensor(shape: [8, 24], repeating: 0) })
        #expect(error == .wrongShape(file: "m.safetensors", name: "gru.weight_hh_l0", expected: [24, 8], found: [8, 24]))
    }

    @Test func nonFiniteWeightIsNamed() {
        let error = rejection(altered { $0.tensors["fc.weight"]!.data[5] = .nan })
        #expect(error == .nonFiniteWeight(file: "m.safetensors", name: "fc.weight", index: 5))
    }

    @Test func vocabularyThatDoesNotFitTheOutputIsAMismatch() throws {
        let shorter = try #require(rejection(alteredConfig { $0["vocabulary"] = Array(TestModels.digits.dropLast()) }))
        guard case .vocabularyMismatch = shorter else { Issue.record("\(shorter)"); return }
        // Config and vocabulary agree on 12 outputs, but the stored output layer has 11.
        let grown = try #require(rejection(alteredConfig { config in
            config["vocabulary"] = TestModels.digits + ["oh"]
            var network = config["network"] as! [String: Any]
            network["numClasses"] = 12
            config["network"] = network
        }))
        guard case .vocabularyMismatch(_, let reason) = grown else { Issue.record("\(grown)"); return }
        #expect(reason.contains("output layer"))
    }

    @Test func vocabularyWithoutLeadingBlankIsAMismatch() throws {
        let error = try #require(rejection(alteredConfig { $0["vocabulary"] = Array(TestModels.digits.reversed()) }))
        guard case .vocabularyMismatch = error else { Issue.record("\(error)"); return }
    }

    @Test func aStackedModelKeepsItsStackingAndItsInputMustFitIt() throws {
        let model = TestModels.model(frameStacking: 2)
        let loaded = try Model(model.safeTensorsFile, name: "m.safetensors")
        #expect(loaded.config.frameStacking == 2 && loaded.config.network.inputSize == 26)
        #expect(loaded.config.frameTiming.stacking == 2)
        #expect(model.summary.contains("frame stacking   2 frames per network step (20.0 ms, 13 × 2 inputs)"))

        let wrong = rejection(alteredConfig { $0["frameStacking"] = 3 })
        #expect(wrong == .invalidConfig(
            file: "m.safetensors", reason: "network.inputSize 13 differs from the feature dimension 13 × frameStacking 3"))
        let zero = rejection(alteredConfig { $0["frameStacking"] = 0 })
        #expect(zero == .invalidConfig(file: "m.safetensors", reason: "frameStacking 0 is outside 1...8"))
    }

    @Test func sampleRateDisagreeingWithFeaturesIsInvalid() throws {
        let error = try #require(rejection(alteredConfig { $0["sampleRate"] = 16000 }))
        guard case .invalidConfig(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("sampleRate"))
    }

    /// Found by FuzzModelFile: statistics whose arrays are shorter than their `dims` loaded, and
    /// transcribing then indexed past the end of them.
    @Test func cmvnStatisticsShorterThanTheirDimensionsAreInvalid() throws {
        let error = rejection(alteredConfig { config in
            var cmvn = config["cmvn"] as! [String: Any], stats = cmvn["stats"] as! [String: Any]
            stats["sum"] = Array((stats["sum"] as! [Double]).prefix(5))
            cmvn["stats"] = stats
            config["cmvn"] = cmvn
        })
        #expect(error == .invalidConfig(file: "m.safetensors", reason: "CMVN statistics of 13 dimensions have 5 sums and 13 sums of squares"))
    }

    @Test func everyErrorIsOneLineNamingTheFile() {
        let errors: [ModelFileError] = [
            .io(file: "f", reason: "r"), .notSafeTensors(file: "f", reason: "r"), .truncated(file: "f", reason: "r"),
            .headerTooLarge(file: "f", bytes: 1, limit: 0), .malformedHeader(file: "f", reason: "r"),
            .unsupportedDType(file: "f", tensor: "t", dtype: "F16"), .invalidConfig(file: "f", reason: "r"),
            .unknownFormatVersion(file: "f", version: 9, supported: 1), .missingTensor(file: "f", name: "n"),
            .unexpectedTensor(file: "f", name: "n"), .wrongShape(file: "f", name: "n", expected: [1], found: [2]),
            .vocabularyMismatch(file: "f", reason: "r"), .nonFiniteWeight(file: "f", name: "n", index: 0),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("f: ") && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test func summaryNamesArchitectureVocabularyAndProvenance() {
        let summary = TestModels.model().summary
        #expect(summary.contains("2-layer bidirectional GRU"))
        #expect(summary.contains("parameters       \(TestModels.model().parameterCount)"))
        #expect(summary.contains("<blank> zero one"))
        #expect(summary.contains("dataset          random"))
    }
}
