"""The ECS operations moto 5.2 lacks, served by moto's own ECS responder so that routing, request
parsing, signature checking, IAM and the serializer driven by botocore's model all stay moto's:
ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment,
ContinueServiceDeployment and DescribeServiceRevisions. CreateService and UpdateService keep
moto's behaviour and also record service revisions and, for BLUE_GREEN, LINEAR and CANARY
services, start the deployments of service_deployments.py.

`install()` adds them; nothing changes for services that never use these operations.
"""
import datetime
import hashlib
import threading

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.elbv2.models import elbv2_backends

import service_deployments as sd

# moto serves requests on several threads; every read and change of these records holds this.
LOCK = threading.RLock()


class ServiceDeploymentNotFoundException(ServiceException):
    def __init__(self, arn):
        super().__init__("ServiceDeploymentNotFoundException", f"The service deployment {arn} does not exist.")


class ConflictException(ServiceException):
    def __init__(self, message):
        super().__init__("ConflictException", message)


class ClientException(ServiceException):
    def __init__(self, message):
        super().__init__("ClientException", message)


class ServiceRecord:
    """One ECS service's revisions and deployments, and its clock."""

    def __init__(self, backend, service):
        self.backend = backend
        self.service = service
        self.clock = sd.Clock()
        self.stage_seconds = sd.DEFAULT_STAGE_SECONDS
        self.revisions = []
        self.deployments = []
        self.production = None
        self.next_revision = 1

    # Revisions and where they take traffic.

    def _balancer(self):
        balancers = self.service.load_balancers or []
        return balancers[0] if balancers else {}

    def _groups(self):
        balancer = self._balancer()
        advanced = balancer.get("advancedConfiguration") or {}
        return balancer.get("targetGroupArn"), advanced.get("alternateTargetGroupArn")

    def _new_revision(self):
        primary, alternate = self._groups()
        serving = self.production.target_group if self.production else None
        # The new revision takes the group production traffic is not on (the blue/green swap).
        group = (alternate if serving == primary else primary) if alternate and serving else primary
        advanced = self._balancer().get("advancedConfiguration") or {}
        definition = self.backend.describe_task_definition(self.service.task_definition)
        images = [
            {"containerName": container.get("name"), "image": container.get("image"), "imageDigest": _digest(container.get("image", ""))}
            for container in definition.container_definitions
        ]
        number = self.next_revision
        self.next_revision += 1
        arn = f"{self.service.arn.split(':service/')[0]}:service-revision/{self.service.cluster_name}/{self.service.name}/{4980306466373570000 + number}"
        revision = sd.Revision(arn, self.service, definition.arn, images, group, advanced.get("productionListenerRule"), self.clock.now())
        self.revisions.append(revision)
        return revision

    def created(self):
        revision = self._new_revision()
        self.production = revision
        self.deployments.append(self._deployment(None, revision))

    def updated(self, changed):
        if not self.revisions:
            self.created()
            return
        if not changed:
            return
        for deployment in self.deployments:
            if deployment.is_active:
                deployment.settle()
        source = self.production
        target = self._new_revision()
        newer = self._deployment(source if self._strategy() in sd.NATIVE_STRATEGIES else None, target)
        for deployment in self.deployments:
            if deployment.is_active:
                deployment.supersede(newer.arn)
        self.deployments.append(newer)
        if newer.is_active:
            newer.settle()
        else:
            self.production = target

    def _strategy(self):
        return (getattr(self.service, "deployment_configuration", None) or {}).get("strategy", "ROLLING")

    def _deployment(self, source, target):
        configuration = dict(getattr(self.service, "deployment_configuration", None) or {})
        world = sd.World(shift_listener=self._shift_listener, alarm_states=self._alarm_states, finished=self._finished)
        return sd.Deployment(self.service, source, target, configuration, self.service.desired_count or 0, self.clock, self.stage_seconds, world)

    def settle(self):
        for deployment in self.deployments:
            if deployment.is_active:
                deployment.settle()

    # What deployments do to the rest of moto.

    def _finished(self, deployment):
        if deployment.source is None:
            return
        kept = deployment.target.revision if deployment.status == "SUCCESSFUL" else deployment.source.revision
        self.production = kept
        self.service.task_definition = kept.task_definition

    def _alarm_states(self, names):
        alarms = cloudwatch_backends[self.backend.account_id][self.backend.region_name].alarms
        return {name: alarms[name].state_value for name in names if name in alarms}

    def _shift_listener(self, deployment):
        advanced = self._balancer().get("advancedConfiguration") or {}
        source, target = deployment.source, deployment.target
        if not source or source.revision.target_group == target.revision.target_group or not target.revision.target_group:
            return
        for rule, weight in ((advanced.get("productionListenerRule"), "production"), (advanced.get("testListenerRule"), "test")):
            if rule:
                weights = {source.revision.target_group: getattr(source, weight), target.revision.target_group: getattr(target, weight)}
                _forward(self.backend, rule, weights)


