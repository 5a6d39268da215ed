import Foundation

/// The training curve as a plain SVG image: CTC loss (train and dev) per epoch above, on a
/// logarithmic axis (the first epochs' loss is orders of magnitude above the last's), dev WER per
/// epoch below; labelled axes, and a dotted line at the best epoch.
public struct TrainingCurvePlot: Sendable {
    public var width = 720.0
    public var panelHeight = 240.0
    private let margin = (left: 64.0, right: 120.0, top: 36.0, bottom: 40.0)

    public init() {}

    public func svg(_ curve: TrainingCurve, title: String = "Training curve") -> String {
        let epochs = curve.epochs.map { Double($0.epoch) }
        let loss = Panel(
            title: "CTC loss per utterance", yLabel: "loss (log scale)", top: 0, logarithmic: true,
            series: [
                Series(name: "train", color: "#1f77b4", dashed: false, points: zip(epochs, curve.epochs.map(\.trainLoss)).map { ($0, $1) }),
                Series(name: "dev", color: "#ff7f0e", dashed: true, points: zip(epochs, curve.epochs.map(\.devLoss)).compactMap { x, y in y.map { (x, $0) } }),
            ])
        let wer = Panel(
            title: "dev word error rate", yLabel: "WER %", top: panelHeight, logarithmic: false,
            series: [
                Series(name: "dev WER", color: "#2ca02c", dashed: false, points: zip(epochs, curve.epochs.map(\.devWordErrorRate)).compactMap { x, y in y.map { (x, 100 * $0) } }),
            ])
        let height = 2 * panelHeight
        var body = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>

            """
        let xRange = (epochs.min() ?? 1, max(epochs.max() ?? 1, (epochs.min() ?? 1) + 1))
        let best = curve.best.map { Double($0.epoch) }
        for panel in [loss, wer] { body += draw(panel, xRange: xRange, best: best) }
        return body + "</svg>\n"
    }

    struct Series {
        var name: String
        var color: String
        var dashed: Bool
        var points: [(Double, Double)]
    }

    struct Panel {
        var title: String
        var yLabel: String
        var top: Double
        var logarithmic: Bool
        var series: [Series]
    }

    private func draw(_ panel: Panel, xRange: (Double, Double), best: Double?) -> String {
        let left = margin.left, right = width - margin.right
        let top = panel.top + margin.top, bottom = panel.top + panelHeight - margin.bottom
        let ys = panel.series.flatMap { $0.points.map(\.1) }.filter { $0.isFinite && (!panel.logarithmic || $0 > 0) }
        let yTicks = panel.logarithmic
            ? Self.decades(low: ys.min() ?? 0.1, high: ys.max() ?? 1)
            : Self.niceTicks(low: min(ys.min() ?? 0, 0), high: max(ys.max() ?? 1, 1e-9))
        // Where a value sits on the axis: itself, or its log10 on a logarithmic axis.
        func axis(_ y: Double) -> Double { panel.logarithmic ? log10(max(y, yTicks[0])) : y }
        let xTicks = Self.niceTicks(low: xRange.0, high: xRange.1, target: 8).filter { $0 >= xRange.0 && $0 <= xRange.1 && $0 == $0.rounded() }
        let (y0, y1) = (axis(yTicks.first!), axis(yTicks.last!))
        func px(_ x: Double) -> Double { left + (x - xRange.0) / (xRange.1 - xRange.0) * (right - left) }
        func py(_ y: Double) -> Double { bottom - (axis(y) - y0) / (y1 - y0) * (bottom - top) }

        var s = "<g>\n<text x=\"\(f(left))\" y=\"\(f(top - 12))\" font-size=\"14\" font-weight=\"bold\">\(escape(panel.title))</text>\n"
        for y in yTicks {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(right))\" y2=\"\(f(py(y)))\" stroke=\"#ddd\"/>\n"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\">\(Self.label(y))</text>\n"
        }
        for x in xTicks {
            s += "<line x1=\"\(f(px(x)))\" y1=\"\(f(bottom))\" x2=\"\(f(px(x)))\" y2=\"\(f(bottom + 4))\" stroke=\"black\"/>\n"
            s += "<text x=\"\(f(px(x)))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">\(Self.label(x))</text>\n"
        }
        if let best {
            s += "<line x1=\"\(f(px(best)))\" y1=\"\(f(top))\" x2=\"\(f(px(best)))\" y2=\"\(f(bottom))\" stroke=\"#888\" stroke-dasharray=\"2 3\"/>\n"
            s += "<text x=\"\(f(px(best) + 4))\" y=\"\(f(top + 12))\" fill=\"#555\">best</text>\n"
        }
        s += "<path d=\"M\(f(left)),\(f(top)) V\(f(bottom)) H\(f(right))\" fill=\"none\" stroke=\"black\"/>\n"
        s += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 34))\" text-anchor=\"middle\">epoch</text>\n"
        s += "<text transform=\"translate(\(f(left - 48)),\(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(panel.yLabel))</text>\n"
        for (index, series) in panel.series.enumerated() where !series.points.isEmpty {
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            let path = series.points.filter { $0.1.isFinite }.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
            s += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"2\"\(dash)/>\n"
            for point in series.points where point.1.isFinite {
                s += "<circle cx=\"\(f(px(point.0)))\" cy=\"\(f(py(point.1)))\" r=\"2.5\" fill=\"\(series.color)\"/>\n"
            }
            let legendY = top + 8 + 18 * Double(index)
            s += "<line x1=\"\(f(right + 12))\" y1=\"\(f(legendY))\" x2=\"\(f(right + 36))\" y2=\"\(f(legendY))\" stroke=\"\(series.color)\" stroke-width=\"2\"\(dash)/>\n"
            s += "<text x=\"\(f(right + 42))\" y=\"\(f(legendY + 4))\">\(escape(series.name))</text>\n"
        }
        return s + "</g>\n"
    }

    /// Round tick values (steps of 1, 2 or 5 × 10^k) covering [low, high].
    static func niceTicks(low: Double, high: Double, target: Int = 5) -> [Double] {
        let raw = max(high - low, 1e-12) / Double(target)
        let exponent = Int(log10(raw).rounded(.down))
        let multiple = [1.0, 2, 5, 10].first { $0 * pow(10, Double(exponent)) >= raw }!
        // tick k = k·multiple·10^exponent, divided rather than multiplied for negative exponents so 0.3 is 3/10 exactly
        func tick(_ k: Double) -> Double {
            exponent >= 0 ? k * multiple * pow(10, Double(exponent)) : k * multiple / pow(10, Double(-exponent))
        }
        let first = (low / tick(1)).rounded(.down), last = (high / tick(1)).rounded(.up)
        return stride(from: first, through: last, by: 1).map(tick)
    }

    /// Powers of ten covering [low, high] (both > 0): 0.01, 0.1, 1, 10, ….
    static func decades(low: Double, high: Double) -> [Double] {
        let first = Int(log10(max(low, 1e-12)).rounded(.down)), last = max(Int(log10(max(high, 1e-12)).rounded(.up)), first + 1)
        return (first...last).map { $0 >= 0 ? pow(10, Double($0)) : 1 / pow(10, Double(-$0)) }
    }

    /// A tick label without trailing zeros: 2, 0.5, 1.25.
    static func label(_ x: Double) -> String {
        var text = String(format: "%.3f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private func f(_ x: Double) -> String { String(format: "%.1f", x) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
