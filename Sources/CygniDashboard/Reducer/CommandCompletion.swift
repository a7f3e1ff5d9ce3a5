/// Tab completion on the `:` line: the command word, then a service name for the commands
/// that act on a rollout. Completes to the longest prefix the candidates share.
enum CommandCompletion {
    static let verbs = ["rollback", "promote", "pause", "resume", "abort", "theme", "keymap", "filter", "refresh", "help", "quit"]
    static let actsOnRollout: Set<String> = ["rollback", "promote", "pause", "resume", "abort"]

    static func complete(_ text: String, services: [String]) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            return extend(text, among: verbs, appendingSpace: true)
        }
        guard words.count == 2, actsOnRollout.contains(words[0].lowercased()) else {
            if words.count == 2, words[0].lowercased() == "filter" {
                return words[0] + " " + extend(words[1], among: ["errors", "slow", "all"], appendingSpace: false)
            }
            return text
        }
        let unique = Array(Set(services)).sorted()
        return words[0] + " " + extend(words[1], among: unique, appendingSpace: true)
    }

    private static func extend(_ prefix: String, among candidates: [String], appendingSpace: Bool) -> String {
        let matches = candidates.filter { $0.hasPrefix(prefix) }
        guard let first = matches.first else { return prefix }
        if matches.count == 1 { return first + (appendingSpace ? " " : "") }
        var shared = first
        for match in matches.dropFirst() {
            while !match.hasPrefix(shared) { shared.removeLast() }
        }
        return shared.count > prefix.count ? shared : prefix
    }
}
