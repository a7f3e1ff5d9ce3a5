import CygniModel
import Foundation

/// Lowercase hex without Foundation's format strings, which are slow in a hot loop.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string(_ value: UInt64, digits count: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        var rest = value
        var index = count - 1
        while index >= 0 {
            bytes[index] = digits[Int(rest & 0xF)]
            rest >>= 4
            index -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension SeededGenerator {
    /// An X-Ray style id: the first eight hex digits are the epoch seconds of the trace start.
    mutating func traceID(startingAt start: Date) -> TraceID {
        let epoch = UInt64(max(1, start.timeIntervalSince1970))
        let text = Hex.string(epoch & 0xFFFF_FFFF, digits: 8)
            + Hex.string(next() & 0xFFFF_FFFF, digits: 8) + Hex.string(next(), digits: 16)
        guard let id = TraceID(text) else { preconditionFailure("generated an invalid trace id \(text)") }
        return id
    }

    mutating func spanID() -> SpanID {
        let text = Hex.string(next() | 1, digits: 16)  // never all zero
        guard let id = SpanID(text) else { preconditionFailure("generated an invalid span id \(text)") }
        return id
    }

    /// ECS task ids are 32 hex digits.
    mutating func taskID() -> String {
        Hex.string(next(), digits: 16) + Hex.string(next(), digits: 16)
    }

    /// ECS deployment ids are 19 decimal digits, as in `ecs-svc/1234567890123456789`.
    mutating func ecsDeploymentID() -> String {
        String(1_000_000_000_000_000_000 + next() % 9_000_000_000_000_000_000)
    }

    mutating func shortID() -> String {
        Hex.string(next() & 0xFFFF_FFFF, digits: 8)
    }
}
