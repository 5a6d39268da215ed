import Foundation

/// A tensor from `Tests/Fixtures/golden/*.json`: `{"shape": [...], "data": [...]}`, row-major, with
/// non-finite values written as the strings "inf", "-inf", "nan".
public struct GoldenTensor: Sendable {
    public let shape: [Int]
    public let data: [Float]

    public init(_ json: Any) throws {
        guard let object = json as? [String: Any],
            let shape = object["shape"] as? [Int],
            let values = object["data"] as? [Any]
        else { throw GoldenError.malformed("expected {shape, data}") }
        self.shape = shape
        self.data = try values.map(GoldenJSON.float)
        guard data.count == shape.reduce(1, *) else {
            throw GoldenError.malformed("shape \(shape) does not match \(data.count) values")
        }
    }
}

public enum GoldenError: Error { case malformed(String) }

public enum GoldenJSON {
    /// Parses a golden file into Foundation JSON objects.
    public static func load(_ relativePath: String) throws -> [String: Any] {
        let url = Fixtures.golden.appendingPathComponent(relativePath)
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GoldenError.malformed("\(relativePath): top level is not an object")
        }
        return object
    }

    /// A golden number: a JSON number (parsed as Double, then rounded to Float, which restores
    /// the float32 value exactly) or one of the strings "inf", "-inf", "nan".
    public static func float(_ value: Any) throws -> Float {
        switch value {
        case let number as NSNumber: return Float(number.doubleValue)
        case let text as String:
            switch text {
            case "inf": return .infinity
            case "-inf": return -.infinity
            case "nan": return .nan
            default: throw GoldenError.malformed("unexpected string \(text)")
            }
        default: throw GoldenError.malformed("unexpected value \(value)")
        }
    }

    /// Every number of a nested JSON array, flattened row-major.
    public static func flatFloats(_ value: Any) throws -> [Float] {
        if let array = value as? [Any] { return try array.flatMap(flatFloats) }
        return [try float(value)]
    }
}

/// `|a − b| ≤ atol + rtol·|b|`, with inf == inf and NaN == NaN; returns the worst violation
/// (0 when all values are within tolerance) so a failing test can say by how much.
public func worstToleranceExcess(_ actual: [Float], _ expected: [Float], atol: Float, rtol: Float)
    -> Float
{
    precondition(actual.count == expected.count, "count \(actual.count) vs \(expected.count)")
    var worst: Float = 0
    for (a, b) in zip(actual, expected) {
        if a.isNaN && b.isNaN { continue }
        if a.isInfinite || b.isInfinite {
            if a != b { return .infinity }
            continue
        }
        if a.isNaN || b.isNaN { return .infinity }
        worst = max(worst, abs(a - b) - (atol + rtol * abs(b)))
    }
    return max(worst, 0)
}
