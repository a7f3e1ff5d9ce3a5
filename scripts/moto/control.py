"""The test's hand on ECS service deployments: `/__cygni__/ecs/...` on moto's port, unsigned
(like `/moto-api/`), JSON in and out. Each service has its own clock, so tests running side by
side on one moto never move each other's deployments.

    GET  /__cygni__/ecs/service?region=R&cluster=C&service=S      the service's clock and deployments
    POST /__cygni__/ecs/advance       {"region", "cluster", "service", "seconds"}
    POST /__cygni__/ecs/fail-tasks    {"region", "cluster", "service", "count"}   circuit breaker failures
    POST /__cygni__/ecs/stage-seconds {"region", "cluster", "service", "seconds"} for deployments started later

Every answer is the service as GET shows it: {"now": epoch seconds, "stageSeconds", "deployments":
[DescribeServiceDeployments' documents, newest first, timestamps as epoch seconds]}. An optional
"account" picks another moto account. Bad input answers 400, an unknown service 404, both with
{"error": "..."}.
"""
import datetime
import json
import urllib.parse

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.exceptions import ServiceException
from moto.ecs.models import ecs_backends

import ecs_extension

PREFIX = "/__cygni__/"


class BadRequest(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class ControlEndpoint:
    """WSGI middleware in front of moto: its own paths, everything else to moto unchanged."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return self.app(environ, start_response)
        try:
            status, body = 200, self._route(environ, path[len(PREFIX):])
        except BadRequest as error:
            status, body = error.status, {"error": str(error)}
        data = json.dumps(body, default=_epoch, sort_keys=True).encode()
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}[status]
        start_response(f"{status} {reason}", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    def _route(self, environ, route):
        method = environ.get("REQUEST_METHOD", "GET")
        if route == "ecs/service":
            if method != "GET":
                raise BadRequest(405, "GET only")
            fields = {key: values[-1] for key, values in urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).items()}
            return self._with_record(fields, lambda record: None)
        actions = {
            "ecs/advance": ("seconds", lambda record, value: record.clock.advance(value)),
            "ecs/fail-tasks": ("count", _fail_tasks),
            "ecs/stage-seconds": ("seconds", _set_stage_seconds),
        }
        if route not in actions:
            raise BadRequest(404, f"no control endpoint {PREFIX}{route}; there are {PREFIX}ecs/service, " + ", ".join(PREFIX + name for name in actions))
        if method != "POST":
            raise BadRequest(405, "POST only")
        fields = _json_body(environ)
        name, act = actions[route]
        value = fields.get(name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise BadRequest(400, f"{name} must be a number of at least 0, not {json.dumps(value)}")
        return self._with_record(fields, lambda record: act(record, value))

    def _with_record(self, fields, act):
        for name in ("region", "cluster", "service"):
            if not isinstance(fields.get(name), str) or not fields[name]:
                raise BadRequest(400, f"{name} is required (a name)")
        account = fields.get("account") or DEFAULT_ACCOUNT_ID
        backend = ecs_backends[account][fields["region"]]
        with ecs_extension.LOCK:
            try:
                service = backend._get_service(fields["cluster"], fields["service"])
            except ServiceException as error:
                raise BadRequest(404, f"{fields['cluster']}/{fields['service']} in {fields['region']}: {error.message}")
            record = ecs_extension.record_of(backend, service)
            act(record)
            record.settle()
            return {
                "now": record.clock.now(),
                "stageSeconds": record.stage_seconds,
                "deployments": [deployment.document() for deployment in reversed(record.deployments)],
            }


def _fail_tasks(record, count):
    active = [deployment for deployment in record.deployments if deployment.is_active]
    if not active:
        raise BadRequest(400, "the service has no deployment under way whose tasks could fail")
    active[-1].fail_tasks(int(count))


def _set_stage_seconds(record, seconds):
    record.stage_seconds = seconds


def _json_body(environ):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        fields = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except (ValueError, json.JSONDecodeError) as error:
        raise BadRequest(400, f"the body is not JSON: {error}")
    if not isinstance(fields, dict):
        raise BadRequest(400, "the body must be a JSON object")
    return fields


def _epoch(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=datetime.timezone.utc).timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON")
