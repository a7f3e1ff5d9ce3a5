"""ECS service deployments as ECS runs them for BLUE_GREEN, LINEAR and CANARY services, for
moto_server, which has none.

A deployment is a program of steps (lifecycle stages, lifecycle hooks, bake times) built from the
service's deploymentConfiguration. It moves on the service's own clock, which stands still until
a test advances it (see control.py): each stage that has no time of its own takes the service's
stage length (60 s unless set), bake times take their minutes, a PAUSE hook holds the deployment
until ContinueServiceDeployment or its timeout. Rollbacks and stops are programs of their own.

Nothing here knows moto: the caller passes what a deployment may do to the world around it
(move listener weights, read alarm states) as callbacks. Field names and values follow botocore's
ECS model (ServiceDeployment, ServiceRevision, DeploymentLifecycleHookDetail).
"""
import datetime
import secrets

NATIVE_STRATEGIES = ("BLUE_GREEN", "LINEAR", "CANARY")
ACTIVE_STATUSES = ("PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS")
HOOK_STAGES = (
    "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
    "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
)
# ECS refuses PAUSE hooks where traffic is on the move.
PAUSE_REFUSED_AT = ("TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT")
DEFAULT_STAGE_SECONDS = 60
# A PAUSE hook without a timeoutConfiguration waits this long, then rolls back.
DEFAULT_PAUSE_TIMEOUT_MINUTES = 60


class ConfigurationError(ValueError):
    """A deploymentConfiguration ECS would refuse; the message says which field and why."""


class Clock:
    """A service's time: the real time it was first seen, plus what tests advanced it by."""

    def __init__(self):
        self.anchor = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
        self.offset = 0.0

    def now(self):
        return self.anchor + datetime.timedelta(seconds=self.offset)

    def advance(self, seconds):
        self.offset += seconds


def validate(configuration, controller):
    """Raises ConfigurationError for what ECS refuses in a deploymentConfiguration."""
    if not configuration:
        return
    strategy = configuration.get("strategy", "ROLLING")
    if strategy in NATIVE_STRATEGIES and controller != "ECS":
        raise ConfigurationError(f"deploymentConfiguration.strategy {strategy} needs deploymentController ECS, not {controller}")
    if strategy == "BLUE_GREEN" and configuration.get("bakeTimeInMinutes") is None:
        raise ConfigurationError("deploymentConfiguration.bakeTimeInMinutes is required for the BLUE_GREEN strategy")
    _check_range(configuration, "bakeTimeInMinutes", 0, 1440)
    for name, only_for, fields in (
        ("linearConfiguration", "LINEAR", (("stepPercent", 3, 100), ("stepBakeTimeInMinutes", 0, 1440))),
        ("canaryConfiguration", "CANARY", (("canaryPercent", 0.1, 100), ("canaryBakeTimeInMinutes", 0, 1440))),
    ):
        section = configuration.get(name)
        if section is None:
            continue
        if strategy != only_for:
            raise ConfigurationError(f"deploymentConfiguration.{name} is only valid with the {only_for} strategy")
        for field, low, high in fields:
            _check_range(section, field, low, high, f"{name}.")
    for index, hook in enumerate(configuration.get("lifecycleHooks") or []):
        where = f"deploymentConfiguration.lifecycleHooks[{index}]"
        stages = hook.get("lifecycleStages") or []
        if not stages:
            raise ConfigurationError(f"{where}.lifecycleStages must name at least one stage")
        for stage in stages:
            if stage not in HOOK_STAGES:
                raise ConfigurationError(f"{where}.lifecycleStages: {stage} is not a lifecycle stage a hook can run at")
            if hook.get("targetType", "AWS_LAMBDA") == "PAUSE" and stage in PAUSE_REFUSED_AT:
                raise ConfigurationError(f"{where}: a PAUSE hook is not allowed at {stage}")
        if hook.get("targetType", "AWS_LAMBDA") == "AWS_LAMBDA" and not hook.get("hookTargetArn"):
            raise ConfigurationError(f"{where}.hookTargetArn is required for an AWS_LAMBDA hook")


def _check_range(fields, name, low, high, prefix=""):
    value = fields.get(name)
    if value is not None and not low <= value <= high:
        raise ConfigurationError(f"deploymentConfiguration.{prefix}{name} must be between {low} and {high}, not {value}")


