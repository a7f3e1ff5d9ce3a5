/// The PostgreSQL schema, as numbered steps applied in order at start, each in its own
/// transaction. The same tables as SQLite's, in PostgreSQL's types; version numbers follow
/// SQLite's so that both stores say the same thing about what they hold. Append new steps; never
/// edit one that has shipped.
enum PostgresMigrations {
    struct Step {
        var version: Int
        var name: String
        var statements: [String]
    }

    static let steps: [Step] = [
        Step(version: 1, name: "commands, audit chain, event log", statements: [
            // The unique key is what admission relies on: two replicas inserting the same
            // (subject, key) at once cannot both succeed; the loser sees the winner's row.
            """
            CREATE TABLE commands (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                subject TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                rollout_id TEXT NOT NULL,
                service TEXT NOT NULL,
                action TEXT NOT NULL,
                reason TEXT,
                created_ms BIGINT NOT NULL,
                response_status BIGINT,
                response_body BYTEA,
                completed_ms BIGINT,
                CONSTRAINT commands_idempotency UNIQUE (subject, idempotency_key)
            )
            """,
            // seq is given by the chain (head + 1), not by a sequence: the primary key refuses a
            // second entry at the same place, should the table lock ever be bypassed.
            """
            CREATE TABLE audit (
                seq BIGINT PRIMARY KEY,
                time_ms BIGINT NOT NULL,
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
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                time_ms BIGINT NOT NULL,
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
                active BOOLEAN NOT NULL,
                record TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                updated_ms BIGINT NOT NULL,
                owner TEXT,
                lease_token BIGINT NOT NULL DEFAULT 0,
                lease_expires_ms BIGINT NOT NULL DEFAULT 0
            )
            """,
            // One active rollout per service, whatever the replicas race to insert.
            "CREATE UNIQUE INDEX rollouts_one_active_per_service ON rollouts (service) WHERE active",
            "ALTER TABLE commands ADD COLUMN body TEXT",
        ]),
        // Each engine round asks for them; answered commands are nearly all of the table.
        Step(version: 3, name: "unanswered commands found without a scan", statements: [
            "CREATE INDEX commands_unanswered ON commands (id) WHERE response_status IS NULL"
        ]),
    ]

    static var latestVersion: Int { steps.last?.version ?? 0 }
}
