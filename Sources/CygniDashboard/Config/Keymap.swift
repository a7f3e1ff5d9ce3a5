import CygniTerminal

/// Keys bound to actions, per context. Built from keymaps/*.toml.
public struct Keymap: Equatable, Sendable {
    public var name: String
    /// Action -> keys, per context: what the files say, kept for the help overlay.
    public private(set) var bindings: [KeyContext: [KeyAction: [Key]]]
    private var lookup: [KeyContext: [Key: KeyAction]]

    /// Builds the key lookup; two actions on one key in one context are an error naming both.
    public init(name: String, bindings: [KeyContext: [KeyAction: [Key]]], file: String = "keymap") throws(ConfigurationError) {
        self.name = name
        self.bindings = bindings
        var lookup: [KeyContext: [Key: KeyAction]] = [:]
        for context in KeyContext.allCases {
            var table: [Key: KeyAction] = [:]
            for action in KeyAction.allCases {
                for key in bindings[context]?[action] ?? [] {
                    if let other = table[key], other != action {
                        let pair = [other.rawValue, action.rawValue].sorted()
                        throw ConfigurationError(
                            file: file,
                            message: "key \"\(key.notation)\" is bound to both \(pair[0]) and \(pair[1]) in [\(context.rawValue)]"
                        )
                    }
                    table[key] = action
                }
            }
            lookup[context] = table
        }
        self.lookup = lookup
    }

    /// The action of a key, trying the contexts in order.
    public func action(for key: Key, in contexts: [KeyContext]) -> KeyAction? {
        for context in contexts {
            if let action = lookup[context]?[key] { return action }
        }
        return nil
    }

    public func keys(for action: KeyAction, in context: KeyContext = .global) -> [Key] {
        bindings[context]?[action] ?? []
    }

    /// The first key of an action as keymap notation, for key hints; nil when unbound.
    public func hint(for action: KeyAction, in context: KeyContext = .global) -> String? {
        keys(for: action, in: context).first?.notation
    }
}