def plan(configuration):
    """The production shifts of a deployment: (percent on the new revision, bake minutes after it)."""
    strategy = configuration.get("strategy")
    final_bake = configuration.get("bakeTimeInMinutes") or 0
    if strategy == "CANARY":
        canary = configuration.get("canaryConfiguration") or {}
        percent = float(canary.get("canaryPercent", 5.0))
        if percent >= 100:
            return [(100.0, final_bake)]
        return [(percent, canary.get("canaryBakeTimeInMinutes", 10)), (100.0, final_bake)]
    if strategy == "LINEAR":
        linear = configuration.get("linearConfiguration") or {}
        step = float(linear.get("stepPercent", 10.0))
        bake = linear.get("stepBakeTimeInMinutes", 6)
        shifts = []
        percent = step
        while percent < 100 - 1e-9:
            shifts.append((round(percent, 1), bake))
            percent += step
        return shifts + [(100.0, final_bake)]
    return [(100.0, final_bake)]


class Revision:
    """A service revision: what the service ran at one time (ServiceRevision in the model)."""

    def __init__(self, arn, service, task_definition, container_images, target_group, production_rule, created_at):
        self.arn = arn
        self.service_arn = service.arn
        self.cluster_arn = service.cluster_arn
        self.task_definition = task_definition
        self.launch_type = service.launch_type
        self.platform_version = service.platform_version
        self.load_balancers = [dict(balancer) for balancer in service.load_balancers or []]
        self.network_configuration = service.network_configuration or None
        self.container_images = container_images
        self.target_group = target_group
        self.production_rule = production_rule
        self.created_at = created_at

    def document(self):
        document = {
            "serviceRevisionArn": self.arn,
            "serviceArn": self.service_arn,
            "clusterArn": self.cluster_arn,
            "taskDefinition": self.task_definition,
            "launchType": self.launch_type,
            "platformVersion": self.platform_version,
            "loadBalancers": self.load_balancers,
            "containerImages": self.container_images,
            "createdAt": self.created_at,
        }
        if self.network_configuration:
            document["networkConfiguration"] = self.network_configuration
        if self.target_group:
            resolved = {"targetGroupArn": self.target_group}
            if self.production_rule:
                resolved["productionListenerRule"] = self.production_rule
            document["resolvedConfiguration"] = {"loadBalancers": [resolved]}
        return {key: value for key, value in document.items() if value is not None}


class Side:
    """One revision's part in a deployment (ServiceRevisionSummary in the model)."""

    def __init__(self, revision, requested, running, production, test):
        self.revision = revision
        self.requested = requested
        self.running = running
        self.pending = 0
        self.production = production
        self.test = test

    def document(self):
        return {
            "arn": self.revision.arn,
            "requestedTaskCount": self.requested,
            "runningTaskCount": self.running,
            "pendingTaskCount": self.pending,
            "requestedTestTrafficWeight": self.test,
            "requestedProductionTrafficWeight": self.production,
        }


class Step:
    """One thing a deployment does for a while: a lifecycle stage, a hook, a bake, or a
    status a stop or rollback passes through. `seconds` is None for a hook that waits."""

    def __init__(self, kind, name, seconds, enter=None, leave=None, hook=None, shown=None):
        self.kind = kind
        self.name = name
        self.seconds = seconds
        self.enter = enter
        self.leave = leave
        self.hook = hook
        # The lifecycleStage the deployment shows while this step runs.
        self.shown = shown or name
        self.started = None
        self.detail = None


class World:
    """What a deployment may touch outside itself."""

    def __init__(self, shift_listener=lambda deployment: None, alarm_states=lambda names: {}, finished=lambda deployment: None):
        # Called whenever the production or test weights changed.
        self.shift_listener = shift_listener
        # Alarm name -> state value (OK, ALARM, INSUFFICIENT_DATA) for the names asked.
        self.alarm_states = alarm_states
        # Called once the deployment has ended, whatever the way.
        self.finished = finished


