/// An option combination the featurizer cannot honour; `description` is one line.
public enum FeatureOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "feature options: \(reason)"
        }
    }
}
