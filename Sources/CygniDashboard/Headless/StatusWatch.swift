import CygniClients
import CygniModel
import CygniTerminal
import Foundation

/// `cx status --watch`: follows rollouts until they end, writing one line per change (phase,
/// step, traffic, verdict), as text or JSON lines. It reads the rollouts every `interval` and,
/// on a source that pushes changes (cygnid), takes each as it comes; a source that stops
/// answering (cygnid restarting) is said once on stderr and waited for, not given up on.
public struct StatusWatch: Sendable {
    /// How the watch ended, and the exit status the contract gives it.
    public enum Ending: Equatable, Sendable {
        case succeeded
        /// Rolled back or failed: the rollouts that did.
        case failed([String])
        case timedOut
        /// Nothing to watch: no rollout in progress (with no service named).
        case nothingToWatch
        /// The service names no rollout (or several): a usage problem.
        case notFound(String)

        public var exitStatus: Int32 {
            switch self {
            case .succeeded, .nothingToWatch: return 0
            case .failed: return 1
            case .timedOut: return 124
            case .notFound: return 2
            }
        }
    }

    public var clients: Clients
    /// A service, or ENVIRONMENT/SERVICE; nil for every rollout in progress.
    public var service: String?
    public var json: Bool
    public var interval: Duration
    public var write: @Sendable (String) -> Void
    public var warn: @Sendable (String) -> Void

    public init(
        clients: Clients, service: String?, json: Bool, interval: Duration = .seconds(1),
        write: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void
    ) {
        self.clients = clients
        self.service = service
        self.json = json
        self.interval = interval
        self.write = write
        self.warn = warn
    }

    /// Watches until every followed rollout has ended, or `timeout` seconds pass.
    public func run(timeout: TimeInterval?) async -> Ending {
        let followed = Followed()
        let watching = Task { await self.follow(followed) }
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        let ending: Ending
        if let deadline {
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                if !Task.isCancelled { watching.cancel() }
            }
            ending = await watching.value ?? .timedOut
            timer.cancel()
        } else {
            ending = await watching.value ?? .timedOut
        }
        if ending == .timedOut, let timeout {
            let still = followed.unfinished.map { "\(Sanitizer.clean($0.service)) is \($0.phase.rawValue)\(Self.stepText($0))" }
            warn("cx: timed out after \(Int(timeout.rounded())) s" + (still.isEmpty ? "" : "; " + still.joined(separator: ", ")))
        }
        return ending
    }

    /// Nil when cancelled (the timeout).
    private func follow(_ followed: Followed) async -> Ending? {
        guard let first = await readUntilAnswered() else { return nil }
        switch pick(from: first) {
        case .follow(let ids):
            if ids.isEmpty { return .nothingToWatch }
            followed.start(ids)
        case .end(let ending):
            return ending
        }
        if let ending = report(first, followed) { return ending }
        // Pushed changes, when the source has them, come in between reads.
        let pushes = clients.controlPlane.updates.map { updates in
            Task {
                for await update in updates() {
                    if case .rolloutChanged(let rollout, _, _) = update { _ = report([rollout], followed) }
                }
            }
        }
        defer { pushes?.cancel() }
        while !Task.isCancelled {
            if let ending = followed.ending { return ending }
            try? await Task.sleep(for: interval)
            guard let rollouts = await readOnce(followed) else { continue }
            if let ending = report(rollouts, followed) { return ending }
        }
        return followed.ending
    }

    /// The first read, tried again through failures until it answers (or the watch is cancelled).
    private func readUntilAnswered() async -> [Rollout]? {
        let outage = Outage()
        while !Task.isCancelled {
            if let rollouts = await read(outage) { return rollouts }
            try? await Task.sleep(for: interval)
        }
        return nil
    }

    private func readOnce(_ followed: Followed) async -> [Rollout]? {
        await read(followed.outage)
    }

    /// One read; a failure is said once per outage, and its end too.
    private func read(_ outage: Outage) async -> [Rollout]? {
        do {
            let rollouts = try await clients.controlPlane.rollouts()
            if outage.end() { warn("cx: \(Sanitizer.clean(clients.source.label)) answers again") }
            return rollouts
        } catch {
            if Task.isCancelled { return nil }
            let message = (error as? ClientError)?.message ?? String(describing: error)
            if outage.begin() { warn("cx: \(Sanitizer.clean(message)); still watching, trying again every \(Self.seconds(interval)) s") }
            return nil
        }
    }

    /// The rollouts to follow: the named service's, or every one in progress.
    private enum Pick {
        case follow([String])
        case end(Ending)
    }

    private func pick(from rollouts: [Rollout]) -> Pick {
        guard let service else { return .follow(rollouts.filter(\.isActive).map(\.id)) }
        switch RolloutDesignation(service, in: rollouts) {
        case .found(let rollout):
            return .follow([rollout.id])
        case .ambiguous(let environments):
            let choices = environments.map { Sanitizer.clean("\($0)/\(service)") }.joined(separator: ", ")
            return .end(.notFound("\"\(Sanitizer.clean(service))\" is rolling out in \(environments.count) environments; name one: \(choices)"))
        case .none:
            let known = Set(rollouts.map(\.service)).sorted().map(Sanitizer.clean).joined(separator: ", ")
            return .end(.notFound("no rollout of \"\(Sanitizer.clean(service))\" (services with rollouts: \(known.isEmpty ? "none" : known))"))
        }
    }

    /// Writes a line for each followed rollout that changed; the ending once all have ended.
    private func report(_ rollouts: [Rollout], _ followed: Followed) -> Ending? {
        for rollout in rollouts {
            guard let changed = followed.note(rollout) else { continue }
            write(json ? jsonLine(changed) : textLine(changed))
        }
        return followed.ending
    }

    private func textLine(_ rollout: Rollout) -> String {
        var line = "\(HeadlessOutput.timestamp(rollout.updatedAt))  \(Sanitizer.clean(rollout.service))  \(rollout.phase.rawValue)\(Self.stepText(rollout))"
        line += "  traffic \(rollout.traffic.stable)/\(rollout.traffic.canary)  verdict \(rollout.verdict.rawValue)"
        if let reason = rollout.reason { line += "  \(Sanitizer.clean(reason))" }
        return line
    }

    private func jsonLine(_ rollout: Rollout) -> String {
        JSONOutput.line(Change(rollout), encoder: JSONOutput.lineEncoder())
    }

    static func stepText(_ rollout: Rollout) -> String {
        rollout.steps.isEmpty ? "" : " step \(min(rollout.step + 1, rollout.steps.count))/\(rollout.steps.count)"
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value)
    }

    /// One JSON line: the fields of `cx status --json` for the rollout, its id and the time of the change.
    struct Change: Encodable {
        var time: String
        var id: String
        var service: String
        var environment: String
        var region: String
        var strategy: String
        var phase: String
        var fromVersion: String
        var toVersion: String
        var traffic: StatusReport.Entry.Split
        var step: Int
        var steps: Int
        var verdict: String
        var reason: JSONNullable<String>

        init(_ rollout: Rollout) {
            time = HeadlessOutput.timestamp(rollout.updatedAt)
            id = rollout.id
            service = rollout.service
            environment = rollout.environment
            region = rollout.region
            strategy = rollout.strategy.rawValue
            phase = rollout.phase.rawValue
            fromVersion = rollout.fromVersion
            toVersion = rollout.toVersion
            traffic = .init(stable: rollout.traffic.stable, canary: rollout.traffic.canary)
            step = rollout.step
            steps = rollout.steps.count
            verdict = rollout.verdict.rawValue
            reason = JSONNullable(rollout.reason)
        }
    }
}