class Deployment:
    def __init__(self, service, source, target, configuration, desired, clock, stage_seconds, world):
        self.id = secrets.token_urlsafe(16)[:22]
        self.arn = f"{service.arn.split(':service/')[0]}:service-deployment/{service.cluster_name}/{service.name}/{self.id}"
        self.service_arn = service.arn
        self.cluster_arn = service.cluster_arn
        self.configuration = configuration
        self.clock = clock
        self.stage_seconds = stage_seconds
        self.world = world
        now = clock.now()
        self.created_at = now
        self.started_at = None
        self.finished_at = None
        self.stopped_at = None
        self.updated_at = now
        self.status = "PENDING"
        self.status_reason = None
        self.lifecycle_stage = None
        self.rollback = None
        self.hook_details = []
        self.hook_number = 0
        self.desired = desired
        self.source = Side(source, desired, desired, 100.0, 100.0) if source else None
        self.target = Side(target, 0, 0, 0.0, 0.0)
        breaker = configuration.get("deploymentCircuitBreaker") or {}
        self.breaker_enabled = bool(breaker.get("enable"))
        self.breaker_rolls_back = bool(breaker.get("rollback"))
        self.breaker = {
            "status": "MONITORING" if self.breaker_enabled else "DISABLED",
            "failureCount": 0,
            "threshold": min(200, max(3, int(0.5 * desired + 0.5))),
        }
        alarms = configuration.get("alarms") or {}
        self.alarms_enabled = bool(alarms.get("enable")) and bool(alarms.get("alarmNames"))
        self.alarms_roll_back = bool(alarms.get("rollback"))
        self.alarms = {
            "status": "MONITORING" if self.alarms_enabled else "DISABLED",
            "alarmNames": list(alarms.get("alarmNames") or []),
            "triggeredAlarmNames": [],
        }
        self.program = self._deployment_program() if source else []
        self.position = 0
        self.cursor = now
        if not source:
            # A service's first revision has nothing to shift from: it is what the service runs.
            self.target.requested = self.target.running = desired
            self.target.production = self.target.test = 100.0
            self.started_at = now
            self._finish("SUCCESSFUL", now)

    # The programs.

    def _hooks(self, stage, shown=None):
        steps = []
        for hook in self.configuration.get("lifecycleHooks") or []:
            if stage in (hook.get("lifecycleStages") or []):
                waits = hook.get("targetType", "AWS_LAMBDA") == "PAUSE"
                steps.append(Step("hook", stage, None if waits else 0, hook=hook, shown=shown))
        return steps

    def _stage(self, name, seconds=None, enter=None, leave=None):
        return Step("stage", name, self.stage_seconds if seconds is None else seconds, enter, leave)

    def _deployment_program(self):
        program = []
        program += self._hooks("RECONCILE_SERVICE") + [self._stage("RECONCILE_SERVICE")]
        program += self._hooks("PRE_SCALE_UP") + [self._stage("PRE_SCALE_UP")]
        program += [self._stage("SCALE_UP", enter=self._scale_up, leave=self._scaled_up)]
        program += self._hooks("POST_SCALE_UP") + [self._stage("POST_SCALE_UP")]
        program += self._hooks("TEST_TRAFFIC_SHIFT") + [self._stage("TEST_TRAFFIC_SHIFT", enter=self._shift_test)]
        program += self._hooks("POST_TEST_TRAFFIC_SHIFT") + [self._stage("POST_TEST_TRAFFIC_SHIFT")]
        for percent, bake in plan(self.configuration):
            # A pre-production hook holds the deployment before each shift; the stage shown while
            # it waits is the shift it holds back.
            program += self._hooks("PRE_PRODUCTION_TRAFFIC_SHIFT", shown="PRODUCTION_TRAFFIC_SHIFT")
            program += self._hooks("PRODUCTION_TRAFFIC_SHIFT")
            program += [self._stage("PRODUCTION_TRAFFIC_SHIFT", enter=self._shift_production(percent))]
            program += self._hooks("POST_PRODUCTION_TRAFFIC_SHIFT") + [self._stage("POST_PRODUCTION_TRAFFIC_SHIFT")]
            program += [self._stage("BAKE_TIME", seconds=bake * 60)]
        program += [self._stage("CLEAN_UP", enter=self._clean_up, leave=self._cleaned_up)]
        return program

    def _rollback_program(self):
        return [
            Step("status", "ROLLBACK_REQUESTED", self.stage_seconds, enter=self._set_status("ROLLBACK_REQUESTED")),
            Step("status", "ROLLBACK_IN_PROGRESS", self.stage_seconds, enter=self._roll_back_traffic, leave=self._scale_down_target),
            Step("status", "ROLLBACK_SUCCESSFUL", 0, enter=lambda time: self._finish("ROLLBACK_SUCCESSFUL", time)),
        ]

    def _stop_program(self):
        return [
            Step("status", "STOP_REQUESTED", self.stage_seconds, enter=self._set_status("STOP_REQUESTED")),
            Step("status", "STOPPED", 0, enter=self._stopped),
        ]

    # What the steps do.

    def _begin(self, time):
        self.status = "IN_PROGRESS"
        self.started_at = time

    def _scale_up(self, time):
        self.target.requested = self.desired
        self.target.pending = self.desired

    def _scaled_up(self, time):
        self.target.running = self.desired
        self.target.pending = 0

    def _shift_test(self, time):
        self.target.test, self.source.test = 100.0, 0.0
        self.world.shift_listener(self)

    def _shift_production(self, percent):
        def shift(time):
            self.target.production = percent
            self.source.production = round(100.0 - percent, 1)
            self.world.shift_listener(self)
        return shift

    def _clean_up(self, time):
        self.source.requested = 0

    def _cleaned_up(self, time):
        self.source.running = 0
        if self.breaker_enabled:
            self.breaker["status"] = "MONITORING_COMPLETE"
        if self.alarms_enabled:
            self.alarms["status"] = "MONITORING_COMPLETE"
        self._finish("SUCCESSFUL", time)

    def _set_status(self, status):
        def set_status(time):
            self.status = status
        return set_status

    def _roll_back_traffic(self, time):
        self.status = "ROLLBACK_IN_PROGRESS"
        self._traffic_to_source()

    def _traffic_to_source(self):
        self.source.production = self.source.test = 100.0
        self.target.production = self.target.test = 0.0
        self.source.requested = self.source.running = self.desired
        self.world.shift_listener(self)

    def _scale_down_target(self, time):
        self.target.requested = self.target.running = self.target.pending = 0

    def _stopped(self, time):
        self._traffic_to_source()
        self._scale_down_target(time)
        self.stopped_at = time
        self._finish("STOPPED", time)

    def _finish(self, status, time):
        self.status = status
        self.finished_at = time
        self.updated_at = time
        self.program = []
        self.position = 0
        self.world.finished(self)

    # Moving on.

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    def settle(self):
        """Runs every step whose end has come by the service's clock."""
        now = self.clock.now()
        self._watch_alarms(now)
        while self.position < len(self.program):
            step = self.program[self.position]
            if step.started is None:
                self._enter(step, self.cursor)
                if self.program[self.position:self.position + 1] != [step]:
                    continue
            end = self._end(step)
            if end is None or end > now:
                break
            if step.kind == "hook" and step.seconds is None:
                self._time_out(step, end)
            else:
                self._leave(step, end)

    def _enter(self, step, time):
        step.started = time
        self.updated_at = time
        if self.status == "PENDING":
            self._begin(time)
        if step.kind in ("stage", "hook"):
            self.lifecycle_stage = step.shown
        if step.kind == "hook":
            self._start_hook(step, time)
        if step.enter:
            step.enter(time)

    def _end(self, step):
        if step.kind == "hook" and step.seconds is None:
            return step.detail["expiresAt"]
        return step.started + datetime.timedelta(seconds=step.seconds)

    def _leave(self, step, time):
        if step.leave:
            step.leave(time)
        if step.kind == "hook" and step.detail["status"] in ("IN_PROGRESS", "AWAITING_ACTION"):
            step.detail["status"] = "SUCCEEDED"
        if step.kind == "stage":
            # The hooks shown are those of the stage under way and the hooks before it.
            self.hook_details = []
        self.updated_at = time
        self.cursor = time
        if self.program and self.program[self.position] is step:
            self.position += 1

    def _start_hook(self, step, time):
        self.hook_number += 1
        hook = step.hook
        waits = step.seconds is None
        timeout = hook.get("timeoutConfiguration") or {}
        detail = {
            "hookId": f"{self.id}-hook-{self.hook_number}",
            "targetType": hook.get("targetType", "AWS_LAMBDA"),
            "status": "AWAITING_ACTION" if waits else "IN_PROGRESS",
            "timeoutAction": timeout.get("action", "ROLLBACK"),
        }
        if hook.get("hookTargetArn"):
            detail["targetArn"] = hook["hookTargetArn"]
        if waits:
            minutes = timeout.get("timeoutInMinutes", DEFAULT_PAUSE_TIMEOUT_MINUTES)
            detail["expiresAt"] = time + datetime.timedelta(minutes=minutes)
        step.detail = detail
        self.hook_details.append(detail)

    def _time_out(self, step, time):
        step.detail["status"] = "TIMED_OUT"
        if step.detail["timeoutAction"] == "CONTINUE":
            self._leave(step, time)
        else:
            self._start_rollback(f"lifecycle hook {step.detail['hookId']} timed out; its timeout action is ROLLBACK", time)

    def waiting_hook(self, hook_id):
        if self.position < len(self.program):
            step = self.program[self.position]
            if step.kind == "hook" and step.started is not None and step.detail["hookId"] == hook_id:
                return step
        return None

    def hook_status(self, hook_id):
        return next((detail["status"] for detail in self.hook_details if detail["hookId"] == hook_id), None)

    # Acting on it.

    def continue_hook(self, step, action):
        now = self.clock.now()
        if action == "ROLLBACK":
            step.detail["status"] = "FAILED"
            self._start_rollback(f"ContinueServiceDeployment asked lifecycle hook {step.detail['hookId']} to roll back", now)
        else:
            step.detail["status"] = "SUCCEEDED"
            self._leave(step, now)
        self.settle()

    def stop(self, stop_type):
        """StopServiceDeployment: a rollback, or (ABORT) a stop that puts traffic back where it was."""
        now = self.clock.now()
        if self.status in ("ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "STOP_REQUESTED"):
            return
        if stop_type == "ABORT":
            self.status_reason = "stopped by StopServiceDeployment (ABORT)"
            self._run(self._stop_program(), now)
        else:
            self._start_rollback("rolled back by StopServiceDeployment (ROLLBACK)", now)
        self.settle()

    def supersede(self, newer):
        """A newer deployment of the service replaces this one where it stands."""
        now = self.clock.now()
        self.status_reason = f"replaced by service deployment {newer}"
        self._traffic_to_source()
        self._scale_down_target(now)
        self.stopped_at = now
        self._finish("STOPPED", now)

    def fail_tasks(self, count):
        """Tasks of the new revision that failed to start, as the circuit breaker counts them."""
        now = self.clock.now()
        self.breaker["failureCount"] += count
        if self.breaker_enabled and self.breaker["status"] == "MONITORING" and self.breaker["failureCount"] >= self.breaker["threshold"]:
            self.breaker["status"] = "TRIGGERED"
            reason = f"the deployment circuit breaker counted {self.breaker['failureCount']} failed tasks (threshold {self.breaker['threshold']})"
            self._fail(reason, self.breaker_rolls_back, now)
        self.settle()

    def _watch_alarms(self, now):
        if not self.alarms_enabled or self.alarms["status"] != "MONITORING" or self.status != "IN_PROGRESS":
            return
        states = self.world.alarm_states(self.alarms["alarmNames"])
        triggered = [name for name in self.alarms["alarmNames"] if states.get(name) == "ALARM"]
        if triggered:
            self.alarms["status"] = "TRIGGERED"
            self.alarms["triggeredAlarmNames"] = triggered
            self._fail(f"CloudWatch alarm {', '.join(triggered)} is in ALARM", self.alarms_roll_back, now)

    def _fail(self, reason, roll_back, now):
        if roll_back:
            self._start_rollback(reason, now)
        else:
            self.status_reason = reason
            self._run(self._stop_program(), now)

    def _start_rollback(self, reason, time):
        self.status_reason = reason
        self.rollback = {"reason": reason, "startedAt": time, "serviceRevisionArn": self.source.revision.arn}
        self._run(self._rollback_program(), time)

    def _run(self, program, time):
        self.program = program
        self.position = 0
        self.cursor = time

    # As the model shows it.

    def brief(self):
        return _present({
            "serviceDeploymentArn": self.arn,
            "serviceArn": self.service_arn,
            "clusterArn": self.cluster_arn,
            "startedAt": self.started_at,
            "createdAt": self.created_at,
            "finishedAt": self.finished_at,
            "targetServiceRevisionArn": self.target.revision.arn,
            "status": self.status,
            "statusReason": self.status_reason,
        })

    def document(self):
        return _present({
            "serviceDeploymentArn": self.arn,
            "serviceArn": self.service_arn,
            "clusterArn": self.cluster_arn,
            "createdAt": self.created_at,
            "startedAt": self.started_at,
            "finishedAt": self.finished_at,
            "stoppedAt": self.stopped_at,
            "updatedAt": self.updated_at,
            "sourceServiceRevisions": [self.source.document()] if self.source else [],
            "targetServiceRevision": self.target.document(),
            "status": self.status,
            "statusReason": self.status_reason,
            "lifecycleStage": self.lifecycle_stage,
            "lifecycleHookDetails": self.hook_details,
            "deploymentConfiguration": self.configuration,
            "rollback": self.rollback,
            "deploymentCircuitBreaker": self.breaker,
            "alarms": self.alarms,
        })


def _present(fields):
    return {key: value for key, value in fields.items() if value is not None}
