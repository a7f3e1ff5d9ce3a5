/// Follows next-page tokens until the last page or `maxItems`, whichever comes first. A service
/// that hands back a token it already gave ends the walk instead of looping forever.
enum Pagination {
    static func collect<Item>(
        maxItems: Int, _ fetch: (_ token: String?) async throws -> (items: [Item], next: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        _ = try await walk(maxItems: maxItems, fetch) { items.append(contentsOf: $0) }
        return items
    }

    /// Hands each page to `consume` as it arrives, so a caller that keeps only part of each item
    /// never holds every page at once. Returns true when it stopped at `maxItems` with more left.
    static func walk<Item>(
        maxItems: Int, _ fetch: (_ token: String?) async throws -> (items: [Item], next: String?),
        consume: ([Item]) throws -> Void
    ) async throws -> Bool {
        var count = 0
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await fetch(token)
            let kept = page.items.prefix(maxItems - count)
            count += kept.count
            try consume(Array(kept))
            token = page.next.flatMap { $0.isEmpty ? nil : $0 }
            if let next = token, !seen.insert(next).inserted { return false }
            if count >= maxItems { return token != nil || kept.count < page.items.count }
        } while token != nil
        return false
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (describe calls take 10 or 100 names).
    public func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
