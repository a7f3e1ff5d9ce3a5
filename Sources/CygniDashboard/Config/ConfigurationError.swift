/// A problem in a configuration, theme or keymap file, located as precisely as we know it.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Finds the line on which a key is written, so errors found after parsing can still point at it.
enum SourceLines {
    static func line(of key: String, in text: String, after startLine: Int = 0) -> Int? {
        let quoted = "\"\(key)\""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index >= startLine {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix(quoted) || trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") {
                return index + 1
            }
        }
        return nil
    }

    /// The line of a `[section]` header.
    static func line(ofSection section: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces) == "[\(section)]" { return index + 1 }
        }
        return nil
    }
}

import Foundation
