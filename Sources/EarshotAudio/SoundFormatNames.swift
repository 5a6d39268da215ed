import CSndFile

/// Short human names for a libsndfile format word: container ("WAV") and encoding
/// ("PCM 16-bit"); formats not listed here use libsndfile's own description.
struct SoundFormatNames {
    let container: String
    let encoding: String

    init(format: Int32) {
        let major = format & Int32(SF_FORMAT_TYPEMASK)
        let subtype = format & Int32(SF_FORMAT_SUBMASK)
        container = Self.containers[major] ?? Self.libsndfileName(major, command: SFC_GET_FORMAT_INFO)
        encoding = Self.encodings[subtype] ?? Self.libsndfileName(subtype, command: SFC_GET_FORMAT_INFO)
    }

    private static let containers: [Int32: String] = [
        0x01_0000: "WAV", 0x02_0000: "AIFF", 0x03_0000: "AU", 0x04_0000: "RAW", 0x07_0000: "NIST",
        0x0B_0000: "W64", 0x13_0000: "WAVEX", 0x17_0000: "FLAC", 0x18_0000: "CAF", 0x20_0000: "OGG",
        0x22_0000: "RF64", 0x23_0000: "MPEG",
    ]

    private static let encodings: [Int32: String] = [
        0x0001: "PCM 8-bit", 0x0002: "PCM 16-bit", 0x0003: "PCM 24-bit", 0x0004: "PCM 32-bit",
        0x0005: "PCM 8-bit unsigned", 0x0006: "float 32-bit", 0x0007: "float 64-bit",
        0x0010: "u-law", 0x0011: "A-law", 0x0012: "IMA ADPCM", 0x0013: "MS ADPCM", 0x0020: "GSM 6.10",
        0x0060: "Vorbis", 0x0064: "Opus", 0x0082: "MPEG layer III",
    ]

    /// libsndfile's description of one format code, or the code in hex when it has none.
    private static func libsndfileName(_ code: Int32, command: Int) -> String {
        var query = SF_FORMAT_INFO(format: code, name: nil, extension: nil)
        guard sf_command(nil, Int32(command), &query, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
            let name = query.name
        else { return "format 0x" + String(code, radix: 16) }
        return String(cString: name)
    }
}
