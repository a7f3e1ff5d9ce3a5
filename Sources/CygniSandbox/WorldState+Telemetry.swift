import CygniModel
import Foundation

/// Sampled traces and the log lines that go with them. Only a few requests per second become
/// traces (plus a share of the failed ones, as tail-based sampling keeps errors); every metric comes
/// from counts instead.
extension WorldState {
    /// Why a sampled request failed.
    enum FaultCause {
        case ownBug, sharedPool, noHealthyTargets, upstream
    }

    mutating func writeTelemetry(for index: Int, served: [LaneSecond], at now: Date) {
        let deployment = deployments[index]
        for (lane, outcome) in served.enumerated() where outcome.requests > 0 {
            let requests = Double(outcome.requests)
            let sampled = telemetryRandom.poisson(min(requests, 0.04 + 0.0015 * requests))
            let keptFaults = telemetryRandom.poisson(min(0.5, 0.3 * Double(outcome.errors)))
            let faultShare = Double(outcome.errors) / requests
            for draw in 0..<(sampled + keptFaults) {
                let isFault = draw >= sampled || telemetryRandom.chance(faultShare)
                let cause = isFault ? faultCause(deployment: deployment, lane: lane, outcome: outcome) : nil
                writeTrace(deployment: index, lane: lane, cause: cause, during: now)
            }
            writeMemoryPressure(deployment: index, lane: lane, at: now)
        }
    }

    private mutating func faultCause(deployment: Deployment, lane: Int, outcome: LaneSecond) -> FaultCause {
        if outcome.noHealthyTargets { return .noHealthyTargets }
        let profile = deployment.lanes[lane].profile
        let shared = deployment.sharedErrorRate
        let own = profile.isFlawed ? profile.errorRate : 0
        let baseline = deployment.spec.baselineErrorRate
        let point = telemetryRandom.unit() * (shared + own + baseline)
        if point < shared { return .sharedPool }
        if point < shared + own { return .ownBug }
        return .upstream
    }

    private mutating func writeTrace(deployment index: Int, lane: Int, cause: FaultCause?, during second: Date) {
        let deployment = deployments[index]
        let profile = deployment.lanes[lane].profile
        let start = second.addingTimeInterval(telemetryRandom.unit())
        let id = telemetryRandom.traceID(startingAt: start)
        let template = SpanTemplate.root(of: deployment.service)
        var spans: [Span] = []
        var httpStatus = 200
        var status = TraceStatus.ok

        switch cause {
        case .noHealthyTargets?:
            // The load balancer answers alone: no task saw the request, so no span below and no log.
            let span = Span(
                id: telemetryRandom.spanID(), parent: nil, service: deployment.service, name: template.name,
                startOffsetMilliseconds: 0, durationMilliseconds: telemetryRandom.uniform(0.5...2), status: .fault)
            appendTrace(id: id, template: template, deployment: deployment, lane: lane, start: start, spans: [span], httpStatus: 503)
            return
        case .some(let cause):
            status = .fault
            httpStatus = cause == .ownBug ? 500 : (cause == .sharedPool ? 503 : 502)
        case nil:
            if telemetryRandom.chance(0.015) {
                status = .error
                httpStatus = [404, 409, 422, 402][telemetryRandom.integer(0...3)]
            }
        }

        let duration = min(2_500, telemetryRandom.logNormal(median: profile.latencyMedianMilliseconds, sigma: profile.latencySigma))
        build(template, parent: nil, offset: 0, duration: duration, rootStatus: status, into: &spans)
        appendTrace(id: id, template: template, deployment: deployment, lane: lane, start: start, spans: spans, httpStatus: httpStatus)
        writeLogs(for: spans, trace: id, start: start, deployment: deployment, lane: lane, httpStatus: httpStatus, cause: cause)
    }

    private mutating func appendTrace(
        id: TraceID, template: SpanTemplate, deployment: Deployment, lane: Int, start: Date, spans: [Span], httpStatus: Int
    ) {
        let root = spans[0]
        pendingTraces.append(
            Trace(
                id: id, rootName: template.name, service: deployment.service, version: deployment.lanes[lane].version,
                start: start, durationMilliseconds: root.durationMilliseconds, status: root.status,
                httpStatus: httpStatus, spans: spans))
    }

    /// Lays out a span and its calls one after the other inside it.
    private mutating func build(
        _ template: SpanTemplate, parent: SpanID?, offset: Double, duration: Double, rootStatus: TraceStatus,
        into spans: inout [Span]
    ) {
        let id = telemetryRandom.spanID()
        spans.append(
            Span(
                id: id, parent: parent, service: template.service, name: template.name, startOffsetMilliseconds: offset,
                durationMilliseconds: duration, status: parent == nil ? rootStatus : .ok))
        var cursor = offset + duration * 0.05
        for child in template.children {
            let childDuration = duration * child.share * telemetryRandom.uniform(0.6...1.0)
            build(child, parent: id, offset: cursor, duration: childDuration, rootStatus: .ok, into: &spans)
            cursor += duration * child.share
        }
    }

