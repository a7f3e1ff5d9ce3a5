/// Requests of a service over some period: all of them, the failed ones, the slow ones.
struct RequestCounts: Equatable, Sendable {
    var total = 0
    var errors = 0
    var slow = 0

    static func + (lhs: RequestCounts, rhs: RequestCounts) -> RequestCounts {
        RequestCounts(total: lhs.total + rhs.total, errors: lhs.errors + rhs.errors, slow: lhs.slow + rhs.slow)
    }

    static func += (lhs: inout RequestCounts, rhs: RequestCounts) { lhs = lhs + rhs }
}
