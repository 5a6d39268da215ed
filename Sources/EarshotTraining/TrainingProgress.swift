import Foundation

/// Reports training as it goes, in one of three styles:
/// - `bar`: a progress bar redrawn in place (items/s, loss, ETA), for a terminal;
/// - `lines`: a plain line at each quarter of an epoch, for logs and pipes;
/// - `json`: one JSON object per line (`"event"`: `start`, `progress`, `epoch`, `note`, `end`;
///   snake_case keys), for machines.
/// Every style ends each epoch with its summary.
public final class TrainingProgress {
    public enum Style: String, Codable, Sendable { case bar, lines, json }

    public let style: Style
    private let write: (String) -> Void
    private let clock: () -> Double
    private var epoch = 0, epochs = 0, items = 0, startDone = 0
    private var epochStart = 0.0, lastDraw = -Double.infinity
    private var lastQuarter = 0

    /// `write` receives whole chunks of output (with their own newlines or carriage returns);
    /// `clock` gives seconds from any fixed origin.
    public init(style: Style, write: @escaping (String) -> Void, clock: @escaping () -> Double = TrainingProgress.uptime) {
        self.style = style
        self.write = write
        self.clock = clock
    }

    /// JSON lines on standard output when `json`; otherwise on standard error, a bar when it is a terminal.
    public static func standard(json: Bool) -> TrainingProgress {
        if json { return TrainingProgress(style: .json, write: { FileHandle.standardOutput.write(Data($0.utf8)) }) }
        let toStderr: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
        return TrainingProgress(style: isatty(STDERR_FILENO) == 1 ? .bar : .lines, write: toStderr)
    }

    public static func uptime() -> Double { ProcessInfo.processInfo.systemUptime }

    /// An epoch of `items` items begins, `done` of them already (when resuming mid-epoch).
    public func beginEpoch(_ epoch: Int, of epochs: Int, items: Int, done: Int = 0) {
        (self.epoch, self.epochs, self.items, startDone) = (epoch, epochs, items, done)
        epochStart = clock()
        lastDraw = -.infinity
        lastQuarter = items > 0 ? 4 * done / items : 0
        if style == .json { emit(["event": "start", "epoch": epoch, "epochs": epochs, "items": items]) }
    }

    /// `done` items of the epoch are finished; `loss` is the running mean training loss.
    public func update(done: Int, loss: Double) {
        let now = clock(), elapsed = now - epochStart
        let rate = elapsed > 0 ? Double(done - startDone) / elapsed : 0
        let eta = rate > 0 ? Double(items - done) / rate : 0
        switch style {
        case .bar:
            guard now - lastDraw >= 0.1 || done == items else { return }
            lastDraw = now
            write("\r\u{1B}[K" + barLine(done: done, loss: loss, rate: rate, eta: eta))
        case .lines:
            let quarter = items > 0 ? 4 * done / items : 4
            guard quarter > lastQuarter, quarter < 4 else { return }
            lastQuarter = quarter
            write(statusLine(done: done, loss: loss, rate: rate, eta: eta) + "\n")
        case .json:
            guard now - lastDraw >= 1 else { return }
            lastDraw = now
            emit(["event": "progress", "epoch": epoch, "done": done, "items": items, "loss": loss,
                  "items_per_second": rate, "eta_seconds": eta])
        }
    }

    public func endEpoch(_ summary: EpochSummary) {
        switch style {
        case .bar: write("\r\u{1B}[K" + Self.summaryLine(summary, epochs: epochs) + "\n")
        case .lines: write(Self.summaryLine(summary, epochs: epochs) + "\n")
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            var fields = (try? JSONSerialization.jsonObject(with: encoder.encode(summary))) as? [String: Any] ?? [:]
            fields["event"] = "epoch"
            emit(fields)
        }
    }

    /// A remark outside the per-epoch rhythm (a skipped batch, a saved checkpoint, early stopping).
    public func note(_ text: String) {
        switch style {
        case .bar: write("\r\u{1B}[K" + text + "\n")
        case .lines: write(text + "\n")
        case .json: emit(["event": "note", "message": text])
        }
    }

    /// The run is over; `fields` describe how it ended (JSON style only prints them as an object).
    public func finish(_ text: String, fields: [String: Any] = [:]) {
        if style == .json {
            emit(fields.merging(["event": "end", "message": text]) { $1 })
        } else {
            write(text + "\n")
        }
    }

    func barLine(done: Int, loss: Double, rate: Double, eta: Double) -> String {
        let width = 24
        let filled = items > 0 ? min(width, width * done / items) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "epoch \(epoch)/\(epochs) \(bar) \(done)/\(items)  \(String(format: "%.1f", rate)) items/s  loss \(String(format: "%.3f", loss))  ETA \(Self.clockTime(eta))"
    }

    func statusLine(done: Int, loss: Double, rate: Double, eta: Double) -> String {
        "epoch \(epoch)/\(epochs): \(done)/\(items) items, \(String(format: "%.1f", rate)) items/s, loss \(String(format: "%.3f", loss)), ETA \(Self.clockTime(eta))"
    }

    /// `epoch 3/30  loss 1.234  dev loss 1.100  dev WER 12.30 %  dev accuracy 88.00 %  lr 1.0e-03  41 s  best`
    public static func summaryLine(_ s: EpochSummary, epochs: Int) -> String {
        var parts = ["epoch \(s.epoch)/\(epochs)", String(format: "loss %.3f", s.trainLoss)]
        if let devLoss = s.devLoss { parts.append(String(format: "dev loss %.3f", devLoss)) }
        if let wer = s.devWordErrorRate { parts.append(String(format: "dev WER %.2f %%", 100 * wer)) }
        if let accuracy = s.devAccuracy { parts.append(String(format: "dev accuracy %.2f %%", 100 * accuracy)) }
        parts.append(String(format: "lr %.1e", s.learningRate))
        parts.append(String(format: "%.0f s (%.1f items/s)", s.seconds, s.itemsPerSecond))
        if s.skippedBatches > 0 { parts.append("\(s.skippedBatches) batches skipped") }
        if s.isBest { parts.append("best") }
        return parts.joined(separator: "  ")
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clockTime(_ seconds: Double) -> String {
        let total = Int(seconds.isFinite ? max(seconds, 0).rounded() : 0)
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    private func emit(_ fields: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
