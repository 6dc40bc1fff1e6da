"""Shared values and small builders for the client's tests."""

SITE = "https://ls.example"
API = SITE + "/api/v3/"
USERNAME = "api-user"
PASSWORD = "pw-Sup3r-s3cret"
CLIENT_IDENTIFIER = "integration-01"
CLIENT_TOKEN = "ct-0f3c9a77e1"
BEARER_TOKEN = "pre-issued-7d1e"


def token_answer(token):
    return {"access_token": token, "token_type": "Bearer", "expires_in": 3600}


def error_body(code, detail="Something is wrong.", field=None, **extra):
    return {"detail": detail, "code": code, "field": field, **extra}


def page_body(results, next_url=None, count=None):
    return {
        "count": len(results) if count is None else count,
        "next": next_url,
        "previous": None,
        "results": results,
    }


def calls_to(mock, method, path):
    """The recorded calls with this method whose URL path is ``/api/v3/<path>``."""
    wanted = "/api/v3/" + path
    return [
        call
        for call in mock.calls
        if call.request.method == method
        and call.request.path_url.split("?")[0] == wanted
    ]
