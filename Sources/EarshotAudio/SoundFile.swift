import CSndFile

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A libsndfile read handle on a validated file: a regular file (so a FIFO or a directory can
/// neither hang nor confuse libsndfile), recognised by libsndfile, not truncated, at a supported
/// rate, with at most `AudioReader.maxChannels` channels and, when asked, at most a given
/// duration. The file descriptor is ours (opened non-blocking, closed in `deinit`).
final class SoundFile {
    let path: String
    let handle: OpaquePointer
    let info: SF_INFO
    private let descriptor: Int32

    var frames: Int { Int(info.frames) }
    var channels: Int { Int(info.channels) }
    var sampleRate: Int { Int(info.samplerate) }
    /// True for float and double encodings, the only ones that can hold NaN or Inf.
    var isFloatEncoding: Bool {
        let subtype = info.format & Int32(SF_FORMAT_SUBMASK)
        return subtype == Int32(SF_FORMAT_FLOAT) || subtype == Int32(SF_FORMAT_DOUBLE)
    }

    var fileInfo: AudioFileInfo {
        let names = SoundFormatNames(format: info.format)
        return AudioFileInfo(
            path: path, container: names.container, encoding: names.encoding,
            sampleRate: sampleRate, channels: channels, frames: frames)
    }

    /// `maxDuration`: the most seconds of audio the header may declare (nil: no limit).
    init(path: String, maxDuration: Double? = nil) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw AudioError.fileNotFound(path) }
            throw AudioError.unreadable(path, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AudioError.unreadable(path, reason: reason)
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            throw AudioError.notRegularFile(path, kind: Self.fileKindName(kind))
        }
        var info = SF_INFO()
        // close_desc = false: the descriptor stays ours on success and on failure.
        guard let handle = sf_open_fd(fd, Int32(SFM_READ), &info, 0) else {
            let reason = Self.libsndfileReason(nil)
            close(fd)
            throw AudioError.notAudio(path, reason: status.st_size == 0 ? "file is empty" : reason)
        }
        self.descriptor = fd
        self.handle = handle
        self.info = info
        try checkHeader(maxDuration: maxDuration)
    }

    deinit {
        sf_close(handle)
        close(descriptor)
    }

    /// Decodes the next frames into `block` (room for `block.count / channels` of them), averages
    /// them to mono in place and returns those samples; nil at the end of the file. `decoded`,
    /// the frames returned so far, places a NaN or ±Inf in the error (float encodings only).
    ///
    /// libsndfile may flag a decoding error (a FLAC that lost sync) on a read that still returns
    /// frames, filled with whatever it recovered, so the error is checked after every read.
    func readMono(into block: UnsafeMutableBufferPointer<Float>, decoded: Int) throws -> UnsafeBufferPointer<Float>? {
        let frames = Int(sf_readf_float(handle, block.baseAddress, sf_count_t(block.count / channels)))
        if sf_error(handle) != 0 {
            let place = frames > 0 ? "in frames \(decoded)–\(decoded + frames - 1)" : "after \(decoded) frames"
            throw AudioError.notAudio(path, reason: "decoding failed \(place): \(Self.libsndfileReason(handle))")
        }
        if frames == 0 { return nil }
        ChannelMixdown.averageInPlace(block, frames: frames, channels: channels)
        let mono = UnsafeBufferPointer(rebasing: block[0..<frames])
        if isFloatEncoding, let index = mono.firstIndex(where: { !$0.isFinite }) {
            throw AudioError.nonFiniteSample(path, index: decoded + index)
        }
        return mono
    }

    private func checkHeader(maxDuration: Double?) throws {
        guard AudioReader.supportedRates.contains(sampleRate) else {
            throw AudioError.unsupportedSampleRate(path, rate: sampleRate)
        }
        // 2^37 frames (over 5 days at 384 kHz) can only come from a corrupt header.
        guard channels > 0, info.frames >= 0, info.frames < 1 << 37 else {
            throw AudioError.notAudio(
                path, reason: "header declares \(channels) channels, \(info.frames) frames")
        }
        guard channels <= AudioReader.maxChannels else {
            throw AudioError.tooManyChannels(path, channels: channels)
        }
        if let maxDuration, fileInfo.duration > maxDuration {
            throw AudioError.tooLong(path, seconds: fileInfo.duration, limit: maxDuration)
        }
        if let (declared, available) = truncatedDataChunk() {
            throw AudioError.truncated(path, declaredBytes: declared, availableBytes: available)
        }
    }

    /// libsndfile reads a truncated data chunk silently, but logs `data : 9182 (should be 4956)`
    /// while parsing the header (`SSND` for AIFF). A declared size of 0 or ≥ 0xFFFFFF00 is the
    /// "length unknown" mark of streamed writers, not truncation.
    private func truncatedDataChunk() -> (declared: Int, available: Int)? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 2048) { log in
            log[0] = 0
            sf_command(handle, Int32(SFC_GET_LOG_INFO), log.baseAddress, Int32(log.count))
            log[log.count - 1] = 0
            guard strstr(log.baseAddress!, "(should be ") != nil else { return nil }
            return Self.truncation(inLog: String(cString: log.baseAddress!))
        }
    }

    private static func truncation(inLog text: String) -> (declared: Int, available: Int)? {
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "(" || $0 == ")" })
            guard words.count >= 5, words[0] == "data" || words[0] == "SSND",
                words[2] == "should", words[3] == "be",
                let declared = Int(words[1]), let available = Int(words[4])
            else { continue }
            if declared > available && declared != 0 && declared < 0xFFFF_FF00 {
                return (declared, available)
            }
        }
        return nil
    }

    /// libsndfile's error text for `handle` (or the last failed open when nil), trimmed of the
    /// trailing period libsndfile adds and of the "Error : " its decoders' messages start with.
    static func libsndfileReason(_ handle: OpaquePointer?) -> String {
        var reason = Substring(String(cString: sf_strerror(handle)))
        if reason.hasPrefix("Error : ") { reason = reason.dropFirst("Error : ".count) }
        while reason.last == "." || reason.last == " " { reason.removeLast() }
        return String(reason)
    }

    private static func fileKindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "directory"
        case S_IFIFO: "FIFO"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFSOCK: "socket"
        default: "special file"
        }
    }
}
