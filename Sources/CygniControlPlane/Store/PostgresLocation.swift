import Foundation

/// A PostgreSQL server and database from `--store postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`,
/// with `?sslmode=disable|prefer|require` (libpq's names; `prefer` when absent, as libpq does).
public struct PostgresLocation: Equatable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Equatable, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(parsing text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError("--store: not a PostgreSQL URL; expected postgres://USER@HOST:PORT/DATABASE")
        }
        guard let host = url.host, !host.isEmpty else { throw StoreError("--store: the PostgreSQL URL names no host (postgres://USER@HOST:PORT/DATABASE)") }
        guard let user = url.user, !user.isEmpty else { throw StoreError("--store: the PostgreSQL URL names no user (postgres://USER@HOST:PORT/DATABASE)") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError("--store: the PostgreSQL URL names no database (postgres://USER@HOST:PORT/DATABASE)")
        }
        var tls = TLSMode.prefer
        for item in url.queryItems ?? [] {
            guard item.name == "sslmode" else { throw StoreError("--store: unknown PostgreSQL URL parameter \(item.name) (only sslmode is understood)") }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw StoreError("--store: sslmode must be disable, prefer or require")
            }
            tls = mode
        }
        // URLComponents' user, password and path come percent-decoded already.
        // URLComponents keeps IPv6 brackets in `host`; the driver wants the bare address.
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.init(
            host: bareHost, port: url.port ?? 5432, username: user, password: url.password,
            database: database, tls: tls)
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let secret = password == nil ? "" : ":***"
        let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(username)\(secret)@\(shownHost):\(port)/\(database)\(query)"
    }
}
