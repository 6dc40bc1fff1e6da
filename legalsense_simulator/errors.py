"""The error answer of the LegalSense API: ``{"detail", "code", "field"}``."""


class ApiError(Exception):
    """An error the API answers with; raised anywhere, rendered by the app."""

    def __init__(self, status, code, detail, field=None, headers=None, **extra):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = headers or {}
        self.extra = extra

    def body(self):
        """The JSON body of the error response."""
        return {
            "detail": self.detail,
            "code": self.code,
            "field": self.field,
            **self.extra,
        }


def required(field):
    return ApiError(400, "required", "This field is required.", field)


def invalid(field, detail="This value is not valid."):
    return ApiError(400, "invalid", detail, field)


def not_found(detail="Not found."):
    return ApiError(404, "not_found", detail)


def method_not_allowed(method, allowed):
    return ApiError(
        405,
        "method_not_allowed",
        f'Method "{method}" not allowed.',
        headers={"Allow": ", ".join(allowed)},
    )


class LostResponse(ConnectionError):
    """Raised after a committed write whose response must never reach the client."""
