import Foundation

/// One HTTP request as it goes on the wire: the URL is already percent-encoded, headers keep their
/// order and repeated names (SigV4 signs them joined with commas, in order).
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { Self.sameName($0.name, name) }?.value
    }

    /// Replaces every header of that name with one value.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append((name, value))
    }

    public mutating func removeHeader(_ name: String) {
        headers.removeAll { Self.sameName($0.name, name) }
    }

    /// Header names compare without case; ASCII names (all real ones) without Foundation.
    static func sameName(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        var asciiOnly = true
        for (x, y) in zip(left, right) {
            if x >= 0x80 || y >= 0x80 { asciiOnly = false; break }
            if x | 0x20 != y | 0x20 || ((x | 0x20) < 0x61 || (x | 0x20) > 0x7A) && x != y { return false }
        }
        return asciiOnly || a.caseInsensitiveCompare(b) == .orderedSame
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}
