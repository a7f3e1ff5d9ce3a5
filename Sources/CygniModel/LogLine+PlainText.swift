import Foundation

extension LogLine {
    /// Words looked at for a level at the start of a plain line, after any timestamp words.
    private static let leadingWords = 4

    /// The level of a plain-text line: a level word near its start, after a timestamp
    /// (`ERROR charge failed`, `2026-12-07 02:19:04,123 WARN [main] ...`, `[warn] ...`,
    /// `<error>`, `info: ...`), or a `level=`, `lvl=` or `severity=` pair anywhere. A bare word
    /// counts only in capitals or with a colon: "error rates are fine" is prose, not a level.
    static func plainLevel(_ text: String) -> LogLevel? {
        let words = text.prefix(4_096).split(whereSeparator: { $0 == " " || $0 == "\t" })
        for word in words where word.contains("=") {
            let pair = word.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, ["level", "lvl", "severity", "loglevel"].contains(pair[0].lowercased()) else { continue }
            if let level = LogLevel(loose: pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"',;"))) { return level }
        }
        for word in words.prefix(leadingWords) {
            if let level = levelWord(word) { return level }
            // Timestamps, thread names and pids come before the level; prose does not.
            guard word.first?.isNumber == true || word.first == "[" || word.first == "(" else { return nil }
        }
        return nil
    }

    private static func levelWord(_ word: Substring) -> LogLevel? {
        let bracketed = [("[", "]"), ("<", ">"), ("(", ")")].contains { word.hasPrefix($0.0) && word.hasSuffix($0.1) }
        var core = word
        if bracketed { core = core.dropFirst().dropLast() }
        let colon = core.hasSuffix(":")
        if colon { core = core.dropLast() }
        guard !core.isEmpty, bracketed || colon || core.allSatisfy({ $0.isUppercase }) else { return nil }
        return LogLevel(loose: String(core))
    }
}
