"""What the measuring scripts share: moto and the fault proxy started on loopback, a canary
under way in moto (an EXTERNAL ECS service with two task sets behind an ALB listener), and a
console in tmux. Only loopback addresses are used."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGION = "eu-west-3"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "measure", "AWS_SECRET_ACCESS_KEY": "measure-secret"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, **kwargs):
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, **kwargs)


def wait_for(what, predicate, timeout=30, interval=0.005, screen=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise SystemExit("timed out waiting for " + what + ("\n" + screen() if screen else ""))


def start_moto_and_proxy():
    """moto_server (signature checking off: the scripts sign with made-up keys) and the fault
    proxy in front of it; returns (processes, moto URL, proxy URL)."""
    port = free_port()
    moto = start(["moto_server", "-H", "127.0.0.1", "-p", str(port)])
    moto_url = "http://127.0.0.1:%d" % port
    proxy = start([sys.executable, os.path.join(ROOT, "scripts/fault-proxy.py"), moto_url])
    proxy_url = "http://127.0.0.1:%s" % proxy.stdout.readline().strip()
    wait_for("moto", lambda: subprocess.run(["curl", "-fsS", "-o", "/dev/null", moto_url + "/moto-api/"], stderr=subprocess.DEVNULL).returncode == 0,
             interval=0.1)
    return [proxy, moto], moto_url, proxy_url


def requests_seen(proxy):
    with urllib.request.urlopen(proxy + "/__fault__/requests") as response:
        return json.load(response)


def reset(proxy):
    urllib.request.urlopen(urllib.request.Request(proxy + "/__fault__/reset", data=b"", method="POST")).read()


class Fixture:
    """An EXTERNAL ECS service with a stable task set on blue, behind an ALB listener."""

    def __init__(self, endpoint):
        session = boto3.session.Session(region_name=REGION, aws_access_key_id="measure", aws_secret_access_key="measure-secret")
        self.ec2 = session.client("ec2", endpoint_url=endpoint)
        self.elb = session.client("elbv2", endpoint_url=endpoint)
        self.ecs = session.client("ecs", endpoint_url=endpoint)
        vpc = self.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [self.ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.%d.0/24" % i, AvailabilityZone=REGION + z)["Subnet"]["SubnetId"]
                   for i, z in enumerate("ab")]
        self.blue, self.green = [
            self.elb.create_target_group(Name=name, Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
            for name in ("blue", "green")]
        balancer = self.elb.create_load_balancer(Name="alb", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        self.listener = self.elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=80,
                                                 DefaultActions=self.forward(100, 0))["Listeners"][0]["ListenerArn"]
        self.ecs.create_cluster(clusterName="prod")
        self.definitions = [self.definition(version) for version in ("1.4.2", "1.5.0")]
        self.ecs.create_service(cluster="prod", serviceName="checkout", taskDefinition=self.definitions[0], desiredCount=4,
                                deploymentController={"type": "EXTERNAL"})
        stable = self.task_set(self.definitions[0], self.blue)
        self.ecs.update_task_set(cluster="prod", service="checkout", taskSet=stable, scale={"unit": "PERCENT", "value": 100})
        self.ecs.update_service_primary_task_set(cluster="prod", service="checkout", primaryTaskSet=stable)

    def forward(self, blue, green):
        return [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
            {"TargetGroupArn": self.blue, "Weight": blue}, {"TargetGroupArn": self.green, "Weight": green}]}}]

    def definition(self, version):
        return self.ecs.register_task_definition(
            family="checkout", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
            containerDefinitions=[{"name": "web", "image": "registry.example.com:5000/checkout:" + version, "cpu": 256, "memory": 512}],
        )["taskDefinition"]["taskDefinitionArn"]

    def task_set(self, definition, group):
        return self.ecs.create_task_set(
            cluster="prod", service="checkout", taskDefinition=definition, launchType="FARGATE", scale={"unit": "PERCENT", "value": 0},
            loadBalancers=[{"targetGroupArn": group, "containerName": "web", "containerPort": 80}])["taskSet"]["taskSetArn"]

    def new_canary(self, canary_weight):
        """A new task set on green, and the listener sending it `canary_weight` percent."""
        self.elb.modify_listener(ListenerArn=self.listener, DefaultActions=self.forward(100 - canary_weight, canary_weight))
        self.task_set(self.definitions[1], self.green)


class Tmux:
    """A console in a private tmux server, 160x48."""

    def __init__(self, command, environment):
        self.socket = "cx-measure-%d" % os.getpid()
        exports = " ".join("%s=%s" % item for item in environment.items())
        self.run("new-session", "-d", "-s", "cx", "-x", "160", "-y", "48", "env %s %s" % (exports, command))

    def run(self, *arguments):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *arguments], capture_output=True, text=True).stdout

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "cx")

    def send(self, key):
        self.run("send-keys", "-t", "cx", key)

    def close(self):
        self.run("kill-server")


