import Foundation

/// Where `--store` says the state lives.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// `sqlite:PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...]`.
    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError("--store sqlite: needs a path, e.g. sqlite:/var/lib/cygni/cygnid.sqlite") }
            self = .sqlite(path: (path as NSString).expandingTildeInPath)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(parsing: text))
        } else {
            throw StoreError("--store must be sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (got a value with neither prefix)")
        }
    }

    /// What messages may show: the PostgreSQL password is never printed.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }

    /// `$XDG_STATE_HOME/cygni`, or `~/.local/state/cygni`: where the default store and secret live.
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("cygni")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/cygni")
    }

    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        .sqlite(path: (stateDirectory(environment: environment) as NSString).appendingPathComponent("cygnid.sqlite"))
    }

    public static func defaultSecretPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (stateDirectory(environment: environment) as NSString).appendingPathComponent("jwt-secret")
    }
}

public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
