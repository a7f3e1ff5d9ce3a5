#!/usr/bin/env python3
"""Writes SigV4 test vectors computed by botocore's SigV4Auth, for the Swift signer's unit tests.

    python3 scripts/generate-sigv4-vectors.py > Tests/CygniAWSTests/Vectors/sigv4-vectors.json

Each vector holds the request as sent (method, URL, headers in order, body), the credentials, the
region, service and time, and what botocore produced: canonical request, string to sign, the
Authorization header and the headers after signing. The Swift tests must agree byte for byte.
"""
import base64
import datetime
import json
import sys
from unittest import mock

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+session/token="
WHEN = datetime.datetime(2015, 8, 30, 12, 36, 0)

JSON_11 = "application/x-amz-json-1.1"
FORM = "application/x-www-form-urlencoded; charset=utf-8"

CASES = [
    # name, method, url, headers, body, region, service, token, when
    ("get-vanilla", "GET", "https://example.amazonaws.com/", [], b"", "us-east-1", "service", None, WHEN),
    ("get-empty-path", "GET", "https://example.amazonaws.com", [], b"", "us-east-1", "service", None, WHEN),
    ("get-query-unsorted", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", [], b"", "us-east-1", "service", None, WHEN),
    ("get-query-repeated-key", "GET", "https://example.amazonaws.com/?Param1=value2&Param1=Value1&Param1=value1", [], b"", "us-east-1", "service", None, WHEN),
    ("get-query-encoded", "GET", "https://example.amazonaws.com/?Param-3=Value%20with%20spaces&b=%2F%3D%26&a=%E1%88%B4", [], b"", "us-east-1", "service", None, WHEN),
    ("get-query-key-only", "GET", "https://example.amazonaws.com/?flag&Param1=value1", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-dot-segments", "GET", "https://example.amazonaws.com/example1/example2/../..", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-dot-and-slashes", "GET", "https://example.amazonaws.com/./a//b/./c/../d/", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-space-encoded", "GET", "https://example.amazonaws.com/example%20space/", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-unicode-encoded", "GET", "https://example.amazonaws.com/%E1%88%B4", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-unreserved", "GET", "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [], b"", "us-east-1", "service", None, WHEN),
    ("get-path-reserved-chars", "GET", "https://example.amazonaws.com/a:b@c!$'()*+,;=", [], b"", "us-east-1", "service", None, WHEN),
    ("get-header-whitespace", "GET", "https://example.amazonaws.com/", [("My-Header1", "  value1   with   spaces  "), ("My-Header2", '"a   b   c"')], b"", "us-east-1", "service", None, WHEN),
    ("get-header-duplicate", "GET", "https://example.amazonaws.com/", [("My-Header1", "value2"), ("my-header1", "value1")], b"", "us-east-1", "service", None, WHEN),
    ("get-header-excluded", "GET", "https://example.amazonaws.com/", [("User-Agent", "cx/1.0"), ("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"), ("Expect", "100-continue"), ("Connection", "close")], b"", "us-east-1", "service", None, WHEN),
    ("get-port-non-default", "GET", "http://127.0.0.1:5000/moto-api/", [], b"", "us-east-1", "sts", None, WHEN),
    ("get-port-default-https", "GET", "https://example.amazonaws.com:443/", [], b"", "us-east-1", "service", None, WHEN),
    ("get-ipv6-loopback", "GET", "http://[::1]:4566/", [], b"", "eu-west-1", "ecs", None, WHEN),
    ("get-upper-host", "GET", "https://Example.AmazonAWS.com/", [], b"", "us-east-1", "service", None, WHEN),
    ("session-token", "POST", "https://sts.us-east-1.amazonaws.com/", [("Content-Type", FORM)], b"Action=GetCallerIdentity&Version=2011-06-15", "us-east-1", "sts", TOKEN, WHEN),
    ("aws-json-ecs", "POST", "https://ecs.eu-west-1.amazonaws.com/", [("Content-Type", JSON_11), ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")], b"{}", "eu-west-1", "ecs", None, WHEN),
    ("aws-json-logs-body", "POST", "https://logs.ap-southeast-2.amazonaws.com/", [("Content-Type", JSON_11), ("X-Amz-Target", "Logs_20140328.FilterLogEvents")], json.dumps({"logGroupName": "/ecs/checkout", "filterPattern": "\"1-5759e988-bd862e3fe1be46a994272793\"", "startTime": 1700000000000}).encode(), "ap-southeast-2", "logs", None, WHEN),
    ("aws-query-elbv2", "POST", "https://elasticloadbalancing.us-west-2.amazonaws.com/", [("Content-Type", FORM)], b"Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=web%20alb", "us-west-2", "elasticloadbalancing", None, WHEN),
    ("rest-json-xray", "POST", "https://xray.us-east-1.amazonaws.com/TraceSummaries", [("Content-Type", "application/json")], b'{"StartTime":1700000000,"EndTime":1700000900}', "us-east-1", "xray", None, WHEN),
    ("rest-xml-route53", "GET", "https://route53.amazonaws.com/2013-04-01/hostedzone?maxitems=100&marker=Z1D633PJN98FT9", [], b"", "us-east-1", "route53", None, WHEN),
    ("unicode-body", "POST", "https://logs.eu-central-1.amazonaws.com/", [("Content-Type", JSON_11), ("X-Amz-Target", "Logs_20140328.PutLogEvents")], "{\"message\":\"caf\u00e9 \u2603 \U0001F680\"}".encode("utf-8"), "eu-central-1", "logs", None, WHEN),
    ("binary-body", "PUT", "https://example.amazonaws.com/blob", [("Content-Type", "application/octet-stream")], bytes(range(256)), "us-east-1", "service", None, WHEN),
    ("other-day", "GET", "https://monitoring.eu-west-3.amazonaws.com/?Action=ListMetrics&Version=2010-08-01", [], b"", "eu-west-3", "monitoring", None, datetime.datetime(2026, 2, 28, 23, 59, 59)),
    ("leap-day", "GET", "https://ecs.us-east-2.amazonaws.com/", [], b"", "us-east-2", "ecs", TOKEN, datetime.datetime(2024, 2, 29, 0, 0, 1)),
]


def vector(name, method, url, headers, body, region, service, token, when):
    request = AWSRequest(method=method, url=url, data=body)
    for header, value in headers:
        # AWSRequest's headers are an email.message.Message: assignment appends, so repeated
        # names are kept, as the Swift request keeps them.
        request.headers[header] = value
    auth = SigV4Auth(Credentials(KEY, SECRET, token), service, region)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        auth.add_auth(request)
    authorization = request.headers["Authorization"]
    # Recompute what was signed, without the Authorization header that signing added.
    del request.headers["Authorization"]
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    return {
        "name": name,
        "request": {
            "method": method,
            "url": url,
            "headers": [[h, v] for h, v in headers],
            "body": base64.b64encode(body).decode(),
        },
        "accessKeyId": KEY,
        "secretAccessKey": SECRET,
        "sessionToken": token,
        "region": region,
        "service": service,
        "time": when.strftime("%Y%m%dT%H%M%SZ"),
        "expected": {
            "canonicalRequest": canonical,
            "stringToSign": string_to_sign,
            "authorization": authorization,
            "addedHeaders": [[h, v] for h, v in request.headers.items() if h.lower() in ("x-amz-date", "x-amz-security-token")],
        },
    }


def main():
    document = {
        "generator": "scripts/generate-sigv4-vectors.py",
        "botocore": botocore.__version__,
        "vectors": [vector(*case) for case in CASES],
    }
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