/// The rollouts followed and what was last said of each; shared by the reads and the pushes.
private final class Followed: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    private var last: [String: Rollout] = [:]
    let outage = Outage()

    func start(_ ids: [String]) {
        lock.withLock { self.ids = ids }
    }

    /// The rollout when it is followed and changed in what a line says.
    func note(_ rollout: Rollout) -> Rollout? {
        lock.withLock {
            guard ids.contains(rollout.id) else { return nil }
            if let before = last[rollout.id], Self.sameLine(before, rollout) { return nil }
            last[rollout.id] = rollout
            return rollout
        }
    }

    var unfinished: [Rollout] {
        lock.withLock { ids.compactMap { last[$0] }.filter(\.isActive) }
    }

    /// Once every followed rollout has been seen ended.
    var ending: StatusWatch.Ending? {
        lock.withLock {
            let seen = ids.compactMap { last[$0] }
            guard !ids.isEmpty, seen.count == ids.count, seen.allSatisfy({ $0.phase.isTerminal }) else { return nil }
            let failed = seen.filter { $0.phase != .succeeded }.map(\.service)
            return failed.isEmpty ? .succeeded : .failed(failed)
        }
    }

    private static func sameLine(_ a: Rollout, _ b: Rollout) -> Bool {
        a.phase == b.phase && a.step == b.step && a.traffic == b.traffic && a.verdict == b.verdict && a.reason == b.reason
    }
}

/// Whether the source is failing, so a failure and a recovery are each said once.
private final class Outage: @unchecked Sendable {
    private let lock = NSLock()
    private var failing = false

    /// True when this failure starts an outage.
    func begin() -> Bool { lock.withLock { defer { failing = true }; return !failing } }
    /// True when this answer ends one.
    func end() -> Bool { lock.withLock { defer { failing = false }; return failing } }
}
