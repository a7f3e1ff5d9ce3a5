import ArgumentParser
import CygniClients
import CygniControlPlaneSource
import CygniDashboard
import CygniModel
import CygniTerminal
import Foundation

/// `cx deploy`: through cygnid only. Shows the plan and its cost (cygnid's dry run, checked as
/// the deploy is), asks, then starts the rollout with one Idempotency-Key for this invocation,
/// reused on every retry so a lost answer never makes a second rollout.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Start a rollout through the control plane: shows the plan and its cost, then asks.",
        discussion: """
            Deploys go through cygnid (cx --control-plane URL, or control_plane in config.toml), which runs the rollout \
            with its engine on AWS (cygnid serve --aws) or in its simulated world (cygnid serve --sandbox), and records \
            who started it. Before asking, cx shows the steps and bakes, the metrics and thresholds that judge the new \
            version, the SLOs that guard it, and what it costs: the new fleet against the running one per month, and \
            the overlap while both run, priced from the AWS Pricing API or the built-in dated table (it says which). \
            The question names the service, both versions and the first traffic step. --dry-run shows the plan and \
            stops; --yes deploys without asking (CI); --json prints {"plan", "rollout"} and, since it never asks, needs \
            --yes or --dry-run. A token whose role may not deploy (viewer, operator) is refused by cygnid.

            Exit status: 0 started (or planned), 1 refused or failed, 2 usage or configuration error.
            """
    )

    @Argument(help: "The service to deploy: CLUSTER/SERVICE, or SERVICE when cygnid knows it in one cluster only.")
    var service: String

    @Option(help: "The image to roll out: a new revision of the running task definition with its first container's image replaced.")
    var image: String?

    @Option(name: .customLong("task-definition"), help: "A registered task definition to roll out (ARN or family:revision).")
    var taskDefinition: String?

    @Option(help: "canary (the default), linear or blueGreen.")
    var strategy: String?

    @Option(help: "Canary traffic steps in percent, such as 5,25,50 (100 is added at the end).")
    var steps: String?

    @Option(help: "How long each step bakes before it is judged: 30s, 5m, 1h (default 5m).")
    var bake: String?

    @Option(help: "Why, for the audit trail.")
    var reason: String?

    @Flag(help: "Deploy without asking.")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Show the plan and its cost; start nothing.")
    var dryRun = false

    @Flag(help: "Print JSON: {\"plan\", \"rollout\"}; needs --yes or --dry-run, since it does not ask.")
    var json = false

    @Flag(name: .customLong("read-only"), help: "Refuse to change anything (as read_only in config.toml).")
    var readOnly = false

    @Option(help: "How long to keep trying through unreachable cygnid, 5xx and unreadable answers: 30s, 2m. Retries reuse the Idempotency-Key.")
    var deadline: String = "2m"

    @OptionGroup var source: SourceOptions

    static let strategies = ["canary", "linear", "blueGreen"]

    func validate() throws {
        switch (image, taskDefinition) {
        case (nil, nil): throw ValidationError("give the version to roll out: --image URI or --task-definition ARN")
        case (_?, _?): throw ValidationError("--image and --task-definition exclude each other")
        default: break
        }
        if let strategy, !Self.strategies.contains(strategy) {
            throw ValidationError("--strategy takes \(Self.strategies.joined(separator: ", ")), not \"\(strategy)\"")
        }
        if steps != nil, let strategy, strategy != "canary" { throw ValidationError("--steps goes with --strategy canary") }
        _ = try parsedSteps()
        if let bake { _ = try TimeArguments.duration(bake, option: "--bake") }
        _ = try TimeArguments.duration(deadline, option: "--deadline")
        if json, !yes, !dryRun {
            throw ValidationError("--json does not ask for confirmation: add --yes to deploy, or --dry-run to print the plan only")
        }
        try source.validateSource()
    }

    private func parsedSteps() throws -> [Int]? {
        guard let steps else { return nil }
        let values = steps.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && (1...100).contains($0!) }) else {
            throw ValidationError("--steps takes increasing percentages from 1 to 100 separated by commas, such as 5,25,50, not \"\(steps)\"")
        }
        let numbers = values.compactMap { $0 }
        guard zip(numbers, numbers.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError("--steps must increase, such as 5,25,50, not \"\(steps)\"")
        }
        return numbers
    }

    @MainActor
    func run() async throws {
        if readOnly || ConsoleSetup.settingsReadOnly() {
            printError("cx: deploys are off in read-only mode (\(readOnly ? "--read-only" : "read_only in config.toml")); nothing was started")
            throw ExitCode(1)
        }
        guard let connection = try source.controlPlaneConnection() else {
            printError("cx: \(DeployClient.refusal(source.usesAWS ? "AWS read directly" : "the in-process sandbox"))")
            throw ExitCode(2)
        }
        let clients = Clients.controlPlane(connection)
        let order = DeployOrder(
            service: try await qualifiedService(clients),
            version: image.map(DeployOrder.Version.image) ?? .taskDefinition(taskDefinition ?? ""),
            strategy: strategy, steps: try parsedSteps(), bakeSeconds: try bake.map { try TimeArguments.duration($0, option: "--bake") },
            reason: reason, idempotencyKey: "cx-deploy-\(UUID().uuidString.lowercased())")
        let plan: DeployPreview
        do {
            plan = try await clients.controlPlane.deploys.preview(order)
        } catch let error as ClientError where error.isTransient {
            printError("cx: deploy not started, its plan could not be read: \(Sanitizer.clean(error.message))")
            throw ExitCode(1)
        } catch {
            printError("cx: deploy refused: \(Sanitizer.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        let planned = DeployReport(plan: plan)
        if dryRun {
            print(json ? planned.json() : planned.text())
            return
        }
        if !json { print(planned.text()) }
        if !yes {
            guard isatty(0) == 1 else {
                printError("cx: refusing to deploy without confirmation; pass --yes when not at a terminal")
                throw ExitCode(2)
            }
            print(planned.question, terminator: "")
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                print("cancelled; nothing was started")
                throw ExitCode(1)
            }
        }
        let rollout: Rollout
        do {
            rollout = try await clients.controlPlane.deploys.deploy(order, CommandRetry(deadline: try TimeArguments.duration(deadline, option: "--deadline"))) { attempt in
                printError("cx: deploy try \(attempt.number) failed: \(Sanitizer.clean(attempt.error)); trying again in \(String(format: "%.1f", attempt.retryIn)) s with the same Idempotency-Key")
            }
        } catch {
            printError("cx: deploy failed: \(Sanitizer.clean(OperatorRun.describe(error)))")
            throw ExitCode(1)
        }
        if json {
            print(DeployReport(plan: plan, rollout: rollout, now: await clients.clock.now()).json())
        } else {
            print(
                "deploying \(Sanitizer.clean(plan.service)) \(Sanitizer.clean(rollout.fromVersion)) → \(Sanitizer.clean(rollout.toVersion)): "
                    + "rollout \(Sanitizer.clean(rollout.id)), \(rollout.phase.rawValue); follow it with cx status --watch \(Sanitizer.clean(rollout.service))")
        }
    }

    /// CLUSTER/SERVICE as given, or SERVICE completed with the one cluster cygnid's rollouts
    /// know it in.
    private func qualifiedService(_ clients: Clients) async throws -> String {
        if service.contains("/") { return service }
        let rollouts = (try? await clients.controlPlane.rollouts()) ?? []
        let clusters = Set(rollouts.filter { $0.service == service }.map(\.environment)).sorted()
        guard clusters.count == 1 else {
            let known = clusters.isEmpty ? "no rollout of it is known" : "it runs in \(clusters.joined(separator: ", "))"
            printError("cx: name the cluster: \(Sanitizer.clean(service)) as CLUSTER/\(Sanitizer.clean(service)) (\(Sanitizer.clean(known)))")
            throw ExitCode(2)
        }
        return "\(clusters[0])/\(service)"
    }
}
