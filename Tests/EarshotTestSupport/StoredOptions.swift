import Foundation

/// Checks for structs stored in files that decode with their defaults for missing fields.
public enum StoredOptions {
    /// The stored properties of `value` equal to those of `defaults` (compared by description). A
    /// test's "every field changed" value must leave none, so a field added later gets tested too.
    public static func unchangedFields<T>(_ value: T, comparedWith defaults: T) -> [String] {
        zip(Mirror(reflecting: value).children, Mirror(reflecting: defaults).children)
            .filter { String(describing: $0.value) == String(describing: $1.value) }
            .map { $0.0.label ?? "?" }
    }

    /// `value` encoded as JSON and decoded again.
    public static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    /// A `T` decoded from JSON text.
    public static func decode<T: Decodable>(_ type: T.Type, json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
