/// What GetProducts returned over all pages: the products that could be read, and a note for each
/// price document that could not (they are skipped, not fatal: one bad entry must not cost the rest).
public struct PriceList: Sendable, Equatable {
    public var products: [PriceListProduct]
    public var skipped: [String]
    /// Whether the walk stopped at the request's `maxProducts` with pages left.
    public var truncated: Bool

    public init(products: [PriceListProduct] = [], skipped: [String] = [], truncated: Bool = false) {
        self.products = products
        self.skipped = skipped
        self.truncated = truncated
    }

    /// Reads `PriceList` elements, numbered from 1 across all pages in the notes.
    mutating func read(_ elements: [JSONValue]) {
        for (index, element) in elements.enumerated() {
            let position = index + 1
            guard case .string(let document) = element else {
                skipped.append("price document \(position): not a string")
                continue
            }
            do {
                products.append(try PriceListProduct(document: document))
            } catch {
                skipped.append("price document \(position): \(error.description)")
            }
        }
    }
}
