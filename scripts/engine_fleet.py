"""What the engine benchmarks share: a fleet of EXTERNAL services in moto, each on its own
listener's weighted forward, and `cygnid serve --aws` driving them through the fault proxy."""
import http.client
import json
import os
import signal
import subprocess
import uuid

import boto3

from moto_canary import CREDENTIALS, REGION, ROOT, wait_for

BINARY = os.environ.get("CYGNID_BINARY", os.path.join(ROOT, ".build/release/cygnid"))


def require_binary():
    if not os.access(BINARY, os.X_OK):
        raise SystemExit("no cygnid at %s: swift build -c release --product cygnid (or set CYGNID_BINARY)" % BINARY)


class Fleet:
    """ROLLOUTS services in moto, each behind a listener of its own at 100/0."""

    def __init__(self, endpoint, count):
        session = boto3.session.Session(region_name=REGION, aws_access_key_id="measure", aws_secret_access_key="measure-secret")
        ec2 = session.client("ec2", endpoint_url=endpoint)
        self.elb = session.client("elbv2", endpoint_url=endpoint)
        self.ecs = session.client("ecs", endpoint_url=endpoint)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.%d.0/24" % i, AvailabilityZone=REGION + zone)["Subnet"]["SubnetId"]
                   for i, zone in enumerate("ab")]
        self.ecs.create_cluster(clusterName="prod")
        self.stable, self.new = [self.definition(version) for version in ("1.0.0", "2.0.0")]
        self.listeners = {}
        self.balancers = {}
        self.groups = {}
        for index in range(count):
            service = "svc-%04d" % index
            blue, green = [
                self.elb.create_target_group(Name="%s-%s" % (color, index), Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")
                ["TargetGroups"][0]["TargetGroupArn"] for color in ("blue", "green")]
            self.groups[service] = (blue, green)
            for group, base in ((blue, 10), (green, 20)):
                self.elb.register_targets(TargetGroupArn=group, Targets=[{"Id": "10.0.0.%d" % (base + n), "Port": 8080} for n in (1, 2)])
            balancer = self.elb.create_load_balancer(Name="alb-%d" % index, Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
            forward = [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
                {"TargetGroupArn": blue, "Weight": 100}, {"TargetGroupArn": green, "Weight": 0}]}}]
            listener = self.elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=80, DefaultActions=forward)
            self.listeners[service] = listener["Listeners"][0]["ListenerArn"].rsplit("/", 1)[-1]
            self.balancers[service] = balancer.rsplit("/", 1)[-1]
            self.ecs.create_service(cluster="prod", serviceName=service, taskDefinition=self.stable, desiredCount=2,
                                    deploymentController={"type": "EXTERNAL"})
            stable = self.ecs.create_task_set(
                cluster="prod", service=service, taskDefinition=self.stable, launchType="FARGATE", scale={"unit": "PERCENT", "value": 0},
                loadBalancers=[{"targetGroupArn": blue, "containerName": "web", "containerPort": 80}])["taskSet"]["taskSetArn"]
            self.ecs.update_task_set(cluster="prod", service=service, taskSet=stable, scale={"unit": "PERCENT", "value": 100})
            self.ecs.update_service_primary_task_set(cluster="prod", service=service, primaryTaskSet=stable)

    def definition(self, version):
        return self.ecs.register_task_definition(
            family="svc", networkMode="bridge", cpu="256", memory="512",
            containerDefinitions=[{"name": "web", "image": "registry.example.com/svc:" + version, "memory": 512, "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]


class Cygnid:
    """`cygnid serve --aws` through the proxy, on `store` (a fresh SQLite file in `scratch` unless
    given), as replica `replica`, with its own log in `scratch`."""

    def __init__(self, proxy, scratch, store=None, replica="bench", extra=()):
        self.log = os.path.join(scratch, "cygnid-%s.log" % replica)
        secret = os.path.join(scratch, "jwt-secret")
        environment = dict(os.environ, **CREDENTIALS, AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
                           XDG_STATE_HOME=scratch)
        with open(self.log, "w") as output:
            self.process = subprocess.Popen(
                [BINARY, "serve", "--listen", "127.0.0.1:0", "--aws", "--region", REGION, "--endpoint-url", proxy,
                 "--store", store or "sqlite:" + os.path.join(scratch, "store.sqlite"), "--jwt-secret-file", secret,
                 "--replica-id", replica, "--metrics-lag", "0", *extra], stdout=output, stderr=subprocess.STDOUT, env=environment)

        def port():
            for line in open(self.log):
                if "listening on http://127.0.0.1:" in line:
                    return int(line.rsplit(":", 1)[1])
            if self.process.poll() is not None:
                raise SystemExit("cygnid exited:\n" + open(self.log).read())
            return None
        self.connection = http.client.HTTPConnection("127.0.0.1", wait_for("cygnid to listen", port, interval=0.05))
        self.token = subprocess.run([BINARY, "token", "--secret-file", secret, "--subject", "bench", "--role", "admin"],
                                    capture_output=True, text=True, check=True, env=environment).stdout.strip()

    def send(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.token}
        if body is not None:
            headers.update({"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
        self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")

    def rollouts(self):
        found, cursor = [], None
        while True:
            status, page = self.send("GET", "/v1/rollouts?active=true&limit=100" + ("&cursor=" + cursor if cursor else ""))
            if status != 200:
                raise SystemExit("GET /v1/rollouts answered %d: %s" % (status, page))
            found += page["rollouts"]
            cursor = page.get("nextCursor")
            if not cursor:
                return found

    def cpu_seconds(self):
        return cpu_seconds(self.process.pid)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return -1


def cpu_seconds(pid):
    """A process's CPU time so far (utime + stime from /proc), in seconds."""
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def api_of(request):
    if request["target"]:
        return request["target"].rsplit(".", 1)[-1]
    for field in request["body"].split("&"):
        if field.startswith("Action="):
            return field[len("Action="):]
    return request["path"].split("?")[0]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def canary_everywhere(cygnid, fleet, bake="30m"):
    """One canary per service of the fleet, held in its first bake; {rollout id: service}."""
    ids = {}
    for service in fleet.listeners:
        status, answer = cygnid.send("POST", "/v1/rollouts", {
            "service": "prod/" + service, "taskDefinition": fleet.new, "strategy": "canary", "steps": [5, 25, 50],
            "bake": bake, "reason": "benchmark"})
        if status != 201:
            raise SystemExit("deploy of %s answered %d: %s" % (service, status, answer))
        ids[answer["rollout"]["id"]] = service
    wait_for("every rollout in its first bake",
             lambda: sum(1 for rollout in cygnid.rollouts() if rollout["phase"] == "baking") == len(ids), timeout=600, interval=1)
    return ids
