import CygniAWS
import CygniModel
import Foundation

/// The spans of one X-Ray trace, read from its segment documents: every segment and every nested
/// subsegment becomes a span whose parent is the enclosing (sub)segment, or, for a downstream
/// service's segment, the caller's subsegment named by its `parent_id`.
struct SegmentTree {
    /// One (sub)segment, times in epoch seconds.
    struct Node {
        var id: SpanID
        var parent: SpanID?
        var service: String
        var name: String
        var start: Double
        var end: Double
        var status: TraceStatus
        var httpStatus: Int?
        var version: String?
        /// A whole segment, as opposed to a subsegment (nested or sent on its own).
        var isSegment: Bool
    }

    /// Documents can nest subsegments without end; a trace past this many spans is cut here.
    static let maximumSpans = 1_000

    private(set) var nodes: [Node] = []

    init(documents: [String]) {
        for text in documents {
            guard let json = try? JSONValue.parse(Data(text.utf8)) else { continue }
            let standalone = json["type"]?.string == "subsegment"
            // A subsegment sent on its own names its parent; its service is found once all are read.
            add(json, parent: json["parent_id"]?.string.flatMap(SpanID.init), service: standalone ? "" : json["name"]?.string ?? "", isSegment: !standalone)
        }
        let services = Dictionary(nodes.map { ($0.id, $0.service) }) { first, _ in first }
        for index in nodes.indices where nodes[index].service.isEmpty {
            nodes[index].service = nodes[index].parent.flatMap { services[$0] } ?? nodes[index].name
        }
    }

    private mutating func add(_ json: JSONValue, parent: SpanID?, service: String, isSegment: Bool) {
        guard nodes.count < Self.maximumSpans, let id = json["id"]?.string.flatMap(SpanID.init),
            let start = json["start_time"]?.double, Self.plausibleTimes.contains(start)
        else { return }
        let http = json["http"]
        let status = http?["response"]?["status"]?.int
        let name = json["name"]?.string ?? ""
        var title = name
        if isSegment, let method = http?["request"]?["method"]?.string {
            let url = http?["request"]?["url"]?.string ?? ""
            let path = URL(string: url)?.path ?? ""
            title = "\(method) \(path.isEmpty ? "/" : path)"
        }
        nodes.append(
            Node(
                id: id, parent: parent, service: service, name: title, start: start,
                // An in-progress (sub)segment has no end yet: it shows as an instant.
                end: max(start, json["end_time"]?.double.flatMap { Self.plausibleTimes.contains($0) ? $0 : nil } ?? start), status: Self.status(json, httpStatus: status),
                httpStatus: status, version: json["service"]?["version"]?.string, isSegment: isSegment))
        for child in json["subsegments"]?.array ?? [] {
            add(child, parent: id, service: service, isSegment: false)
        }
    }

    /// Segment times are whatever the application sent: one far outside 1970-2200 (or not a
    /// number) is dropped rather than carried into date arithmetic that cannot represent it.
    static let plausibleTimes: ClosedRange<Double> = 0...7_258_118_400

    private static func status(_ json: JSONValue, httpStatus: Int?) -> TraceStatus {
        if json["fault"]?.bool == true || (httpStatus ?? 0) >= 500 { return .fault }
        if json["error"]?.bool == true || json["throttle"]?.bool == true || (400..<500).contains(httpStatus ?? 0) { return .error }
        return .ok
    }

    /// The entry: the earliest segment whose parent is not in the trace (a caller outside X-Ray,
    /// such as the load balancer), or failing that the earliest node without one.
    var root: Node? {
        let ids = Set(nodes.map(\.id))
        let entries = nodes.filter { $0.parent.map { !ids.contains($0) } ?? true }
        return (entries.filter(\.isSegment).min { $0.start < $1.start }) ?? entries.min { $0.start < $1.start }
    }

    /// Parents before children, siblings by start: the order the Traces pane indents.
    var depthFirst: [Node] {
        let ids = Set(nodes.map(\.id))
        var children: [SpanID: [Node]] = [:]
        var tops: [Node] = []
        for node in nodes {
            if let parent = node.parent, ids.contains(parent), parent != node.id {
                children[parent, default: []].append(node)
            } else {
                tops.append(node)
            }
        }
        var ordered: [Node] = []
        var visited: Set<SpanID> = []
        func visit(_ node: Node) {
            guard visited.insert(node.id).inserted else { return }
            ordered.append(node)
            for child in (children[node.id] ?? []).sorted(by: { $0.start < $1.start }) { visit(child) }
        }
        for top in tops.sorted(by: { $0.start < $1.start }) { visit(top) }
        return ordered
    }
}

extension Trace {
    /// The trace X-Ray's documents describe, or nil when they hold no readable segment.
    public init?(xray document: TraceDocument) {
        let tree = SegmentTree(documents: document.segments)
        guard let id = TraceID(document.id), let root = tree.root else { return nil }
        let start = root.start
        let ids = Set(tree.nodes.map(\.id))
        let spans = tree.depthFirst.map { node in
            // A parent outside the trace (the load balancer's) would indent the entry span.
            Span(
                id: node.id, parent: node.parent.flatMap { ids.contains($0) ? $0 : nil }, service: node.service, name: node.name,
                startOffsetMilliseconds: (node.start - start) * 1_000, durationMilliseconds: (node.end - node.start) * 1_000,
                status: node.status)
        }
        self.init(
            id: id, rootName: root.name, service: root.service, version: root.version ?? "",
            start: Date(timeIntervalSince1970: start), durationMilliseconds: (root.end - root.start) * 1_000,
            status: spans.map(\.status).max { $0.severity < $1.severity } ?? .ok, httpStatus: root.httpStatus, spans: spans)
    }
}

extension TraceStatus {
    /// A fault outranks an error, which outranks fine: a trace is as bad as its worst span.
    fileprivate var severity: Int {
        switch self {
        case .ok: return 0
        case .error: return 1
        case .fault: return 2
        }
    }
}
