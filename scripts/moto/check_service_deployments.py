"""Drives the ECS service deployments of the extended moto server from boto3, which checks every
request parameter against botocore's model; every response body is checked against the model
here too (no field the model lacks, every required one there, enums and types right), since
botocore's parser would silently drop what it does not know.

    CYGNI_MOTO_ENDPOINT=http://127.0.0.1:PORT AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \\
        python3 scripts/moto/check_service_deployments.py [-v]

The keys must belong to a moto IAM user (signature checking is on); without them the script
makes one. Only the loopback endpoint is contacted. The Swift suite runs this (MotoExtensionTests).
"""
import json
import os
import sys
import unittest
import urllib.parse
import urllib.request
import uuid

import boto3
import botocore.exceptions

ENDPOINT = os.environ.get("CYGNI_MOTO_ENDPOINT", "").rstrip("/")
REGION = "eu-west-2"


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def control(path, body=None, query=None):
    url = f"{ENDPOINT}/__cygni__/{path}" + ("?" + urllib.parse.urlencode(query) if query else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def credentials():
    if os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"):
        return os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
    urllib.request.urlopen(urllib.request.Request(f"{ENDPOINT}/moto-api/reset-auth", data=b"3", headers={"Content-Type": "text/plain"}), timeout=10)
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=ENDPOINT, aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    user = unique("check")
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    return key["AccessKeyId"], key["SecretAccessKey"]


class ModelMismatch(AssertionError):
    pass


def conform(shape, value, path):
    """Raises ModelMismatch where `value` (a response body as sent) strays from `shape`."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise ModelMismatch(f"{path}: {shape.name} must be an object, not {value!r}")
        for key in value:
            if key not in shape.members:
                raise ModelMismatch(f"{path}.{key}: {shape.name} has no member {key}")
            conform(shape.members[key], value[key], f"{path}.{key}")
        for key in shape.required_members:
            if key not in value:
                raise ModelMismatch(f"{path}: {shape.name} lacks its required member {key}")
    elif kind == "list":
        if not isinstance(value, list):
            raise ModelMismatch(f"{path}: {shape.name} must be a list, not {value!r}")
        for index, item in enumerate(value):
            conform(shape.member, item, f"{path}[{index}]")
    elif kind == "map":
        if not isinstance(value, dict):
            raise ModelMismatch(f"{path}: {shape.name} must be a map")
        for key, item in value.items():
            conform(shape.value, item, f"{path}.{key}")
    elif kind == "string":
        if not isinstance(value, str):
            raise ModelMismatch(f"{path}: {shape.name} must be a string, not {value!r}")
        if shape.enum and value not in shape.enum:
            raise ModelMismatch(f"{path}: {value} is not one of {shape.name}'s values {shape.enum}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ModelMismatch(f"{path}: {shape.name} must be an integer, not {value!r}")
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            raise ModelMismatch(f"{path}: {value} is outside {shape.name}'s {low}...{high}")
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ModelMismatch(f"{path}: {shape.name} must be a number, not {value!r}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ModelMismatch(f"{path}: {shape.name} must be true or false, not {value!r}")
    elif kind == "timestamp":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ModelMismatch(f"{path}: {shape.name} must be epoch seconds in awsJson, not {value!r}")


class Moto:
    """boto3 clients for the extended moto, every ECS answer checked against the model."""

    def __init__(self):
        key, secret = credentials()
        self.key, self.secret = key, secret
        session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name=REGION)
        self.ecs = session.client("ecs", endpoint_url=ENDPOINT)
        self.elb = session.client("elbv2", endpoint_url=ENDPOINT)
        self.ec2 = session.client("ec2", endpoint_url=ENDPOINT)
        self.cloudwatch = session.client("cloudwatch", endpoint_url=ENDPOINT)
        self.checked = set()
        self.ecs.meta.events.register("before-parse.ecs.*", self._check)

    def _check(self, operation_model, response_dict, **_):
        if response_dict["status_code"] >= 300 or operation_model.output_shape is None:
            return
        body = json.loads(response_dict["body"] or b"{}")
        conform(operation_model.output_shape, body, operation_model.name)
        self.checked.add(operation_model.name)


MOTO = None


def setUpModule():
    global MOTO
    if not ENDPOINT.startswith("http://127.0.0.1:"):
        raise SystemExit(f"CYGNI_MOTO_ENDPOINT must be a loopback moto (http://127.0.0.1:PORT), not {ENDPOINT!r}")
    MOTO = Moto()


class Fixture:
    """An ECS cluster with three task definition revisions, and an ALB whose listener forwards to
    a blue and a green target group (and a test listener on port 8080)."""

    def __init__(self):
        moto = MOTO
        self.cluster = unique("prod")
        moto.ecs.create_cluster(clusterName=self.cluster)
        self.family = unique("checkout")
        self.definitions = [
            moto.ecs.register_task_definition(family=self.family, networkMode="bridge", containerDefinitions=[
                {"name": "web", "image": f"registry.example.com:5000/checkout:{version}", "memory": 256}])["taskDefinition"]["taskDefinitionArn"]
            for version in ("1.4.2", "1.5.0", "1.6.0")
        ]
        vpc = moto.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [moto.ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{index}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
                   for index, zone in enumerate("ab")]
        self.blue, self.green = [
            moto.elb.create_target_group(Name=unique(name), Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
            for name in ("blue", "green")
        ]
        balancer = moto.elb.create_load_balancer(Name=unique("alb"), Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]

        def listener(port):
            return moto.elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=port, DefaultActions=[{
                "Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": self.blue, "Weight": 100}, {"TargetGroupArn": self.green, "Weight": 0}]}}])["Listeners"][0]["ListenerArn"]

        self.production, self.test = listener(80), listener(8080)

    def service(self, configuration, desired=4, advanced=True):
        name = unique("svc")
        balancer = {"targetGroupArn": self.blue, "containerName": "web", "containerPort": 80}
        if advanced:
            balancer["advancedConfiguration"] = {
                "alternateTargetGroupArn": self.green, "productionListenerRule": self.production, "testListenerRule": self.test,
                "roleArn": "arn:aws:iam::123456789012:role/ecs-infrastructure"}
        MOTO.ecs.create_service(cluster=self.cluster, serviceName=name, taskDefinition=self.definitions[0], desiredCount=desired,
                                loadBalancers=[balancer], deploymentConfiguration=configuration)
        return name

    def weights(self, listener):
        actions = MOTO.elb.describe_listeners(ListenerArns=[listener])["Listeners"][0]["DefaultActions"]
        return {group["TargetGroupArn"]: group["Weight"] for group in actions[0]["ForwardConfig"]["TargetGroups"]}

    def deploy(self, service, revision=1):
        MOTO.ecs.update_service(cluster=self.cluster, service=service, taskDefinition=self.definitions[revision])
        return MOTO.ecs.list_service_deployments(cluster=self.cluster, service=service)["serviceDeployments"][0]["serviceDeploymentArn"]

    def describe(self, arn):
        return MOTO.ecs.describe_service_deployments(serviceDeploymentArns=[arn])["serviceDeployments"][0]

    def advance(self, service, seconds):
        return control("ecs/advance", {"region": REGION, "cluster": self.cluster, "service": service, "seconds": seconds})

    def walk(self, service, arn, seconds=60, limit=200):
        """(lifecycleStage, status, target production weight) after each step of `seconds`, until the end."""
        seen = []
        for _ in range(limit):
            deployment = self.describe(arn)
            seen.append((deployment.get("lifecycleStage"), deployment["status"], deployment["targetServiceRevision"]["requestedProductionTrafficWeight"]))
            if deployment["status"] not in ("PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS"):
                return seen
            self.advance(service, seconds)
        raise AssertionError(f"the deployment did not end in {limit} steps: {seen[-5:]}")


def canary(percent=10.0, bake=10, final_bake=15, hooks=None):
    configuration = {"strategy": "CANARY", "bakeTimeInMinutes": final_bake,
                     "canaryConfiguration": {"canaryPercent": percent, "canaryBakeTimeInMinutes": bake}}
    if hooks:
        configuration["lifecycleHooks"] = hooks
    return configuration


def pause_before_shifts(minutes=30, action="ROLLBACK"):
    return [{"targetType": "PAUSE", "lifecycleStages": ["PRE_PRODUCTION_TRAFFIC_SHIFT"],
             "timeoutConfiguration": {"timeoutInMinutes": minutes, "action": action}}]


class ServiceDeploymentTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.world = Fixture()

    def test_a_canary_walks_every_stage_and_moves_the_listeners(self):
        world = self.world
        service = world.service(canary(percent=10, bake=10, final_bake=15))
        first = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=service)["serviceDeployments"]
        self.assertEqual([deployment["status"] for deployment in first], ["SUCCESSFUL"])
        arn = world.deploy(service)
        stages = []
        listener_weights = []
        for _ in range(60):
            deployment = world.describe(arn)
            target = deployment["targetServiceRevision"]
            stages.append((deployment.get("lifecycleStage"), deployment["status"], target["requestedProductionTrafficWeight"]))
            listener_weights.append(world.weights(world.production)[world.green])
            if deployment["status"] != "IN_PROGRESS":
                break
            world.advance(service, 60)
        compact = [stage for index, stage in enumerate(stages) if index == 0 or stages[index - 1] != stage]
        self.assertEqual(compact, [
            ("RECONCILE_SERVICE", "IN_PROGRESS", 0.0), ("PRE_SCALE_UP", "IN_PROGRESS", 0.0), ("SCALE_UP", "IN_PROGRESS", 0.0),
            ("POST_SCALE_UP", "IN_PROGRESS", 0.0), ("TEST_TRAFFIC_SHIFT", "IN_PROGRESS", 0.0), ("POST_TEST_TRAFFIC_SHIFT", "IN_PROGRESS", 0.0),
            ("PRODUCTION_TRAFFIC_SHIFT", "IN_PROGRESS", 10.0), ("POST_PRODUCTION_TRAFFIC_SHIFT", "IN_PROGRESS", 10.0), ("BAKE_TIME", "IN_PROGRESS", 10.0),
            ("PRODUCTION_TRAFFIC_SHIFT", "IN_PROGRESS", 100.0), ("POST_PRODUCTION_TRAFFIC_SHIFT", "IN_PROGRESS", 100.0), ("BAKE_TIME", "IN_PROGRESS", 100.0),
            ("CLEAN_UP", "IN_PROGRESS", 100.0), ("CLEAN_UP", "SUCCESSFUL", 100.0),
        ])
        # The canary bakes 10 minutes, the whole deployment 15 more once all traffic has moved.
        self.assertEqual(sum(1 for stage in stages if stage[0] == "BAKE_TIME" and stage[2] == 10.0), 10)
        self.assertEqual(sum(1 for stage in stages if stage[0] == "BAKE_TIME" and stage[2] == 100.0), 15)
        self.assertEqual(set(listener_weights), {0, 10, 100})
        self.assertEqual(world.weights(world.test)[world.green], 100)
        ended = world.describe(arn)
        self.assertEqual(ended["sourceServiceRevisions"][0]["runningTaskCount"], 0)
        self.assertEqual(ended["targetServiceRevision"]["runningTaskCount"], 4)
        self.assertIn("finishedAt", ended)
        described = MOTO.ecs.describe_services(cluster=world.cluster, services=[service])["services"][0]
        self.assertEqual(described["taskDefinition"], world.definitions[1])
        self.assertEqual(described["deploymentConfiguration"]["canaryConfiguration"]["canaryPercent"], 10.0)
        revisions = MOTO.ecs.describe_service_revisions(serviceRevisionArns=[ended["targetServiceRevision"]["arn"], "arn:aws:ecs:eu-west-2:123456789012:service-revision/x/y/1"])
        self.assertEqual(revisions["serviceRevisions"][0]["containerImages"][0]["image"], "registry.example.com:5000/checkout:1.5.0")
        self.assertEqual(revisions["serviceRevisions"][0]["resolvedConfiguration"]["loadBalancers"][0]["targetGroupArn"], world.green)
        self.assertEqual(revisions["failures"][0]["reason"], "MISSING")

    def test_the_next_deployment_swaps_the_groups_back(self):
        world = self.world
        service = world.service({"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 1})
        world.walk(service, world.deploy(service, 1))
        self.assertEqual(world.weights(world.production)[world.green], 100)
        second = world.deploy(service, 2)
        seen = world.walk(service, second)
        self.assertEqual([weight for _, _, weight in seen if weight not in (0.0, 100.0)], [])
        self.assertEqual(world.weights(world.production), {world.blue: 100, world.green: 0})
        target = world.describe(second)["targetServiceRevision"]["arn"]
        revision = MOTO.ecs.describe_service_revisions(serviceRevisionArns=[target])["serviceRevisions"][0]
        self.assertEqual(revision["resolvedConfiguration"]["loadBalancers"][0]["targetGroupArn"], world.blue)

    def test_a_linear_deployment_steps_by_its_percent(self):
        world = self.world
        service = world.service({"strategy": "LINEAR", "bakeTimeInMinutes": 2,
                                 "linearConfiguration": {"stepPercent": 25.0, "stepBakeTimeInMinutes": 3}})
        seen = world.walk(service, world.deploy(service))
        weights = [weight for index, (_, _, weight) in enumerate(seen) if index == 0 or seen[index - 1][2] != weight]
        self.assertEqual(weights, [0.0, 25.0, 50.0, 75.0, 100.0])
        self.assertEqual(sum(1 for stage, _, weight in seen if stage == "BAKE_TIME" and weight == 50.0), 3)
        self.assertEqual(seen[-1][1], "SUCCESSFUL")

    def test_a_pause_hook_holds_each_shift_until_continued(self):
        world = self.world
        service = world.service(canary(percent=5, bake=1, final_bake=1, hooks=pause_before_shifts(minutes=30)))
        arn = world.deploy(service)
        world.advance(service, 6 * 60)
        held = world.describe(arn)
        self.assertEqual(held["lifecycleStage"], "PRODUCTION_TRAFFIC_SHIFT")
        self.assertEqual(held["targetServiceRevision"]["requestedProductionTrafficWeight"], 0.0)
        hook = held["lifecycleHookDetails"][0]
        self.assertEqual((hook["targetType"], hook["status"], hook["timeoutAction"]), ("PAUSE", "AWAITING_ACTION", "ROLLBACK"))
        self.assertEqual(hook["expiresAt"].timestamp() - held["updatedAt"].timestamp(), 30 * 60)
        # The clock moves, the deployment does not.
        world.advance(service, 20 * 60)
        self.assertEqual(world.describe(arn)["lifecycleHookDetails"][0]["status"], "AWAITING_ACTION")
        MOTO.ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=hook["hookId"], action="CONTINUE")
        moved = world.describe(arn)
        self.assertEqual(moved["targetServiceRevision"]["requestedProductionTrafficWeight"], 5.0)
        self.assertEqual(moved["lifecycleHookDetails"][0]["status"], "SUCCEEDED")
        # The same hook twice: refused, nothing moves.
        with self.assertRaises(botocore.exceptions.ClientError) as again:
            MOTO.ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=hook["hookId"])
        self.assertEqual(again.exception.response["Error"]["Code"], "ClientException")
        world.advance(service, 3 * 60)
        second = world.describe(arn)["lifecycleHookDetails"][0]
        self.assertNotEqual(second["hookId"], hook["hookId"])
        self.assertEqual(second["status"], "AWAITING_ACTION")
        MOTO.ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=second["hookId"], action="ROLLBACK")
        rolling_back = world.describe(arn)
        self.assertEqual(rolling_back["status"], "ROLLBACK_REQUESTED")
        self.assertIn(second["hookId"], rolling_back["rollback"]["reason"])
        seen = world.walk(service, arn)
        self.assertEqual(seen[-1][1:], ("ROLLBACK_SUCCESSFUL", 0.0))
        self.assertEqual(world.weights(world.production)[world.green], 0)
        described = MOTO.ecs.describe_services(cluster=world.cluster, services=[service])["services"][0]
        self.assertEqual(described["taskDefinition"], world.definitions[0])

    def test_a_pause_hook_that_times_out_takes_its_timeout_action(self):
        world = self.world
        for action, ending in (("ROLLBACK", "ROLLBACK_SUCCESSFUL"), ("CONTINUE", "SUCCESSFUL")):
            service = world.service(canary(percent=5, bake=1, final_bake=1, hooks=pause_before_shifts(minutes=10, action=action)))
            arn = world.deploy(service)
            world.advance(service, 6 * 60 + 10 * 60)
            deployment = world.describe(arn)
            if action == "ROLLBACK":
                self.assertEqual(deployment["lifecycleHookDetails"][0]["status"], "TIMED_OUT")
                self.assertIn("timed out", deployment["rollback"]["reason"])
            self.assertEqual(world.walk(service, arn, seconds=15 * 60)[-1][1], ending, action)

    def test_stop_rolls_back_or_aborts_and_refuses_what_has_ended(self):
        world = self.world
        for stop_type, ending in (("ROLLBACK", "ROLLBACK_SUCCESSFUL"), ("ABORT", "STOPPED")):
            service = world.service(canary(percent=20))
            arn = world.deploy(service)
            world.advance(service, 7 * 60)
            self.assertEqual(world.describe(arn)["targetServiceRevision"]["requestedProductionTrafficWeight"], 20.0)
            self.assertEqual(MOTO.ecs.stop_service_deployment(serviceDeploymentArn=arn, stopType=stop_type)["serviceDeploymentArn"], arn)
            # Asking again while it stops is harmless.
            MOTO.ecs.stop_service_deployment(serviceDeploymentArn=arn, stopType=stop_type)
            requested = world.describe(arn)
            self.assertEqual(requested["status"], "ROLLBACK_REQUESTED" if stop_type == "ROLLBACK" else "STOP_REQUESTED")
            self.assertEqual(world.walk(service, arn)[-1][1:], (ending, 0.0))
            self.assertEqual(world.weights(world.production)[world.green], 0)
            with self.assertRaises(botocore.exceptions.ClientError) as ended:
                MOTO.ecs.stop_service_deployment(serviceDeploymentArn=arn, stopType=stop_type)
            self.assertEqual(ended.exception.response["Error"]["Code"], "ConflictException")
        missing = arn[:-4] + "none"
        with self.assertRaises(botocore.exceptions.ClientError) as unknown:
            MOTO.ecs.stop_service_deployment(serviceDeploymentArn=missing)
        self.assertEqual(unknown.exception.response["Error"]["Code"], "ServiceDeploymentNotFoundException")
        self.assertEqual(MOTO.ecs.describe_service_deployments(serviceDeploymentArns=[missing])["failures"][0]["arn"], missing)

    def test_a_triggered_alarm_or_the_circuit_breaker_rolls_back(self):
        world = self.world
        alarm = unique("checkout-5xx")
        MOTO.cloudwatch.put_metric_alarm(AlarmName=alarm, MetricName="HTTPCode_Target_5XX_Count", Namespace="AWS/ApplicationELB",
                                         Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold")
        configuration = canary(percent=10)
        configuration["alarms"] = {"alarmNames": [alarm], "enable": True, "rollback": True}
        configuration["deploymentCircuitBreaker"] = {"enable": True, "rollback": True}
        service = world.service(configuration)
        arn = world.deploy(service)
        world.advance(service, 7 * 60)
        watching = world.describe(arn)
        self.assertEqual(watching["alarms"], {"status": "MONITORING", "alarmNames": [alarm], "triggeredAlarmNames": []})
        self.assertEqual(watching["deploymentCircuitBreaker"], {"status": "MONITORING", "failureCount": 0, "threshold": 3})
        MOTO.cloudwatch.set_alarm_state(AlarmName=alarm, StateValue="ALARM", StateReason="5xx")
        triggered = world.describe(arn)
        self.assertEqual((triggered["status"], triggered["alarms"]["status"], triggered["alarms"]["triggeredAlarmNames"]), ("ROLLBACK_REQUESTED", "TRIGGERED", [alarm]))
        self.assertIn(alarm, triggered["rollback"]["reason"])

        service = world.service({"strategy": "LINEAR", "deploymentCircuitBreaker": {"enable": True, "rollback": False}})
        arn = world.deploy(service)
        answer = control("ecs/fail-tasks", {"region": REGION, "cluster": world.cluster, "service": service, "count": 3})
        self.assertEqual(answer["deployments"][0]["deploymentCircuitBreaker"]["status"], "TRIGGERED")
        self.assertEqual(world.walk(service, arn)[-1][1], "STOPPED")
        self.assertIn("circuit breaker", world.describe(arn)["statusReason"])

    def test_list_filters_and_pages(self):
        world = self.world
        service = world.service({"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 0})
        world.walk(service, world.deploy(service, 1))
        latest = world.deploy(service, 2)
        listed = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=service)["serviceDeployments"]
        self.assertEqual([entry["status"] for entry in listed], ["IN_PROGRESS", "SUCCESSFUL", "SUCCESSFUL"])
        self.assertEqual(listed[0]["serviceDeploymentArn"], latest)
        under_way = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=service, status=["IN_PROGRESS"])["serviceDeployments"]
        self.assertEqual([entry["serviceDeploymentArn"] for entry in under_way], [latest])
        page = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=service, maxResults=2)
        rest = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=service, maxResults=2, nextToken=page["nextToken"])
        self.assertEqual(len(page["serviceDeployments"]) + len(rest["serviceDeployments"]), 3)
        self.assertNotIn("nextToken", rest)
        with self.assertRaises(botocore.exceptions.ClientError) as missing:
            MOTO.ecs.list_service_deployments(cluster=world.cluster, service="no-such-service")
        self.assertEqual(missing.exception.response["Error"]["Code"], "ServiceNotFoundException")

    def test_what_ecs_refuses_is_refused(self):
        world = self.world
        refused = {
            "a PAUSE hook is not allowed at PRODUCTION_TRAFFIC_SHIFT": canary(hooks=[{"targetType": "PAUSE", "lifecycleStages": ["PRODUCTION_TRAFFIC_SHIFT"]}]),
            "bakeTimeInMinutes is required": {"strategy": "BLUE_GREEN"},
            "stepPercent must be between 3 and 100": {"strategy": "LINEAR", "linearConfiguration": {"stepPercent": 1.0}},
        }
        for message, configuration in refused.items():
            with self.assertRaises(botocore.exceptions.ClientError) as error:
                world.service(configuration)
            self.assertEqual(error.exception.response["Error"]["Code"], "InvalidParameterException")
            self.assertIn(message, error.exception.response["Error"]["Message"])

    def test_rolling_services_keep_motos_behaviour(self):
        world = self.world
        name = unique("rolling")
        MOTO.ecs.create_service(cluster=world.cluster, serviceName=name, taskDefinition=world.definitions[0], desiredCount=2)
        MOTO.ecs.update_service(cluster=world.cluster, service=name, taskDefinition=world.definitions[1])
        described = MOTO.ecs.describe_services(cluster=world.cluster, services=[name])["services"][0]
        self.assertEqual([deployment["status"] for deployment in described["deployments"]], ["PRIMARY"])
        self.assertEqual(described["taskDefinition"], world.definitions[1])
        listed = MOTO.ecs.list_service_deployments(cluster=world.cluster, service=name)["serviceDeployments"]
        self.assertEqual([entry["status"] for entry in listed], ["SUCCESSFUL", "SUCCESSFUL"])

    def test_signatures_are_still_checked(self):
        wrong = boto3.client("ecs", region_name=REGION, endpoint_url=ENDPOINT, aws_access_key_id=MOTO.key, aws_secret_access_key="not-the-secret")
        bodies = []
        # moto answers auth failures in XML even to JSON services; botocore then sees only the status.
        wrong.meta.events.register("before-parse.ecs.*", lambda response_dict, **_: bodies.append(response_dict["body"]))
        with self.assertRaises(botocore.exceptions.ClientError) as error:
            wrong.list_service_deployments(cluster=self.world.cluster, service="any")
        self.assertEqual(error.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertIn(b"SignatureDoesNotMatch", bodies[0])

    def test_the_control_endpoint_says_what_is_wrong(self):
        for body, expected in (({"region": REGION, "cluster": self.world.cluster, "service": "nope", "seconds": 1}, 404),
                               ({"region": REGION, "cluster": self.world.cluster, "seconds": 1}, 400),
                               ({"region": REGION, "cluster": self.world.cluster, "service": "x", "seconds": "soon"}, 400)):
            with self.assertRaises(urllib.error.HTTPError) as error:
                control("ecs/advance", body)
            self.assertEqual(error.exception.code, expected)
            self.assertIn("error", json.loads(error.exception.read()))

    @classmethod
    def tearDownClass(cls):
        operations = {"ListServiceDeployments", "DescribeServiceDeployments", "StopServiceDeployment", "ContinueServiceDeployment", "DescribeServiceRevisions"}
        missing = operations - MOTO.checked
        if missing and not getattr(cls, "_partial", False):
            raise AssertionError(f"no answer of {sorted(missing)} was checked against the model")


if __name__ == "__main__":
    if any(argument.startswith("-k") for argument in sys.argv):
        ServiceDeploymentTests._partial = True
    unittest.main()