def _forward(backend, rule, weights):
    """Points a listener (NLB, or an ALB's default action) or a listener rule at the two groups."""
    whole = all(float(weight).is_integer() for weight in weights.values())
    groups = [{"TargetGroupArn": group, "Weight": int(round(weight if whole else weight * 10))} for group, weight in weights.items()]
    action = {"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}
    elb = elbv2_backends[backend.account_id][backend.region_name]
    if ":listener-rule/" in rule:
        elb.modify_rule(rule, [], [action])
    else:
        elb.modify_listener(rule, actions=[action])


def _digest(image):
    return "sha256:" + hashlib.sha256(image.encode()).hexdigest()


def records(backend):
    """The records of one moto ECS backend (one account and region); moto's reset drops them
    with the backend's own state."""
    found = backend.__dict__.get("_cygni_service_records")
    if found is None:
        found = {}
        backend.__dict__["_cygni_service_records"] = found
    return found


def record_of(backend, service):
    known = records(backend).get(service.arn)
    if known is None or known.service is not service:
        known = ServiceRecord(backend, service)
        records(backend)[service.arn] = known
    return known


def find_deployment(backend, arn):
    for record in records(backend).values():
        for deployment in record.deployments:
            if deployment.arn == arn:
                record.settle()
                return deployment
    return None


# The operations.

def _arns(response, name):
    arns = response._get_param(name) or []
    if not isinstance(arns, list) or not all(isinstance(arn, str) for arn in arns):
        raise InvalidParameterException(f"{name} must be a list of ARNs")
    if len(arns) > 20:
        raise InvalidParameterException(f"{name} takes at most 20 ARNs, not {len(arns)}")
    return arns


def _time(value, name):
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc).replace(tzinfo=None)
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    except ValueError:
        raise InvalidParameterException(f"createdAt.{name} is not a timestamp: {value}")


def list_service_deployments(self):
    cluster = self._get_param("cluster", "default")
    service = self.ecs_backend._get_service(cluster, self._get_param("service") or "")
    statuses = self._get_param("status") or []
    created = self._get_param("createdAt") or {}
    before, after = _time(created.get("before"), "before"), _time(created.get("after"), "after")
    limit = self._get_param("maxResults") or 20
    if not 1 <= limit <= 100:
        raise InvalidParameterException(f"maxResults must be between 1 and 100, not {limit}")
    token = self._get_param("nextToken")
    try:
        start = int(token) if token else 0
    except ValueError:
        raise InvalidParameterException(f"nextToken {token} was not given by ListServiceDeployments")
    with LOCK:
        record = record_of(self.ecs_backend, service)
        record.settle()
        found = [
            deployment for deployment in reversed(record.deployments)
            if (not statuses or deployment.status in statuses)
            and (before is None or deployment.created_at < before)
            and (after is None or deployment.created_at > after)
        ]
        page = [deployment.brief() for deployment in found[start:start + limit]]
    result = {"serviceDeployments": page}
    if start + limit < len(found):
        result["nextToken"] = str(start + limit)
    return ActionResult(result)


def _described(arns, find):
    """Each ARN's document, or a failure saying it is MISSING, as ECS's Describe calls answer."""
    documents, failures = [], []
    for arn in arns:
        found = find(arn)
        if found:
            documents.append(found.document())
        else:
            failures.append({"arn": arn, "reason": "MISSING"})
    return documents, failures


