extension Array where Element: Equatable {
    /// The elements in order, each once (at its first place): for short lists of names, where
    /// a Set would lose the order people read.
    public var firstOccurrences: [Element] {
        reduce(into: []) { kept, element in
            if !kept.contains(element) { kept.append(element) }
        }
    }
}
