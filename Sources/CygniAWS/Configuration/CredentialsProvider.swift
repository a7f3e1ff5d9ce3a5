import Foundation

/// Hands out credentials, fetching them once and again only when they are about to expire; callers
/// that arrive during a fetch wait for the same one.
public actor CredentialsProvider {
    public nonisolated let summary: String
    private let fetch: @Sendable () async throws -> Credentials
    private let now: @Sendable () -> Date
    private var cached: Credentials?
    private var inFlight: Task<Credentials, Error>?

    /// Temporary credentials are refreshed this long before they expire (botocore: 10-15 min).
    public static let refreshMargin: TimeInterval = 10 * 60

    public init(summary: String, now: @escaping @Sendable () -> Date = Date.init, fetch: @escaping @Sendable () async throws -> Credentials) {
        self.summary = summary
        self.fetch = fetch
        self.now = now
    }

    public static func fixed(_ credentials: Credentials) -> CredentialsProvider {
        CredentialsProvider(summary: credentials.source) { credentials }
    }

    public func credentials() async throws -> Credentials {
        if let cached, !cached.expires(within: Self.refreshMargin, of: now()) {
            return cached
        }
        if let inFlight {
            return try await inFlight.value
        }
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    /// Forgets the cached credentials, after the service rejected them as expired.
    public func invalidate() {
        cached = nil
    }
}
