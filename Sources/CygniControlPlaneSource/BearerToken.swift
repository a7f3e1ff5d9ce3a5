import Foundation

/// The token cx sends to cygnid, with what its claims say about it read without verifying them
/// (cygnid verifies; cx only names the holder in the status line and explains refusals). Its
/// description never contains the token itself, so printing one by mistake leaks nothing.
public struct BearerToken: Sendable, Equatable, CustomStringConvertible {
    /// The token, for the Authorization header and nowhere else.
    public let value: String
    /// Where it came from, for messages: "CYGNI_TOKEN", "token file /home/a/.config/cygni/token".
    public let origin: String
    public let subject: String?
    public let role: String?
    public let expiresAt: Date?
    /// Signed by cygnid's own secret (HS256) rather than an identity provider's key (RS256, ES256):
    /// what decides where a new one comes from.
    public let madeByCygnid: Bool

    public init(_ text: String, origin: String) throws(TokenError) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw TokenError("\(origin) is empty; make a token with: cygnid token --subject YOUR-NAME --role operator") }
        guard !value.contains(where: { $0.isWhitespace || $0.isNewline }), value.allSatisfy(\.isASCII) else {
            throw TokenError("\(origin) does not hold one token (it has spaces, line breaks or non-ASCII characters)")
        }
        self.value = value
        self.origin = origin
        let claims = Self.part(1, of: value)
        madeByCygnid = (Self.part(0, of: value)?["alg"] as? String).map { $0.hasPrefix("HS") } ?? true
        subject = claims?["sub"] as? String
        role = claims?["role"] as? String
        expiresAt = (claims?["exp"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
    }

    /// Reads a token file, refusing one that anyone but its owner can read: whoever reads it can
    /// act as its holder.
    public static func read(file path: String) throws(TokenError) -> BearerToken {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw TokenError("cannot read the token file \(path): no such file")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw TokenError("the token file \(path) is readable by group or others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TokenError("cannot read the token file \(path)")
        }
        return try BearerToken(text, origin: "the token file \(path)")
    }

    /// "alice (operator)", or what is known of it.
    public var holder: String {
        switch (subject, role) {
        case let (subject?, role?): return "\(subject) (\(role))"
        case let (subject?, nil): return subject
        case let (nil, role?): return "role \(role)"
        case (nil, nil): return "unknown holder"
        }
    }

    /// How to get a replacement, as the end of a sentence: `cygnid token` with the same subject
    /// and role when the claims say them, or the identity provider that signed it.
    public var renewal: String {
        guard madeByCygnid else { return "your identity provider (cygnid verifies its tokens; it does not make them)" }
        return "cygnid token --subject \(Self.shellWord(subject) ?? "YOUR-NAME") --role \(Self.shellWord(role) ?? "operator")"
    }

    public var description: String { "token of \(holder) from \(origin)" }

    public static func == (lhs: BearerToken, rhs: BearerToken) -> Bool { lhs.value == rhs.value }

    /// A part of a JWT (0 the header, 1 the claims) as JSON, or nil when it is not one.
    private static func part(_ index: Int, of token: String) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[index].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// A claim as a shell word in a hint; nil when it is not a plain one (the hint then shows a placeholder).
    private static func shellWord(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text.count <= 64 else { return nil }
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.@".unicodeScalars.contains($0)) }
        return plain ? text : nil
    }
}

/// A token that cannot be used, and why; never containing the token.
public struct TokenError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
