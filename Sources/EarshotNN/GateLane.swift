/// A Float or a vector of Floats, so a gate loop is written once and runs eight lanes at a time
/// with a scalar tail. The GRU's backward gate loop writes to seven arrays, more than the compiler
/// checks for overlap before it vectorises, so written plainly it stayed scalar (8 % of a step).
protocol GateLane {
    static var width: Int { get }
    init(repeating value: Float)
    init(loadingFrom pointer: UnsafePointer<Float>)
    func store(to pointer: UnsafeMutablePointer<Float>)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
}

extension Float: GateLane {
    static var width: Int { 1 }
    init(repeating value: Float) { self = value }
    init(loadingFrom pointer: UnsafePointer<Float>) { self = pointer.pointee }
    func store(to pointer: UnsafeMutablePointer<Float>) { pointer.pointee = self }
}

extension SIMD8: GateLane where Scalar == Float {
    static var width: Int { 8 }
    init(loadingFrom pointer: UnsafePointer<Float>) { self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self) }
    func store(to pointer: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self) }
}