    private mutating func writeLogs(
        for spans: [Span], trace: TraceID, start: Date, deployment: Deployment, lane: Int, httpStatus: Int,
        cause: FaultCause?
    ) {
        let region = deployment.region.name
        for (index, span) in spans.enumerated() {
            let isRoot = index == 0
            // The root span runs on the lane that answered; calls go to the callee's current version.
            let (task, version) = isRoot ? serving(deployment: deploymentIndex(of: span.service, in: region), lane: lane)
                : serving(deployment: deploymentIndex(of: span.service, in: region), lane: nil)
            let end = start.addingTimeInterval((span.startOffsetMilliseconds + span.durationMilliseconds) / 1_000)
            func log(_ level: LogLevel, _ message: String, at time: Date = end) {
                write(ServiceLogFormat.Entry(
                    time: time, level: level, message: message, service: span.service, version: version, task: task,
                    trace: trace, span: span.id, operation: span.name))
            }
            if isRoot, let cause {
                let failedAt = end.addingTimeInterval(-0.001)
                switch cause {
                case .ownBug:
                    log(.error, flawedLine(LogMessages.unhandledError), at: failedAt)
                case .sharedPool:
                    if deployment.lanes[lane].profile.sharedErrorRate(atWeight: 100) > 0 {
                        log(.warn, LogMessages.poolPerRequest, at: start.addingTimeInterval(0.0005))
                        log(.error, flawedLine(LogMessages.poolExhausted), at: failedAt)
                    } else {
                        log(.error, LogMessages.poolExhausted, at: failedAt)
                    }
                case .upstream:
                    log(.error, LogMessages.upstreamReset, at: failedAt)
                case .noHealthyTargets:
                    break
                }
            }
            if span.durationMilliseconds > 250 {
                log(.warn, LogMessages.slow(span.name, milliseconds: span.durationMilliseconds))
            }
            if SpanTemplate.isQuery(span.name) {
                log(.debug, LogMessages.query(span.name, rows: telemetryRandom.integer(0...40), milliseconds: span.durationMilliseconds))
            } else {
                let level: LogLevel = isRoot && httpStatus >= 500 ? .error : .info
                log(level, LogMessages.served(span.name, status: isRoot ? httpStatus : 200, milliseconds: span.durationMilliseconds))
            }
        }
    }

    /// A task that could have served, and its version: of the given lane, or of the lane taking
    /// most traffic.
    private mutating func serving(deployment index: Int, lane: Int?) -> (task: String, version: String) {
        let deployment = deployments[index]
        let chosen = lane ?? (deployment.canaryWeight > 50 && deployment.lanes.count > 1 ? 1 : 0)
        let serving = deployment.lanes[min(chosen, deployment.lanes.count - 1)]
        let tasks = serving.fleet.tasks
        guard !tasks.isEmpty else { return ("0000000000000000", serving.version) }
        return (tasks[telemetryRandom.integer(0...(tasks.count - 1))].id, serving.version)
    }

    /// A line as the service writes it (`ServiceLogFormat`). It is kept as written, and read as
    /// every source reads a line (`LogEvent(line:)`) only when a reader asks for it
    /// (`WorldState.read`): most lines are never read, and reading JSON costs more than writing it.
    private mutating func write(_ entry: ServiceLogFormat.Entry) {
        let (text, level) = ServiceLogFormat.of(entry.service).line(entry)
        pendingLogs.append(
            LogEvent(
                timestamp: entry.time, group: ServiceSpec.logGroup(of: entry.service),
                stream: "\(entry.service)/app/\(entry.task)", service: entry.service, level: level, message: text,
                traceID: entry.trace, spanID: entry.span))
    }

    /// A leaking version complains about memory before it is killed.
    private mutating func writeMemoryPressure(deployment index: Int, lane: Int, at now: Date) {
        let deployment = deployments[index]
        let profile = deployment.lanes[lane].profile
        guard profile.killAfterHealthy != nil else { return }
        let limitMiB = Int(deployment.spec.taskSize.memoryGB * 1_024)
        for task in deployment.lanes[lane].fleet.tasks where telemetryRandom.chance(1.0 / 15) {
            let lived = max(0, Int(now.timeIntervalSince(configuration.start)) - task.healthyAt)
            let percent = min(99, 70 + lived * 29 / 50)
            write(ServiceLogFormat.Entry(
                time: now.addingTimeInterval(telemetryRandom.unit()), level: .warn,
                message: flawedLine(LogMessages.memoryPressure(percent: percent, limitMiB: limitMiB)), service: deployment.service,
                version: deployment.lanes[lane].version, task: task.id))
        }
    }

    /// A line from a flawed version; every fourth one, starting with the first, echoes hostile
    /// input, so the console's sanitizer is exercised on every failing run, always the same way.
    private mutating func flawedLine(_ line: String) -> String {
        defer { flawedLines += 1 }
        guard flawedLines % 4 == 0 else { return line }
        return LogMessages.echoingHostileInput(line, variant: flawedLines / 4)
    }

    mutating func writeStartupLogs(for events: [TaskEvent], deployment index: Int, at now: Date) {
        for event in events where event.kind == .started {
            write(ServiceLogFormat.Entry(
                time: now.addingTimeInterval(0.5), level: .info, message: LogMessages.listening(version: event.version),
                service: deployments[index].service, version: event.version, task: event.taskID))
        }
    }

    /// Traces of one second enter the buffer together, oldest start first.
    mutating func publishTraces() {
        pendingTraces.sort { $0.start < $1.start }
        traces.append(contentsOf: pendingTraces)
        pendingTraces.removeAll(keepingCapacity: true)
    }

    /// Moves the lines whose time has come into the log, in time order.
    mutating func publishLogs(upTo time: Date) {
        guard !pendingLogs.isEmpty else { return }
        var due: [LogEvent] = []
        var later: [LogEvent] = []
        for event in pendingLogs {
            if event.timestamp <= time { due.append(event) } else { later.append(event) }
        }
        pendingLogs = later
        due.sort { $0.timestamp < $1.timestamp }
        logs.append(contentsOf: due)
    }
}
