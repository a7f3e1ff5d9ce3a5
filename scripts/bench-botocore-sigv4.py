#!/usr/bin/env python3
"""Signatures per second of botocore's SigV4Auth on the request AWSBenchmarks signs; prints one number."""
import datetime
import time
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
body = '{"cluster":"prod","services":["checkout"]}' * 5
headers = {
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeServices",
}
signer = SigV4Auth(credentials, "ecs", "eu-west-1")
fixed = datetime.datetime(2026, 11, 26, 9, 0, 0)


def sign_once():
    request = AWSRequest(method="POST", url="https://ecs.eu-west-1.amazonaws.com/", data=body, headers=dict(headers))
    signer.add_auth(request)


with mock.patch("botocore.auth.datetime") as patched:
    patched.datetime.utcnow.return_value = fixed
    patched.datetime.now.return_value = fixed
    for _ in range(200):
        sign_once()
    iterations = 5000
    start = time.perf_counter()
    for _ in range(iterations):
        sign_once()
    elapsed = time.perf_counter() - start
print(f"{iterations / elapsed:.0f}")
