import CygniAWS

/// The version people call a task definition by: its first container's image tag ("1.27",
/// "sha256:0a1b2c3d"), or "family:revision" when the image has no tag.
public enum VersionLabel {
    public static func of(_ definition: ECSTaskDefinition) -> String {
        if let image = definition.containers.first?.image, let tag = tag(of: image) { return tag }
        return "\(definition.family):\(definition.revision)"
    }

    /// "arn:aws:ecs:...:task-definition/web:42" -> "web:42", for when nothing else is known.
    public static func of(taskDefinitionARN arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    public static func tag(of image: String) -> String? {
        if let at = image.lastIndex(of: "@") {
            let digest = image[image.index(after: at)...]
            return String(digest.prefix(digest.hasPrefix("sha256:") ? 15 : 12))
        }
        // A colon after the last slash is a tag; one before it is a registry port.
        let name = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = name.lastIndex(of: ":") else { return nil }
        let tag = name[name.index(after: colon)...]
        return tag.isEmpty ? nil : String(tag)
    }
}
