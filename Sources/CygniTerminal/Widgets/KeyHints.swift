/// A key and what it does, as shown in the hint bar: `q Quit`.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// The hint bar: as many whole hints as fit, in order, two spaces apart. A hint is never cut,
/// since half a hint could name the wrong key.
public struct KeyHints: Sendable {
    public var hints: [KeyHint]
    public var keyStyle: Style
    public var labelStyle: Style

    public init(_ hints: [KeyHint], keyStyle: Style, labelStyle: Style) {
        self.hints = hints
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
    }

    static let separator = 2

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        var x = area.x
        for hint in hints {
            let keyWidth = DisplayWidth.of(hint.key)
            let labelWidth = DisplayWidth.of(hint.label)
            let width = keyWidth + (labelWidth > 0 ? 1 + labelWidth : 0)
            guard width > 0 else { continue }
            let start = x == area.x ? x : x + KeyHints.separator
            guard start + width <= area.right else { break }
            buffer.write(hint.key, x: start, y: area.y, maxWidth: keyWidth, style: keyStyle)
            if labelWidth > 0 {
                buffer.write(hint.label, x: start + keyWidth + 1, y: area.y, maxWidth: labelWidth, style: labelStyle)
            }
            x = start + width
        }
    }
}
