import CygniControlPlane
import Foundation
import Logging
import PostgresNIO
import SQLiteNIO
import Testing

/// The stores every store test runs on: one suite, two stores.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A fresh, empty store for one test (a new SQLite file, or a new database on the PostgreSQL
/// server in `CYGNI_POSTGRES_URL`), and raw SQL on it for tests that change rows behind the
/// store's back.
struct StoreFixture: Sendable {
    let kind: StoreKind
    let location: StoreLocation
    /// What `cygnid --store` takes for this store.
    let storeArgument: String

    static let logger = Logger(label: "test")

    static func fresh(_ kind: StoreKind) async throws -> StoreFixture {
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-store-\(UUID().uuidString).sqlite").path
            return StoreFixture(kind: kind, location: .sqlite(path: path), storeArgument: "sqlite:\(path)")
        case .postgres:
            // A missing server is a failure, not a skip: a run that silently left PostgreSQL out
            // would pass while testing half of what ships.
            guard let url = ProcessInfo.processInfo.environment["CYGNI_POSTGRES_URL"], !url.isEmpty else {
                throw TestFailure("CYGNI_POSTGRES_URL is not set, so the PostgreSQL store cannot be tested: run scripts/test (it starts a throwaway server with scripts/postgres-server), or set CYGNI_POSTGRES_URL=postgres://USER@127.0.0.1:PORT/DB yourself")
            }
            let server = try PostgresLocation(parsing: url)
            let name = "cygni_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            try await execute("CREATE DATABASE \(name)", on: server)
            var location = server
            location.database = name
            var components = try #require(URLComponents(string: url))
            components.path = "/\(name)"
            return StoreFixture(kind: kind, location: .postgres(location), storeArgument: try #require(components.string))
        }
    }

    func open() async throws -> any ControlPlaneStore {
        try await location.open(logger: Self.logger)
    }

    /// One statement on a connection of its own, outside the store.
    func execute(_ sql: String) async throws {
        switch location {
        case .sqlite(let path):
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            do { _ = try await connection.query(sql) } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        case .postgres(let location):
            try await Self.execute(sql, on: location)
        }
    }

    private static func execute(_ sql: String, on location: PostgresLocation) async throws {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
        do { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
