import Foundation

/// Runs a profile's `credential_process` and reads the JSON it prints (Version 1). The command is
/// split like a shell would (quotes, backslashes) and run without a shell, as botocore does.
enum CredentialProcess {
    static func run(_ command: String, profile: String, timeout: TimeInterval = 60) async throws -> Credentials {
        let arguments = split(command)
        guard !arguments.isEmpty else {
            throw ConfigurationError(.credentialProcessFailed, "profile \(profile): credential_process is empty")
        }
        let output = try await execute(arguments, profile: profile, timeout: timeout)
        return try parse(output, profile: profile)
    }

    static func parse(_ output: Data, profile: String) throws -> Credentials {
        func failure(_ why: String) -> ConfigurationError {
            ConfigurationError(.credentialProcessFailed, "profile \(profile): credential_process output \(why)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw failure("is not a JSON object")
        }
        guard (object["Version"] as? Int) == 1 else { throw failure("has no \"Version\": 1") }
        guard let key = object["AccessKeyId"] as? String, !key.isEmpty else { throw failure("lacks AccessKeyId") }
        guard let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else { throw failure("lacks SecretAccessKey") }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = Timestamp.parseISO8601(text) else { throw failure("has an unreadable Expiration") }
            expiration = date
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
            expiration: expiration, source: "credential_process of profile \(profile)"
        )
    }

    /// Shell-like word splitting: single quotes literal, double quotes with backslash escapes.
    static func split(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in command {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaping = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static func execute(_ arguments: [String], profile: String, timeout: TimeInterval) async throws -> Data {
        let completion: Subprocess.Completion
        do {
            completion = try await Subprocess.run(arguments, timeout: timeout)
        } catch {
            throw ConfigurationError(.credentialProcessFailed, "profile \(profile): credential_process could not start")
        }
        if completion.timedOut {
            throw ConfigurationError(.credentialProcessFailed, "profile \(profile): credential_process did not finish within \(Int(timeout)) s")
        }
        guard completion.status == 0 else {
            // The child's own complaint, shortened: it is what users need to fix it.
            let detail = String(decoding: completion.errors.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ConfigurationError(
                .credentialProcessFailed,
                "profile \(profile): credential_process exited with status \(completion.status)"
                    + (detail.isEmpty ? "" : ": \(detail)")
            )
        }
        return completion.output
    }
}
