/// What the client needs to know about one AWS service to address, sign and encode its calls.
public struct ServiceDescriptor: Sendable, Equatable {
    /// The model's serviceId ("Elastic Load Balancing v2"), which names the endpoint variables.
    public var id: String
    public var signingName: String
    public var endpointPrefix: String
    public var wireProtocol: WireProtocol
    /// awsQuery `Version=`, and the model version for the others.
    public var apiVersion: String
    /// awsJson `X-Amz-Target` prefix.
    public var targetPrefix: String?
    /// Services with one global endpoint: its host and the region it signs for.
    public var globalEndpoint: (host: String, region: String)?

    public init(
        id: String, signingName: String, endpointPrefix: String, wireProtocol: WireProtocol, apiVersion: String,
        targetPrefix: String? = nil, globalEndpoint: (host: String, region: String)? = nil
    ) {
        self.id = id
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.wireProtocol = wireProtocol
        self.apiVersion = apiVersion
        self.targetPrefix = targetPrefix
        self.globalEndpoint = globalEndpoint
    }

    /// AWS_ENDPOINT_URL_<this>: the id upper-cased, spaces to underscores.
    public var environmentKey: String {
        id.uppercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// The key under a `[services NAME]` block of the config file.
    public var configKey: String {
        id.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    public static func == (lhs: ServiceDescriptor, rhs: ServiceDescriptor) -> Bool {
        lhs.id == rhs.id && lhs.signingName == rhs.signingName && lhs.endpointPrefix == rhs.endpointPrefix
            && lhs.wireProtocol == rhs.wireProtocol && lhs.apiVersion == rhs.apiVersion
            && lhs.targetPrefix == rhs.targetPrefix && lhs.globalEndpoint?.host == rhs.globalEndpoint?.host
            && lhs.globalEndpoint?.region == rhs.globalEndpoint?.region
    }
}

extension ServiceDescriptor {
    public static let ecs = ServiceDescriptor(
        id: "ECS", signingName: "ecs", endpointPrefix: "ecs", wireProtocol: .awsJson1_1, apiVersion: "2014-11-13",
        targetPrefix: "AmazonEC2ContainerServiceV20141113"
    )
    public static let elasticLoadBalancingV2 = ServiceDescriptor(
        id: "Elastic Load Balancing v2", signingName: "elasticloadbalancing", endpointPrefix: "elasticloadbalancing",
        wireProtocol: .awsQuery, apiVersion: "2015-12-01"
    )
    /// JSON 1.0 rather than the model's CBOR, which moto does not serve; AWS accepts both.
    public static let cloudWatch = ServiceDescriptor(
        id: "CloudWatch", signingName: "monitoring", endpointPrefix: "monitoring", wireProtocol: .awsJson1_0,
        apiVersion: "2010-08-01", targetPrefix: "GraniteServiceVersion20100801"
    )
    public static let cloudWatchLogs = ServiceDescriptor(
        id: "CloudWatch Logs", signingName: "logs", endpointPrefix: "logs", wireProtocol: .awsJson1_1,
        apiVersion: "2014-03-28", targetPrefix: "Logs_20140328"
    )
    public static let xray = ServiceDescriptor(
        id: "XRay", signingName: "xray", endpointPrefix: "xray", wireProtocol: .restJson1, apiVersion: "2016-04-12"
    )
    public static let costExplorer = ServiceDescriptor(
        id: "Cost Explorer", signingName: "ce", endpointPrefix: "ce", wireProtocol: .awsJson1_1, apiVersion: "2017-10-25",
        targetPrefix: "AWSInsightsIndexService", globalEndpoint: ("ce.us-east-1.amazonaws.com", "us-east-1")
    )
    public static let pricing = ServiceDescriptor(
        id: "Pricing", signingName: "pricing", endpointPrefix: "api.pricing", wireProtocol: .awsJson1_1,
        apiVersion: "2017-10-15", targetPrefix: "AWSPriceListService",
        globalEndpoint: ("api.pricing.us-east-1.amazonaws.com", "us-east-1")
    )
    public static let sts = ServiceDescriptor(
        id: "STS", signingName: "sts", endpointPrefix: "sts", wireProtocol: .awsQuery, apiVersion: "2011-06-15"
    )
    public static let serviceQuotas = ServiceDescriptor(
        id: "Service Quotas", signingName: "servicequotas", endpointPrefix: "servicequotas", wireProtocol: .awsJson1_1,
        apiVersion: "2019-06-24", targetPrefix: "ServiceQuotasV20190624"
    )
    public static let acm = ServiceDescriptor(
        id: "ACM", signingName: "acm", endpointPrefix: "acm", wireProtocol: .awsJson1_1, apiVersion: "2015-12-08",
        targetPrefix: "CertificateManager"
    )
    public static let route53 = ServiceDescriptor(
        id: "Route 53", signingName: "route53", endpointPrefix: "route53", wireProtocol: .restXml, apiVersion: "2013-04-01",
        globalEndpoint: ("route53.amazonaws.com", "us-east-1")
    )
}
