/// An optional field of headless JSON that is always written, as `null` when absent, so scripts
/// can rely on the key. Synthesized Encodable leaves nil optionals out; a property of this type
/// is never nil itself, so the key stays.
public struct JSONNullable<Wrapped: Encodable>: Encodable {
    public var value: Wrapped?

    public init(_ value: Wrapped?) {
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension JSONNullable: Equatable where Wrapped: Equatable {}
extension JSONNullable: Sendable where Wrapped: Sendable {}
