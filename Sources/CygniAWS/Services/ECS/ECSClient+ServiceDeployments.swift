import Foundation

/// The deployments ECS runs itself (strategies BLUE_GREEN, LINEAR and CANARY): reading them, and
/// stopping or continuing one.
extension ECSClient {
    /// The service's deployments, newest first, at most `limit`; only those in `statuses` and
    /// created after `createdAfter` when given.
    public func listServiceDeployments(
        cluster: String, service: String, statuses: [String] = [], createdAfter: Date? = nil, limit: Int = 20
    ) async throws -> [ECSServiceDeploymentBrief] {
        var input: [String: JSONValue] = ["cluster": .string(cluster), "service": .string(service), "maxResults": .number(Double(min(100, max(1, limit))))]
        if !statuses.isEmpty { input["status"] = .array(statuses.map(JSONValue.string)) }
        if let createdAfter { input["createdAt"] = ["after": .number(createdAfter.timeIntervalSince1970.rounded(.down))] }
        let listed = try await Pagination.collect(maxItems: limit) { token in
            var page = input
            if let token { page["nextToken"] = .string(token) }
            let output = try await call("ListServiceDeployments", .object(page))
            return (output["serviceDeployments"]?.array.map(ECSServiceDeploymentBrief.init) ?? [], output["nextToken"]?.string)
        }
        // ECS does not promise an order.
        return listed.sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
    }

    /// Describes deployments, twenty per call as ECS allows; ARNs ECS does not know are left out.
    public func describeServiceDeployments(_ arns: [String]) async throws -> [ECSServiceDeployment] {
        try await describe("DescribeServiceDeployments", arns, key: "serviceDeploymentArns", answer: "serviceDeployments").map(ECSServiceDeployment.init)
    }

    /// Describes service revisions, twenty per call; unknown ARNs are left out.
    public func describeServiceRevisions(_ arns: [String]) async throws -> [ECSServiceRevision] {
        try await describe("DescribeServiceRevisions", arns, key: "serviceRevisionArns", answer: "serviceRevisions").map(ECSServiceRevision.init)
    }

    private func describe(_ operation: String, _ arns: [String], key: String, answer: String) async throws -> [JSONValue] {
        var described: [JSONValue] = []
        for batch in arns.chunked(20) {
            described += try await call(operation, [key: .array(batch.map(JSONValue.string))])[answer]?.array ?? []
        }
        return described
    }

    /// Asks ECS to roll a deployment back or stop it. Asking again while it stops is harmless
    /// (ECS goes on stopping), so the call is retried like a read.
    @discardableResult
    public func stopServiceDeployment(_ arn: String, stopType: ECSStopType) async throws -> String {
        let input: JSONValue = ["serviceDeploymentArn": .string(arn), "stopType": .string(stopType.rawValue)]
        return try await call("StopServiceDeployment", input)["serviceDeploymentArn"]?.string ?? arn
    }

    /// Tells a PAUSE hook holding a deployment to continue or roll back. A second call finds the
    /// hook no longer waiting and fails, so it is not retried blindly: read the deployment first.
    @discardableResult
    public func continueServiceDeployment(_ arn: String, hookID: String, action: ECSHookAction) async throws -> String {
        let input: JSONValue = ["serviceDeploymentArn": .string(arn), "hookId": .string(hookID), "action": .string(action.rawValue)]
        return try await call("ContinueServiceDeployment", input, idempotent: false)["serviceDeploymentArn"]?.string ?? arn
    }
}
