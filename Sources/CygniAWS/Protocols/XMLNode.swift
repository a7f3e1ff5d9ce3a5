import Foundation

/// An XML element reduced to what AWS responses use: name (namespace prefix dropped), text, children.
public struct XMLNode: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLNode]

    public init(name: String, text: String = "", children: [XMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses a document with `XMLReader`; throws on anything malformed.
    public static func parse(_ data: Data) throws -> XMLNode {
        var reader = XMLReader(Array(data))
        return try reader.document()
    }

    public func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    public func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// The first element of that name at any depth, depth first.
    public func descendant(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }

    /// Text of a direct child, nil when absent.
    public func string(_ name: String) -> String? {
        child(name)?.text
    }

    /// Items of an awsQuery list: `<Name><member>...</member></Name>`.
    public func members(_ name: String) -> [XMLNode] {
        child(name)?.children("member") ?? []
    }

    /// Follows a path of child names.
    public func at(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for name in path { node = node?.child(name) }
        return node
    }
}
