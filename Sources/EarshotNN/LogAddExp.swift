import Foundation

/// log(eᵃ + eᵇ) = max(a, b) + log1p(e^{−|a − b|}), without overflow; −∞ is the identity.
/// The one log-add of Earshot: CTC loss, prefix beam search, vocabulary restriction.
@inlinable @inline(__always)
public func logAddExp(_ a: Float, _ b: Float) -> Float {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return max(a, b) + log1p(exp(-abs(a - b)))
}
