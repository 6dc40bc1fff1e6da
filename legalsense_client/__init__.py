"""Client of the LegalSense REST API v3, free of Odoo (stdlib and requests only)."""

from .auth import Credentials, MemoryTokenStore
from .client import MAX_PAGE_SIZE, LegalSenseClient
from .debug_log import DebugLog, cleanup_log_directory
from .exceptions import (
    AlreadyLinkedError,
    AuthenticationError,
    CannotCloseError,
    ConnectionFailedError,
    DuplicateNameError,
    InvalidError,
    LegalSenseError,
    MainDebtorError,
    MalformedResponseError,
    MethodNotAllowedError,
    NotDebtorError,
    NotFoundError,
    RequiredError,
    ResponseLostError,
    ServerError,
    ThrottledError,
    TokenRefusedError,
    TransientError,
    ValidationError,
    error_from_response,
)
from .retry import RetryPolicy
from .urls import normalize_base_url, site_url
from .versions import (
    ADDRESS_DELETE_FROM,
    CLIENT_PARENT_AFTER,
    MATTER_DATE_AFTER,
    USER_OFFICES_AFTER,
    Version,
    supports_address_delete,
    supports_client_parent,
    supports_matter_date,
    supports_user_offices,
)