def describe_service_deployments(self):
    arns = _arns(self, "serviceDeploymentArns")
    with LOCK:
        documents, failures = _described(arns, lambda arn: find_deployment(self.ecs_backend, arn))
    return ActionResult({"serviceDeployments": documents, "failures": failures})


def stop_service_deployment(self):
    arn = self._get_param("serviceDeploymentArn") or ""
    stop_type = self._get_param("stopType") or "ROLLBACK"
    if stop_type not in ("ROLLBACK", "ABORT"):
        raise InvalidParameterException(f"stopType must be ROLLBACK or ABORT, not {stop_type}")
    with LOCK:
        deployment = find_deployment(self.ecs_backend, arn)
        if deployment is None:
            raise ServiceDeploymentNotFoundException(arn)
        if not deployment.is_active:
            raise ConflictException(f"The service deployment is {deployment.status}; only a deployment under way can be stopped.")
        deployment.stop(stop_type)
    return ActionResult({"serviceDeploymentArn": arn})


def continue_service_deployment(self):
    arn = self._get_param("serviceDeploymentArn") or ""
    hook_id = self._get_param("hookId") or ""
    action = self._get_param("action") or "CONTINUE"
    if action not in ("CONTINUE", "ROLLBACK"):
        raise InvalidParameterException(f"action must be CONTINUE or ROLLBACK, not {action}")
    with LOCK:
        deployment = find_deployment(self.ecs_backend, arn)
        if deployment is None:
            raise ServiceDeploymentNotFoundException(arn)
        step = deployment.waiting_hook(hook_id) if deployment.is_active else None
        if step is None or step.detail["status"] != "AWAITING_ACTION":
            status = deployment.hook_status(hook_id)
            if status is None:
                raise InvalidParameterException(f"The service deployment has no lifecycle hook {hook_id} awaiting action.")
            raise ClientException(f"The lifecycle hook {hook_id} is {status}, not AWAITING_ACTION.")
        deployment.continue_hook(step, action)
    return ActionResult({"serviceDeploymentArn": arn})


def describe_service_revisions(self):
    arns = _arns(self, "serviceRevisionArns")
    with LOCK:
        known = {revision.arn: revision for record in records(self.ecs_backend).values() for revision in record.revisions}
        documents, failures = _described(arns, known.get)
    return ActionResult({"serviceRevisions": documents, "failures": failures})


# CreateService and UpdateService: moto's, then the records.

def _validated(self, configuration, controller):
    try:
        sd.validate(configuration, controller)
    except sd.ConfigurationError as error:
        raise InvalidParameterException(str(error))


def _wrap_create(original):
    def create_service(self):
        configuration = self._get_param("deploymentConfiguration")
        controller = (self._get_param("deploymentController") or {}).get("type", "ECS")
        _validated(self, configuration, controller)
        with LOCK:
            result = original(self)
            service = result.result["service"]
            if configuration:
                service.deployment_configuration = configuration
            if service.deployment_controller.get("type") == "ECS" and service.task_definition:
                record_of(self.ecs_backend, service).created()
        return result
    return create_service


def _wrap_update(original):
    def update_service(self):
        cluster = self._get_param("cluster", "default")
        service = self.ecs_backend._get_service(cluster, self._get_param("service") or "")
        configuration = self._get_param("deploymentConfiguration")
        _validated(self, configuration, service.deployment_controller.get("type", "ECS"))
        with LOCK:
            before = service.task_definition
            result = original(self)
            service = result.result["service"]
            if service.deployment_controller.get("type") == "ECS" and service.task_definition:
                changed = service.task_definition != before or bool(self._get_param("forceNewDeployment"))
                record_of(self.ecs_backend, service).updated(changed)
        return result
    return update_service


def install():
    responder = EC2ContainerServiceResponse
    if getattr(responder, "_cygni_installed", False):
        return
    for handler in (list_service_deployments, describe_service_deployments, stop_service_deployment, continue_service_deployment, describe_service_revisions):
        setattr(responder, handler.__name__, handler)
    responder.create_service = _wrap_create(responder.create_service)
    responder.update_service = _wrap_update(responder.update_service)
    responder._cygni_installed = True
