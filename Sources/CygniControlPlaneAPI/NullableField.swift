/// An optional field the API always writes, as `null` when absent, so clients can rely on the
/// key (`reason`, `nextCursor`). Synthesized Encodable leaves nil optionals out; a property of
/// this type is never nil itself, so the key stays.
public struct NullableField<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    public var value: Wrapped?

    public init(_ value: Wrapped?) {
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension NullableField: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }
}

extension NullableField: Equatable where Wrapped: Equatable {}
