/// The SQLite schema, as numbered steps applied in order at start, each in its own transaction.
/// Append new steps; never edit one that has shipped.
enum SQLiteMigrations {
    struct Step {
        var version: Int
        var name: String
        var statements: [String]
    }

    static let steps: [Step] = [
        Step(version: 1, name: "commands, audit chain, event log", statements: [
            """
            CREATE TABLE commands (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subject TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                rollout_id TEXT NOT NULL,
                service TEXT NOT NULL,
                action TEXT NOT NULL,
                reason TEXT,
                created_ms INTEGER NOT NULL,
                response_status INTEGER,
                response_body BLOB,
                completed_ms INTEGER,
                UNIQUE (subject, idempotency_key)
            )
            """,
            """
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                time_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                rollout_id TEXT,
                action TEXT NOT NULL,
                outcome TEXT NOT NULL,
                reason TEXT,
                detail TEXT,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                time_ms INTEGER NOT NULL,
                type TEXT NOT NULL,
                data TEXT NOT NULL
            )
            """,
        ]),
        Step(version: 2, name: "rollouts run by the engine, with leases; request bodies", statements: [
            """
            CREATE TABLE rollouts (
                id TEXT PRIMARY KEY,
                service TEXT NOT NULL,
                active INTEGER NOT NULL,
                record TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL,
                owner TEXT,
                lease_token INTEGER NOT NULL DEFAULT 0,
                lease_expires_ms INTEGER NOT NULL DEFAULT 0
            )
            """,
            // One active rollout per service, whatever the replicas race to insert.
            "CREATE UNIQUE INDEX rollouts_one_active_per_service ON rollouts (service) WHERE active = 1",
            "ALTER TABLE commands ADD COLUMN body TEXT",
        ]),
        // Each engine round asks for them; answered commands are nearly all of the table.
        Step(version: 3, name: "unanswered commands found without a scan", statements: [
            "CREATE INDEX commands_unanswered ON commands (id) WHERE response_status IS NULL"
        ]),
    ]

    static var latestVersion: Int { steps.last?.version ?? 0 }
}
