import Foundation

@testable import EarshotFeatures

/// A deliberately plain float64 Kaldi front-end (naive DFT, dense mel matrix, no shared code with
/// the library beyond the option structs), to check the options the golden files do not cover.
enum ReferenceFeatures {
    static func compute(_ samples: [Float], _ options: FeatureOptions) -> [[Double]] {
        let f = options.frameOptions
        let sr = Double(f.sampleFrequency)
        let length = Int(sr * 0.001 * Double(f.frameLengthMs)), shift = Int(sr * 0.001 * Double(f.frameShiftMs))
        var fftSize = length
        if f.roundToPowerOfTwo { fftSize = 1 << Int(ceil(log2(Double(length)))) }
        let n = samples.count
        let frames = f.snipEdges ? (n < length ? 0 : 1 + (n - length) / shift) : (n + shift / 2) / shift
        let x = samples.map { Double($0) * 32768 }
        let melBanks = denseMelBanks(options.melOptions, sampleRate: sr, fftSize: fftSize)
        return (0..<frames).map { t in
            let start = f.snipEdges ? t * shift : t * shift + shift / 2 - length / 2
            var frame = (0..<length).map { j -> Double in
                var s = start + j
                while s < 0 || s >= n { s = s < 0 ? -s - 1 : 2 * n - 1 - s }
                return x[s]
            }
            if f.removeDcOffset {
                let mean = frame.reduce(0, +) / Double(length)
                frame = frame.map { $0 - mean }
            }
            let rawEnergy = log(max(frame.map { $0 * $0 }.reduce(0, +), Double(Float.ulpOfOne)))
            let c = Double(f.preemphasisCoefficient)
            frame = (0..<length).map { j in frame[j] - c * frame[max(j - 1, 0)] }
            frame = (0..<length).map { j in frame[j] * window(f, j, length) }
            let windowedEnergy = log(max(frame.map { $0 * $0 }.reduce(0, +), Double(Float.ulpOfOne)))
            let power = (0..<fftSize / 2).map { k -> Double in
                var re = 0.0, im = 0.0
                for (j, v) in frame.enumerated() {
                    let angle = -2 * Double.pi * Double(k * j % fftSize) / Double(fftSize)
                    re += v * cos(angle)
                    im += v * sin(angle)
                }
                return re * re + im * im
            }
            switch options {
            case .mfcc(let o):
                let logMel = melBanks.map { row in log(max(zip(row, power).map(*).reduce(0, +), Double(Float.ulpOfOne))) }
                let m = Double(o.mel.numBins), q = Double(o.cepstralLifter)
                var ceps = (0..<o.numCeps).map { k -> Double in
                    let s = k == 0 ? sqrt(1 / m) : sqrt(2 / m)
                    let dct = (0..<o.mel.numBins).map { b in logMel[b] * cos(Double.pi * Double(k) * (Double(b) + 0.5) / m) }
                    return s * dct.reduce(0, +) * (q == 0 ? 1 : 1 + q / 2 * sin(Double.pi * Double(k) / q))
                }
                let energy = floored(o.rawEnergy ? rawEnergy : windowedEnergy, o.energyFloor)
                if o.useEnergy { ceps[0] = energy }
                if o.htkCompat { ceps = Array(ceps.dropFirst()) + [o.useEnergy ? ceps[0] : ceps[0] * sqrt(2)] }
                return ceps
            case .fbank(let o):
                let spectrum = o.usePower ? power : power.map { $0.squareRoot() }
                let mel = melBanks.map { row in zip(row, spectrum).map(*).reduce(0, +) }
                let bins = o.useLogFbank ? mel.map { log(max($0, Double(Float.ulpOfOne))) } : mel
                guard o.useEnergy else { return bins }
                let energy = floored(o.rawEnergy ? rawEnergy : windowedEnergy, o.energyFloor)
                return o.htkCompat ? bins + [energy] : [energy] + bins
            }
        }
    }

    static func floored(_ logEnergy: Double, _ floor: Float) -> Double {
        floor > 0 ? max(logEnergy, log(Double(floor))) : logEnergy
    }

    static func window(_ f: FrameExtractionOptions, _ j: Int, _ length: Int) -> Double {
        let phase = 2 * Double.pi * Double(j) / Double(length - 1)
        let hann = 0.5 - 0.5 * cos(phase)
        switch f.windowType {
        case .povey: return pow(hann, 0.85)
        case .hanning: return hann
        case .hamming: return 0.54 - 0.46 * cos(phase)
        case .rectangular: return 1
        case .sine: return sin(Double.pi * Double(j) / Double(length - 1))
        case .blackman:
            let a = Double(f.blackmanCoeff)
            return a - 0.5 * cos(phase) + (0.5 - a) * cos(2 * phase)
        }
    }

    /// W[b][k] = max(0, min(up-slope, down-slope)) in mel, for k < fftSize / 2.
    static func denseMelBanks(_ o: MelBanksOptions, sampleRate: Double, fftSize: Int) -> [[Double]] {
        func mel(_ hz: Double) -> Double { 1127 * log(1 + hz / 700) }
        let high = o.highFreq > 0 ? Double(o.highFreq) : sampleRate / 2 + Double(o.highFreq)
        let low = mel(Double(o.lowFreq))
        let delta = (mel(high) - low) / Double(o.numBins + 1)
        return (0..<o.numBins).map { b in
            let left = low + Double(b) * delta, center = left + delta, right = center + delta
            return (0..<fftSize / 2).map { k in
                let m = mel(Double(k) * sampleRate / Double(fftSize))
                return max(0, min((m - left) / (center - left), (right - m) / (right - center)))
            }
        }
    }
}
