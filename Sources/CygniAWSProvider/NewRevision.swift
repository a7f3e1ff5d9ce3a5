import CygniAWS

/// The input of RegisterTaskDefinition that makes a new revision of a described task
/// definition with its first container's image replaced. Everything else is kept; the fields
/// ECS adds when it describes (ARN, revision, status, who registered it) are not inputs.
enum NewRevision {
    static let describedOnly: Set<String> = [
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy",
        "deregisteredAt",
    ]

    static func input(from described: JSONValue, image: String) throws -> JSONValue {
        var fields = described.object.filter { !describedOnly.contains($0.key) }
        var containers = fields["containerDefinitions"]?.array ?? []
        guard !containers.isEmpty, case .object(var first) = containers[0] else {
            throw ProviderRefusal(.invalid, "task definition \(described["taskDefinitionArn"]?.string ?? "?") has no container to put the image in")
        }
        first["image"] = .string(image)
        containers[0] = .object(first)
        fields["containerDefinitions"] = .array(containers)
        return .object(fields)
    }
}
