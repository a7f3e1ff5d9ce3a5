"""Cost Explorer answers that only the test that set them can receive.

moto's own `/moto-api/static/ce/cost-and-usage-results` is one queue per account: the next
GetCostAndUsage with a body moto has not seen takes the head of it. With consoles of other tests
reading the same account's cost at the same moment, a test's answer can go to a stranger. Here a
test registers an answer together with a part of the request it expects (its TimePeriod, its
GroupBy); only a request containing that part receives it. Like moto, an answer is bound to the
first body it is given for, and that body keeps receiving it. Requests no registration matches go
to moto unchanged.
"""
import json
import threading

from moto.ce.responses import CostExplorerResponse

_LOCK = threading.Lock()
_ANSWERS = []  # [{"match": dict, "result": dict, "body": str | None}]


def register(match, result):
    with _LOCK:
        _ANSWERS.append({"match": match, "result": result, "body": None})


def contains(whole, part):
    """True when every field of `part` is in `whole` with the same value (objects compared field by
    field, everything else by equality)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(key in whole and contains(whole[key], value) for key, value in part.items())
    return whole == part


def _answer(body):
    try:
        request = json.loads(body or "{}")
    except json.JSONDecodeError:
        return None
    with _LOCK:
        for answer in _ANSWERS:
            if answer["body"] == body:
                return answer["result"]
        for answer in _ANSWERS:
            if answer["body"] is None and contains(request, answer["match"]):
                answer["body"] = body
                return answer["result"]
    return None


def install():
    responder = CostExplorerResponse
    if getattr(responder, "_cygni_installed", False):
        return
    moto_answer = responder.get_cost_and_usage

    def get_cost_and_usage(self):
        result = _answer(self.body)
        return moto_answer(self) if result is None else json.dumps(result)

    responder.get_cost_and_usage = get_cost_and_usage
    responder._cygni_installed = True
