import CygniControlPlaneAPI
import CygniModel
import Foundation

extension RolloutPage {
    /// The page of `all` that `page` asks for, filtered by `activeOnly`.
    init(_ all: [Rollout], activeOnly: Bool?, page: PageRequest, now: Date) throws(APIError) {
        let ordered = all.filter { activeOnly == nil || $0.isActive == activeOnly }
            .map(Position.init).sorted()
        // Keyset paging: the page starts after the cursor's place in the order, so a rollout
        // added or gone meanwhile shifts nothing.
        var remaining = ordered
        if let after = page.after {
            guard let cursor = Position(cursor: after) else { throw PageRequest.foreignCursor }
            remaining = ordered.filter { $0 > cursor }
        }
        let slice = remaining.prefix(page.limit)
        self.init(
            rollouts: slice.map { RolloutDocument($0.rollout) },
            nextCursor: NullableField(remaining.count > slice.count ? slice.last.map { PageRequest.cursor(after: $0.text) } : nil),
            now: now)
    }

    /// A rollout's place in the order: newest start first, then by id.
    private struct Position: Comparable {
        var startedMilliseconds: Int64
        var id: String
        var rollout: Rollout!

        init(_ rollout: Rollout) {
            startedMilliseconds = Clock.milliseconds(rollout.startedAt)
            id = rollout.id
            self.rollout = rollout
        }

        init?(cursor: String) {
            let parts = cursor.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let milliseconds = Int64(parts[0]) else { return nil }
            startedMilliseconds = milliseconds
            id = String(parts[1])
        }

        var text: String { "\(startedMilliseconds):\(id)" }

        static func < (lhs: Position, rhs: Position) -> Bool {
            (rhs.startedMilliseconds, lhs.id) < (lhs.startedMilliseconds, rhs.id)
        }

        static func == (lhs: Position, rhs: Position) -> Bool {
            lhs.startedMilliseconds == rhs.startedMilliseconds && lhs.id == rhs.id
        }
    }

    /// `active=true|false`; anything else is a 400 naming the parameter.
    static func activeFilter(_ query: [String: String]) throws(APIError) -> Bool? {
        guard let text = query["active"] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .badRequest("active must be true or false")
        }
    }
}
