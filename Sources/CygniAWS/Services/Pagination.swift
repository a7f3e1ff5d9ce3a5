/// Follows next-page tokens until the last page or `maxItems`, whichever comes first. A service
/// that hands back a token it already gave ends the walk instead of looping forever.
enum Pagination {
    static func collect<Item>(
        maxItems: Int, _ fetch: (_ token: String?) async throws -> (items: [Item], next: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await fetch(token)
            items.append(contentsOf: page.items.prefix(maxItems - items.count))
            token = page.next.flatMap { $0.isEmpty ? nil : $0 }
            if let next = token, !seen.insert(next).inserted { break }
        } while token != nil && items.count < maxItems
        return items
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (describe calls take 10 or 100 names).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
