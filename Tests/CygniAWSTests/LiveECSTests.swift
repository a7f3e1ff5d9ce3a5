import Foundation
import Testing

@testable import CygniAWS

/// ECS against moto: services, tasks, task definitions and task sets.
struct LiveECSTests {
    func setUp() async throws -> (ECSClient, cluster: String, taskDefinition: ECSTaskDefinition) {
        let ecs = ECSClient(try await motoClient(region: "eu-west-1"))
        let cluster = uniqueName("cluster")
        _ = try await ecs.createCluster(name: cluster)
        let definition = try await ecs.registerTaskDefinition([
            "family": .string(uniqueName("web")), "networkMode": "bridge",
            "containerDefinitions": [["name": "web", "image": "nginx:1.27", "memory": 128]],
        ])
        return (ecs, cluster, definition)
    }

    @Test func servicesAreListedAndDescribedAcrossPages() async throws {
        var (ecs, cluster, definition) = try await setUp()
        ecs.maxItems = 10_000
        var names: [String] = []
        for index in 0..<12 {
            let name = "svc-\(index)"
            names.append(name)
            _ = try await ecs.createService([
                "cluster": .string(cluster), "serviceName": .string(name), "taskDefinition": .string(definition.arn), "desiredCount": 2,
            ])
        }
        let arns = try await ecs.listServices(cluster: cluster)
        #expect(arns.count == 12)
        let services = try await ecs.describeServices(cluster: cluster, services: names)
        #expect(Set(services.map(\.name)) == Set(names))
        #expect(services.allSatisfy { $0.desiredCount == 2 && $0.taskDefinition == definition.arn })

        let updated = try await ecs.updateService(cluster: cluster, service: "svc-0", desiredCount: 5)
        #expect(updated.desiredCount == 5)
        let described = try await ecs.describeTaskDefinition(definition.arn)
        #expect(described.containers.first?.image == "nginx:1.27")
    }

    @Test func aMissingClusterIsNotFound() async throws {
        let ecs = ECSClient(try await motoClient(region: "eu-west-1"))
        let error = try await #require(throws: AWSError.self) { try await ecs.listServices(cluster: uniqueName("missing")) }
        #expect(error.errorClass == .notFound)
        #expect(error.service == "ECS")
        #expect(error.operation == "ListServices")
    }

    /// moto runs a task set's tasks and needs EC2 container instances for that, which these tests
    /// do not create; so the live test reads task sets and the writes are checked on the wire.
    @Test func anExternalServiceHasNoTaskSetsYet() async throws {
        let (ecs, cluster, definition) = try await setUp()
        let service = uniqueName("bg")
        _ = try await ecs.createService([
            "cluster": .string(cluster), "serviceName": .string(service), "taskDefinition": .string(definition.arn), "desiredCount": 2,
            "deploymentController": ["type": "EXTERNAL"],
        ])
        let described = try await ecs.describeServices(cluster: cluster, services: [service])
        #expect(described.first?.deploymentController == "EXTERNAL")
        #expect(try await ecs.describeTaskSets(cluster: cluster, service: service).isEmpty)
    }

    @Test func taskSetWritesAreEncodedAsECSExpects() async throws {
        let bodies = Locked<[(target: String, body: JSONValue)]>([])
        let transport = HTTPTransport { request, _ in
            bodies.withLock { $0.append((request.header("X-Amz-Target") ?? "", (try? JSONValue.parse(request.body)) ?? .null)) }
            return HTTPResponse(status: 200, body: Data(#"{"taskSet":{"id":"ecs-svc/1","taskSetArn":"arn:ts","status":"ACTIVE","scale":{"unit":"PERCENT","value":10.0}}}"#.utf8))
        }
        let client = AWSClient(
            configuration: AWSConfiguration(region: "eu-west-1", credentials: .fixed(Credentials(accessKeyID: "AKID", secretAccessKey: "s"))),
            transport: transport
        )
        let ecs = ECSClient(client)
        let created = try await ecs.createTaskSet(
            cluster: "c", service: "s", taskDefinition: "td:2", externalID: "green",
            loadBalancers: [ECSLoadBalancer(targetGroupARN: "arn:tg", containerName: "web", containerPort: 8080)], scalePercent: 10, clientToken: "tok"
        )
        #expect(created.scale == 10)
        _ = try await ecs.updateTaskSet(cluster: "c", service: "s", taskSet: "arn:ts", scalePercent: 50)
        _ = try await ecs.updateServicePrimaryTaskSet(cluster: "c", service: "s", primaryTaskSet: "arn:ts")
        _ = try await ecs.deleteTaskSet(cluster: "c", service: "s", taskSet: "arn:ts", force: true)
        let sent = bodies.withLock { $0 }
        #expect(sent.map(\.target) == [
            "AmazonEC2ContainerServiceV20141113.CreateTaskSet", "AmazonEC2ContainerServiceV20141113.UpdateTaskSet",
            "AmazonEC2ContainerServiceV20141113.UpdateServicePrimaryTaskSet", "AmazonEC2ContainerServiceV20141113.DeleteTaskSet",
        ])
        #expect(sent[0].body["clientToken"]?.string == "tok")
        #expect(sent[0].body["scale"] == ["unit": "PERCENT", "value": 10])
        #expect(sent[0].body["loadBalancers"]?.array.first?["containerPort"]?.int == 8080)
        #expect(sent[1].body["scale"]?["value"]?.double == 50)
        #expect(sent[3].body["force"] == true)
    }
}
