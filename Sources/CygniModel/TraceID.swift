/// A trace id, accepted in X-Ray form (`1-5759e988-bd862e3fe1be46a994272793`) or W3C form
/// (32 lowercase hex digits); both name the same 128 bits.
public struct TraceID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The W3C form: 32 lowercase hex digits.
    public let hex: String

    /// Accepts either form (and a full `traceparent` header); returns nil for anything else,
    /// including the all-zero id, which W3C declares invalid.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var candidate: String
        if trimmed.hasPrefix("1-") {
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].count == 8, parts[2].count == 24 else { return nil }
            candidate = String(parts[1] + parts[2])
        } else if trimmed.hasPrefix("00-") {
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            candidate = String(parts[1])
        } else {
            candidate = trimmed
        }
        guard candidate.count == 32, candidate.allSatisfy(\.isHexDigit), candidate.contains(where: { $0 != "0" }) else {
            return nil
        }
        hex = candidate
    }

    /// The X-Ray form: version 1, eight hex digits of epoch seconds, 24 hex digits of randomness.
    public var xray: String {
        "1-\(hex.prefix(8))-\(hex.dropFirst(8))"
    }

    public var w3c: String { hex }
    public var description: String { xray }
}

/// A span id: 16 lowercase hex digits, never all zero.
public struct SpanID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init?(_ text: String) {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard lowered.count == 16, lowered.allSatisfy(\.isHexDigit), lowered.contains(where: { $0 != "0" }) else {
            return nil
        }
        hex = lowered
    }

    public var description: String { hex }
}

import Foundation
