import CygniRollout
import Foundation

/// `analysis` in a deploy: overrides of the engine's judge and threshold checks. Each field
/// replaces its default; `"thresholds": null` turns the per-interval checks off.
enum AnalysisOverrides {
    static let fields = ["confidence", "passScore", "marginalScore", "minimumSamples", "maximumSamples", "thresholds", "tolerance"]
    static let thresholdFields = ["minimumSuccessRate", "maximumP99Milliseconds", "interval", "failureLimit"]

    static func policy(_ value: Any?, base: AnalysisPolicy) throws(APIError) -> AnalysisPolicy {
        guard let value, !(value is NSNull) else { return base }
        guard let object = value as? [String: Any] else { throw .invalidField("analysis must be an object") }
        if let unknown = object.keys.filter({ !fields.contains($0) }).sorted().first {
            throw .invalidField("unknown field analysis.\(TokenVerifier.printable(unknown)); allowed: \(fields.joined(separator: ", "))")
        }
        var policy = base
        if let number = try number(object["confidence"], "analysis.confidence") { policy.confidence = number }
        if let number = try number(object["passScore"], "analysis.passScore") { policy.passScore = number }
        if let number = try number(object["marginalScore"], "analysis.marginalScore") { policy.marginalScore = number }
        if let number = try whole(object["minimumSamples"], "analysis.minimumSamples") { policy.minimumSamples = number }
        if let number = try whole(object["maximumSamples"], "analysis.maximumSamples") { policy.maximumSamples = number }
        if let tolerance = try number(object["tolerance"], "analysis.tolerance") {
            policy.metrics = policy.metrics.map { var metric = $0; metric.tolerance = tolerance; return metric }
        }
        if object.keys.contains("thresholds") {
            policy.thresholds = try thresholds(object["thresholds"], base: policy.thresholds ?? ThresholdPolicy())
        }
        // The engine's own checks name the field at fault (ranges, pass >= marginal ...).
        do {
            try RolloutPlan(id: "check", service: "check", fromVersion: "a", toVersion: "b", strategy: .canary(CanaryParameters()), analysis: policy).validate()
        } catch {
            throw .invalidField("\(error.parameter) \(error.problem)")
        }
        return policy
    }

    private static func thresholds(_ value: Any?, base: ThresholdPolicy) throws(APIError) -> ThresholdPolicy? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else { throw .invalidField("analysis.thresholds must be an object or null") }
        if let unknown = object.keys.filter({ !thresholdFields.contains($0) }).sorted().first {
            throw .invalidField("unknown field analysis.thresholds.\(TokenVerifier.printable(unknown)); allowed: \(thresholdFields.joined(separator: ", "))")
        }
        var thresholds = base
        if let number = try number(object["minimumSuccessRate"], "analysis.thresholds.minimumSuccessRate") { thresholds.minimumSuccessRate = number }
        if let number = try number(object["maximumP99Milliseconds"], "analysis.thresholds.maximumP99Milliseconds") { thresholds.maximumP99Milliseconds = number }
        if object["interval"] != nil {
            thresholds.interval = try DurationField.seconds(object["interval"], field: "analysis.thresholds.interval", default: thresholds.interval)
        }
        if let number = try whole(object["failureLimit"], "analysis.thresholds.failureLimit") { thresholds.failureLimit = number }
        return thresholds
    }

    private static func number(_ value: Any?, _ field: String) throws(APIError) -> Double? {
        guard let value else { return nil }
        guard let number = value as? NSNumber, !RequestFields.isBoolean(value), number.doubleValue.isFinite else { throw .invalidField("\(field) must be a number") }
        return number.doubleValue
    }

    private static func whole(_ value: Any?, _ field: String) throws(APIError) -> Int? {
        guard let number = try number(value, field) else { return nil }
        guard number == number.rounded(), abs(number) < 1e9 else { throw .invalidField("\(field) must be a whole number") }
        return Int(number)
    }
}
