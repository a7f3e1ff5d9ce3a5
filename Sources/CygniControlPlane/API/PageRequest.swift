import Foundation
import Hummingbird

/// `limit` and `cursor` from a list's query, validated: a bad value is a 400 naming it.
struct PageRequest: Hashable, Sendable {
    static let defaultLimit = 50
    static let maximumLimit = 200
    /// The query parameters of every paged list.
    static let parameters = ["limit", "cursor"]

    var limit: Int
    /// The opaque cursor's contents: where the previous page ended.
    var after: String?

    init(query: [String: String]) throws(APIError) {
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw .badRequest("limit must be an integer from 1 to \(Self.maximumLimit)")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let cursor = query["cursor"] {
            guard let data = Data(base64URL: cursor), let text = String(data: data, encoding: .utf8), text.hasPrefix(Self.prefix) else {
                throw Self.foreignCursor
            }
            after = String(text.dropFirst(Self.prefix.count))
        } else {
            after = nil
        }
    }

    /// The cursor for a page that ended at `position`.
    static func cursor(after position: String) -> String {
        Data((prefix + position).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static let prefix = "cygni1:"

    static let foreignCursor = APIError.badRequest("cursor is not one this server gave out; pass nextCursor from the previous page")
}

extension Request {
    /// The query's parameters, the last value winning for a repeated name. A name outside
    /// `allowed` is a 400 naming it: a mistyped filter must not quietly list everything.
    func queryValues(allowed: [String]) throws(APIError) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                let known = allowed.isEmpty ? "this route takes none" : "allowed: \(allowed.joined(separator: ", "))"
                throw .badRequest("unknown query parameter \(TokenVerifier.printable(name)); \(known)")
            }
            values[name] = String(value)
        }
        return values
    }
}
