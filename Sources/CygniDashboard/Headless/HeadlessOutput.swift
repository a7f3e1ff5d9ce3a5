/// The headless commands' output writers, for the executable's commands outside this module.
public enum HeadlessOutput {
    /// Aligned columns, every cell sanitized.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        TextTable.render(rows, rightAligned: rightAligned)
    }

    /// Pretty, sorted-key JSON.
    public static func json<Value: Encodable>(_ value: Value) -> String {
        JSONOutput.encode(value)
    }
}
