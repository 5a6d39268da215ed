/// A fuzzer's input read front to back: a few leading bytes pick parameters (rates, chunk sizes),
/// the rest is the payload. Reading past the end gives zeros, so every input is usable.
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ data: UnsafeRawPointer, _ count: Int) {
        bytes = Array(UnsafeRawBufferPointer(start: count > 0 ? data : nil, count: count))
    }

    public var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// The next two bytes as a little-endian integer.
    public mutating func uint16() -> Int {
        Int(byte()) | Int(byte()) << 8
    }

    /// One of `choices`, picked by the next byte.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }

    /// The next `count` bytes, fewer at the end.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        let start = min(position, bytes.count)
        position += count
        return Array(bytes[start..<min(position, bytes.count)])
    }

    /// The bytes not read yet.
    public mutating func rest() -> [UInt8] {
        defer { position = max(position, bytes.count) }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}
