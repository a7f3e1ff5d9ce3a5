import CygniClients
import CygniModel
import Foundation

/// The one way to find a trace's log lines on AWS, for the console's Logs pane and for
/// `cx logs --trace` alike. What the query leaves open is worked out here:
/// - the window: the one asked for, or the last `since`; else the trace's own times from X-Ray
///   (two seconds either side), else the last `lookback`;
/// - the groups: those of the services the trace went through, a watched service's own (its task
///   definitions' awslogs-group) and `/ecs/NAME` (the awslogs default) for one that is not
///   watched; when X-Ray does not know the trace, every watched service's groups.
struct TraceLogs: Sendable {
    let regional: RegionalClients
    let inventory: @Sendable () async throws -> [WatchedService]
    let now: @Sendable () -> Date

    func search(_ query: TraceLogQuery) async throws -> TraceLogSearch {
        let baseRegion = regional.base.configuration.region ?? ""
        var notes: [String] = []
        // The inventory is read only when the groups are to be found; when it cannot be, the
        // trace's own services still name their default groups.
        var services: Result<[WatchedService], Error> = .success([])
        if query.groups.isEmpty {
            do {
                services = .success(try await reading("ECS", "the service inventory") { try await inventory() })
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                services = .failure(error)
            }
        }
        let watched = (try? services.get()) ?? []
        var known: Trace?
        if query.needsTraceTimes || query.groups.isEmpty {
            let named = watched.map(\.region).filter { !$0.isEmpty }.firstOccurrences
            do {
                known = try await RecentTraces(regional: regional).trace(query.trace, regions: named.isEmpty ? [baseRegion] : named)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                notes.append("X-Ray could not be asked about trace \(query.trace.xray): \(error)")
            }
        }
        let window = query.window(known: known, now: now())
        if query.needsTraceTimes && known == nil {
            notes.append("the trace's times are unknown: searched the last \(query.lookbackText)")
        }
        let groups: [ServiceLogs.Group]
        if !query.groups.isEmpty {
            groups = query.groups.firstOccurrences.map { name in
                ServiceLogs.Group(region: baseRegion, name: name, service: name.split(separator: "/").last.map(String.init) ?? name)
            }
        } else if let known {
            groups = known.services.flatMap { name -> [ServiceLogs.Group] in
                let own = ServiceLogs.groups(of: watched.filter { $0.name == name })
                return own.isEmpty ? [ServiceLogs.Group(region: baseRegion, name: "/ecs/\(name)", service: name)] : own
            }
        } else {
            // Not knowing the trace, every watched group may hold it; with no inventory there is
            // nowhere to look, and the inventory's failure is the answer.
            if case .failure(let error) = services { throw error }
            groups = ServiceLogs.groups(of: watched)
        }
        let reason = query.windowReason(known: known)
        guard !groups.isEmpty else { return TraceLogSearch(window: window, windowReason: reason, notes: notes) }
        var search = try await ServiceLogs(regional: regional).events(
            forTrace: query.trace, span: query.span, window: window, groups: groups, limit: query.limit)
        search.window = window
        search.windowReason = reason
        search.notes = notes + search.notes
        return search
    }
}
