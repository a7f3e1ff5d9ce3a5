import CygniModel

/// The X-Ray traces this console has already fetched, by id: X-Ray bills per trace retrieved,
/// and the console would otherwise fetch the newest trace again on every refresh (its summary's
/// whole-second start falls in the window again). A trace is fetched once; its late segments are
/// not read again. Bounded: the oldest fetched are forgotten first, and fetched again if asked.
actor FetchedTraces {
    private var traces: [String: Trace] = [:]
    private var order: [String] = []
    let capacity: Int

    init(capacity: Int = 2_000) {
        self.capacity = capacity
    }

    func trace(_ id: String) -> Trace? { traces[id] }

    /// Remembers the traces fetched for `ids`; an id X-Ray had no readable document for is not
    /// remembered, so it is asked for again.
    func insert(_ fetched: [Trace]) {
        for trace in fetched where traces.updateValue(trace, forKey: trace.id.xray) == nil {
            order.append(trace.id.xray)
        }
        if order.count > capacity {
            let forgotten = order.prefix(order.count - capacity)
            for id in forgotten { traces[id] = nil }
            order.removeFirst(forgotten.count)
        }
    }
}
