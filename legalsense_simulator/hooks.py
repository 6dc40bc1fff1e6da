"""Test hooks under ``/_simulator/``: no authentication, JSON, never logged."""

import json

from werkzeug.wrappers import Response

from .errors import ApiError

PREFIX = "/_simulator/"


def _json(data, status=200):
    return Response(
        json.dumps(data, ensure_ascii=False), status, content_type="application/json"
    )


def _no_content():
    return Response(status=204)


def _body(request):
    data = request.get_data(cache=True)
    if not data.strip():
        return {}
    try:
        body = json.loads(data)
    except ValueError:
        raise ApiError(400, "invalid", "Malformed JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid", "The request body must be a JSON object.")
    return body


def _requests(simulator, request):
    if request.method == "DELETE":
        simulator.clear_requests()
        return _no_content()
    return _json(simulator.requests)


def _fixtures(simulator, request):
    body = _body(request)
    simulator.load_fixture(body)
    return _json({name: len(records) for name, records in body.items()})


def _state(simulator, request):
    return _json(simulator.dump_state())


def _faults(simulator, request):
    if request.method == "DELETE":
        simulator.clear_faults()
        return _no_content()
    if request.method == "GET":
        return _json(simulator.faults.pending())
    body = {"method": "*", **_body(request)}
    if "path" not in body:
        raise ApiError(400, "required", "A fault needs a path.", "path")
    return _json(simulator.add_fault(**body).as_dict(), 201)


def _version(simulator, request):
    if request.method == "PUT":
        simulator.set_version(_body(request).get("version"))
    return _json({"version": simulator.version})


def _expire_tokens(simulator, request):
    simulator.expire_tokens()
    return _no_content()


def _refuse_close(simulator, request):
    body = _body(request)
    matter = body.get("matter")
    if not isinstance(matter, int):
        raise ApiError(400, "required", "Name the matter id.", "matter")
    if "detail" in body and body["detail"] is None:
        simulator.allow_close(matter)
    else:
        simulator.refuse_close(
            matter, **({"detail": body["detail"]} if "detail" in body else {})
        )
    return _no_content()


def _generate(simulator, request):
    return _json(simulator.generate(**_body(request)))


def _reset(simulator, request):
    simulator.reset()
    return _no_content()


HOOKS = {
    "requests": (("GET", "DELETE"), _requests),
    "fixtures": (("POST",), _fixtures),
    "state": (("GET",), _state),
    "faults": (("GET", "POST", "DELETE"), _faults),
    "version": (("GET", "PUT"), _version),
    "expire_tokens": (("POST",), _expire_tokens),
    "refuse_close": (("POST",), _refuse_close),
    "generate": (("POST",), _generate),
    "reset": (("POST",), _reset),
}


def handle(simulator, request):
    """Answer one hook request."""
    name = request.path[len(PREFIX) :].rstrip("/")
    if name not in HOOKS:
        return _json(
            {"detail": "Unknown hook.", "code": "not_found", "field": None}, 404
        )
    methods, hook = HOOKS[name]
    if request.method not in methods:
        body = {
            "detail": "Method not allowed.",
            "code": "method_not_allowed",
            "field": None,
        }
        response = _json(body, 405)
        response.headers["Allow"] = ", ".join(methods)
        return response
    try:
        return hook(simulator, request)
    except ApiError as error:
        return _json(error.body(), error.status)
    except (TypeError, ValueError) as error:
        return _json({"detail": str(error), "code": "invalid", "field": None}, 400)
