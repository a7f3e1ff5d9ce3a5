import CygniAWS
import CygniModel

/// How the AmazonECS price list names Fargate's Linux on-demand usage: a region prefix
/// ("USE1-", "EUW1-"), then the rate's name, with "ARM-" for Graviton. Spot ("SpotUsage-Fargate-")
/// and Windows ("Fargate-Windows-") are other names, so an exact match after the prefix keeps
/// them out.
public enum FargateUsageType {
    public static func vCPU(_ architecture: FargatePriceTable.Architecture) -> String {
        architecture == .arm ? "Fargate-ARM-vCPU-Hours:perCPU" : "Fargate-vCPU-Hours:perCPU"
    }

    public static func memory(_ architecture: FargatePriceTable.Architecture) -> String {
        architecture == .arm ? "Fargate-ARM-GB-Hours" : "Fargate-GB-Hours"
    }

    /// Ephemeral storage beyond the included 20 GB, most specific name first.
    public static func storage(_ architecture: FargatePriceTable.Architecture) -> [String] {
        architecture == .arm
            ? ["Fargate-ARM-EphemeralStorage-GB-Hours", "Fargate-EphemeralStorage-GB-Hours"]
            : ["Fargate-EphemeralStorage-GB-Hours"]
    }

    /// Whether `usageType` is `name`, bare or behind one region prefix of letters and digits.
    public static func matches(_ usageType: String, _ name: String) -> Bool {
        if usageType == name { return true }
        guard usageType.hasSuffix("-" + name) else { return false }
        let prefix = usageType.dropLast(name.count + 1)
        return !prefix.isEmpty && prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
