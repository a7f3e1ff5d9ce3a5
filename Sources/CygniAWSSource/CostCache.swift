import CygniModel
import Foundation

/// Cost Explorer answers cached on disk for an hour, under $XDG_CACHE_HOME/cygni.
struct CostCache {
    struct Entry: Codable {
        var result: CostAndUsage
        /// Cached with the spend it goes with, so a cached answer costs no second request. Nil in
        /// files written before forecasts were asked for: those are not used.
        var forecast: MonthEndForecast?
        var fetchedAt: Date
        var cached: Bool
    }

    let path: String

    init(key: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache")
        // A stable name for the query (FNV-1a): the same flags find the same file.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        path = "\(base)/cygni/cost-\(String(hash, radix: 16)).json"
    }

    func read(maxAge: TimeInterval) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        // An entry from the future (a clock set back, a hand-edited file) is not fresh.
        guard let entry = try? decoder.decode(Entry.self, from: data), entry.forecast != nil,
            (0..<maxAge).contains(Date().timeIntervalSince(entry.fetchedAt))
        else { return nil }
        return entry
    }

    func write(_ entry: Entry) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(entry) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
    }
}
