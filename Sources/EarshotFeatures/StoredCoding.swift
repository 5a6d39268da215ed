// How option structs stored in files (model configs, training checkpoints) decode: a struct with
// defaults starts from them (`init()`) and reads each field it finds, so a field added later has its
// default in files written before it existed. A field without a sensible default (a sample rate,
// a vocabulary, layer sizes) is read with `decode` and stays required.

extension KeyedDecodingContainer {
    /// Replaces `value` with the one stored under `key`; keeps it (the default) when the key is absent.
    package func decodeIfPresent<T: Decodable>(into value: inout T, forKey key: Key) throws {
        if let stored = try decodeIfPresent(T.self, forKey: key) { value = stored }
    }
}

/// A decoding error in one line: what is wrong and where, e.g. `missing field 'network.hiddenSize'`.
package func describeDecodingError(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case DecodingError.keyNotFound(let key, let context):
        return "missing field '\(path(context.codingPath + [key]))'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
        return "field '\(path(context.codingPath))' has the wrong type"
    case DecodingError.dataCorrupted(let context):
        return context.codingPath.isEmpty ? "not valid JSON" : "field '\(path(context.codingPath))' is invalid"
    default:
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
