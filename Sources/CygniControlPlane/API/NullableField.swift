/// An optional field the API always writes, as `null` when absent, so clients can rely on the
/// key (`reason`, `nextCursor`). Synthesized Encodable leaves nil optionals out; a property of
/// this type is never nil itself, so the key stays.
struct NullableField<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    var value: Wrapped?

    init(_ value: Wrapped?) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
