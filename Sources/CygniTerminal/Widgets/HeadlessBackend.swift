/// Prints a frame as plain text instead of driving a terminal: the snapshot format of golden
/// tests and `cx snapshot`. One line per row, trailing spaces trimmed, styles left out.
public enum HeadlessBackend {
    public static func render(_ buffer: Buffer) -> String {
        buffer.plainText
    }
}
