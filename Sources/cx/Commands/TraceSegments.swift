import CygniAWS
import CygniModel
import Foundation

/// What X-Ray's segment documents of one trace say: when it ran and which services it touched.
struct TraceSegments {
    var span: (start: Date, end: Date)?
    var services: [String]

    static func lookup(_ trace: TraceID, client: AWSClient) async throws -> TraceSegments? {
        guard let document = try await XRayClient(client).batchGetTraces(ids: [trace.xray]).first else { return nil }
        var start: Double?
        var end: Double?
        var services: [String] = []
        for text in document.segments {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
            if let value = object["start_time"] as? Double { start = min(start ?? value, value) }
            if let value = object["end_time"] as? Double { end = max(end ?? value, value) }
            if let name = object["name"] as? String, !name.isEmpty, !services.contains(name) { services.append(name) }
        }
        let span = start.map { first in
            (Date(timeIntervalSince1970: first), Date(timeIntervalSince1970: end ?? first))
        }
        return TraceSegments(span: span, services: services)
    }
}
