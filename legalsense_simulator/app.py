"""The WSGI application: routing, authentication, the API handlers and their errors."""

import json
import logging
import socket
import time

from werkzeug.wrappers import Request, Response

from . import errors, hooks, listing
from .errors import ApiError, LostResponse
from .faults import API_PREFIX
from .schema import RESOURCES, item_methods

_logger = logging.getLogger(__name__)

WRITE_METHODS = ("POST", "PUT", "PATCH")
MALFORMED = object()


class Route:
    """What a path under ``/api/v3/`` names: token, version, a collection or an item."""

    def __init__(self, kind, resource=None, ident=None):
        self.kind = kind
        self.resource = resource
        self.ident = ident

    def methods(self, version):
        if self.kind == "token":
            return ("POST",)
        if self.kind == "version":
            return ("GET",)
        definition = RESOURCES[self.resource]
        if self.kind == "collection":
            return definition.collection_methods
        return item_methods(definition, version)


def resolve(path):
    """The route of a request path (one trailing slash accepted), or None."""
    if not path.startswith(API_PREFIX):
        return None
    rest = path[len(API_PREFIX) :]
    rest = rest.removesuffix("/")
    parts = rest.split("/")
    if parts in (["token"], ["version"]):
        return Route(parts[0])
    if parts[0] not in RESOURCES or len(parts) > 2:
        return None
    if len(parts) == 1:
        return Route("collection", parts[0])
    return Route("item", parts[0], parts[1])


def json_response(data, status=200, headers=None):
    body = json.dumps(data, ensure_ascii=False)
    return Response(body, status, headers=headers, content_type="application/json")


def error_response(error):
    return json_response(error.body(), error.status, error.headers)


def read_json(request):
    """The parsed body, None when there is none, ``MALFORMED`` when it is not JSON."""
    data = request.get_data(cache=True)
    if not data.strip():
        return None
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        return MALFORMED


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


class Application:
    """The simulated LegalSense server as a WSGI callable."""

    def __init__(self, simulator):
        self.simulator = simulator

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path.startswith(hooks.PREFIX):
            response = hooks.handle(self.simulator, request)
        elif request.path.startswith(API_PREFIX):
            response = self.api_call(request)
        else:
            response = error_response(errors.not_found())
        return response(environ, start_response)

    def api_call(self, request):
        """One logged API call, with the injected fault that matches it, if any."""
        body = read_json(request)
        fault = self.simulator.faults.take(request.method, request.path)
        if fault and fault.latency:
            time.sleep(fault.latency)
        if fault and fault.status:
            response = fault_response(fault)
        else:
            response = self.answer(request, body)
        self.simulator.log_request(request, body, response.status_code)
        if fault and fault.lost_response:
            _drop_connection(request.environ)
            raise LostResponse("The response to this request was lost on purpose.")
        return response

    def answer(self, request, body):
        try:
            return self.dispatch(request, body)
        except ApiError as error:
            return error_response(error)
        except Exception as error:  # the server's own fault, reported as the API does
            _logger.exception("Simulator error on %s %s", request.method, request.path)
            return error_response(
                ApiError(500, "server_error", f"A server error occurred: {error}")
            )

    def dispatch(self, request, body):
        route = resolve(request.path)
        if route is None:
            raise errors.not_found()
        simulator = self.simulator
        allowed = route.methods(simulator.store.version)
        if route.kind != "token":
            simulator.tokens.check(request.headers.get("Authorization"))
        if request.method not in allowed:
            raise errors.method_not_allowed(request.method, allowed)
        if request.method in WRITE_METHODS and (body is MALFORMED or body is None):
            raise errors.invalid(None, "Malformed JSON.")
        handler = getattr(self, f"_{route.kind}_{request.method.lower()}")
        return handler(request, route, body)

    # ------------------------------------------------------------ handlers

    def _token_post(self, request, route, body):
        if not isinstance(body, dict):
            raise errors.invalid(None, "The request body must be a JSON object.")
        return json_response(self.simulator.tokens.login(body))

    def _version_get(self, request, route, body):
        return json_response({"version": self.simulator.store.version})

    def _collection_get(self, request, route, body):
        store = self.simulator.store
        definition = RESOURCES[route.resource]
        filters = listing.reference_filters(definition, request.args)
        with store.lock:
            records = store.find(route.resource, **filters)
            if "modified_date__gte" in definition.filters:
                records = listing.modified_since(records, request.args)
            base_url = (
                request.base_url[:-1]
                if request.path.endswith("/")
                else request.base_url
            )
            page = listing.page_of(
                records,
                request.args,
                base_url,
                lambda record: store.render(route.resource, record),
            )
        return json_response(page)

    def _collection_post(self, request, route, body):
        return json_response(self.simulator.store.create(route.resource, body), 201)

    def _item_get(self, request, route, body):
        return json_response(self.simulator.store.get(route.resource, _ident(route)))

    def _item_put(self, request, route, body):
        store = self.simulator.store
        return json_response(store.update(route.resource, _ident(route), body))

    def _item_patch(self, request, route, body):
        store = self.simulator.store
        return json_response(
            store.update(route.resource, _ident(route), body, partial=True)
        )

    def _item_delete(self, request, route, body):
        self.simulator.store.delete(route.resource, _ident(route))
        return Response(status=204)


def _ident(route):
    """The id in the path; one that is not a positive integer names nothing (404)."""
    if not route.ident.isdigit() or int(route.ident) < 1:
        raise errors.not_found()
    return int(route.ident)


DEFAULT_FAULT_ERRORS = {
    400: ("invalid", "Bad request."),
    401: ("token_invalid", "The token is invalid or expired."),
    404: ("not_found", "Not found."),
    429: ("throttled", "Request was throttled."),
}


def fault_response(fault):
    """The answer of an injected error: the given body, or the contract's error body."""
    headers = {}
    if fault.retry_after is not None or fault.status == 429:
        headers["Retry-After"] = str(fault.retry_after or 0)
    if isinstance(fault.body, str):
        return Response(
            fault.body, fault.status, headers=headers, content_type="text/html"
        )
    if fault.body is not None:
        return json_response(fault.body, fault.status, headers)
    code, detail = DEFAULT_FAULT_ERRORS.get(
        fault.status, ("server_error", "A server error occurred.")
    )
    return json_response(
        {"detail": detail, "code": code, "field": None}, fault.status, headers
    )


def _drop_connection(environ):
    """Close the client's connection so that no response reaches it."""
    connection = environ.get("werkzeug.socket")
    if connection is None:
        return
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
