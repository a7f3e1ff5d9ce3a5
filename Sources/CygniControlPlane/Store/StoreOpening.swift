import Logging

extension StoreLocation {
    /// Opens and migrates the store `--store` names: what `serve` and `audit verify` share.
    public func open(logger: Logger) async throws -> any ControlPlaneStore {
        switch self {
        case .sqlite(let path): try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let location): try await PostgresStore.open(location, logger: logger)
        }
    }
}
