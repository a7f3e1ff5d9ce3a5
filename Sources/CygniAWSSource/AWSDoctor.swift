import CygniAWS
import CygniClients
import CygniModel
import Foundation

/// The checks of `cx doctor` on AWS, run concurrently, each bounded by a timeout so one slow service
/// cannot hold up the report. Results come back in a fixed order.
public struct AWSDoctor: Sendable {
    public let client: AWSClient
    public var timeout: Double
    public var now: @Sendable () -> Date

    public init(client: AWSClient, timeout: Double = 15, now: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.timeout = timeout
        self.now = now
    }

    public static let checkNames = [
        "credentials", "identity", "clock", "region", "ecs", "load-balancers", "stickiness", "certificates", "route53", "fargate-quota",
    ]

    public func run() async -> [DoctorCheck] {
        let checks: [(String, @Sendable () async throws -> [DoctorCheck])] = [
            ("credentials", { [try await credentials()] }),
            ("identity", { try await identityAndClock() }),
            ("region", { [region()] }),
            ("ecs", { [try await ecs()] }),
            ("load-balancers", { try await loadBalancers() }),
            ("certificates", { [try await certificates()] }),
            ("route53", { [try await route53()] }),
            ("fargate-quota", { [try await fargateQuota()] }),
        ]
        let results = await withTaskGroup(of: (Int, [DoctorCheck]).self) { group in
            for (index, (name, check)) in checks.enumerated() {
                group.addTask { (index, await bounded(name, check)) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        return (0..<checks.count).flatMap { results[$0] ?? [] }
    }

    /// Runs a check with the timeout; an error becomes a failing (or, for optional services,
    /// warning) line instead of ending the report.
    private func bounded(_ name: String, _ check: @escaping @Sendable () async throws -> [DoctorCheck]) async -> [DoctorCheck] {
        let seconds = timeout
        do {
            guard let checks = try await withDeadline(seconds: seconds, check) else {
                return [DoctorCheck(name: name, status: .fail, detail: "no answer within \(Int(seconds)) s", hint: "check network access to the endpoint")]
            }
            return checks
        } catch let error as AWSError {
            return [Self.failure(name, error)]
        } catch let error as ConfigurationError {
            return [DoctorCheck(name: name, status: .fail, detail: error.message, hint: "fix the AWS configuration (see `credentials`)")]
        } catch {
            return [DoctorCheck(name: name, status: .fail, detail: "\(error)")]
        }
    }

    static func failure(_ name: String, _ error: AWSError) -> DoctorCheck {
        let hint: String
        switch error.errorClass {
        case .auth: hint = "the credentials were rejected: check the keys, the profile, or refresh the session"
        case .accessDenied: hint = "grant the read permission named in the message to this identity"
        case .throttling: hint = "the service is throttling; try again shortly"
        case .network: hint = "check network access, proxy settings and --endpoint-url"
        case .notFound, .validation: hint = "check the resource names and region"
        case .server: hint = "the service failed; try again, or check the AWS Health Dashboard"
        }
        // Optional services (no ACM, no Route 53) warn rather than fail.
        let optional = ["certificates", "route53", "fargate-quota", "stickiness"].contains(name)
        return DoctorCheck(name: name, status: optional ? .warn : .fail, detail: "\(error.code): \(error.message)", hint: hint)
    }

    private func credentials() async throws -> DoctorCheck {
        let credentials = try await client.configuration.credentials.credentials()
        var detail = "key \(credentials.redactedKeyID) from \(client.configuration.credentials.summary)"
        if let expiration = credentials.expiration {
            let minutes = Int(expiration.timeIntervalSince(now()) / 60)
            detail += ", expires in \(minutes) min"
            if minutes < 15 {
                return DoctorCheck(name: "credentials", status: .warn, detail: detail, hint: "refresh the session soon")
            }
        }
        return DoctorCheck(name: "credentials", status: .pass, detail: detail)
    }

    private func identityAndClock() async throws -> [DoctorCheck] {
        let identity = try await STSClient(client).getCallerIdentity()
        let identityCheck = DoctorCheck(name: "identity", status: .pass, detail: "account \(identity.account), \(identity.arn)")
        guard let skew = client.observedClockSkew else {
            return [identityCheck, DoctorCheck(name: "clock", status: .warn, detail: "the server sent no Date header", hint: "")]
        }
        let seconds = Int(skew.rounded())
        let clock: DoctorCheck
        if abs(skew) >= 300 {
            clock = DoctorCheck(
                name: "clock", status: .fail, detail: "local clock is \(abs(seconds)) s \(skew > 0 ? "behind" : "ahead of") AWS",
                hint: "SigV4 rejects requests more than 5 minutes off: enable NTP (timedatectl set-ntp true)"
            )
        } else if abs(skew) >= 60 {
            clock = DoctorCheck(name: "clock", status: .warn, detail: "local clock is \(abs(seconds)) s off", hint: "enable NTP before it drifts past 5 minutes")
        } else {
            clock = DoctorCheck(name: "clock", status: .pass, detail: "within \(max(1, abs(seconds))) s of AWS")
        }
        return [identityCheck, clock]
    }

    private func region() -> DoctorCheck {
        guard let region = client.configuration.region else {
            return DoctorCheck(name: "region", status: .fail, detail: "no region configured", hint: "pass --region, set AWS_REGION, or set region in the profile")
        }
        return DoctorCheck(name: "region", status: .pass, detail: "\(region) (from \(client.configuration.regionSource))")
    }

    private func ecs() async throws -> DoctorCheck {
        var ecs = ECSClient(client)
        ecs.maxItems = 100
        let clusters = try await ecs.listClusters()
        guard !clusters.isEmpty else {
            return DoctorCheck(name: "ecs", status: .warn, detail: "no ECS clusters in this region", hint: "check --region and --profile")
        }
        var services = 0
        for cluster in clusters.prefix(20) { services += try await ecs.listServices(cluster: cluster).count }
        return DoctorCheck(name: "ecs", status: .pass, detail: "\(clusters.count) cluster(s), \(services) service(s) reachable")
    }

    private func loadBalancers() async throws -> [DoctorCheck] {
        var elb = ELBv2Client(client)
        elb.maxItems = 100
        let balancers = try await elb.describeLoadBalancers().filter { $0.type == "application" }
        guard !balancers.isEmpty else {
            return [
                DoctorCheck(name: "load-balancers", status: .warn, detail: "no application load balancers", hint: "traffic shifting needs an ALB listener"),
                DoctorCheck(name: "stickiness", status: .pass, detail: "no target groups to check"),
            ]
        }
        var weighted = 0
        var listeners = 0
        var unhealthy: [String] = []
        var sticky: [String] = []
        for balancer in balancers.prefix(20) {
            for listener in try await elb.describeListeners(loadBalancerARN: balancer.arn) {
                listeners += 1
                if listener.weightedForward != nil { weighted += 1 }
            }
            for group in try await elb.describeTargetGroups(loadBalancerARN: balancer.arn) {
                let health = try await elb.describeTargetHealth(targetGroupARN: group.arn)
                let bad = health.filter { !["healthy", "unused", "draining"].contains($0.state) }
                if !bad.isEmpty { unhealthy.append("\(group.name): \(bad.count)/\(health.count) unhealthy") }
                let attributes = try await elb.describeTargetGroupAttributes(targetGroupARN: group.arn)
                if attributes["stickiness.enabled"] == "true" {
                    sticky.append("\(group.name) (\(attributes["stickiness.lb_cookie.duration_seconds"] ?? "?") s)")
                }
            }
        }
        var detail = "\(balancers.count) ALB(s), \(listeners) listener(s), \(weighted) with weighted forwarding"
        var status = DoctorCheck.Status.pass
        var hint = ""
        if !unhealthy.isEmpty {
            status = .warn
            detail += "; " + unhealthy.joined(separator: ", ")
            hint = "unhealthy targets make canary analysis unreliable"
        } else if weighted == 0 {
            status = .warn
            hint = "no listener forwards to two weighted target groups; blue/green and canary need one"
        }
        let stickiness = sticky.isEmpty
            ? DoctorCheck(name: "stickiness", status: .pass, detail: "no target group pins clients")
            : DoctorCheck(
                name: "stickiness", status: .warn, detail: "sticky: " + sticky.joined(separator: ", "),
                hint: "pinned clients keep reaching the old side after a rollback until the cookie expires; shorten the duration"
            )
        return [DoctorCheck(name: "load-balancers", status: status, detail: detail, hint: hint), stickiness]
    }

    private func certificates() async throws -> DoctorCheck {
        let acm = ACMClient(client)
        let summaries = try await acm.listCertificates()
        guard !summaries.isEmpty else { return DoctorCheck(name: "certificates", status: .pass, detail: "no ACM certificates") }
        var problems: [String] = []
        var worst = DoctorCheck.Status.pass
        for summary in summaries.prefix(50) {
            let certificate = try await acm.describeCertificate(arn: summary.arn)
            let name = certificate.domainName.isEmpty ? summary.domainName : certificate.domainName
            if let notAfter = certificate.notAfter {
                let days = Int(notAfter.timeIntervalSince(now()) / 86_400)
                if days < 0 {
                    problems.append("\(name) expired")
                    worst = .fail
                } else if days < 30 {
                    problems.append("\(name) expires in \(days) d")
                    worst = max(worst, .warn)
                }
            }
            if let status = certificate.status, status != "ISSUED" {
                problems.append("\(name) is \(status)")
                worst = max(worst, .warn)
            }
        }
        if problems.isEmpty {
            return DoctorCheck(name: "certificates", status: .pass, detail: "\(summaries.count) certificate(s), none expiring within 30 days")
        }
        return DoctorCheck(
            name: "certificates", status: worst, detail: problems.joined(separator: "; "),
            hint: "renew or re-validate before listeners start failing TLS"
        )
    }

    private func route53() async throws -> DoctorCheck {
        let zones = try await Route53Client(client).listHostedZones()
        let names = zones.prefix(5).map(\.name).joined(separator: ", ")
        return DoctorCheck(name: "route53", status: .pass, detail: "\(zones.count) hosted zone(s)\(names.isEmpty ? "" : ": " + names)")
    }

    private func fargateQuota() async throws -> DoctorCheck {
        let code = ServiceQuotasClient.fargateOnDemandVCPU
        do {
            let quota = try await ServiceQuotasClient(client).getServiceQuota(serviceCode: code.serviceCode, quotaCode: code.quotaCode)
            return DoctorCheck(name: "fargate-quota", status: .pass, detail: "\(quota.name.isEmpty ? "Fargate On-Demand vCPU" : quota.name): \(quota.value.map { String(Int($0)) } ?? "?")")
        } catch let error as AWSError where error.errorClass != .network {
            return DoctorCheck(
                name: "fargate-quota", status: .warn, detail: "quota unavailable: \(error.code)",
                hint: "grant servicequotas:GetServiceQuota to see how much Fargate capacity a rollout may use"
            )
        }
    }
}

extension DoctorClient {
    /// The AWS checks of `AWSDoctor` on `client`'s configuration.
    public static func aws(client: AWSClient) -> DoctorClient {
        DoctorClient { timeout in await AWSDoctor(client: client, timeout: timeout).run() }
    }
}
